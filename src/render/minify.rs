//! HTML minification with minify-html.

/// An element that takes the place of a page's Markdown body while the rest
/// of the page is minified. minify-html 0.18 keeps an unknown element as it
/// is, which the tests below check.
pub const BODY_PLACEHOLDER: &str = "<baken-body-placeholder></baken-body-placeholder>";

/// Minifies one HTML page. Inline CSS and JavaScript are not touched because
/// the theme keeps them in separate files; JSON data blocks stay as they are.
pub fn minify_page(html: &str) -> Vec<u8> {
    minify_html::minify(html.as_bytes(), &page_cfg())
}

/// Returns the minifier settings for pages.
pub fn page_cfg() -> minify_html::Cfg {
    let mut cfg = minify_html::Cfg::new();
    cfg.keep_closing_tags = true;
    cfg.keep_html_and_head_opening_tags = true;
    cfg.minify_css = false;
    cfg.minify_js = false;
    cfg
}

/// Minifies `shell`, a page that contains [`BODY_PLACEHOLDER`] where its body
/// belongs, and puts `body` in place of the placeholder. The body must
/// already be compact HTML, such as the Markdown renderer writes.
///
/// Returns None unless the minified shell contains the placeholder exactly
/// once, for instance when the template escaped or repeated the body. The
/// caller then minifies the whole page instead.
pub fn minify_around_body(shell: &str, body: &str) -> Option<Vec<u8>> {
    let minified = minify_page(shell);
    let placeholder = BODY_PLACEHOLDER.as_bytes();
    let start = memchr::memmem::find(&minified, placeholder)?;
    let end = start + placeholder.len();
    if memchr::memmem::find(&minified[end..], placeholder).is_some() {
        return None;
    }
    let mut page = Vec::with_capacity(minified.len() - placeholder.len() + body.len());
    page.extend_from_slice(&minified[..start]);
    page.extend_from_slice(body.as_bytes());
    page.extend_from_slice(&minified[end..]);
    Some(page)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::markdown::{render_markdown, Abbreviations};

    /// Returns the text a browser shows: tags dropped, common entities decoded
    /// and each run of whitespace outside `<pre>` read as one space.
    fn visible_text(html: &str) -> String {
        let mut text = String::new();
        let mut rest = html;
        let mut in_pre = false;
        while let Some(open) = rest.find('<') {
            push_visible(&mut text, &rest[..open], in_pre);
            let close = rest[open..].find('>').map_or(rest.len(), |i| open + i + 1);
            let tag = rest[open..close].to_ascii_lowercase();
            if tag.starts_with("<pre") {
                in_pre = true;
            } else if tag.starts_with("</pre") {
                in_pre = false;
            }
            rest = &rest[close..];
        }
        push_visible(&mut text, rest, in_pre);
        text.trim().to_string()
    }

    fn push_visible(text: &mut String, piece: &str, in_pre: bool) {
        let piece = piece.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
        for c in piece.chars() {
            if !in_pre && c.is_whitespace() {
                if !text.ends_with(' ') {
                    text.push(' ');
                }
            } else {
                text.push(c);
            }
        }
    }

    fn page_with(body: &str) -> String {
        format!("<!doctype html>\n<html lang=nl>\n<head><title>T</title></head>\n<body>\n  <main>\n    <h1>Titel</h1>\n    <div class=\"prose\">{body}</div>\n  </main>\n</body>\n</html>\n")
    }

    #[test]
    fn minify_removes_whitespace_and_keeps_json() {
        let html = "<!doctype html><html lang=nl><body>\n  <p>  a  </p>\n<script type=\"application/json\" id=\"d\">{\"a\": 1}</script></body></html>";
        let out = String::from_utf8(minify_page(html)).unwrap();
        assert!(out.len() < html.len());
        assert!(out.contains("{\"a\": 1}"), "{out}");
    }

    #[test]
    fn spliced_page_matches_minified_text() {
        let source = "## Kop & staart\n\nEen *alinea*\nmet  twee regels en [een link](a.html#x \"titel\").\n\n- een\n- twee\n\n> citaat\n\n```\nlet a  =  1;\n\n```\n\n| a | b |\n|---|---|\n| 1 | <b>2</b> |\n\nTekst[^1]\n\n[^1]: Noot\n";
        let body = render_markdown(source, &Abbreviations::new()).html;
        let whole = String::from_utf8(minify_page(&page_with(&body))).unwrap();
        let spliced = String::from_utf8(minify_around_body(&page_with(BODY_PLACEHOLDER), &body).expect("placeholder found")).unwrap();
        assert_eq!(visible_text(&spliced), visible_text(&whole));
        assert!(spliced.contains("<pre><code>let a  =  1;\n\n</code></pre>"), "{spliced}");
        assert!(!spliced.contains(BODY_PLACEHOLDER));
    }

    #[test]
    fn splice_needs_one_placeholder() {
        let twice = format!("<p>{BODY_PLACEHOLDER}</p><p>{BODY_PLACEHOLDER}</p>");
        assert!(minify_around_body(&twice, "<p>x</p>").is_none());
        let escaped = "<p>&lt;baken-body-placeholder&gt;&lt;/baken-body-placeholder&gt;</p>";
        assert!(minify_around_body(escaped, "<p>x</p>").is_none());
    }
}
