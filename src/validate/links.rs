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

/// Returns the attribute value a [`LINK`] or [`ID`] match captured.
fn captured(caps: &regex::Captures) -> String {
    let raw = caps.get(1).or(caps.get(2)).or(caps.get(3)).map(|m| m.as_str()).unwrap_or("");
    decode_attribute(raw)
}

/// Decodes the entities that minify-html and pulldown-cmark write in attribute values.
fn decode_attribute(raw: &str) -> String {
    if !raw.contains('&') {
        return raw.to_string();
    }
    raw.replace("&lt;", "<").replace("&gt;", ">").replace("&#x27;", "'").replace("&quot;", "\"").replace("&amp;", "&")
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

/// The element ids and internal links of one HTML page: all that the link
/// check needs, so the page itself can be written out and dropped.
#[derive(Debug, Clone, Default)]
pub struct PageLinks {
    pub path: String,
    pub ids: TextList,
    /// Relative `href` and `src` values in page order, external links left out.
    pub links: TextList,
}

/// Strings kept one after the other in one buffer. A page has dozens of
/// links and ids, and a separate allocation for each would make the link
/// data of a large site several times its size.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextList {
    text: String,
    ends: Vec<u32>,
}

impl TextList {
    pub fn push(&mut self, item: &str) {
        self.text.push_str(item);
        self.ends.push(self.text.len() as u32);
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.ends.iter().scan(0, |start, &end| {
            let item = &self.text[*start..end as usize];
            *start = end as usize;
            Some(item)
        })
    }

    pub fn contains(&self, item: &str) -> bool {
        self.iter().any(|i| i == item)
    }
}

/// Collects the `id`, `href` and `src` attribute values of an HTML page.
///
/// The scan finds the values that the [`LINK`] pattern and its counterpart
/// for `id` find, in one pass and without a regex. Unlike `\s` in those
/// patterns, it takes only ASCII whitespace before an attribute name, which
/// is all that HTML allows there.
pub fn scan_page(path: &str, html: &[u8]) -> PageLinks {
    let mut page = PageLinks { path: path.to_string(), ..PageLinks::default() };
    let mut position = 0;
    while let Some(offset) = memchr::memchr(b'=', &html[position..]) {
        let equals = position + offset;
        position = equals + 1;
        let Some(name) = attribute_name(&html[..equals]) else { continue };
        let Some((raw, end)) = attribute_value(html, equals + 1) else { continue };
        position = end;
        let value = decode_attribute(&String::from_utf8_lossy(raw));
        match name {
            AttributeName::Id => page.ids.push(&value),
            AttributeName::Link => {
                if !value.is_empty() && !is_external(&value) {
                    page.links.push(&value);
                }
            }
        }
    }
    page
}

enum AttributeName {
    Id,
    Link,
}

/// Returns which attribute ends at the end of `before`, when it is `id`,
/// `href` or `src` and follows whitespace.
fn attribute_name(before: &[u8]) -> Option<AttributeName> {
    let (name, length) = if before.ends_with(b"href") {
        (AttributeName::Link, 4)
    } else if before.ends_with(b"src") {
        (AttributeName::Link, 3)
    } else if before.ends_with(b"id") {
        (AttributeName::Id, 2)
    } else {
        return None;
    };
    let preceding = *before.get(before.len().checked_sub(length + 1)?)?;
    preceding.is_ascii_whitespace().then_some(name)
}

/// Reads an attribute value that starts at `start`: double quoted, single
/// quoted or bare. Returns the value and the position after it.
fn attribute_value(html: &[u8], start: usize) -> Option<(&[u8], usize)> {
    let first = *html.get(start)?;
    if first == b'"' || first == b'\'' {
        let length = memchr::memchr(first, &html[start + 1..])?;
        let end = start + 1 + length;
        return Some((&html[start + 1..end], end + 1));
    }
    let length = html[start..].iter().position(|&b| b.is_ascii_whitespace() || matches!(b, b'>' | b'"' | b'\'')).unwrap_or(html.len() - start);
    (length > 0).then(|| (&html[start..start + length], start + length))
}

/// Checks that every relative `href` and `src` in the HTML files names a file
/// in the output and, with a fragment, an element id in that file.
///
/// `all_paths` lists every output file, HTML or not. `sources` maps an output
/// page to the file it comes from (relative to `root`), so a broken link is
/// reported at the place in that file where the link is written.
pub fn check_links(files: &[OutputFile], all_paths: &HashSet<String>, sources: &HashMap<String, PathBuf>, root: &Path, diagnostics: &Diagnostics) {
    let pages: Vec<PageLinks> = files.par_iter().filter(|f| f.path.ends_with(".html")).map(|file| scan_page(&file.path, &file.bytes)).collect();
    check_page_links(&pages, all_paths, sources, root, diagnostics);
}

/// Checks links like [`check_links`], on pages scanned with [`scan_page`].
/// The diagnostics keep the order of `pages`.
pub fn check_page_links(pages: &[PageLinks], all_paths: &HashSet<String>, sources: &HashMap<String, PathBuf>, root: &Path, diagnostics: &Diagnostics) {
    let ids: HashMap<&str, &TextList> = pages.iter().map(|page| (page.path.as_str(), &page.ids)).collect();
    // Pages of one folder share most links (menu, footer), and a link that
    // names a file resolves the same way from every page of a folder, so each
    // batch of pages checks such a link once per folder. Pages sorted by path
    // put a folder's pages next to each other.
    let broken: Vec<Diagnostic> = pages
        .par_chunks(256)
        .flat_map_iter(|batch| {
            let mut problems: HashMap<(&str, &str), Option<String>> = HashMap::new();
            let mut found = Vec::new();
            for page in batch {
                let folder = page.path.rsplit_once('/').map_or("", |(folder, _)| folder);
                for link in page.links.iter() {
                    let problem = if names_file(link) {
                        problems.entry((folder, link)).or_insert_with(|| check_one(&page.path, link, all_paths, &ids)).clone()
                    } else {
                        check_one(&page.path, link, all_paths, &ids)
                    };
                    if let Some(problem) = problem {
                        found.push(broken_link(&page.path, link, &problem, sources, root));
                    }
                }
            }
            found
        })
        .collect();
    diagnostics.extend(broken);
}

/// Returns true when `link` names a file, so that its target does not depend
/// on which page of a folder contains it. A bare `#fragment` or `?query`
/// link points into the page itself.
fn names_file(link: &str) -> bool {
    !link.starts_with(['#', '?'])
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

fn check_one(page: &str, link: &str, all_paths: &HashSet<String>, ids: &HashMap<&str, &TextList>) -> Option<String> {
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

    static ID: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"\sid=(?:"([^"]*)"|'([^']*)'|([^\s>"']+))"#).expect("valid regex"));

    #[test]
    fn scan_matches_patterns() {
        let html = "<a href=a.html id=top>x</a><img src='b.png'><p data-id=no class=\"x\" id=\"tw&amp;ee\">t</p><a\nhref=\"c.html#d\">c</a><a href=https://x.nl/>e</a><a href=>f</a><img srcset=s.png>";
        let page = scan_page("index.html", html.as_bytes());
        let expected_ids: Vec<String> = ID.captures_iter(html).map(|c| captured(&c)).collect();
        let expected_links: Vec<String> = LINK.captures_iter(html).map(|c| captured(&c)).filter(|l| !l.is_empty() && !is_external(l)).collect();
        assert_eq!(page.ids.iter().map(str::to_string).collect::<HashSet<_>>(), expected_ids.into_iter().collect::<HashSet<_>>());
        assert_eq!(page.links.iter().collect::<Vec<_>>(), expected_links);
        assert_eq!(page.links.iter().collect::<Vec<_>>(), ["a.html", "b.png", "c.html#d"]);
        assert!(page.ids.contains("tw&ee"));
        assert!(!page.ids.contains("no"));
    }

    #[test]
    fn fragment_links_check_their_own_page() {
        // Both pages share a folder, so a cache of results per folder must not
        // let the result of `#top` on the first page stand for the second page.
        let files = [file("a.html", "<h1 id=top>A</h1><a href=#top>t</a><a href=b.html#top>b</a>"), file("b.html", "<a href=#top>t</a><a href=b.html#top>b</a>")];
        let found = run(&files);
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(found.iter().all(|d| d.message.starts_with("page b.html") || d.message.contains("links to `b.html#top`")), "{found:?}");
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
