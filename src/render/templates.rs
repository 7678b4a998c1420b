//! The tera engine: loading a theme's templates and rendering one page.

use std::collections::HashSet;
use std::path::Path;

use regex::Regex;
use tera::Tera;
use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, Position};

/// Loads every `*.html` template under `templates/` of the theme folder.
///
/// Autoescaping is on for all of them: values are escaped unless a template
/// marks a value `safe`, which the theme does only for HTML the build made.
pub fn load_templates(theme_dir: &Path, site_root: &Path) -> Result<Tera, Diagnostic> {
    let dir = theme_dir.join("templates");
    let relative = dir.strip_prefix(site_root).unwrap_or(&dir).to_path_buf();
    if !dir.is_dir() {
        return Err(Diagnostic::error("missing-theme", &relative, Position::new(1, 1), format!("theme templates not found in {}", dir.display()))
            .with_help("check `theme:` in baken.yaml; the theme needs a templates/ folder"));
    }
    let glob = format!("{}/**/*.html", dir.display());
    let mut tera = Tera::new(&glob).map_err(|err| {
        Diagnostic::error("template", &relative, Position::new(1, 1), format!("invalid template: {}", error_chain(&err)))
            .with_help("fix the tera syntax at the place the message names")
    })?;
    tera.autoescape_on(vec![".html"]);
    tera.register_filter("slugify", slugify_filter);
    Ok(tera)
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
