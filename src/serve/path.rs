//! Mapping a request path to a file of the built site.
//!
//! The server looks paths up in the in-memory site and never opens a file by
//! a request path, so `..` cannot reach outside the site. Paths that try
//! anyway are still rejected early with a clear status.

use std::collections::HashMap;

use axum::body::Bytes;

/// The target of a request path.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    /// A file of the site, by its key in the site's file map.
    File(String),
    /// A folder with an `index.html`, requested without the final slash.
    /// Contains the path to redirect to: the request path, still
    /// percent-encoded, with a slash added so that relative links work.
    Redirect(String),
    /// No such file: the key that a page showing the 404 page has.
    NotFound(String),
    /// A malformed or hostile path.
    BadRequest,
}

/// Resolves the raw (percent-encoded) path of a request against `files`.
///
/// The path is decoded once: a `%` left after decoding is an ordinary
/// character, so double-encoded dots never become a parent folder.
pub fn resolve(raw: &str, files: &HashMap<String, Bytes>) -> Resolved {
    let Some(key) = decode_key(raw) else {
        return Resolved::BadRequest;
    };
    let key = if key.is_empty() || key.ends_with('/') {
        format!("{key}index.html")
    } else {
        key
    };
    if files.contains_key(&key) {
        return Resolved::File(key);
    }
    let index = format!("{key}/index.html");
    if files.contains_key(&index) {
        return Resolved::Redirect(format!("{raw}/"));
    }
    Resolved::NotFound(key)
}

/// Decodes a request path into a relative key, or None when it is not a
/// plain path inside the site.
///
/// Rejects: paths that do not start with `/`, invalid percent escapes,
/// invalid UTF-8, control characters (NUL included), backslashes, empty
/// segments (`//etc/passwd`) and `.` or `..` segments.
pub fn decode_key(raw: &str) -> Option<String> {
    let rest = raw.strip_prefix('/')?;
    let decoded = String::from_utf8(percent_decode(rest)?).ok()?;
    if decoded.chars().any(|c| c.is_control() || c == '\\') {
        return None;
    }
    let segments: Vec<&str> = decoded.split('/').collect();
    let last = segments.len() - 1;
    for (index, segment) in segments.iter().enumerate() {
        let is_empty_inside = segment.is_empty() && index != last;
        if is_empty_inside || *segment == "." || *segment == ".." {
            return None;
        }
    }
    Some(decoded)
}

/// Decodes `%XX` escapes; returns None on a malformed escape.
fn percent_decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let text = std::str::from_utf8(hex).ok()?;
            decoded.push(u8::from_str_radix(text, 16).ok()?);
            i += 3;
        } else {
            decoded.push(bytes[i]);
            i += 1;
        }
    }
    Some(decoded)
}

/// Returns the media type for a file name, by its extension.
pub fn content_type(path: &str) -> &'static str {
    let extension = path
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "vcf" => "text/vcard; charset=utf-8",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> HashMap<String, Bytes> {
        [
            "index.html",
            "404.html",
            "beleid/vormen.html",
            "meldroute/index.html",
            "assets/css/base.css",
        ]
        .iter()
        .map(|p| (p.to_string(), Bytes::from_static(b"x")))
        .collect()
    }

    #[test]
    fn resolves_files_and_folders() {
        let files = site();
        assert_eq!(resolve("/", &files), Resolved::File("index.html".into()));
        assert_eq!(
            resolve("/beleid/vormen.html", &files),
            Resolved::File("beleid/vormen.html".into())
        );
        assert_eq!(
            resolve("/meldroute/", &files),
            Resolved::File("meldroute/index.html".into())
        );
        assert_eq!(
            resolve("/meldroute", &files),
            Resolved::Redirect("/meldroute/".into())
        );
        assert_eq!(
            resolve("/beleid/vorm%65n.html", &files),
            Resolved::File("beleid/vormen.html".into())
        );
        assert_eq!(
            resolve("/nergens.html", &files),
            Resolved::NotFound("nergens.html".into())
        );
    }

    #[test]
    fn rejects_traversal_attempts() {
        let files = site();
        let attempts = [
            "/../baken.yaml",
            "/assets/../../etc/passwd",
            "/%2e%2e/baken.yaml",
            "/%2E%2E/%2E%2E/etc/passwd",
            "/..%2fbaken.yaml",
            "/..%5cbaken.yaml",
            "/%5c..%5cbaken.yaml",
            "//etc/passwd",
            "/assets//css/base.css",
            "/index.html%00.css",
            "/./index.html",
            "/%",
            "/%zz",
            "/%c0%ae%c0%ae/etc/passwd",
            "etc/passwd",
        ];
        for attempt in attempts {
            assert_eq!(resolve(attempt, &files), Resolved::BadRequest, "{attempt}");
        }
    }

    #[test]
    fn double_encoding_stays_literal() {
        let files = site();
        assert_eq!(
            resolve("/%252e%252e/baken.yaml", &files),
            Resolved::NotFound("%2e%2e/baken.yaml".into())
        );
    }

    #[test]
    fn content_types_by_extension() {
        assert_eq!(
            content_type("partners/avim.vcf"),
            "text/vcard; charset=utf-8"
        );
        assert_eq!(
            content_type("assets/js/quiz.js"),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(content_type("logo.SVG"), "image/svg+xml");
        assert_eq!(content_type("sitemap.xml"), "application/xml");
        assert_eq!(content_type("fonts/a.woff2"), "font/woff2");
        assert_eq!(content_type("LICENSE"), "application/octet-stream");
    }
}
