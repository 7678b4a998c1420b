//! HTML minification with minify-html.

/// Minifies one HTML page. Inline CSS and JavaScript are not touched because
/// the theme keeps them in separate files; JSON data blocks stay as they are.
pub fn minify_page(html: &str) -> Vec<u8> {
    let mut cfg = minify_html::Cfg::new();
    cfg.keep_closing_tags = true;
    cfg.keep_html_and_head_opening_tags = true;
    cfg.minify_css = false;
    cfg.minify_js = false;
    minify_html::minify(html.as_bytes(), &cfg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minify_removes_whitespace_and_keeps_json() {
        let html = "<!doctype html><html lang=nl><body>\n  <p>  a  </p>\n<script type=\"application/json\" id=\"d\">{\"a\": 1}</script></body></html>";
        let out = String::from_utf8(minify_page(html)).unwrap();
        assert!(out.len() < html.len());
        assert!(out.contains("{\"a\": 1}"), "{out}");
    }
}
