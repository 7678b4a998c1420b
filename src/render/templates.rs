//! The tera engine: loading a theme's templates and rendering one page.

use std::path::Path;

use tera::Tera;

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
