//! Related items ("Zie ook"): for every page, the documents whose
//! distinctive words overlap most, found with tantivy's more-like-this query.

use std::collections::HashMap;

use rayon::prelude::*;
use serde_json::{json, Value};
use tantivy::collector::TopDocs;
use tantivy::query::MoreLikeThisQuery;
use tantivy::schema::OwnedValue;

use super::analysis::compose;
use super::index::{doc_ords, SearchIndex};
use super::SearchDoc;

/// Related items shown per page, at most.
pub const MAX_RELATED: usize = 5;
/// Glossary entries among the related items of one page, at most.
const MAX_RELATED_TERMS: usize = 1;
/// Words of the page that the more-like-this query uses, at most.
const MAX_QUERY_TERMS: usize = 12;
/// Words found in more than one document in this many are too common to
/// tell what a page is about, and the query skips them.
const MAX_DOC_SHARE: u64 = 10;
/// Upper bound on the document frequency of a query word, whatever the site's
/// size. Without it the allowed frequency grows with the site, each query
/// reads longer posting lists, and the related-items step grows with the
/// square of the number of pages.
const MAX_DOC_FREQUENCY: u64 = 200;
/// Candidates fetched per page before pages and duplicates are filtered out.
const CANDIDATES: usize = 16;

/// Finds the related items of every document that is a page of its own
/// (glossary entries share one page and get none), keyed by page URL.
pub fn find_related(index: &SearchIndex, docs: &[SearchDoc]) -> anyhow::Result<HashMap<String, Vec<Value>>> {
    let searcher = index.searcher();
    let ords = doc_ords(&searcher)?;
    let max_doc_frequency = (docs.len() as u64 / MAX_DOC_SHARE).clamp(2, MAX_DOC_FREQUENCY);
    let related: anyhow::Result<Vec<(String, Vec<Value>)>> = docs
        .par_iter()
        .filter(|d| d.kind != "begrip")
        .map(|doc| {
            let query = MoreLikeThisQuery::builder()
                .with_min_doc_frequency(2)
                .with_max_doc_frequency(max_doc_frequency)
                .with_min_term_frequency(1)
                .with_min_word_length(3)
                .with_max_query_terms(MAX_QUERY_TERMS)
                .with_document_fields(document_fields(index, doc));
            let top = searcher.search(&query, &TopDocs::with_limit(CANDIDATES).order_by_score())?;
            let mut ranked: Vec<(f32, usize)> = top.into_iter().map(|(score, address)| (score, ords[address.segment_ord as usize][address.doc_id as usize])).collect();
            ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            Ok((doc.url.clone(), pick_related(doc, ranked.into_iter().map(|(_, ord)| &docs[ord]))))
        })
        .collect();
    Ok(related?.into_iter().filter(|(_, items)| !items.is_empty()).collect())
}

/// Keeps the first candidates on other pages, with few glossary entries.
fn pick_related<'d>(doc: &SearchDoc, candidates: impl Iterator<Item = &'d SearchDoc>) -> Vec<Value> {
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
    picked.iter().map(|d| json!({ "title": d.title, "url": d.url, "kind": d.kind })).collect()
}

fn page_of(url: &str) -> &str {
    url.split('#').next().unwrap_or(url)
}

fn document_fields(index: &SearchIndex, doc: &SearchDoc) -> Vec<(tantivy::schema::Field, Vec<OwnedValue>)> {
    let f = &index.fields;
    vec![
        (f.title, vec![OwnedValue::Str(compose(&doc.title))]),
        (f.headings, vec![OwnedValue::Str(compose(&doc.headings.join("\n")))]),
        (f.body, vec![OwnedValue::Str(compose(&doc.body))]),
    ]
}
