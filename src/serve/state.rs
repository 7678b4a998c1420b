//! What the server shows: the last good build and the result of the last rebuild.
//!
//! The rebuild thread publishes a new [`Status`] through a tokio `watch`
//! channel after every attempt. Request handlers clone the current `Arc`, so
//! a request waits at most for that pointer swap, never for a rebuild, and
//! never gets half a build.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock};

use axum::body::Bytes;
use regex::Regex;

// The `src` of a script or the `href` of a link element, quoted or not
// (minify-html drops quotes where it can).
static SUBRESOURCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)<(?:script|link)\s[^>]*?\b(?:src|href)=(?:"([^"]*)"|'([^']*)'|([^\s>"']+))"#)
        .expect("valid regex")
});

/// One good build of the site, as served.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// Number of the build: 1 for the first good build, 0 before it.
    pub build: u64,
    /// Every output file by its path relative to the output folder.
    pub files: HashMap<String, Bytes>,
    /// For every path that was ever served, the build that last added,
    /// changed or removed it.
    pub changed_at: HashMap<String, u64>,
}

impl Snapshot {
    /// Creates the snapshot that follows `previous` with the files of a new build.
    ///
    /// Returns it with the paths whose bytes differ, sorted, including added and removed paths.
    pub fn next(previous: &Snapshot, files: HashMap<String, Bytes>) -> (Snapshot, Vec<String>) {
        let build = previous.build + 1;
        let mut changed: Vec<String> = files
            .iter()
            .filter(|(path, bytes)| {
                previous
                    .files
                    .get(*path)
                    .is_none_or(|old| !same_bytes(old, bytes))
            })
            .map(|(path, _)| path.clone())
            .collect();
        changed.extend(
            previous
                .files
                .keys()
                .filter(|path| !files.contains_key(*path))
                .cloned(),
        );
        changed.sort();

        let mut changed_at = previous.changed_at.clone();
        for path in &changed {
            changed_at.insert(path.clone(), build);
        }
        (
            Snapshot {
                build,
                files,
                changed_at,
            },
            changed,
        )
    }

    /// Returns true when a page served from build `since` at request path
    /// `key` differs from what this snapshot serves at that path, or loads
    /// a script or stylesheet that changed since.
    ///
    /// `key` is a path as [`super::path::resolve`] looks it up. A page that
    /// showed the 404 page reloads when the path appeared or the 404 page
    /// changed. Before the first good build (`since` 0) every new build
    /// counts. Files that a script loads later, such as the parts of the
    /// search index, do not count: they are requested afresh when needed.
    pub fn has_changed_since(&self, key: &str, since: u64) -> bool {
        if since == 0 {
            return self.build > 0;
        }
        let is_newer = |path: &str| {
            self.changed_at
                .get(path)
                .is_some_and(|build| *build > since)
        };
        if is_newer(key) {
            return true;
        }
        let served_key = if self.files.contains_key(key) {
            key
        } else {
            "404.html"
        };
        if served_key != key && is_newer(served_key) {
            return true;
        }
        let Some(html) = self.files.get(served_key) else {
            return false;
        };
        subresources(served_key, html).iter().any(|path| is_newer(path))
    }
}

/// Lists the site files that the page at `key` loads through `<script src>`
/// and `<link href>`, as keys relative to the site root.
fn subresources(key: &str, html: &[u8]) -> Vec<String> {
    let html = String::from_utf8_lossy(html);
    let folder = key.rsplit_once('/').map(|(folder, _)| folder).unwrap_or("");
    SUBRESOURCE
        .captures_iter(&html)
        .filter_map(|caps| caps.get(1).or(caps.get(2)).or(caps.get(3)))
        .filter_map(|link| resolve_relative(folder, link.as_str()))
        .collect()
}

/// Resolves a relative link against a folder of the site; None for links
/// that leave the site or go above its root.
fn resolve_relative(folder: &str, link: &str) -> Option<String> {
    let path = link.split(['?', '#']).next().unwrap_or("");
    let has_scheme = path
        .split('/')
        .next()
        .is_some_and(|first| first.contains(':'));
    if path.is_empty() || path.starts_with('/') || has_scheme {
        return None;
    }
    let mut segments: Vec<&str> = folder.split('/').filter(|s| !s.is_empty()).collect();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop()?;
            }
            _ => segments.push(segment),
        }
    }
    Some(segments.join("/"))
}

/// Compares two byte buffers, first by address so shared buffers compare in constant time.
fn same_bytes(a: &Bytes, b: &Bytes) -> bool {
    (a.as_ptr() == b.as_ptr() && a.len() == b.len()) || a == b
}

/// The state after the last rebuild attempt.
#[derive(Debug, Default)]
pub struct Status {
    /// Number of the attempt, good or bad: 0 while the first build runs.
    pub attempt: u64,
    /// The last good build, still served when later attempts failed.
    pub site: Arc<Snapshot>,
    /// The errors of the last attempt as plain text, or None when it succeeded.
    pub error: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(entries: &[(&str, &str)]) -> HashMap<String, Bytes> {
        entries
            .iter()
            .map(|(p, b)| (p.to_string(), Bytes::from(b.to_string())))
            .collect()
    }

    #[test]
    fn next_lists_changed_added_and_removed_paths() {
        let first = Snapshot::next(
            &Snapshot::default(),
            files(&[("a.html", "a"), ("b.html", "b")]),
        )
        .0;
        let (second, changed) = Snapshot::next(&first, files(&[("a.html", "a2"), ("c.html", "c")]));
        assert_eq!(changed, vec!["a.html", "b.html", "c.html"]);
        assert_eq!(second.build, 2);
        assert_eq!(second.changed_at["a.html"], 2);
    }

    #[test]
    fn unchanged_page_needs_no_reload() {
        let first = Snapshot::next(
            &Snapshot::default(),
            files(&[("a.html", "a"), ("b.html", "b")]),
        )
        .0;
        let second = Snapshot::next(&first, files(&[("a.html", "a2"), ("b.html", "b")])).0;
        assert!(second.has_changed_since("a.html", 1));
        assert!(!second.has_changed_since("b.html", 1));
    }

    #[test]
    fn stylesheet_change_reloads_pages_that_load_it() {
        let page = "<link href=../assets/x.css rel=stylesheet><p>b";
        let first = Snapshot::next(
            &Snapshot::default(),
            files(&[("d/b.html", page), ("c.html", "c"), ("assets/x.css", "x")]),
        )
        .0;
        let second = Snapshot::next(
            &first,
            files(&[("d/b.html", page), ("c.html", "c"), ("assets/x.css", "y")]),
        )
        .0;
        assert!(second.has_changed_since("d/b.html", 1));
        assert!(!second.has_changed_since("c.html", 1));
    }

    #[test]
    fn script_change_reloads_pages_that_load_it() {
        let page = "<script defer src=\"assets/s.js\"></script>";
        let first = Snapshot::next(
            &Snapshot::default(),
            files(&[
                ("a.html", page),
                ("assets/s.js", "1"),
                ("zoek/data.js", "1"),
            ]),
        )
        .0;
        let search_only = Snapshot::next(
            &first,
            files(&[
                ("a.html", page),
                ("assets/s.js", "1"),
                ("zoek/data.js", "2"),
            ]),
        )
        .0;
        assert!(!search_only.has_changed_since("a.html", 1));
        let script = Snapshot::next(
            &search_only,
            files(&[
                ("a.html", page),
                ("assets/s.js", "2"),
                ("zoek/data.js", "2"),
            ]),
        )
        .0;
        assert!(script.has_changed_since("a.html", 1));
    }

    #[test]
    fn relative_links_resolve_inside_the_site() {
        assert_eq!(
            resolve_relative("beleid", "../assets/a.css"),
            Some("assets/a.css".into())
        );
        assert_eq!(
            resolve_relative("", "assets/a.js?v=1"),
            Some("assets/a.js".into())
        );
        assert_eq!(resolve_relative("", "../a.css"), None);
        assert_eq!(resolve_relative("", "https://example.org/a.css"), None);
        assert_eq!(resolve_relative("", "/__baken/livereload.js"), None);
    }

    #[test]
    fn missing_page_reloads_when_it_appears() {
        let first = Snapshot::next(&Snapshot::default(), files(&[("404.html", "nf")])).0;
        assert!(!first.has_changed_since("new.html", 1));
        let second = Snapshot::next(&first, files(&[("404.html", "nf"), ("new.html", "n")])).0;
        assert!(second.has_changed_since("new.html", 1));
    }

    #[test]
    fn first_build_reloads_waiting_pages() {
        let first = Snapshot::next(&Snapshot::default(), files(&[("a.html", "a")])).0;
        assert!(first.has_changed_since("a.html", 0));
        assert!(!Snapshot::default().has_changed_since("a.html", 0));
    }
}
