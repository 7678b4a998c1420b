//! The Markdown pages: a few general pages, theme pages and the local pages
//! of every municipality, with headings, lists, tables, footnotes and links.

use std::fmt::Write as _;
use std::path::Path;

use anyhow::Result;
use rand::seq::{IndexedRandom, SliceRandom};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;

use crate::items::{partner_id, signal_id};
use crate::text::{self, paragraph, phrase, pick, quoted};
use crate::{hugo, write_file, Corpus};

/// Random stream of the pages. Other kinds of items use other numbers.
const PAGE_STREAM: u64 = 1;

/// Pages at the top of `content/` that the theme links to when they exist.
const GENERAL_PAGES: [(&str, &str); 3] =
    [("waar-melden", "Waar meld ik mensenhandel?"), ("over-deze-site", "Over deze site"), ("toegankelijkheid", "Toegankelijkheid")];

/// The id (path without `.md`) and title of a page.
pub struct PageRef {
    pub id: String,
    pub title: String,
}

impl Corpus {
    /// Returns the id and title of page `index`, without generating its text.
    pub fn page_ref(&self, index: usize) -> PageRef {
        if let Some((id, title)) = GENERAL_PAGES.get(index) {
            return PageRef { id: id.to_string(), title: title.to_string() };
        }
        let index = index - GENERAL_PAGES.len();
        if index < self.counts.theme_pages {
            let topic = text::TOPICS[index % text::TOPICS.len()];
            return PageRef { id: format!("thema/{}-{index}", text::to_id(topic)), title: format!("{topic}: thema {}", index + 1) };
        }
        let local = index - self.counts.theme_pages;
        let (gemeente_id, gemeente_name) = &self.gemeenten[local % self.gemeenten.len()];
        let round = local / self.gemeenten.len();
        let topic = text::TOPICS[round % text::TOPICS.len()];
        let part = round / text::TOPICS.len();
        let mut id = format!("gemeenten/{gemeente_id}/{}", text::to_id(topic));
        let mut title = format!("{topic} in {gemeente_name}");
        if part > 0 {
            write!(id, "-{}", part + 1).ok();
            write!(title, " (deel {})", part + 1).ok();
        }
        PageRef { id, title }
    }
}

/// Writes every page, into the Baken site and, if given, the Hugo site.
pub fn write_pages(corpus: &Corpus, out: &Path, hugo_dir: Option<&Path>) -> Result<()> {
    (0..corpus.counts.pages).into_par_iter().try_for_each(|index| {
        let page = corpus.page_ref(index);
        let mut rng = corpus.rng(PAGE_STREAM, index);
        let summary = format!("{}.", phrase(&mut rng));
        let body = page_body(corpus, &page, &mut rng);
        let (front, terms) = front_matter(corpus, &page, &summary, &mut rng);
        write_file(&out.join("content").join(format!("{}.md", page.id)), &format!("---\n{front}---\n\n{body}"))?;
        if let Some(dir) = hugo_dir {
            hugo::write_page(dir, &page.id, &page.title, &summary, &terms, &body)?;
        }
        Ok(())
    })
}

/// Returns the front matter of a page, and its audience, signals and
/// partners alone as lines for the Hugo page.
fn front_matter(corpus: &Corpus, page: &PageRef, summary: &str, rng: &mut ChaCha8Rng) -> (String, String) {
    let mut audience: Vec<&str> = ["medewerker", "af", "burger"].into_iter().filter(|_| rng.random_bool(0.5)).collect();
    if audience.is_empty() {
        audience.push("medewerker");
    }
    let signals: Vec<String> = (0..rng.random_range(0..=3)).map(|_| signal_id(rng.random_range(0..corpus.counts.signals))).collect();
    let partners: Vec<String> = (0..rng.random_range(0..=3)).map(|_| partner_id(rng.random_range(0..corpus.counts.partners))).collect();
    let terms = format!("audience: [{}]\nsignals: [{}]\npartners: [{}]\n", audience.join(", "), signals.join(", "), partners.join(", "));
    let front = format!("title: {}\nsummary: {}\norder: {}\n{terms}", quoted(&page.title), quoted(summary), rng.random_range(10..200));
    (front, terms)
}

/// Generates the Markdown body of a page: an introduction and three to seven sections.
fn page_body(corpus: &Corpus, page: &PageRef, rng: &mut ChaCha8Rng) -> String {
    let abbr = &corpus.abbreviations;
    let mut body = paragraph(rng, abbr);
    body.push_str("\n\n");
    let mut headings: Vec<&str> = text::HEADINGS.to_vec();
    headings.shuffle(rng);
    let mut subheadings: Vec<&str> = text::SUBHEADINGS.to_vec();
    subheadings.shuffle(rng);
    let mut footnotes = Vec::new();
    let sections = rng.random_range(3..=7);
    for (n, heading) in headings.iter().take(sections).enumerate() {
        writeln!(body, "## {heading}\n").ok();
        let mut text = paragraph(rng, abbr);
        text.push(' ');
        text.push_str(&link_sentence(corpus, page, rng));
        if rng.random_bool(0.2) {
            footnotes.push(paragraph(rng, abbr));
            write!(text, "[^{}]", footnotes.len()).ok();
        }
        writeln!(body, "{text}\n").ok();
        if rng.random_bool(0.5) {
            write_list(&mut body, rng);
        }
        if rng.random_bool(0.2) {
            write_table(corpus, &mut body, rng);
        }
        if rng.random_bool(0.3) {
            if let Some(sub) = subheadings.pop() {
                writeln!(body, "### {sub}\n\n{}\n", paragraph(rng, abbr)).ok();
            }
        }
        if n > 0 && rng.random_bool(0.3) {
            let earlier = headings[rng.random_range(0..n)];
            writeln!(body, "Zie ook [{}](#{}).\n", earlier.to_lowercase(), baken::render::markdown::slugify(earlier)).ok();
        }
    }
    for (n, note) in footnotes.iter().enumerate() {
        writeln!(body, "[^{}]: {note}\n", n + 1).ok();
    }
    body
}

/// Returns a sentence with a link to another page, a partner, a signal or a website.
fn link_sentence(corpus: &Corpus, page: &PageRef, rng: &mut ChaCha8Rng) -> String {
    let from = format!("{}.html", page.id);
    match rng.random_range(0..6) {
        0..=2 => {
            let other = corpus.page_ref(rng.random_range(0..corpus.counts.pages));
            format!("Lees meer in [{}]({}).", other.title, relative_url(&from, &format!("{}.html", other.id)))
        }
        3 => {
            let id = partner_id(rng.random_range(0..corpus.counts.partners));
            format!("Neem contact op met [de ketenpartner]({}).", relative_url(&from, &format!("partners/{id}.html")))
        }
        4 => {
            let id = signal_id(rng.random_range(0..corpus.counts.signals));
            format!("Herkent u [dit signaal]({})?", relative_url(&from, &format!("signalen/{id}.html")))
        }
        _ => "Meer informatie staat op [de site van de Rijksoverheid](https://www.rijksoverheid.nl/onderwerpen/mensenhandel).".to_string(),
    }
}

fn write_list(body: &mut String, rng: &mut ChaCha8Rng) {
    for _ in 0..rng.random_range(3..=6) {
        writeln!(body, "- {};", phrase(rng)).ok();
    }
    body.push('\n');
}

fn write_table(corpus: &Corpus, body: &mut String, rng: &mut ChaCha8Rng) {
    body.push_str("| Situatie | Wie | Wanneer |\n| --- | --- | --- |\n");
    for _ in 0..rng.random_range(3..=5) {
        let contact = corpus.abbreviations.choose(rng).map(String::as_str).unwrap_or("de AF");
        writeln!(body, "| {} | {contact} | {} |", phrase(rng), pick(rng, &["direct", "binnen één werkdag", "na overleg", "bij twijfel"])).ok();
    }
    body.push('\n');
}

/// Returns the link from output page `from` to output file `to`, both relative to the site root.
pub fn relative_url(from: &str, to: &str) -> String {
    let from_dirs: Vec<&str> = from.split('/').collect::<Vec<_>>().split_last().map(|(_, dirs)| dirs.to_vec()).unwrap_or_default();
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dirs.iter().zip(&to_parts).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<&str> = vec![".."; from_dirs.len() - common];
    parts.extend(&to_parts[common..]);
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_url_climbs_and_descends() {
        assert_eq!(relative_url("a/b/c.html", "a/d.html"), "../d.html");
        assert_eq!(relative_url("x.html", "a/d.html"), "a/d.html");
        assert_eq!(relative_url("a/b/c.html", "a/b/e.html"), "e.html");
    }
}
