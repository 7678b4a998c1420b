//! Internal link and anchor checking on the rendered site.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use rayon::prelude::*;
use regex::Regex;

use crate::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::render::OutputFile;

// minify-html drops attribute quotes where it can, so values may be unquoted.
static LINK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"\s(?:href|src)=(?:"([^"]*)"|'([^']*)'|([^\s>"']+))"#).expect("valid regex"));
static ID: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"\sid=(?:"([^"]*)"|'([^']*)'|([^\s>"']+))"#).expect("valid regex"));

/// Returns the attribute value a [`LINK`] or [`ID`] match captured.
fn captured(caps: &regex::Captures) -> String {
    let raw = caps.get(1).or(caps.get(2)).or(caps.get(3)).map(|m| m.as_str()).unwrap_or("");
    if !raw.contains('&') {
        return raw.to_string();
    }
    raw.replace("&amp;", "&").replace("&#x27;", "'").replace("&quot;", "\"")
}

/// Returns true for links that leave the site or are not file links.
fn is_external(link: &str) -> bool {
    let scheme_end = link.find(':');
    let first_slash = link.find('/');
    matches!((scheme_end, first_slash), (Some(c), Some(s)) if c < s) || (scheme_end.is_some() && first_slash.is_none()) || link.starts_with("//")
}

/// Lists the external links of the site, as `(page, link)` pairs.
pub fn external_links(files: &[OutputFile]) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for file in files.iter().filter(|f| f.path.ends_with(".html")) {
        let html = String::from_utf8_lossy(&file.bytes);
        for caps in LINK.captures_iter(&html) {
            let link = captured(&caps);
            if link.starts_with("http://") || link.starts_with("https://") {
                found.push((file.path.clone(), link));
            }
        }
    }
    found
}

/// Checks that every relative `href` and `src` in the HTML files names a file
/// in the output and, with a fragment, an element id in that file.
///
/// `all_paths` lists every output file, HTML or not. `sources` maps an output
/// page to the file it comes from (relative to `root`), so a broken link is
/// reported at the place in that file where the link is written.
pub fn check_links(files: &[OutputFile], all_paths: &HashSet<String>, sources: &HashMap<String, PathBuf>, root: &Path, diagnostics: &Diagnostics) {
    // Both passes read each page on its own, so they run in parallel; the
    // collected diagnostics keep the order of `files`.
    let ids: HashMap<&str, HashSet<String>> = files
        .par_iter()
        .filter(|f| f.path.ends_with(".html"))
        .map(|file| {
            let html = String::from_utf8_lossy(&file.bytes);
            (file.path.as_str(), ID.captures_iter(&html).map(|c| captured(&c)).collect())
        })
        .collect();
    let broken: Vec<Diagnostic> = files
        .par_iter()
        .filter(|f| f.path.ends_with(".html"))
        .flat_map_iter(|file| {
            let html = String::from_utf8_lossy(&file.bytes);
            let mut found = Vec::new();
            for caps in LINK.captures_iter(&html) {
                let link = captured(&caps);
                if link.is_empty() || is_external(&link) {
                    continue;
                }
                if let Some(problem) = check_one(&file.path, &link, all_paths, &ids) {
                    found.push(broken_link(&file.path, &link, &problem, sources, root));
                }
            }
            found
        })
        .collect();
    diagnostics.extend(broken);
}

/// Creates the diagnostic for a broken `link` in `page`, at the place in its
/// source file where the link is written.
fn broken_link(page: &str, link: &str, problem: &str, sources: &HashMap<String, PathBuf>, root: &Path) -> Diagnostic {
    let source = sources.get(page).cloned().unwrap_or_else(|| PathBuf::from(page));
    let position = find_in_file(&root.join(&source), link);
    Diagnostic::error("broken-link", &source, position, format!("page {page} links to `{link}`: {problem}"))
        .with_length(if position.line > 0 { link.chars().count() } else { 0 })
        .with_help("correct the link; links are relative to the page and name a file, such as partners/avim.html")
}

/// Finds where `needle` is written in the file, or returns line 1, column 1.
fn find_in_file(path: &Path, needle: &str) -> Position {
    let Ok(text) = std::fs::read_to_string(path) else { return Position::new(1, 1) };
    for (index, line) in text.lines().enumerate() {
        if let Some(byte) = line.find(needle) {
            return Position::new(index + 1, line[..byte].chars().count() + 1);
        }
    }
    Position::new(1, 1)
}

fn check_one(page: &str, link: &str, all_paths: &HashSet<String>, ids: &HashMap<&str, HashSet<String>>) -> Option<String> {
    let (path_part, fragment) = match link.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (link, None),
    };
    let path_part = path_part.split('?').next().unwrap_or("");
    let target = if path_part.is_empty() {
        page.to_string()
    } else {
        if path_part.starts_with('/') {
            return Some("absolute paths break when the site is opened from a folder; use a relative path".to_string());
        }
        if path_part.ends_with('/') {
            return Some("the link names a folder; name the file, such as index.html".to_string());
        }
        match resolve(page, path_part) {
            Some(target) => target,
            None => return Some("the link goes above the site root".to_string()),
        }
    };
    let target = percent_decode(&target);
    if !all_paths.contains(&target) {
        return Some(format!("no file `{target}` in the site"));
    }
    if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
        let fragment = percent_decode(fragment);
        if let Some(page_ids) = ids.get(target.as_str()) {
            if !page_ids.contains(&fragment) {
                return Some(format!("no element with id `{fragment}` in {target}"));
            }
        }
    }
    None
}

/// Resolves `link` relative to the folder of `page`; None if it leaves the root.
fn resolve(page: &str, link: &str) -> Option<String> {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for segment in link.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(value) = u8::from_str_radix(&text[i + 1..i + 3], 16) {
                out.push(value);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, html: &str) -> OutputFile {
        OutputFile { path: path.to_string(), bytes: html.as_bytes().to_vec() }
    }

    fn run(files: &[OutputFile]) -> Vec<Diagnostic> {
        let paths: HashSet<String> = files.iter().map(|f| f.path.clone()).collect();
        let diagnostics = Diagnostics::new();
        check_links(files, &paths, &HashMap::new(), Path::new("."), &diagnostics);
        diagnostics.sorted()
    }

    #[test]
    fn resolves_relative_links() {
        assert_eq!(resolve("partners/avim.html", "../index.html").as_deref(), Some("index.html"));
        assert_eq!(resolve("index.html", "../x.html"), None);
    }

    #[test]
    fn good_links_pass() {
        let files = [file("index.html", "<a href=partners/a.html#top>a</a><a href=\"https://x.nl/\">x</a><a href=tel:112>112</a>"), file("partners/a.html", "<h1 id=top>A</h1><a href=\"../index.html\">home</a>")];
        assert!(run(&files).is_empty());
    }

    #[test]
    fn missing_file_and_anchor_fail() {
        let files = [file("index.html", "<a href=\"gone.html\">x</a> <a href=\"index.html#nope\">y</a> <a href=\"partners/\">z</a>")];
        let found = run(&files);
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(found.iter().any(|d| d.message.contains("no file `gone.html`")));
        assert!(found.iter().any(|d| d.message.contains("no element with id `nope`")));
        assert!(found.iter().any(|d| d.message.contains("names a folder")));
    }
}
