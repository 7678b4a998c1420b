//! Markdown files with YAML front matter: policy pages and cases.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::common::{Audience, Form};
use super::source::{parse_yaml, YamlSource};
use crate::diagnostics::{Diagnostic, Position};

/// Front matter of a policy or information page.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PageMeta {
    pub title: String,
    pub summary: String,
    #[serde(default = "default_order")]
    pub order: i64,
    pub audience: Vec<Audience>,
    #[serde(default)]
    pub signals: Vec<String>,
    #[serde(default)]
    pub partners: Vec<String>,
    /// Findings of `baken check` that are not personal data, each with a reason.
    #[serde(default)]
    pub allow_personal_data: Vec<serde_yaml::Value>,
}

fn default_order() -> i64 {
    100
}

/// Front matter of an anonymised case.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CaseMeta {
    pub title: String,
    pub summary: String,
    pub forms: Vec<Form>,
    pub signals: Vec<String>,
    #[serde(default)]
    pub partners: Vec<String>,
    pub questions: Vec<String>,
    pub outcome: String,
    /// Findings of `baken check` that are not personal data, each with a reason.
    #[serde(default)]
    pub allow_personal_data: Vec<serde_yaml::Value>,
}

/// A parsed Markdown file: its front matter, body and source positions.
#[derive(Debug, Clone)]
pub struct MarkdownFile<T> {
    pub meta: T,
    pub body: String,
    /// Line number of the first body line, for diagnostics in the body.
    pub body_line: usize,
    pub source: YamlSource,
}

/// Splits `text` into front matter and body and parses the front matter as `T`.
pub fn parse_markdown<T: serde::de::DeserializeOwned>(
    text: &str,
    path: &Path,
) -> Result<MarkdownFile<T>, Diagnostic> {
    if text.trim().is_empty() {
        return Err(Diagnostic::error("empty-file", path, Position::new(1, 1), "file is empty")
            .with_help("start the file with front matter between two `---` lines, or delete it"));
    }
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        return Err(Diagnostic::error(
            "missing-front-matter",
            path,
            Position::new(1, 1),
            "file does not start with front matter",
        )
        .with_help("start the file with a line `---`, the fields (title, summary, ...), and another line `---`"));
    }
    let mut yaml = String::new();
    let mut line_number = 1;
    for line in lines.by_ref() {
        line_number += 1;
        if line.trim_end() == "---" {
            let body: String = lines.collect();
            let (meta, source) = parse_yaml(&yaml, path, 1)?;
            return Ok(MarkdownFile { meta, body, body_line: line_number + 1, source });
        }
        yaml.push_str(line);
    }
    Err(Diagnostic::error(
        "unclosed-front-matter",
        path,
        Position::new(1, 1),
        "front matter is not closed: no second `---` line found",
    )
    .with_help("add a line with only `---` after the last front-matter field"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_body() {
        let text = "---\ntitle: T\nsummary: S\naudience: [burger]\n---\n\nTekst\n";
        let file: MarkdownFile<PageMeta> = parse_markdown(text, Path::new("a.md")).unwrap();
        assert_eq!(file.meta.title, "T");
        assert_eq!(file.body.trim(), "Tekst");
        assert_eq!(file.body_line, 6);
    }

    #[test]
    fn crlf_front_matter_is_read() {
        let text = "---\r\ntitle: T\r\nsummary: S\r\naudience: [af]\r\n---\r\nTekst\r\n";
        let file: MarkdownFile<PageMeta> = parse_markdown(text, Path::new("a.md")).unwrap();
        assert_eq!(file.meta.audience, vec![Audience::Af]);
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        let text = "---\ntitle: T\n";
        let err = parse_markdown::<PageMeta>(text, Path::new("a.md")).unwrap_err();
        assert_eq!(err.code, "unclosed-front-matter");
    }

    #[test]
    fn front_matter_errors_point_into_the_file() {
        let text = "---\ntitle: T\nsummary: S\naudience: [burger]\nkleur: rood\n---\n";
        let err = parse_markdown::<PageMeta>(text, Path::new("a.md")).unwrap_err();
        assert_eq!(err.line, 5);
    }
}
