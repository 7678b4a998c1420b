//! Located errors and warnings, collected over a whole run and printed together.
//!
//! Every stage reports problems as a [`Diagnostic`] with the file, line and
//! column of the value at fault. The collector keeps them all, so one run shows
//! every mistake, and renders them like a compiler (codespan-reporting) or as
//! JSON for editors and CI.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor::Buffer};
use serde::Serialize;

/// Severity of a finding: an error fails the run, a warning does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// A 1-based line and column in a source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Position {
    pub fn new(line: usize, column: usize) -> Self {
        Position { line, column }
    }
}

/// One finding: what is wrong, where, and how to fix it.
#[derive(Debug, Clone, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable identifier of the kind of finding, for example `unknown-reference`.
    pub code: &'static str,
    /// Path of the file, relative to the site root where possible.
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    /// Length in characters of the marked span; 0 marks a single point.
    pub length: usize,
    pub message: String,
    pub help: Option<String>,
}

impl Diagnostic {
    /// Creates an error at `pos` in `file`.
    pub fn error(code: &'static str, file: &Path, pos: Position, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            file: file.to_path_buf(),
            line: pos.line.max(1),
            column: pos.column.max(1),
            length: 0,
            message: message.into(),
            help: None,
        }
    }

    /// Creates a warning at `pos` in `file`.
    pub fn warning(code: &'static str, file: &Path, pos: Position, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, file, pos, message)
        }
    }

    /// Adds advice on how to fix the problem.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Marks `length` characters from the position instead of a single point.
    pub fn with_length(mut self, length: usize) -> Self {
        self.length = length;
        self
    }
}

/// Thread-safe collector of diagnostics for one run.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Mutex<Vec<Diagnostic>>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&self, diagnostic: Diagnostic) {
        self.items.lock().expect("diagnostics lock poisoned").push(diagnostic);
    }

    pub fn extend(&self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        let mut items = self.items.lock().expect("diagnostics lock poisoned");
        items.extend(diagnostics);
    }

    /// Returns true when at least one error (not a warning) was reported.
    pub fn has_errors(&self) -> bool {
        self.count(Severity::Error) > 0
    }

    pub fn count(&self, severity: Severity) -> usize {
        let items = self.items.lock().expect("diagnostics lock poisoned");
        items.iter().filter(|d| d.severity == severity).count()
    }

    /// Returns all findings sorted by file, line and column.
    pub fn sorted(&self) -> Vec<Diagnostic> {
        let mut items = self.items.lock().expect("diagnostics lock poisoned").clone();
        items.sort_by(|a, b| {
            (&a.file, a.line, a.column, &a.message).cmp(&(&b.file, b.line, b.column, &b.message))
        });
        items.dedup_by(|a, b| a.file == b.file && a.line == b.line && a.column == b.column && a.message == b.message);
        items
    }
}

/// Renders findings as compiler-style text with the source line and the span marked.
///
/// `root` is the folder that relative paths in the findings are read from.
pub fn render_text(diagnostics: &[Diagnostic], root: &Path, color: bool) -> String {
    render_text_masked(diagnostics, &[], root, color)
}

/// Renders findings like [`render_text`], but shows `*` in place of the
/// marked span of each finding in `masks`, so that the report does not repeat
/// a value such as a citizen service number. `masks` may hold findings that
/// are not rendered, such as a second one on a line that sorting merged.
pub fn render_text_masked(
    diagnostics: &[Diagnostic],
    masks: &[Diagnostic],
    root: &Path,
    color: bool,
) -> String {
    let mut files = SimpleFiles::new();
    let mut ids: HashMap<PathBuf, usize> = HashMap::new();
    let mut buffer = if color { Buffer::ansi() } else { Buffer::no_color() };
    let config = term::Config::default();

    for diagnostic in diagnostics {
        let id = *ids.entry(diagnostic.file.clone()).or_insert_with(|| {
            let full = root.join(&diagnostic.file);
            // A file over the size limit is not shown; reading it would make
            // the report as slow as the load that rejected it.
            let size = std::fs::metadata(&full).map(|m| m.len()).unwrap_or(0);
            let bytes = if size <= crate::content::source::MAX_FILE_BYTES {
                std::fs::read(&full).unwrap_or_default()
            } else {
                Vec::new()
            };
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let masked = masks.iter().filter(|d| d.file == diagnostic.file);
            files.add(diagnostic.file.display().to_string(), mask_spans(text, masked))
        });
        let source = files.get(id).map(|f| f.source().clone()).unwrap_or_default();
        let range = byte_range(&source, diagnostic.line, diagnostic.column, diagnostic.length);

        let base = match diagnostic.severity {
            Severity::Error => CsDiagnostic::error(),
            Severity::Warning => CsDiagnostic::warning(),
        };
        let mut notes = Vec::new();
        // A file that cannot be read (such as an output page) has no snippet
        // to show, so its place goes into a note instead.
        let labels = if source.is_empty() {
            notes.push(format!("in {}:{}:{}", diagnostic.file.display(), diagnostic.line, diagnostic.column));
            Vec::new()
        } else {
            vec![Label::primary(id, range)]
        };
        if let Some(help) = &diagnostic.help {
            notes.push(format!("help: {help}"));
        }
        let rendered = base
            .with_code(diagnostic.code)
            .with_message(&diagnostic.message)
            .with_labels(labels)
            .with_notes(notes);
        // Writing into an in-memory buffer cannot fail except on a broken
        // span, and the span is clamped to the source above.
        let _ = term::emit_to_write_style(&mut buffer, &config, &files, &rendered);
    }
    String::from_utf8_lossy(buffer.as_slice()).into_owned()
}

/// Replaces the characters of each diagnostic's marked span in `text` with `*`,
/// keeping the number of characters so that later columns stay valid.
fn mask_spans<'a>(text: String, spans: impl Iterator<Item = &'a Diagnostic>) -> String {
    let mut spans = spans.peekable();
    if spans.peek().is_none() {
        return text;
    }
    let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_string).collect();
    for span in spans {
        let Some(line) = lines.get_mut(span.line.saturating_sub(1)) else { continue };
        let start = span.column.saturating_sub(1);
        let end = start + span.length;
        *line = line
            .chars()
            .enumerate()
            .map(|(i, c)| if (start..end).contains(&i) && c != '\n' && c != '\r' { '*' } else { c })
            .collect();
    }
    lines.concat()
}

/// Renders findings as a JSON array with stable field names.
pub fn render_json(diagnostics: &[Diagnostic]) -> String {
    serde_json::to_string_pretty(diagnostics).unwrap_or_else(|_| "[]".to_string())
}

/// Converts a 1-based line and column (in characters) to a byte range in `source`.
fn byte_range(source: &str, line: usize, column: usize, length: usize) -> std::ops::Range<usize> {
    let mut offset = 0;
    for (index, text) in source.split_inclusive('\n').enumerate() {
        if index + 1 == line {
            let content = text.trim_end_matches(['\n', '\r']);
            let start = char_offset(content, column.saturating_sub(1));
            let end = char_offset(content, column.saturating_sub(1) + length);
            return offset + start..offset + end.max(start);
        }
        offset += text.len();
    }
    source.len()..source.len()
}

fn char_offset(text: &str, chars: usize) -> usize {
    text.char_indices().nth(chars).map(|(i, _)| i).unwrap_or(text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_range_finds_line_and_column() {
        let source = "a: 1\nbé: twee\n";
        assert_eq!(byte_range(source, 2, 5, 4), 10..14);
    }

    #[test]
    fn byte_range_clamps_past_end() {
        assert_eq!(byte_range("x\n", 9, 1, 1), 2..2);
    }

    #[test]
    fn masked_span_is_hidden() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "BSN é 270815363 hier\n").unwrap();
        let finding = Diagnostic::error("x", Path::new("a.md"), Position::new(1, 7), "m").with_length(9);
        let findings = [finding];
        let text = render_text_masked(&findings, &findings, dir.path(), false);
        assert!(text.contains("BSN é ********* hier"), "{text}");
        assert!(!text.contains("270815363"), "{text}");
    }

    #[test]
    fn sorted_orders_by_place() {
        let diagnostics = Diagnostics::new();
        let file = Path::new("b.yaml");
        diagnostics.push(Diagnostic::error("x", file, Position::new(3, 1), "late"));
        diagnostics.push(Diagnostic::error("x", file, Position::new(1, 1), "early"));
        let sorted = diagnostics.sorted();
        assert_eq!(sorted[0].message, "early");
        assert!(diagnostics.has_errors());
    }
}
