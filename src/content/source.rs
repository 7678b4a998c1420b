//! Reading source files and parsing YAML while keeping positions.
//!
//! serde_yaml reports a position only when parsing fails. Later stages also
//! need the place of a value that parsed fine, for example an id that names a
//! partner that does not exist. So each YAML text is also read once as an event
//! stream (yaml-rust2), which yields a map from a dotted path such as
//! `contacts.0.phone` to the line and column of that value.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use serde::de::DeserializeOwned;
use yaml_rust2::parser::{Event, Parser};

use crate::diagnostics::{Diagnostic, Position};

/// Largest content file Baken reads. Larger files are rejected, not parsed,
/// so one runaway file cannot exhaust memory.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// A YAML text (a data file or a front-matter block) with the positions of its values.
#[derive(Debug, Clone, Default)]
pub struct YamlSource {
    /// Path relative to the site root, used in diagnostics.
    pub path: PathBuf,
    /// Lines before the YAML text in its file, for front matter after `---`.
    pub line_offset: usize,
    /// Shared, because every item of a list file such as `gemeenten.yaml`
    /// has a copy of its file's source. A copy of the map per item would
    /// grow with the square of the list's length.
    positions: Arc<Positions>,
}

/// A YAML text and the positions of its values. Most files never need a
/// position, so the text is scanned for them when a diagnostic first needs one.
#[derive(Debug, Default)]
struct Positions {
    text: String,
    found: OnceLock<HashMap<String, Position>>,
}

impl Positions {
    fn get(&self, key: &str) -> Option<&Position> {
        // The text parsed as YAML before, so the scan does not fail; if it
        // did, diagnostics would point to the start of the text.
        self.found.get_or_init(|| scan_positions(&self.text).unwrap_or_default()).get(key)
    }
}

impl YamlSource {
    /// Returns the position of the value at the dotted `key` path, or the
    /// nearest enclosing value that has one, or the start of the text.
    pub fn position(&self, key: &str) -> Position {
        let mut key = key;
        loop {
            if let Some(pos) = self.positions.get(key) {
                return Position::new(pos.line + self.line_offset, pos.column);
            }
            match key.rfind('.') {
                Some(dot) => key = &key[..dot],
                None => {
                    return self
                        .positions
                        .get("")
                        .map(|p| Position::new(p.line + self.line_offset, p.column))
                        .unwrap_or(Position::new(self.line_offset + 1, 1));
                }
            }
        }
    }

    /// Creates an error diagnostic at the value of `key`.
    pub fn error(&self, code: &'static str, key: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(code, &self.path, self.position(key), message)
    }

    /// Creates a warning diagnostic at the value of `key`.
    pub fn warning(&self, code: &'static str, key: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::warning(code, &self.path, self.position(key), message)
    }
}

/// Reads a file as UTF-8 text, without a byte-order mark.
///
/// Errors name the file and, for invalid UTF-8, the line and column of the
/// first bad byte.
pub fn read_text(root: &Path, relative: &Path) -> Result<String, Diagnostic> {
    let full = root.join(relative);
    let start = Position::new(1, 1);
    let size = std::fs::metadata(&full)
        .map(|m| m.len())
        .map_err(|e| Diagnostic::error("io", relative, start, format!("cannot read file: {e}")))?;
    if size > MAX_FILE_BYTES {
        return Err(Diagnostic::error(
            "file-too-large",
            relative,
            start,
            format!("file is {size} bytes, more than the limit of {MAX_FILE_BYTES} bytes"),
        )
        .with_help("split the content over several files; content files are normally a few kilobytes"));
    }
    let bytes = std::fs::read(&full)
        .map_err(|e| Diagnostic::error("io", relative, start, format!("cannot read file: {e}")))?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text)),
        Err(err) => {
            let valid = &err.as_bytes()[..err.utf8_error().valid_up_to()];
            let valid = String::from_utf8_lossy(valid);
            let line = valid.matches('\n').count() + 1;
            let column = valid.rsplit('\n').next().map(|l| l.chars().count()).unwrap_or(0) + 1;
            Err(Diagnostic::error(
                "invalid-utf8",
                relative,
                Position::new(line, column),
                "file is not valid UTF-8 text",
            )
            .with_help("save the file with UTF-8 encoding in your editor"))
        }
    }
}

/// Parses `text` as YAML into `T`, recording positions for later diagnostics.
///
/// `line_offset` is the number of lines in the file before `text`.
pub fn parse_yaml<T: DeserializeOwned>(
    text: &str,
    path: &Path,
    line_offset: usize,
) -> Result<(T, YamlSource), Diagnostic> {
    if text.trim().is_empty() {
        return Err(Diagnostic::error(
            "empty-file",
            path,
            Position::new(line_offset + 1, 1),
            "file contains no YAML data",
        )
        .with_help(format!("fill in the fields described in {}, or delete the file", schema_doc(path))));
    }
    let value: T = serde_yaml::from_str(text).map_err(|err| {
        // The scanner names the place of a syntax error better than serde_yaml.
        match scan_positions(text) {
            Err((pos, message)) => {
                let pos = if message.contains("tab") { first_tab_after(text, pos) } else { pos };
                syntax_error(path, Position::new(pos.line + line_offset, pos.column), &message)
            }
            Ok(_) => serde_error(&err, path, line_offset),
        }
    })?;
    let positions = Positions { text: text.to_string(), found: OnceLock::new() };
    let source = YamlSource { path: path.to_path_buf(), line_offset, positions: Arc::new(positions) };
    Ok((value, source))
}

/// Returns the position of the first tab at or after `pos`, where the scanner
/// may report a tab error at the end of the line before it.
fn first_tab_after(text: &str, pos: Position) -> Position {
    for (index, line) in text.lines().enumerate().skip(pos.line.saturating_sub(1)) {
        if let Some(byte) = line.find('\t') {
            return Position::new(index + 1, line[..byte].chars().count() + 1);
        }
    }
    pos
}

fn syntax_error(path: &Path, pos: Position, message: &str) -> Diagnostic {
    let mut diagnostic =
        Diagnostic::error("invalid-yaml", path, pos, format!("invalid YAML: {message}"));
    diagnostic = if message.contains("tab") {
        diagnostic.with_help("YAML does not allow tabs for indentation: indent with spaces")
    } else {
        diagnostic.with_help(
            "check the indentation and quote text that contains `: ` or starts with a special \
             character",
        )
    };
    diagnostic
}

/// Returns the README that describes the fields of the file at `path`,
/// relative to the site root: quizzes have their own.
fn schema_doc(path: &Path) -> &'static str {
    if path.starts_with("quizzes") {
        "quizzes/README.md"
    } else {
        "content/README.md"
    }
}

/// Converts a serde_yaml error into a diagnostic with a fix.
fn serde_error(err: &serde_yaml::Error, path: &Path, line_offset: usize) -> Diagnostic {
    let pos = err
        .location()
        .map(|l| Position::new(l.line() + line_offset, l.column()))
        .unwrap_or(Position::new(line_offset + 1, 1));
    let full = err.to_string();
    let message = strip_location(&full);
    let doc = schema_doc(path);
    let help = if message.starts_with("unknown field") {
        format!("remove the field or correct its spelling; the allowed fields are listed in {doc}")
    } else if message.starts_with("missing field") {
        format!("add the field; {doc} shows an example of every kind of file")
    } else if message.starts_with("duplicate field") || message.contains("duplicate entry") {
        "a field may appear only once: remove one of the two".to_string()
    } else if message.starts_with("invalid type") {
        format!("give the value the type shown in {doc} (text, number, list or date)")
    } else if message.starts_with("unknown variant") {
        "use one of the allowed values listed in the message".to_string()
    } else if message.contains("recursion limit") || message.contains("repetition limit") {
        "the file nests or repeats YAML aliases too deeply: write the values out".to_string()
    } else {
        format!("compare the file with the example in {doc}")
    };
    Diagnostic::error("invalid-field", path, pos, message).with_help(help)
}

fn strip_location(message: &str) -> String {
    match message.find(" at line ") {
        Some(index) => message[..index].to_string(),
        None => message.to_string(),
    }
}

/// Walks the YAML event stream and records the position of every value by path.
fn scan_positions(text: &str) -> Result<HashMap<String, Position>, (Position, String)> {
    enum Frame {
        Map { path: String, key: Option<String>, first: bool },
        Seq { path: String, index: usize },
    }
    fn child(stack: &mut [Frame]) -> Option<String> {
        match stack.last_mut() {
            None => Some(String::new()),
            Some(Frame::Map { path, key, .. }) => key.take().map(|k| join(path, &k)),
            Some(Frame::Seq { path, index }) => {
                let child = join(path, &index.to_string());
                *index += 1;
                Some(child)
            }
        }
    }
    // A scalar in a mapping with no pending key is a key itself.
    fn is_key(stack: &[Frame]) -> bool {
        matches!(stack.last(), Some(Frame::Map { key: None, .. }))
    }

    let mut positions = HashMap::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut parser = Parser::new_from_str(text);
    loop {
        let (event, marker) = parser.next_token().map_err(|e| {
            let m = e.marker();
            (Position::new(m.line(), m.col() + 1), e.info().to_string())
        })?;
        let pos = Position::new(marker.line(), marker.col() + 1);
        match event {
            Event::StreamEnd => break,
            Event::Scalar(value, ..) => {
                if is_key(&stack) {
                    if let Some(Frame::Map { path, key, first }) = stack.last_mut() {
                        // A block mapping's start event sits at its first colon, so
                        // the mapping is placed at its first key instead.
                        if std::mem::replace(first, false) {
                            positions.insert(path.clone(), pos);
                        }
                        *key = Some(value);
                    }
                } else if let Some(path) = child(&mut stack) {
                    positions.insert(path, pos);
                }
            }
            Event::Alias(_) => {
                if let Some(path) = child(&mut stack) {
                    positions.insert(path, pos);
                }
            }
            Event::MappingStart(..) => {
                let path = child(&mut stack).unwrap_or_default();
                positions.insert(path.clone(), pos);
                stack.push(Frame::Map { path, key: None, first: true });
            }
            Event::SequenceStart(..) => {
                let path = child(&mut stack).unwrap_or_default();
                positions.insert(path.clone(), pos);
                stack.push(Frame::Seq { path, index: 0 });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                stack.pop();
            }
            _ => {}
        }
    }
    Ok(positions)
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The tests read only the positions, not the parsed values.
    #[allow(dead_code)]
    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    struct Sample {
        id: String,
        items: Vec<Item>,
    }

    #[allow(dead_code)]
    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    struct Item {
        name: String,
    }

    #[test]
    fn positions_follow_paths() {
        let text = "id: avim\nitems:\n  - name: een\n  - name: twee\n";
        let (_, source): (Sample, _) = parse_yaml(text, Path::new("x.yaml"), 0).unwrap();
        assert_eq!(source.position("id"), Position::new(1, 5));
        assert_eq!(source.position("items.1.name"), Position::new(4, 11));
    }

    #[test]
    fn position_falls_back_to_parent() {
        let text = "id: avim\nitems: []\n";
        let (_, source): (Sample, _) = parse_yaml(text, Path::new("x.yaml"), 2).unwrap();
        assert_eq!(source.position("items.7.name"), Position::new(4, 8));
    }

    #[test]
    fn unknown_field_is_located() {
        let text = "id: avim\nitems: []\nkleur: rood\n";
        let err = parse_yaml::<Sample>(text, Path::new("x.yaml"), 0).unwrap_err();
        assert!(err.message.starts_with("unknown field `kleur`"), "{}", err.message);
        assert_eq!(err.line, 3);
    }

    #[test]
    fn help_names_the_readme_of_the_folder() {
        let text = "id: avim\nitems: []\nkleur: rood\n";
        let quiz = parse_yaml::<Sample>(text, Path::new("quizzes/balie.yaml"), 0).unwrap_err();
        assert!(quiz.help.as_deref().is_some_and(|h| h.contains("quizzes/README.md")), "{:?}", quiz.help);
        let partner = parse_yaml::<Sample>(text, Path::new("content/partners/avim.yaml"), 0).unwrap_err();
        assert!(partner.help.as_deref().is_some_and(|h| h.contains("content/README.md")), "{:?}", partner.help);
    }

    #[test]
    fn tab_indentation_is_rejected() {
        let text = "id: avim\nitems:\n\t- name: een\n";
        let err = parse_yaml::<Sample>(text, Path::new("x.yaml"), 0).unwrap_err();
        assert_eq!(err.code, "invalid-yaml");
        assert_eq!(err.line, 3);
    }
}
