//! Changes to served HTML that only the live preview makes.
//!
//! Served pages get a `<script>` element that loads the live-reload script,
//! and their Content-Security-Policy allows `connect-src 'self'` so that the
//! script may poll the server. `baken build` output has neither.

use std::sync::LazyLock;

use regex::Regex;

/// Path of the live-reload script on the preview server.
pub const SCRIPT_PATH: &str = "/__baken/livereload.js";

// A `<meta>` element, quoted or unquoted attributes (minify-html drops quotes).
static META: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)<meta\s[^>]*>").expect("valid regex"));
static CSP_EQUIV: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)http-equiv=["']?content-security-policy"#).expect("valid regex")
});
static CONNECT_SRC: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?i)connect-src[^;">]*"#).expect("valid regex"));
static CONTENT_OPEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?i)\scontent=["']"#).expect("valid regex"));

/// Adds the live-reload script and loosens `connect-src` in an HTML page.
///
/// `build` is the number of the build the page comes from. `server` is the
/// id of this server run. The script sends both back when it polls.
pub fn inject_live_reload(html: &[u8], build: u64, server: &str) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    let text = allow_connect_self(&text);
    let tag = format!(
        "<script src=\"{SCRIPT_PATH}\" data-baken-build=\"{build}\" \
         data-baken-server=\"{server}\" defer></script>"
    );
    let lower = text.to_ascii_lowercase();
    let at = lower
        .rfind("</body>")
        .or_else(|| lower.rfind("</html>"))
        .unwrap_or(text.len());
    let mut out = String::with_capacity(text.len() + tag.len());
    out.push_str(&text[..at]);
    out.push_str(&tag);
    out.push_str(&text[at..]);
    out.into_bytes()
}

/// Rewrites `connect-src` in every CSP `<meta>` element to `'self'`, adding
/// the directive when the policy has none.
pub fn allow_connect_self(html: &str) -> String {
    META.replace_all(html, |caps: &regex::Captures| {
        let tag = &caps[0];
        if !CSP_EQUIV.is_match(tag) {
            return tag.to_string();
        }
        if CONNECT_SRC.is_match(tag) {
            return CONNECT_SRC.replace(tag, "connect-src 'self'").into_owned();
        }
        match CONTENT_OPEN.find(tag) {
            Some(open) => format!(
                "{}connect-src 'self'; {}",
                &tag[..open.end()],
                &tag[open.end()..]
            ),
            None => tag.to_string(),
        }
    })
    .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<!doctype html><html lang=nl><head><meta charset=utf-8>\
        <meta content=\"default-src 'self'; script-src 'self'; connect-src 'none'; \
        object-src 'none'\" http-equiv=Content-Security-Policy></head>\
        <body><p>Hoi</p></body></html>";

    #[test]
    fn script_goes_before_body_end() {
        let out = String::from_utf8(inject_live_reload(PAGE.as_bytes(), 3, "abc")).unwrap();
        let tag = "<script src=\"/__baken/livereload.js\" data-baken-build=\"3\" \
                   data-baken-server=\"abc\" defer></script>";
        assert!(out.ends_with(&format!("{tag}</body></html>")), "{out}");
    }

    #[test]
    fn script_is_appended_without_body_end() {
        let out = String::from_utf8(inject_live_reload(b"<p>Hoi", 1, "s")).unwrap();
        assert!(out.starts_with("<p>Hoi<script src=\"/__baken/livereload.js\""));
    }

    #[test]
    fn connect_src_none_becomes_self() {
        let out = allow_connect_self(PAGE);
        assert!(out.contains("connect-src 'self'; object-src 'none'"));
        assert!(!out.contains("connect-src 'none'"));
        assert!(out.contains("script-src 'self'"));
    }

    #[test]
    fn missing_connect_src_is_added() {
        let out = allow_connect_self(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\">",
        );
        let expected = "<meta http-equiv=\"Content-Security-Policy\" \
                        content=\"connect-src 'self'; default-src 'none'\">";
        assert_eq!(out, expected);
    }

    #[test]
    fn other_meta_elements_stay() {
        let html = "<meta content=\"connect-src 'none'\" name=description>";
        assert_eq!(allow_connect_self(html), html);
    }
}
