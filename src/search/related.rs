//! Related items ("Zie ook"): for every page, the documents whose
//! distinctive words overlap most. This is tantivy's more-like-this query
//! (its term selection and scoring) computed on the build's in-memory index,
//! with a dense score table per thread instead of a query per page.

use std::collections::HashMap;

use rayon::prelude::*;
use serde::Serialize;

use super::index::Part;
use super::terms::{part_index, TermIndex};
use super::SearchDoc;

/// Related items shown per page, at most.
pub const MAX_RELATED: usize = 5;
/// Glossary entries among the related items of one page, at most.
const MAX_RELATED_TERMS: usize = 1;
/// Words of the page that the query uses, at most.
const MAX_QUERY_TERMS: usize = 12;
/// Words shorter than this many bytes tell little about a page.
const MIN_WORD_BYTES: usize = 3;
/// Words found in more than one document in this many are too common to
/// tell what a page is about, and the query skips them.
const MAX_DOC_SHARE: u32 = 10;
/// Upper bound on the document frequency of a query word, whatever the site's
/// size. Without it the allowed frequency grows with the site, each query
/// reads longer posting lists, and the related-items step grows with the
/// square of the number of pages.
const MAX_DOC_FREQUENCY: u32 = 200;
/// Candidates ranked per page before pages and duplicates are filtered out.
const CANDIDATES: usize = 16;

/// One related item of a page, with what the "Zie ook" list shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RelatedItem {
    pub title: String,
    pub url: String,
    pub kind: &'static str,
}

/// The related items of every page, keyed by page URL.
pub type RelatedItems = HashMap<String, Vec<RelatedItem>>;

/// One query word: a stem in one part, with its weight in the query.
struct QueryTerm {
    part: Part,
    stem: u32,
    score: f32,
}

/// Finds the related items of every document that is a page of its own
/// (glossary entries share one page and get none), keyed by page URL.
pub fn find_related(index: &TermIndex, docs: &[SearchDoc]) -> RelatedItems {
    let max_doc_frequency = (docs.len() as u32 / MAX_DOC_SHARE).clamp(2, MAX_DOC_FREQUENCY);
    docs.par_iter()
        .enumerate()
        .filter(|(_, d)| d.kind != "begrip")
        .map_init(
            || vec![0.0f32; docs.len()],
            |scores, (ord, doc)| {
                let query = query_terms(index, ord, max_doc_frequency);
                let ranked = rank(index, &query, scores);
                (doc.url.clone(), pick_related(doc, ranked.into_iter().map(|ord| &docs[ord as usize])))
            },
        )
        .filter(|(_, items)| !items.is_empty())
        .collect()
}

/// Picks the words of document `ord` with the highest term frequency times
/// inverse document frequency, as tantivy's more-like-this query does.
fn query_terms(index: &TermIndex, ord: usize, max_doc_frequency: u32) -> Vec<QueryTerm> {
    let mut terms = Vec::new();
    for part in Part::ALL {
        for &(stem, tf) in &index.doc_stems[ord][part_index(part)] {
            let doc_freq = index.stems.doc_freq(stem, part);
            if !(2..=max_doc_frequency).contains(&doc_freq) || index.stems.names[stem as usize].len() < MIN_WORD_BYTES {
                continue;
            }
            terms.push(QueryTerm { part, stem, score: tf as f32 * idf(doc_freq, index.doc_count) });
        }
    }
    terms.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| index.stems.names[a.stem as usize].cmp(&index.stems.names[b.stem as usize])).then(a.part.cmp(&b.part)));
    terms.truncate(MAX_QUERY_TERMS);
    terms
}

/// BM25's inverse document frequency, as tantivy computes it.
fn idf(doc_freq: u32, doc_count: u32) -> f32 {
    let (n, df) = (doc_count as f32, doc_freq as f32);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// Scores every document that shares a query word and returns the best
/// [`CANDIDATES`], highest score first and, for equal scores, the earlier
/// document first. Each word counts with its weight relative to the best
/// word, times its BM25 score with the term frequency taken as one.
fn rank(index: &TermIndex, query: &[QueryTerm], scores: &mut [f32]) -> Vec<u32> {
    let best = query.first().map_or(1.0, |t| t.score);
    let mut touched: Vec<u32> = Vec::new();
    for term in query {
        let postings = &index.stems.postings[term.stem as usize][part_index(term.part)];
        let weight = index.weight(term.part, postings.len() as u32).boost_by(term.score / best);
        for &(doc, _) in postings {
            if scores[doc as usize] == 0.0 {
                touched.push(doc);
            }
            scores[doc as usize] += weight.score(index.fieldnorm_id(doc, term.part), 1);
        }
    }
    let mut ranked: Vec<(f32, u32)> = touched.iter().map(|&doc| (scores[doc as usize], doc)).collect();
    for &doc in &touched {
        scores[doc as usize] = 0.0;
    }
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    ranked.into_iter().take(CANDIDATES).map(|(_, doc)| doc).collect()
}

/// Keeps the first candidates on other pages, with few glossary entries.
fn pick_related<'d>(doc: &SearchDoc, candidates: impl Iterator<Item = &'d SearchDoc>) -> Vec<RelatedItem> {
    let page = page_of(&doc.url);
    let mut picked: Vec<&SearchDoc> = Vec::new();
    for candidate in candidates {
        let terms = picked.iter().filter(|d| d.kind == "begrip").count();
        let is_same_page = page_of(&candidate.url) == page;
        let is_seen = picked.iter().any(|d| d.url == candidate.url);
        if is_same_page || is_seen || (candidate.kind == "begrip" && terms >= MAX_RELATED_TERMS) {
            continue;
        }
        picked.push(candidate);
        if picked.len() == MAX_RELATED {
            break;
        }
    }
    picked.iter().map(|d| RelatedItem { title: d.title.clone(), url: d.url.clone(), kind: d.kind }).collect()
}

fn page_of(url: &str) -> &str {
    url.split('#').next().unwrap_or(url)
}
