//! Feeds arbitrary UTF-8 text to everything that parses a content file: front
//! matter, the YAML schemas and the text checks of `baken check`.
//!
//! Run with `cargo +nightly fuzz run content_file` from the crate root. Any
//! panic is a bug, because a malformed file must become a diagnostic.

#![no_main]

use std::path::Path;

use baken::content::gemeente::Gemeente;
use baken::content::markdown_file::{parse_markdown, CaseMeta, PageMeta};
use baken::content::partner::Partner;
use baken::content::source::parse_yaml;
use baken::quiz::Quiz;
use baken::validate::blanks::find_placeholders;
use baken::validate::personal_data::{find_personal_data, PublicContacts};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let md = Path::new("content/a.md");
    let yaml = Path::new("content/a.yaml");
    let _ = parse_markdown::<PageMeta>(text, md);
    let _ = parse_markdown::<CaseMeta>(text, md);
    let _ = parse_yaml::<Partner>(text, yaml, 0);
    let _ = parse_yaml::<Quiz>(text, yaml, 0);
    let _ = parse_yaml::<Vec<Gemeente>>(text, yaml, 0);
    let _ = parse_yaml::<serde_yaml::Value>(text, yaml, 0);
    find_personal_data(text, true, &PublicContacts::default());
    find_placeholders(text);
});
