//! Markdown to HTML with pulldown-cmark: heading ids, and `<abbr>` on the
//! first use of each glossary abbreviation.

use std::cell::Cell;
use std::collections::{HashMap, HashSet};
use std::fmt;

use aho_corasick::{AhoCorasick, MatchKind};
use pulldown_cmark::{html, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// The result of rendering one Markdown body.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    /// Plain text of the body, for search.
    pub text: String,
    /// Headings of level 2 and 3 with their ids, in order.
    pub headings: Vec<Heading>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// Abbreviations to mark, mapped to their expansion, with an automaton that
/// finds all of them in one pass over a text.
#[derive(Debug, Clone, Default)]
pub struct Abbreviations {
    expansions: HashMap<String, String>,
    /// The keys of `expansions`, in the order of the automaton's patterns.
    patterns: Vec<String>,
    finder: Option<AhoCorasick>,
}

impl Abbreviations {
    /// Creates an empty set, which marks nothing.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `abbreviation` with its `expansion`, replacing an earlier expansion.
    pub fn insert(&mut self, abbreviation: String, expansion: String) {
        self.expansions.insert(abbreviation, expansion);
        self.rebuild_finder();
    }

    /// Returns true when the set contains no abbreviation.
    pub fn is_empty(&self) -> bool {
        self.expansions.is_empty()
    }

    fn rebuild_finder(&mut self) {
        self.patterns = self.expansions.keys().cloned().collect();
        // Standard match semantics report overlapping matches, so no
        // abbreviation hides inside another one.
        self.finder = AhoCorasick::builder().match_kind(MatchKind::Standard).build(&self.patterns).ok();
    }

    /// Returns the abbreviations that occur anywhere in `text`, also inside
    /// a longer word: a superset of those that [`find_word`] finds.
    fn occurring_in<'s>(&'s self, text: &str) -> Vec<&'s str> {
        let Some(finder) = &self.finder else {
            // Building the automaton failed; test every abbreviation instead.
            return self.patterns.iter().map(String::as_str).filter(|a| text.contains(*a)).collect();
        };
        let mut seen = vec![false; self.patterns.len()];
        let mut found = Vec::new();
        for m in finder.find_overlapping_iter(text) {
            let index = m.pattern().as_usize();
            if !std::mem::replace(&mut seen[index], true) {
                found.push(self.patterns[index].as_str());
            }
        }
        found
    }
}

impl FromIterator<(String, String)> for Abbreviations {
    fn from_iter<I: IntoIterator<Item = (String, String)>>(pairs: I) -> Self {
        let mut abbreviations = Abbreviations { expansions: pairs.into_iter().collect(), ..Self::default() };
        abbreviations.rebuild_finder();
        abbreviations
    }
}

/// Renders `source` to HTML.
pub fn render_markdown(source: &str, abbreviations: &Abbreviations) -> Rendered {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let events: Vec<Event> = Parser::new_ext(source, options).collect();
    let mut out = Vec::with_capacity(events.len());
    let mut text = String::new();
    let mut headings = Vec::new();
    let mut used_ids = HashSet::new();
    let mut used_abbr = HashSet::new();
    let mut skip_abbr = 0usize;
    let mut raw_html = RawHtmlState::default();
    let mut i = 0;
    while i < events.len() {
        match &events[i] {
            Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                // Collect the heading's inline events to derive its id from the text.
                let end = events[i..].iter().position(|e| matches!(e, Event::End(TagEnd::Heading(_)))).map(|p| i + p).unwrap_or(events.len() - 1);
                let heading_text = plain_text(&events[i + 1..end]);
                let id = id.as_ref().map(|s| s.to_string()).unwrap_or_else(|| unique_slug(&heading_text, &mut used_ids));
                used_ids.insert(id.clone());
                if matches!(level, HeadingLevel::H2 | HeadingLevel::H3) {
                    headings.push(Heading { level: *level as u8, id: id.clone(), text: heading_text.clone() });
                }
                out.push(Event::Start(Tag::Heading { level: *level, id: Some(CowStr::from(id)), classes: classes.clone(), attrs: attrs.clone() }));
                out.extend(events[i + 1..=end].iter().cloned());
                push_text(&mut text, &heading_text);
                text.push('\n');
                i = end + 1;
                continue;
            }
            Event::Start(Tag::Link { .. } | Tag::CodeBlock(_) | Tag::Image { .. }) => {
                skip_abbr += 1;
                out.push(events[i].clone());
            }
            Event::End(TagEnd::Link | TagEnd::CodeBlock | TagEnd::Image) => {
                skip_abbr = skip_abbr.saturating_sub(1);
                out.push(events[i].clone());
            }
            Event::Text(content) => {
                push_text(&mut text, content);
                if skip_abbr == 0 && !abbreviations.is_empty() {
                    out.extend(mark_abbreviations(content, abbreviations, &mut used_abbr));
                } else {
                    out.push(events[i].clone());
                }
            }
            Event::Code(content) => {
                push_text(&mut text, content);
                out.push(events[i].clone());
            }
            Event::Html(raw) => out.push(Event::Html(raw_html.strip_comments(raw))),
            Event::InlineHtml(raw) => {
                // Text inside an author's own `<abbr>` gets no second one.
                let tag = raw.trim_start().to_ascii_lowercase();
                if tag.starts_with("<abbr") {
                    skip_abbr += 1;
                } else if tag.starts_with("</abbr") {
                    skip_abbr = skip_abbr.saturating_sub(1);
                }
                out.push(Event::InlineHtml(raw_html.strip_comments(raw)));
            }
            Event::SoftBreak | Event::HardBreak => {
                text.push(' ');
                out.push(events[i].clone());
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) => {
                text.push('\n');
                out.push(events[i].clone());
            }
            other => out.push(other.clone()),
        }
        i += 1;
    }
    let mut html_out = String::with_capacity(source.len() * 3 / 2);
    push_compact_html(&mut html_out, out);
    Rendered { html: html_out, text: text.trim().to_string(), headings }
}

/// The state of raw HTML in a Markdown body across events: pulldown-cmark
/// hands over an HTML block line by line, so a comment or a script can span
/// several events.
#[derive(Default)]
struct RawHtmlState {
    in_comment: bool,
    /// Inside `<script>` or `<style>`, where `<!--` is text, not a comment.
    in_raw_text: bool,
}

impl RawHtmlState {
    /// Removes HTML comments from raw HTML, as minify-html does for the rest
    /// of the page, because the body is not minified. Script and style
    /// content is kept as it is.
    fn strip_comments<'a>(&mut self, raw: &CowStr<'a>) -> CowStr<'a> {
        let lower = raw.to_ascii_lowercase();
        if lower.contains("<script") || lower.contains("<style") {
            self.in_raw_text = true;
        }
        if self.in_raw_text {
            if lower.contains("</script") || lower.contains("</style") {
                self.in_raw_text = false;
            }
            return raw.clone();
        }
        if !self.in_comment && !raw.contains("<!--") {
            return raw.clone();
        }
        let mut kept = String::with_capacity(raw.len());
        let mut rest: &str = raw;
        loop {
            if self.in_comment {
                let Some(end) = rest.find("-->") else { break };
                rest = &rest[end + "-->".len()..];
                self.in_comment = false;
            } else {
                let Some(start) = rest.find("<!--") else {
                    kept.push_str(rest);
                    break;
                };
                kept.push_str(&rest[..start]);
                rest = &rest[start + "<!--".len()..];
                self.in_comment = true;
            }
        }
        CowStr::from(kept)
    }
}

/// Writes `events` as HTML without the newlines pulldown-cmark puts around
/// block tags, so a page can take the body without minifying it. Text, code
/// blocks and raw HTML are written unchanged, which keeps `<pre>` content exact.
fn push_compact_html(out: &mut String, events: Vec<Event>) {
    let in_block_tag = Cell::new(false);
    let events = events.into_iter().inspect(|event| in_block_tag.set(is_block_tag(event)));
    let writer = BlockNewlineFilter { out, in_block_tag: &in_block_tag };
    // Writing into a String cannot fail, so there is no error to report.
    let _ = html::write_html_fmt(writer, events);
}

/// A writer that drops the newlines written for a block tag. The HTML writer
/// of pulldown-cmark 0.13 handles each event as soon as the iterator yields
/// it, so the flag that the iterator sets describes the event being written.
struct BlockNewlineFilter<'w> {
    out: &'w mut String,
    in_block_tag: &'w Cell<bool>,
}

impl fmt::Write for BlockNewlineFilter<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        if self.in_block_tag.get() {
            self.out.extend(s.split('\n'));
        } else {
            self.out.push_str(s);
        }
        Ok(())
    }
}

/// Returns true for the start or end of a block element and for a rule,
/// whose newlines pulldown-cmark writes only for readability.
fn is_block_tag(event: &Event) -> bool {
    let end = match event {
        Event::Start(tag) => tag.to_end(),
        Event::End(end) => *end,
        Event::Rule => return true,
        _ => return false,
    };
    matches!(
        end,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::CodeBlock
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::FootnoteDefinition
            | TagEnd::Table
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::TableCell
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
    )
}

fn push_text(text: &mut String, piece: &str) {
    text.push_str(piece);
}

fn plain_text(events: &[Event]) -> String {
    let mut out = String::new();
    for event in events {
        if let Event::Text(t) | Event::Code(t) = event {
            out.push_str(t);
        }
    }
    out
}

/// Splits `content` so that the first use of each abbreviation becomes an `<abbr>`.
fn mark_abbreviations<'a>(content: &CowStr<'a>, abbreviations: &Abbreviations, used: &mut HashSet<String>) -> Vec<Event<'a>> {
    let mut events = Vec::new();
    let mut rest: &str = content;
    // Only abbreviations that occur in the text can match, so the search for
    // whole words below looks at a few candidates, not the whole glossary.
    let candidates = abbreviations.occurring_in(content);
    loop {
        let found = candidates
            .iter()
            .filter(|abbr| !used.contains(**abbr))
            .filter_map(|abbr| find_word(rest, abbr).map(|pos| (pos, *abbr)))
            .min_by_key(|(pos, abbr)| (*pos, std::cmp::Reverse(abbr.len())));
        let Some((pos, abbr)) = found else { break };
        used.insert(abbr.to_string());
        if pos > 0 {
            events.push(Event::Text(CowStr::from(rest[..pos].to_string())));
        }
        let title = escape_html(&abbreviations.expansions[abbr]);
        events.push(Event::InlineHtml(CowStr::from(format!("<abbr title=\"{title}\">{}</abbr>", escape_html(abbr)))));
        rest = &rest[pos + abbr.len()..];
    }
    if events.is_empty() {
        return vec![Event::Text(content.clone())];
    }
    if !rest.is_empty() {
        events.push(Event::Text(CowStr::from(rest.to_string())));
    }
    events
}

/// Finds `word` in `text` where it is not part of a longer word.
fn find_word(text: &str, word: &str) -> Option<usize> {
    let is_word = |c: char| c.is_alphanumeric() || c == '-';
    let mut start = 0;
    while let Some(offset) = text[start..].find(word) {
        let pos = start + offset;
        let before = text[..pos].chars().next_back();
        let after = text[pos + word.len()..].chars().next();
        if !before.is_some_and(is_word) && !after.is_some_and(is_word) {
            return Some(pos);
        }
        start = pos + word.len();
    }
    None
}

pub fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Makes a URL fragment from heading text: lower case ASCII, hyphens, no diacritics.
pub fn slugify(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut slug = String::new();
    // NFKD splits accents off letters and ligatures such as ĳ into letters.
    for c in text.nfkd() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if let Some(letters) = ascii_letters(c) {
            slug.push_str(letters);
        } else if (c.is_whitespace() || c == '-' || c == '/') && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_matches('-').to_string();
    if slug.is_empty() {
        "sectie".to_string()
    } else {
        slug
    }
}

/// Returns the ASCII spelling of letters that have no decomposition.
fn ascii_letters(c: char) -> Option<&'static str> {
    match c {
        'ß' => Some("ss"),
        'æ' | 'Æ' => Some("ae"),
        'œ' | 'Œ' => Some("oe"),
        'ø' | 'Ø' => Some("o"),
        _ => None,
    }
}

fn unique_slug(text: &str, used: &mut HashSet<String>) -> String {
    let base = slugify(text);
    let mut slug = base.clone();
    let mut n = 2;
    while used.contains(&slug) {
        slug = format!("{base}-{n}");
        n += 1;
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_get_ids() {
        let out = render_markdown("## De vier rollen\n\n## De vier rollen\n", &Abbreviations::new());
        assert!(out.html.contains("<h2 id=\"de-vier-rollen\">"), "{}", out.html);
        assert!(out.html.contains("<h2 id=\"de-vier-rollen-2\">"));
        assert_eq!(out.headings.len(), 2);
    }

    #[test]
    fn slug_folds_diacritics() {
        assert_eq!(slugify("Zorgcoördinatie en privacy"), "zorgcoordinatie-en-privacy");
        assert_eq!(slugify("Kop met éé en ß"), "kop-met-ee-en-ss");
        assert_eq!(slugify("Ĳsselland"), "ijsselland");
    }

    #[test]
    fn first_abbreviation_is_marked_once() {
        let mut abbreviations = Abbreviations::new();
        abbreviations.insert("AVIM".into(), "Afdeling Vreemdelingenpolitie".into());
        let out = render_markdown("Bel AVIM. Daarna weer AVIM.\n", &abbreviations);
        assert_eq!(out.html.matches("<abbr").count(), 1, "{}", out.html);
        assert!(out.html.contains("<abbr title=\"Afdeling Vreemdelingenpolitie\">AVIM</abbr>"));
    }

    #[test]
    fn abbreviation_in_author_abbr_is_not_marked_again() {
        let mut abbreviations = Abbreviations::new();
        abbreviations.insert("AF".into(), "Aandachtsfunctionaris Mensenhandel".into());
        let out = render_markdown("Bel de <abbr title=\"Aandachtsfunctionaris\">AF</abbr>. De AF helpt.\n", &abbreviations);
        assert_eq!(out.html.matches("<abbr").count(), 2, "{}", out.html);
        assert!(out.html.contains("<abbr title=\"Aandachtsfunctionaris\">AF</abbr>"), "{}", out.html);
        assert!(out.html.contains("De <abbr title=\"Aandachtsfunctionaris Mensenhandel\">AF</abbr> helpt"), "{}", out.html);
    }

    #[test]
    fn abbreviation_inside_word_is_not_marked() {
        let mut abbreviations = Abbreviations::new();
        abbreviations.insert("AU".into(), "Arbeidsuitbuiting".into());
        let out = render_markdown("AUTO en TF-AU\n", &abbreviations);
        assert!(!out.html.contains("<abbr"), "{}", out.html);
    }

    #[test]
    fn body_has_no_newlines_between_blocks() {
        let source = "# Titel\n\nEen alinea.\n\n- een\n- twee\n\n> citaat\n\n---\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";
        let out = render_markdown(source, &Abbreviations::new());
        assert!(!out.html.contains('\n'), "{}", out.html);
        assert!(out.html.contains("<h1 id=\"titel\">Titel</h1><p>Een alinea.</p><ul><li>een</li><li>twee</li></ul>"), "{}", out.html);
    }

    #[test]
    fn compact_body_keeps_pre_whitespace() {
        let source = "Voor\n\n```\nfn main() {\n    let a  =  1;\n\n}\n```\n\nNa\n";
        let out = render_markdown(source, &Abbreviations::new());
        assert!(out.html.contains("<pre><code>fn main() {\n    let a  =  1;\n\n}\n</code></pre><p>Na</p>"), "{}", out.html);
    }

    #[test]
    fn compact_body_keeps_soft_breaks_and_raw_html() {
        let out = render_markdown("*een*\n**twee**\n\n<div>\n<span>a</span>\n<span>b</span>\n</div>\n", &Abbreviations::new());
        assert!(out.html.contains("<em>een</em>\n<strong>twee</strong>"), "{}", out.html);
        assert!(out.html.contains("<span>a</span>\n<span>b</span>"), "{}", out.html);
    }

    #[test]
    fn comments_in_raw_html_are_removed() {
        let source = "Tekst <!-- kort --> meer.\n\n<!--\nnotitie van de redactie\n-->\n\n<div>a<!-- b -->c</div>\n\n<script>\n<!-- blijft -->\n</script>\n";
        let out = render_markdown(source, &Abbreviations::new());
        assert!(!out.html.contains("kort"), "{}", out.html);
        assert!(!out.html.contains("redactie"), "{}", out.html);
        assert!(out.html.contains("<div>ac</div>"), "{}", out.html);
        assert!(out.html.contains("<!-- blijft -->"), "{}", out.html);
    }

    #[test]
    fn tables_and_footnotes_render() {
        let out = render_markdown("| a | b |\n|---|---|\n| 1 | 2 |\n\nTekst[^1]\n\n[^1]: Noot\n", &Abbreviations::new());
        assert!(out.html.contains("<table>"));
        assert!(out.html.contains("footnote"));
    }
}
