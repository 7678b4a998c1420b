//! The site configuration in `baken.yaml`.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::content::source::{parse_yaml, read_text};
use crate::diagnostics::Diagnostic;

/// File name of the configuration at the site root.
pub const CONFIG_FILE: &str = "baken.yaml";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Site title, shown in every page header.
    pub title: String,
    /// Language tag of the content, `nl` for Dutch.
    #[serde(default = "default_language")]
    pub language: String,
    /// One-sentence description for the home page and search engines.
    #[serde(default)]
    pub description: Option<String>,
    /// Public address of the site, such as `https://mensenhandel.example.nl/`.
    /// Only used for the sitemap; all links in pages stay relative.
    #[serde(default)]
    pub base_url: Option<String>,
    /// Output folder, relative to the site root.
    #[serde(default = "default_output")]
    pub output_dir: PathBuf,
    /// Theme folder name under `themes/`.
    #[serde(default = "default_theme")]
    pub theme: String,
    /// Age in months after which `baken check` warns that a partner's facts need checking.
    #[serde(default = "default_freshness")]
    pub freshness_months: u32,
}

fn default_language() -> String {
    "nl".to_string()
}

fn default_output() -> PathBuf {
    PathBuf::from("public")
}

fn default_theme() -> String {
    "default".to_string()
}

fn default_freshness() -> u32 {
    12
}

/// Reads and parses `baken.yaml` in `root`.
pub fn load_config(root: &Path) -> Result<Config, Diagnostic> {
    let text = read_text(root, Path::new(CONFIG_FILE))?;
    let (config, _) = parse_yaml::<Config>(&text, Path::new(CONFIG_FILE), 0)?;
    Ok(config)
}
