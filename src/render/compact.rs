//! Minifying templates once, when a theme is loaded, instead of every page
//! after it is rendered.
//!
//! minify-html can keep tera tags (`{{ }}`, `{% %}`, `{# #}`) as they are in
//! text. A template is compacted only when that is known to be safe. Each tera
//! tag must be in text or inside a quoted attribute value. After minifying,
//! the same tera tags must come back in the same order and the same kind of
//! place, with the same HTML tags around them. Only the attributes of one
//! tag may change order. Values that tera puts in a quoted attribute stay
//! quoted, so a value with spaces cannot break the tag.
//!
//! NOTE: spaces next to tera tags stay as one space, where minifying the
//! rendered page would drop some (between list items built in a loop), and
//! spaces inside inserted values stay as written. Only whitespace differs.

use std::fmt;

use memchr::memmem;

/// The reason a template cannot be compacted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotCompacted {
    /// A tera tag is between the attributes of an HTML tag, or in an
    /// unquoted attribute value, where the minifier cannot keep it intact.
    TagInsideElement { line: usize, tag: String },
    /// A tera tag has no end.
    Unclosed { line: usize },
    /// A tera block opens in one attribute value and ends outside it, so
    /// the minifier, which may reorder attributes, could split it.
    SpansValues { line: usize },
    /// `{% raw %}` contains text that looks like tera tags but is not.
    Raw { line: usize },
    /// The minified template lost, changed or moved a tera tag or an HTML tag.
    Changed,
}

impl fmt::Display for NotCompacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotCompacted::TagInsideElement { line, tag } => write!(f, "line {line}: `{tag}` is inside an HTML tag but not in a quoted attribute value"),
            NotCompacted::Unclosed { line } => write!(f, "line {line}: a tera tag has no end"),
            NotCompacted::SpansValues { line } => write!(f, "line {line}: a tera block starts in an attribute value and ends outside it"),
            NotCompacted::Raw { line } => write!(f, "line {line}: the template uses `{{% raw %}}`"),
            NotCompacted::Changed => write!(f, "minifying changed a tera tag or an HTML tag"),
        }
    }
}

/// The place of a tera tag in the HTML around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// In text, a comment or the content of an element such as `<script>`.
    Text,
    /// Inside a quoted attribute value.
    Quoted,
    /// Inside an HTML tag but not in a quoted value.
    InTag,
}

/// One tera tag found in a template.
#[derive(Debug, PartialEq, Eq)]
struct TeraTag<'a> {
    text: &'a str,
    place: Place,
    offset: usize,
    /// For a tag in a quoted value: which HTML tag and which value of the
    /// template, counted from the start.
    element: usize,
    value: usize,
}

/// Returns the minifier settings for templates. They match the ones for whole
/// pages, so a compacted template renders what minifying its output would give.
fn template_cfg() -> minify_html::Cfg {
    let mut cfg = super::minify::page_cfg();
    cfg.preserve_brace_template_syntax = true;
    cfg
}

/// Minifies the HTML of a template and keeps its tera tags as they are.
pub fn compact_template(source: &str) -> Result<String, NotCompacted> {
    let tags = tera_tags(source)?;
    if let Some(tag) = tags.iter().find(|t| t.place == Place::InTag) {
        return Err(NotCompacted::TagInsideElement { line: line_of(source, tag.offset), tag: tag.text.to_string() });
    }
    if let Some(tag) = tags.iter().find(|t| is_raw(t.text)) {
        return Err(NotCompacted::Raw { line: line_of(source, tag.offset) });
    }
    if let Some(tag) = unbalanced_value(&tags) {
        return Err(NotCompacted::SpansValues { line: line_of(source, tag.offset) });
    }

    let mut source = space_quoted_tags(source, &tags);
    // A template that is not a whole page (a block of a child template, a
    // macro, an included file) may end up inside a paragraph or a link. The
    // minifier would trim the spaces next to tags at its top level, so it
    // gets the template inside an inline element, whose spaces count.
    let fragment = !is_document(&source);
    if fragment {
        source = format!("{FRAGMENT_OPEN}{source}{FRAGMENT_CLOSE}");
    }

    let before = scan(&source)?;
    let minified = minify_html::minify(source.as_bytes(), &template_cfg());
    let minified = String::from_utf8(minified).map_err(|_| NotCompacted::Changed)?;
    let after = scan(&minified).map_err(|_| NotCompacted::Changed)?;
    if shape(&before.tags) != shape(&after.tags) || before.elements != after.elements {
        return Err(NotCompacted::Changed);
    }

    if !fragment {
        return Ok(minified);
    }
    minified.strip_prefix(FRAGMENT_OPEN).and_then(|rest| rest.strip_suffix(FRAGMENT_CLOSE)).map(str::to_string).ok_or(NotCompacted::Changed)
}

/// The inline element around a template that is not a whole page while it
/// is minified.
const FRAGMENT_OPEN: &str = "<span>";
const FRAGMENT_CLOSE: &str = "</span>";

/// Returns true when `source` starts a whole page, with a doctype or `<html>`,
/// after any tera tags and whitespace.
fn is_document(source: &str) -> bool {
    let mut rest = source.trim_start();
    while let Some(close) = tera_close(rest.as_bytes().get(1).copied()).filter(|_| rest.starts_with('{')) {
        let Some(end) = rest[2..].find(std::str::from_utf8(close).unwrap_or("}}")) else { return false };
        rest = rest[2 + end + 2..].trim_start();
    }
    let start = rest.get(..9).unwrap_or(rest).to_ascii_lowercase();
    start.starts_with("<!doctype") || start.starts_with("<html")
}

/// Puts a space after the opening of each tera tag in an attribute value that
/// has none, as in `{{url}}`. The minifier leaves out the quotes of a value
/// without spaces, and the value that tera writes there may have spaces.
fn space_quoted_tags(source: &str, tags: &[TeraTag]) -> String {
    let mut spaced = String::with_capacity(source.len() + 16);
    let mut done = 0;
    for tag in tags.iter().filter(|t| t.place == Place::Quoted) {
        let opener = if tag.text[2..].starts_with('-') { 3 } else { 2 };
        if tag.text[opener..].starts_with(char::is_whitespace) {
            continue;
        }
        let split = tag.offset + opener;
        spaced.push_str(&source[done..split]);
        spaced.push(' ');
        done = split;
    }
    spaced.push_str(&source[done..]);
    spaced
}

/// Returns the keyword of a `{% %}` tag, such as `if` or `endfor`, or an
/// empty string for other tags.
fn keyword(tag: &str) -> &str {
    let Some(inner) = tag.strip_prefix("{%") else { return "" };
    let inner = inner.strip_prefix('-').unwrap_or(inner).trim_start();
    let end = inner.find(|c: char| !c.is_ascii_alphanumeric() && c != '_').unwrap_or(inner.len());
    &inner[..end]
}

fn is_raw(tag: &str) -> bool {
    keyword(tag) == "raw"
}

/// Returns the first tag of a quoted value whose tera blocks do not all end
/// in that same value.
fn unbalanced_value<'t, 'a>(tags: &'t [TeraTag<'a>]) -> Option<&'t TeraTag<'a>> {
    let mut depth = 0i32;
    let mut first: Option<&TeraTag> = None;
    for (i, tag) in tags.iter().enumerate().filter(|(_, t)| t.place == Place::Quoted) {
        if first.is_none_or(|f| f.value != tag.value) {
            if depth != 0 {
                return first;
            }
            first = Some(tag);
        }
        match keyword(tag.text) {
            "if" | "for" | "block" | "filter" | "macro" => depth += 1,
            k if k.starts_with("end") => depth -= 1,
            _ => {}
        }
        if depth < 0 {
            return Some(&tags[i]);
        }
    }
    (depth != 0).then_some(first).flatten()
}

/// A piece of a template's tera tags: a tag in text, or the tags of the
/// quoted values of one HTML tag.
#[derive(Debug, PartialEq, Eq)]
enum Piece<'a> {
    Text(&'a str),
    Element(Vec<Vec<&'a str>>),
}

/// Returns the tags of a template in an order that minifying keeps: tags in
/// text in their order, and the values of one HTML tag in any order, because
/// the minifier may reorder attributes.
fn shape<'a>(tags: &[TeraTag<'a>]) -> Vec<Piece<'a>> {
    let mut pieces = Vec::new();
    let mut last: Option<(usize, usize)> = None;
    for tag in tags {
        if tag.place != Place::Quoted {
            pieces.push(Piece::Text(tag.text));
            last = None;
            continue;
        }
        match (last, pieces.last_mut()) {
            (Some((element, value)), Some(Piece::Element(values))) if element == tag.element => {
                if value == tag.value {
                    values.last_mut().expect("an element piece has a value").push(tag.text);
                } else {
                    values.push(vec![tag.text]);
                }
            }
            _ => pieces.push(Piece::Element(vec![vec![tag.text]])),
        }
        last = Some((tag.element, tag.value));
    }
    for piece in &mut pieces {
        if let Piece::Element(values) = piece {
            values.sort();
        }
    }
    pieces
}

fn line_of(source: &str, offset: usize) -> usize {
    memchr::memchr_iter(b'\n', &source.as_bytes()[..offset]).count() + 1
}

/// Finds every tera tag of `source` and where it is in the HTML.
///
/// The HTML is read as a tokenizer would, but only as far as needed to tell
/// text from tags and quoted values: comments and the content of raw text
/// elements count as text.
fn tera_tags(source: &str) -> Result<Vec<TeraTag<'_>>, NotCompacted> {
    scan(source).map(|scan| scan.tags)
}

/// The tera tags of a template and the names of its HTML tags.
struct Scan<'a> {
    tags: Vec<TeraTag<'a>>,
    /// Start and end tags in order, such as `li` and `/li`, lowercased.
    elements: Vec<String>,
}

fn scan(source: &str) -> Result<Scan<'_>, NotCompacted> {
    let bytes = source.as_bytes();
    let mut tags = Vec::new();
    let mut elements = Vec::new();
    let mut state = Html::Text;
    let (mut element, mut value) = (0, 0);
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'{' {
            if let Some(close) = tera_close(bytes.get(i + 1).copied()) {
                let end = memmem::find(&bytes[i + 2..], close).map(|e| i + 2 + e + 2).ok_or(NotCompacted::Unclosed { line: line_of(source, i) })?;
                let place = match state {
                    Html::Quoted(_) => Place::Quoted,
                    Html::Tag => Place::InTag,
                    _ => Place::Text,
                };
                tags.push(TeraTag { text: &source[i..end], place, offset: i, element, value });
                i = end;
                continue;
            }
        }
        let next = state.step(bytes, i);
        match (state, next) {
            (Html::Text | Html::RawText(_), Html::Tag) => {
                element += 1;
                elements.push(tag_name(&bytes[i + 1..]));
            }
            (Html::Tag, Html::Quoted(_)) => value += 1,
            _ => {}
        }
        state = next;
        i += 1;
    }
    Ok(Scan { tags, elements })
}

/// Returns the lowercased name of the tag that starts after `<`, with its `/` or `!`.
fn tag_name(after_lt: &[u8]) -> String {
    let end = after_lt.iter().skip(1).position(|c| !(c.is_ascii_alphanumeric() || *c == b'-')).map_or(after_lt.len(), |p| p + 1);
    String::from_utf8_lossy(&after_lt[..end]).to_ascii_lowercase()
}

/// Returns the end of the tera tag that starts with `{` and then `next`.
fn tera_close(next: Option<u8>) -> Option<&'static [u8]> {
    match next? {
        b'{' => Some(b"}}"),
        b'%' => Some(b"%}"),
        b'#' => Some(b"#}"),
        _ => None,
    }
}

/// The few states of an HTML tokenizer that matter here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Html {
    Text,
    /// Inside `<!-- -->`.
    Comment,
    /// Inside a start or end tag.
    Tag,
    /// Inside a quoted attribute value; the byte is the quote.
    Quoted(u8),
    /// In the content of `<script>`, `<style>`, `<textarea>` or `<title>`;
    /// the text is the end tag that closes it.
    RawText(&'static str),
}

/// Elements whose content is text up to their end tag.
const RAW_TEXT: [(&str, &str); 4] = [("script", "</script"), ("style", "</style"), ("textarea", "</textarea"), ("title", "</title")];

impl Html {
    /// Returns the state after byte `i`.
    fn step(self, bytes: &[u8], i: usize) -> Html {
        let b = bytes[i];
        match self {
            Html::Text if b == b'<' => {
                let rest = &bytes[i + 1..];
                if rest.starts_with(b"!--") {
                    Html::Comment
                } else if rest.first().is_some_and(|c| c.is_ascii_alphabetic() || *c == b'/' || *c == b'!') {
                    Html::Tag
                } else {
                    Html::Text
                }
            }
            Html::Comment if b == b'>' && i >= 2 && &bytes[i - 2..i] == b"--" => Html::Text,
            Html::Tag if b == b'"' || b == b'\'' => Html::Quoted(b),
            Html::Tag if b == b'>' => raw_text_after(bytes, i).map_or(Html::Text, Html::RawText),
            Html::Quoted(q) if b == q => Html::Tag,
            Html::RawText(end) if b == b'<' && starts_with_ignore_case(&bytes[i..], end.as_bytes()) => Html::Tag,
            state => state,
        }
    }
}

/// When the tag that ends at `gt` opens a raw text element, returns the end
/// tag that closes it.
fn raw_text_after(bytes: &[u8], gt: usize) -> Option<&'static str> {
    let open = memchr::memrchr(b'<', &bytes[..gt])?;
    let name_end = bytes[open + 1..gt].iter().position(|c| !c.is_ascii_alphanumeric()).map_or(gt, |p| open + 1 + p);
    let name = &bytes[open + 1..name_end];
    RAW_TEXT.iter().find(|(element, _)| name.eq_ignore_ascii_case(element.as_bytes())).map(|(_, end)| *end)
}

fn starts_with_ignore_case(haystack: &[u8], prefix: &[u8]) -> bool {
    haystack.len() >= prefix.len() && haystack[..prefix.len()].eq_ignore_ascii_case(prefix)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compacts_text_and_keeps_tags() {
        let source = "<ul>\n  {% for item in nav %}<li>\n    <a href=\"{{ root }}{{ item.url }}\">{{ item.title }}</a>\n  </li>\n  {% endfor %}\n</ul>\n";
        let compact = compact_template(source).unwrap();
        assert!(compact.len() < source.len(), "{compact}");
        assert!(compact.contains("href=\"{{ root }}{{ item.url }}\""), "{compact}");
        assert!(compact.contains("{{ item.title }}"), "{compact}");
        assert!(!compact.contains("\n"), "{compact}");
    }

    #[test]
    fn keeps_spaces_at_the_top_of_fragments() {
        let block = "{% extends \"base.html\" %}\n{% block naam %}<b>Let op:</b> {{ page.title }}{% endblock naam %}";
        assert!(compact_template(block).unwrap().contains("<b>Let op:</b> {{ page.title }}"));
        let links = "{% block crumbs %}<a href=\"#main\">Home</a> <a href=\"#main\">Beleid</a>{% endblock crumbs %}";
        assert!(compact_template(links).unwrap().contains("</a> <a"));
        let macro_body = "{% macro tel(x) %}<b>Tel:</b> {{ x }}{% endmacro tel %}";
        assert!(compact_template(macro_body).unwrap().contains("</b> {{ x }}"));
        let include = "<b>Bel</b>\n<a href=\"tel:112\">112</a>\n";
        assert_eq!(compact_template(include).unwrap(), "<b>Bel</b> <a href=tel:112>112</a> ");
    }

    #[test]
    fn whole_pages_are_not_wrapped() {
        assert!(is_document("{# page #}\n<!DOCTYPE html><html><body>x</body></html>"));
        assert!(!is_document("{% extends \"base.html\" %}<p>x</p>"));
        let page = compact_template("<!doctype html>\n<html>\n<body>\n<p>x</p>\n</body>\n</html>\n").unwrap();
        assert!(page.starts_with("<!doctype html><html><body><p>x"), "{page}");
    }

    #[test]
    fn refuses_tags_between_attributes() {
        let source = "<p>\n<a href=\"x\"{% if current %} aria-current=\"page\"{% endif %}>x</a>\n</p>";
        assert_eq!(compact_template(source), Err(NotCompacted::TagInsideElement { line: 2, tag: "{% if current %}".to_string() }));
        let unquoted = "<a href={{ url }}>x</a>";
        assert!(matches!(compact_template(unquoted), Err(NotCompacted::TagInsideElement { line: 1, .. })));
    }

    #[test]
    fn refuses_templates_whose_elements_change() {
        // Two start tags of a link in a row make the minifier drop end tags.
        let source = "<ul>\n{% if a %}<li><a href=\"x\" class=\"c\">{% else %}<li><a href=\"x\">{% endif %}y</a></li>\n</ul>\n<p>z</p>";
        assert_eq!(compact_template(source), Err(NotCompacted::Changed));
    }

    #[test]
    fn refuses_raw_blocks_and_open_tags() {
        assert_eq!(compact_template("<p>\n{% raw %}{{ x }}{% endraw %}</p>"), Err(NotCompacted::Raw { line: 2 }));
        assert_eq!(compact_template("<p>\n\n{{ x </p>"), Err(NotCompacted::Unclosed { line: 3 }));
    }

    #[test]
    fn raw_text_tags_count_as_text() {
        let source = "<title>{% block title %}{{ title }}{% endblock title %} | {{ site.title }}</title>\n<script type=\"application/json\">{\"a\": \"{{ x }}\"}</script>\n<!-- <a {{ y }}> -->";
        let tags = tera_tags(source).unwrap();
        assert_eq!(tags.len(), 6);
        assert!(tags.iter().all(|t| t.place == Place::Text), "{tags:?}");
    }

    #[test]
    fn attributes_may_be_reordered() {
        let source = "<li class=\"card\" data-b=\"{{ b }}\" data-a=\"{% if a %}x{% endif %}\">{{ c }}</li>";
        let compact = compact_template(source).unwrap();
        assert!(compact.contains("data-a=\"{% if a %}x{% endif %}\""), "{compact}");
        assert!(compact.contains("data-b=\"{{ b }}\""), "{compact}");
    }

    #[test]
    fn refuses_blocks_across_values() {
        let source = "<p>\n<a class=\"{% if a %}x\" title=\"y{% endif %}\">z</a></p>";
        assert_eq!(compact_template(source), Err(NotCompacted::SpansValues { line: 2 }));
    }

    #[test]
    fn quoted_values_stay_quoted() {
        let compact = compact_template("<a class=\"x\" href=\"{{url}}\" title=\"{{-t}}\">x</a>").unwrap();
        assert!(compact.contains("href=\"{{ url}}\""), "{compact}");
        assert!(compact.contains("title=\"{{- t}}\""), "{compact}");
    }
}
