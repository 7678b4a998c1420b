//! Raw HTML in Markdown bodies: an unclosed comment hides the rest of the
//! page, and a closing tag without its opening tag closes part of the page
//! around the body. The build publishes raw HTML as it is, so both are
//! errors here, at the place in the Markdown file.

use std::collections::HashMap;
use std::path::Path;

use pulldown_cmark::{Event, Options, Parser};
use rayon::prelude::*;

use crate::content::Site;
use crate::diagnostics::{Diagnostic, Diagnostics, Position};

/// Elements whose opening and closing tags must balance within one body,
/// because the page around the body uses them for its layout.
const LAYOUT_ELEMENTS: [&str; 12] = ["article", "aside", "body", "details", "div", "footer", "header", "html", "main", "nav", "section", "summary"];

/// Checks the raw HTML in the body of every page and case, in parallel.
pub fn check_raw_html(site: &Site, diagnostics: &Diagnostics) {
    let bodies = site.pages.iter().map(|p| &p.file).map(|f| (f.body.as_str(), f.body_line, f.source.path.as_path()));
    let cases = site.cases.iter().map(|c| &c.file).map(|f| (f.body.as_str(), f.body_line, f.source.path.as_path()));
    let all: Vec<(&str, usize, &Path)> = bodies.chain(cases).collect();
    let found: Vec<Diagnostic> = all
        .par_iter()
        // Without `<` a body has no raw HTML, and most bodies have none.
        .filter(|(body, _, _)| memchr::memchr(b'<', body.as_bytes()).is_some())
        .flat_map_iter(|&(body, first_line, path)| problems(body).into_iter().map(move |(offset, problem)| problem.diagnostic(path, position(body, offset, first_line))))
        .collect();
    diagnostics.extend(found);
}

/// One problem with the raw HTML of a body.
#[derive(Debug, PartialEq, Eq)]
enum Problem {
    UnclosedComment,
    StrayClosingTag(String),
    UnclosedElement(String),
}

impl Problem {
    fn diagnostic(&self, path: &Path, position: Position) -> Diagnostic {
        match self {
            Problem::UnclosedComment => Diagnostic::error("raw-html", path, position, "HTML comment is not closed, so a browser hides the rest of the page")
                .with_help("end the comment with `-->`, or remove it"),
            Problem::StrayClosingTag(name) => Diagnostic::error("raw-html", path, position, format!("closing tag `</{name}>` has no opening tag in this text, so it would close part of the page around it"))
                .with_help("remove the closing tag, or add the opening tag before it"),
            Problem::UnclosedElement(name) => Diagnostic::error("raw-html", path, position, format!("`<{name}>` is not closed in this text, so it would take in the rest of the page"))
                .with_help(format!("add `</{name}>` where the element ends")),
        }
    }
}

/// Finds the problems of one Markdown body, each with its byte offset.
fn problems(body: &str) -> Vec<(usize, Problem)> {
    let options = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut found = Vec::new();
    let mut open_comment: Option<usize> = None;
    let mut open: HashMap<&str, Vec<usize>> = HashMap::new();
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        let (Event::Html(raw) | Event::InlineHtml(raw)) = event else { continue };
        let raw_start = range.start + body[range.clone()].find(raw.as_ref()).unwrap_or(0);
        let mut rest = 0;
        while rest < raw.len() {
            let text = &raw[rest..];
            if open_comment.is_some() {
                match text.find("-->") {
                    Some(end) => {
                        open_comment = None;
                        rest += end + 3;
                    }
                    None => break,
                }
                continue;
            }
            let Some(lt) = text.find('<') else { break };
            let tag = &text[lt..];
            let offset = raw_start + rest + lt;
            if tag.starts_with("<!--") {
                open_comment = Some(offset);
                rest += lt + 4;
                continue;
            }
            let (is_closing, name) = tag_name(tag);
            if let Some(name) = LAYOUT_ELEMENTS.iter().find(|e| e.eq_ignore_ascii_case(name)) {
                let stack = open.entry(name).or_default();
                if !is_closing {
                    stack.push(offset);
                } else if stack.pop().is_none() {
                    found.push((offset, Problem::StrayClosingTag(name.to_string())));
                }
            }
            rest += lt + 1;
        }
    }
    if let Some(offset) = open_comment {
        found.push((offset, Problem::UnclosedComment));
    }
    for (name, offsets) in open {
        found.extend(offsets.into_iter().map(|offset| (offset, Problem::UnclosedElement(name.to_string()))));
    }
    found.sort_by_key(|(offset, _)| *offset);
    found
}

/// Returns whether `tag` (text from a `<`) closes an element, and its name.
fn tag_name(tag: &str) -> (bool, &str) {
    let inner = &tag[1..];
    let (is_closing, inner) = match inner.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, inner),
    };
    let end = inner.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(inner.len());
    (is_closing, &inner[..end])
}

/// Converts a byte offset in a body to a position in its file.
fn position(body: &str, offset: usize, first_line: usize) -> Position {
    let before = &body[..offset.min(body.len())];
    let line = first_line + before.matches('\n').count();
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Position::new(line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(body: &str) -> Vec<Problem> {
        problems(body).into_iter().map(|(_, p)| p).collect()
    }

    #[test]
    fn balanced_html_passes() {
        assert!(kinds("Tekst <div class=\"x\">a</div>.\n\n<details><summary>Meer</summary>\n\nUitleg.\n\n</details>\n").is_empty());
        assert!(kinds("Een <!-- opmerking --> tussen.\n\n<!--\nmeer regels\n-->\n").is_empty());
        assert!(kinds("Code `</div>` en\n\n```\n</main>\n```\n").is_empty());
    }

    #[test]
    fn unclosed_comment_is_found() {
        assert_eq!(kinds("Begin.\n\n<!-- dit sluit niet\n\nNa het commentaar.\n"), [Problem::UnclosedComment]);
    }

    #[test]
    fn stray_and_unclosed_tags_are_found() {
        let found = kinds("Tekst </div></main> en verder.\n\n<details>\n\nOpen.\n");
        assert_eq!(found, [Problem::StrayClosingTag("div".into()), Problem::StrayClosingTag("main".into()), Problem::UnclosedElement("details".into())]);
    }

    #[test]
    fn position_counts_from_the_first_body_line() {
        let body = "Regel een.\n\nTwee </div> hier.\n";
        let (offset, _) = problems(body).remove(0);
        assert_eq!(position(body, offset, 5), Position::new(7, 6));
    }
}
