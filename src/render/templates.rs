//! The tera engine: loading a theme's templates and rendering one page.

use std::collections::HashSet;
use std::path::Path;

use regex::Regex;
use tera::Tera;
use tracing::info;
use walkdir::WalkDir;

use super::compact::compact_template;
use crate::diagnostics::{Diagnostic, Position};

/// The templates of a theme, ready to render.
pub struct Templates {
    pub tera: Tera,
    /// True when every template was minified as it was loaded, so a
    /// rendered page needs no minifying.
    pub compacted: bool,
}

/// Loads every `*.html` template under `templates/` of the theme folder and
/// minifies the templates where that is safe (see [`super::compact`]).
///
/// Autoescaping is on for all of them: values are escaped unless a template
/// marks a value `safe`, which the theme does only for HTML the build made.
pub fn load_templates(theme_dir: &Path, site_root: &Path) -> Result<Templates, Diagnostic> {
    let tera = load_sources(theme_dir, site_root)?;
    let dir = theme_dir.join("templates");
    match compacted_sources(&dir, site_root) {
        Ok(sources) => {
            let mut compacted = Tera::default();
            match compacted.add_raw_templates(sources) {
                Ok(()) => return Ok(Templates { tera: configure(compacted), compacted: true }),
                Err(err) => info!("the minified templates do not load ({}); pages are minified after rendering instead", error_chain(&err)),
            }
        }
        Err(reason) => info!("{reason}; pages are minified after rendering, which takes longer"),
    }
    Ok(Templates { tera, compacted: false })
}

/// Loads the templates as they are written, without minifying them; pages
/// rendered with them are minified after rendering.
pub fn load_templates_as_written(theme_dir: &Path, site_root: &Path) -> Result<Templates, Diagnostic> {
    Ok(Templates { tera: load_sources(theme_dir, site_root)?, compacted: false })
}

/// Reads and minifies every template under `dir`, named as tera names them.
/// Returns why when one of them cannot be minified.
fn compacted_sources(dir: &Path, site_root: &Path) -> Result<Vec<(String, String)>, String> {
    let mut sources = Vec::new();
    for entry in WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|err| format!("reading the templates failed: {err}"))?;
        if !entry.file_type().is_file() || entry.path().extension().is_none_or(|ext| ext != "html") {
            continue;
        }
        let path = entry.path();
        let relative = path.strip_prefix(site_root).unwrap_or(path).display().to_string();
        let text = std::fs::read_to_string(path).map_err(|err| format!("reading {relative} failed: {err}"))?;
        let compact = compact_template(&text).map_err(|reason| format!("{relative} is not minified as it loads: {reason}"))?;
        let name = path.strip_prefix(dir).unwrap_or(path).to_string_lossy().replace('\\', "/");
        sources.push((name, compact));
    }
    Ok(sources)
}

/// Loads the templates as they are written, so that syntax errors name the
/// line of the file.
fn load_sources(theme_dir: &Path, site_root: &Path) -> Result<Tera, Diagnostic> {
    let dir = theme_dir.join("templates");
    let relative = dir.strip_prefix(site_root).unwrap_or(&dir).to_path_buf();
    if !dir.is_dir() {
        return Err(Diagnostic::error("missing-theme", &relative, Position::new(1, 1), format!("theme templates not found in {}", dir.display()))
            .with_help("check `theme:` in baken.yaml; the theme needs a templates/ folder"));
    }
    let glob = format!("{}/**/*.html", dir.display());
    let tera = Tera::new(&glob).map_err(|err| {
        Diagnostic::error("template", &relative, Position::new(1, 1), format!("invalid template: {}", error_chain(&err)))
            .with_help("fix the tera syntax at the place the message names")
    })?;
    Ok(configure(tera))
}

fn configure(mut tera: Tera) -> Tera {
    tera.autoescape_on(vec![".html"]);
    tera.set_escape_fn(escape_html);
    tera.register_filter("slugify", slugify_filter);
    tera
}

/// Escapes the characters that end text or a quoted attribute value. Unlike
/// tera's own escaping it leaves `/` as it is, so paths in links stay readable.
pub fn escape_html(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() + text.len() / 8);
    let mut done = 0;
    for (i, b) in text.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        escaped.push_str(&text[done..i]);
        escaped.push_str(entity);
        done = i + 1;
    }
    escaped.push_str(&text[done..]);
    escaped
}

/// Returns the keys that the templates under `dir` look up in the context
/// variable `name`, written as `name["key"]`, `name['key']` or `name.key`.
///
/// Returns None when a template uses the name in any other way, such as a
/// computed key or a loop over it, or when a template cannot be read: the
/// caller must then provide every key.
pub fn referenced_keys(dir: &Path, name: &str) -> Option<HashSet<String>> {
    let word = Regex::new(&format!(r"\b{}\b", regex::escape(name))).ok()?;
    let lookup = Regex::new(&format!(r#"\b{}(?:\[\s*"([^"]*)"\s*\]|\[\s*'([^']*)'\s*\]|\.([A-Za-z_][A-Za-z0-9_]*))"#, regex::escape(name))).ok()?;
    let mut keys = HashSet::new();
    for entry in WalkDir::new(dir) {
        let entry = entry.ok()?;
        // Tera loads only the `.html` files of the folder.
        if !entry.file_type().is_file() || entry.path().extension().is_none_or(|ext| ext != "html") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).ok()?;
        let mut lookups = 0;
        for caps in lookup.captures_iter(&text) {
            let key = caps.get(1).or(caps.get(2)).or(caps.get(3)).map(|m| m.as_str()).unwrap_or_default();
            keys.insert(key.to_string());
            lookups += 1;
        }
        if word.find_iter(&text).count() != lookups {
            return None;
        }
    }
    Some(keys)
}

/// Joins an error and its causes into one line.
pub fn error_chain(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// The `slugify` filter: the same ids the Markdown renderer gives headings.
fn slugify_filter(value: &tera::Value, _: &std::collections::HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
    let text = tera::try_get_value!("slugify", "value", String, value);
    Ok(tera::Value::String(super::markdown::slugify(&text)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn referenced_keys_lists_literal_lookups() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.html"), r#"{% if has["meldroute"] %}x{% endif %}{{ has.kaart }}{% if has['waar-melden'] %}{% endif %}"#).unwrap();
        let keys = referenced_keys(dir.path(), "has").unwrap();
        let expected: HashSet<String> = ["meldroute", "kaart", "waar-melden"].iter().map(|k| k.to_string()).collect();
        assert_eq!(keys, expected);
    }

    #[test]
    fn referenced_keys_gives_up_on_computed_lookups() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.html"), r#"{% if has["meldroute"] %}{% endif %}{% for key, value in has %}{% endfor %}"#).unwrap();
        assert_eq!(referenced_keys(dir.path(), "has"), None);
    }
}
