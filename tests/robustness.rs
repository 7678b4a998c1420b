//! Malformed input never panics: the loaders return a located error with a
//! clear message, and the text checks accept any string.
//!
//! The named cases pin down the message for each kind of damage that a content
//! editor or a broken export can cause. The proptest cases feed arbitrary and
//! YAML-shaped strings to the parsers.

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use baken::content::gemeente::Gemeente;
use baken::content::glossary::Term;
use baken::content::markdown_file::{parse_markdown, CaseMeta, PageMeta};
use baken::content::partner::Partner;
use baken::content::route::Route;
use baken::content::signal::Signal;
use baken::content::source::{parse_yaml, read_text, MAX_FILE_BYTES};
use baken::diagnostics::Diagnostic;
use baken::quiz::Quiz;
use baken::validate::blanks::find_placeholders;
use baken::validate::personal_data::{find_personal_data, PublicContacts};
use proptest::prelude::*;

const PAGE: &str = "---\ntitle: T\nsummary: S\naudience: [burger]\n---\n\nTekst\n";

fn page_error(text: &str) -> Diagnostic {
    parse_markdown::<PageMeta>(text, Path::new("content/a.md")).expect_err("text must be rejected")
}

fn partner_error(text: &str) -> Diagnostic {
    parse_yaml::<Partner>(text, Path::new("content/partners/a.yaml"), 0)
        .expect_err("text must be rejected")
}

/// Writes `bytes` to a file in a new folder and reads it as the loader does.
fn read_bytes(bytes: &[u8]) -> Result<String, Diagnostic> {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.md"), bytes).unwrap();
    read_text(dir.path(), Path::new("a.md"))
}

#[test]
fn empty_yaml_file_is_rejected() {
    let err = partner_error("");
    assert_eq!(err.code, "empty-file");
    assert_eq!(err.message, "file contains no YAML data");
}

#[test]
fn empty_markdown_file_is_rejected() {
    let err = page_error("");
    assert_eq!(err.code, "empty-file");
    assert_eq!(err.message, "file is empty");
}

#[test]
fn empty_front_matter_is_rejected() {
    let err = page_error("---\n---\nTekst\n");
    assert_eq!(err.code, "empty-file");
    assert_eq!((err.line, err.column), (2, 1));
}

#[test]
fn byte_order_mark_is_removed() {
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend_from_slice(PAGE.as_bytes());
    let text = read_bytes(&bytes).expect("a BOM file is valid UTF-8");
    let page = parse_markdown::<PageMeta>(&text, Path::new("content/a.md")).unwrap();
    assert_eq!(page.meta.title, "T");
}

#[test]
fn crlf_line_ends_are_accepted() {
    let text = PAGE.replace('\n', "\r\n");
    let page = parse_markdown::<PageMeta>(&text, Path::new("content/a.md")).unwrap();
    assert_eq!(page.meta.summary, "S");
    assert_eq!(page.body_line, 6);
}

#[test]
fn crlf_errors_keep_their_line() {
    let text = "---\r\ntitle: T\r\nsummary: S\r\naudience: [burger]\r\nkleur: rood\r\n---\r\n";
    let err = page_error(text);
    assert!(err.message.starts_with("unknown field `kleur`"), "{}", err.message);
    assert_eq!(err.line, 5);
}

#[test]
fn tab_indentation_names_tabs() {
    let err = partner_error("id: a\ncontacts:\n\t- label: x\n");
    assert_eq!(err.code, "invalid-yaml");
    assert_eq!(err.line, 3);
    assert!(err.message.contains("tab"), "{}", err.message);
    assert_eq!(
        err.help.as_deref(),
        Some("YAML does not allow tabs for indentation: indent with spaces")
    );
}

#[test]
fn invalid_utf8_is_located() {
    let err = read_bytes(b"---\ntitle: caf\xe9\n---\n").expect_err("Latin-1 must be rejected");
    assert_eq!(err.code, "invalid-utf8");
    assert_eq!(err.message, "file is not valid UTF-8 text");
    assert_eq!((err.line, err.column), (2, 11));
    assert_eq!(err.help.as_deref(), Some("save the file with UTF-8 encoding in your editor"));
}

#[test]
fn alias_bomb_is_rejected() {
    let mut text = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    for pair in names.windows(2) {
        let refs = vec![format!("*{}", pair[0]); 9].join(", ");
        text.push_str(&format!("{}: &{} [{refs}]\n", pair[1], pair[1]));
    }
    let started = Instant::now();
    let err = parse_yaml::<serde_yaml::Value>(&text, Path::new("quizzes/a.yaml"), 0)
        .expect_err("an alias bomb must be rejected");
    assert!(started.elapsed() < Duration::from_secs(5), "took {:?}", started.elapsed());
    assert!(err.message.contains("repetition limit"), "{}", err.message);
    assert!(err.help.as_deref().unwrap_or("").contains("aliases"), "{:?}", err.help);
}

#[test]
fn deep_nesting_is_rejected() {
    let text = "[".repeat(100_000);
    let err = parse_yaml::<serde_yaml::Value>(&text, Path::new("quizzes/a.yaml"), 0)
        .expect_err("unclosed brackets must be rejected");
    assert_eq!(err.code, "invalid-yaml");
}

#[test]
fn deep_closed_nesting_is_rejected() {
    let text = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let err = parse_yaml::<serde_yaml::Value>(&text, Path::new("quizzes/a.yaml"), 0)
        .expect_err("nesting beyond the recursion limit must be rejected");
    assert!(err.message.contains("recursion limit"), "{}", err.message);
}

#[test]
fn oversized_file_is_rejected_by_size() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("groot.md");
    let file = fs::File::create(&path).unwrap();
    file.set_len(50 * 1024 * 1024).unwrap();
    let started = Instant::now();
    let err = read_text(dir.path(), Path::new("groot.md")).expect_err("50 MB must be rejected");
    assert!(started.elapsed() < Duration::from_secs(1), "took {:?}", started.elapsed());
    assert_eq!(err.code, "file-too-large");
    let expected = format!("file is 52428800 bytes, more than the limit of {MAX_FILE_BYTES} bytes");
    assert_eq!(err.message, expected);
}

#[test]
fn unclosed_front_matter_is_rejected() {
    let err = page_error("---\ntitle: T\nsummary: S\n\nTekst zonder einde\n");
    assert_eq!(err.code, "unclosed-front-matter");
    assert_eq!(err.message, "front matter is not closed: no second `---` line found");
}

#[test]
fn duplicate_field_is_rejected() {
    let err = page_error("---\ntitle: T\ntitle: U\nsummary: S\naudience: [af]\n---\n");
    assert!(err.message.contains("duplicate"), "{}", err.message);
    assert_eq!(err.help.as_deref(), Some("a field may appear only once: remove one of the two"));
}

#[test]
fn duplicate_key_in_data_file_is_rejected() {
    let text = "id: a\nname: A\nname: B\n";
    let err = parse_yaml::<serde_yaml::Value>(text, Path::new("content/partners/a.yaml"), 0)
        .expect_err("duplicate keys must be rejected");
    assert!(err.message.contains("duplicate entry"), "{}", err.message);
    assert_eq!(err.help.as_deref(), Some("a field may appear only once: remove one of the two"));
}

/// Strings built from the pieces that make YAML and front matter tricky.
fn yaml_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("---\n"),
        Just("\r\n"),
        Just("\n"),
        Just("\t"),
        Just("  "),
        Just("- "),
        Just(": "),
        Just("title"),
        Just("summary: S\n"),
        Just("audience: [af]\n"),
        Just("&a "),
        Just("*a"),
        Just("<<: *a\n"),
        Just("["),
        Just("]"),
        Just("{"),
        Just("}"),
        Just("\""),
        Just("'"),
        Just("#"),
        Just("|\n"),
        Just(">-\n"),
        Just("!!binary "),
        Just("\u{feff}"),
        Just("é"),
        Just("2026-13-45"),
        Just("in te vullen"),
        Just("06-12345678 "),
        Just("270815363 "),
        Just("[naam] "),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|pieces| pieces.concat())
}

fn assert_located(result: Result<(), Diagnostic>) {
    if let Err(err) = result {
        assert!(err.line >= 1, "{err:?}");
        assert!(err.column >= 1, "{err:?}");
        assert!(!err.message.is_empty());
    }
}

fn parse_all(text: &str) {
    let md = Path::new("content/a.md");
    let yaml = Path::new("content/a.yaml");
    assert_located(parse_markdown::<PageMeta>(text, md).map(|_| ()));
    assert_located(parse_markdown::<CaseMeta>(text, md).map(|_| ()));
    assert_located(parse_yaml::<Partner>(text, yaml, 0).map(|_| ()));
    assert_located(parse_yaml::<Signal>(text, yaml, 0).map(|_| ()));
    assert_located(parse_yaml::<Quiz>(text, yaml, 0).map(|_| ()));
    assert_located(parse_yaml::<Route>(text, yaml, 0).map(|_| ()));
    assert_located(parse_yaml::<Vec<Gemeente>>(text, yaml, 0).map(|_| ()));
    assert_located(parse_yaml::<Vec<Term>>(text, yaml, 0).map(|_| ()));
    assert_located(parse_yaml::<serde_yaml::Value>(text, yaml, 3).map(|_| ()));
    find_personal_data(text, true, &PublicContacts::default());
    find_placeholders(text);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        parse_all(&text);
    }

    #[test]
    fn yaml_like_text_never_panics(text in yaml_like()) {
        parse_all(&text);
    }

    #[test]
    fn front_matter_with_any_body_parses(body in any::<String>()) {
        let text = format!("{PAGE}{body}");
        let page = parse_markdown::<PageMeta>(&text, Path::new("content/a.md"));
        prop_assert!(page.is_ok());
    }
}
