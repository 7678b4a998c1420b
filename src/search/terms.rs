//! The build's own inverted index, in memory: every document analyzed once,
//! in parallel, into exact forms and stems per part, with term frequencies
//! and part lengths. The vocabulary, the related items and the browser
//! index are all read from it, and its BM25 statistics are the ones tantivy
//! computes for the same documents, so `baken search` and the browser score
//! alike.

use std::collections::HashMap;
use std::sync::Mutex;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use tantivy::fieldnorm::FieldNormReader;
use tantivy::query::Bm25Weight;

use super::analysis::{compose_cow, raw_tokens, WordAnalyzer};
use super::index::{Part, TermKind};
use super::SearchDoc;

/// Number of parts of a document, in the order of [`Part::ALL`].
pub const PARTS: usize = 3;

/// A posting: document position and the term's frequency in one part.
pub type Posting = (u32, u32);

/// The terms of one kind: their text and, per part, their postings.
#[derive(Debug, Default)]
pub struct Terms {
    pub names: Vec<String>,
    /// Postings per term id and part, ordered by document.
    pub postings: Vec<[Vec<Posting>; PARTS]>,
}

impl Terms {
    /// Returns the number of documents with term `id` in `part`.
    pub fn doc_freq(&self, id: u32, part: Part) -> u32 {
        self.postings[id as usize][part_index(part)].len() as u32
    }

    /// Returns the document frequency of term `id` summed over the parts.
    pub fn doc_freq_sum(&self, id: u32) -> u32 {
        self.postings[id as usize].iter().map(|p| p.len() as u32).sum()
    }
}

/// Terms of one part of one document: id and frequency, in the order of
/// first occurrence.
#[derive(Debug, Default)]
pub struct PartTerms {
    pub forms: Vec<Posting>,
    pub stems: Vec<Posting>,
}

/// The in-memory index of all documents of a build.
#[derive(Debug, Default)]
pub struct TermIndex {
    pub doc_count: u32,
    /// Tokens per document and part, stop words not counted: tantivy's field norm.
    pub lengths: Vec<[u32; PARTS]>,
    /// The field norm id of every document and part, as tantivy stores it.
    pub norm_ids: Vec<[u8; PARTS]>,
    /// `lengths` summed per part.
    pub total_tokens: [u64; PARTS],
    pub forms: Terms,
    pub stems: Terms,
    /// Stem id of every form id.
    pub form_stems: Vec<u32>,
    /// The stems of every document per part, by document position, for
    /// the related items. [`TermIndex::drop_document_stems`] frees them.
    pub doc_stems: Vec<[Vec<Posting>; PARTS]>,
}

/// Returns the position of `part` in per-part arrays.
pub fn part_index(part: Part) -> usize {
    match part {
        Part::Title => 0,
        Part::Headings => 1,
        Part::Body => 2,
    }
}

impl TermIndex {
    /// Analyzes `docs` in parallel and builds the index.
    pub fn build(docs: &[SearchDoc]) -> TermIndex {
        let interner = Mutex::new(Interner::default());
        let analyzed: Vec<([PartTerms; PARTS], [u32; PARTS])> = docs
            .par_iter()
            .map_init(|| DocAnalyzer::new(&interner), |analyzer, doc| analyzer.analyze(doc))
            .collect();
        let interner = interner.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner());

        // Postings get their exact size up front: grown one push at a time
        // they would hold a quarter more memory than they use.
        let mut form_counts = vec![[0u32; PARTS]; interner.form_names.len()];
        let mut stem_counts = vec![[0u32; PARTS]; interner.stem_names.len()];
        for (parts, _) in &analyzed {
            for (p, terms) in parts.iter().enumerate() {
                terms.forms.iter().for_each(|&(id, _)| form_counts[id as usize][p] += 1);
                terms.stems.iter().for_each(|&(id, _)| stem_counts[id as usize][p] += 1);
            }
        }
        let mut index = TermIndex {
            doc_count: docs.len() as u32,
            forms: Terms { postings: sized_postings(&form_counts), names: interner.form_names },
            stems: Terms { postings: sized_postings(&stem_counts), names: interner.stem_names },
            form_stems: interner.form_stems,
            ..TermIndex::default()
        };
        for (ord, (parts, lengths)) in analyzed.into_iter().enumerate() {
            for (p, terms) in parts.iter().enumerate() {
                for &(id, tf) in &terms.forms {
                    index.forms.postings[id as usize][p].push((ord as u32, tf));
                }
                for &(id, tf) in &terms.stems {
                    index.stems.postings[id as usize][p].push((ord as u32, tf));
                }
                index.total_tokens[p] += u64::from(lengths[p]);
            }
            index.lengths.push(lengths);
            index.norm_ids.push(norm_ids(lengths));
            index.doc_stems.push(parts.map(|terms| {
                let mut stems = terms.stems;
                stems.shrink_to_fit();
                stems
            }));
        }
        index
    }

    /// Frees the per-document stems once the related items are found.
    pub fn drop_document_stems(&mut self) {
        self.doc_stems = Vec::new();
    }

    /// Returns the terms of one kind.
    pub fn terms(&self, kind: TermKind) -> &Terms {
        match kind {
            TermKind::Exact => &self.forms,
            TermKind::Stem => &self.stems,
        }
    }

    /// Returns tantivy's BM25 weight of a term found in `doc_freq` documents
    /// in `part`, with the part's boost.
    pub fn weight(&self, part: Part, doc_freq: u32) -> Bm25Weight {
        let p = part_index(part);
        let average = self.total_tokens[p] as f32 / self.doc_count.max(1) as f32;
        Bm25Weight::for_one_term_without_explain(u64::from(doc_freq), u64::from(self.doc_count), average).boost_by(part.boost())
    }

    /// Returns the score of every document that contains term `id` of
    /// `kind`: the boosted BM25 scores of its parts summed in the order of
    /// [`Part::ALL`], as tantivy's boolean query over the parts sums them.
    pub fn scores(&self, kind: TermKind, id: u32) -> Vec<(u32, f32)> {
        let terms = self.terms(kind);
        let mut summed: Vec<(u32, f32)> = Vec::new();
        for part in Part::ALL {
            let postings = &terms.postings[id as usize][part_index(part)];
            if postings.is_empty() {
                continue;
            }
            let weight = self.weight(part, postings.len() as u32);
            let scored = postings.iter().map(|&(doc, tf)| (doc, weight.score(self.fieldnorm_id(doc, part), tf)));
            // Both lists are in document order, so a merge sums them, and
            // each document's scores are added in part order.
            summed = merge_sum(std::mem::take(&mut summed), scored);
        }
        summed
    }

    /// Returns the field norm id of a document's part, as tantivy stores it.
    /// The headings part keeps no norms, and tantivy scores it as one token long.
    pub fn fieldnorm_id(&self, doc: u32, part: Part) -> u8 {
        self.norm_ids[doc as usize][part_index(part)]
    }
}

/// Returns the field norm ids of a document with part `lengths`. The
/// headings part keeps no norms, and tantivy scores it as one token long.
fn norm_ids(lengths: [u32; PARTS]) -> [u8; PARTS] {
    let mut ids = lengths.map(FieldNormReader::fieldnorm_to_id);
    ids[part_index(Part::Headings)] = FieldNormReader::fieldnorm_to_id(1);
    ids
}

/// Merges two lists of (document, score) in document order, adding the
/// score of `next` to that of `sum` where both have the document.
fn merge_sum(sum: Vec<(u32, f32)>, next: impl Iterator<Item = (u32, f32)>) -> Vec<(u32, f32)> {
    let mut merged = Vec::with_capacity(sum.len() + next.size_hint().0);
    let mut sum = sum.into_iter().peekable();
    for (doc, score) in next {
        while let Some(earlier) = sum.next_if(|&(d, _)| d < doc) {
            merged.push(earlier);
        }
        match sum.next_if(|&(d, _)| d == doc) {
            Some((_, total)) => merged.push((doc, total + score)),
            None => merged.push((doc, score)),
        }
    }
    merged.extend(sum);
    merged
}

fn sized_postings(counts: &[[u32; PARTS]]) -> Vec<[Vec<Posting>; PARTS]> {
    counts.iter().map(|parts| parts.map(|n| Vec::with_capacity(n as usize))).collect()
}

/// Gives every distinct form and stem a number, shared by all threads.
#[derive(Default)]
struct Interner {
    forms: HashMap<String, u32>,
    form_names: Vec<String>,
    form_stems: Vec<u32>,
    stems: HashMap<String, u32>,
    stem_names: Vec<String>,
}

impl Interner {
    fn intern(&mut self, form: &str, stem: &str) -> (u32, u32) {
        let (stem_id, _) = number(&mut self.stems, &mut self.stem_names, stem);
        let (form_id, is_new) = number(&mut self.forms, &mut self.form_names, form);
        if is_new {
            self.form_stems.push(stem_id);
        }
        (form_id, stem_id)
    }
}

/// Returns the number of `text` in `ids`, giving it the next free number
/// when it has none yet, and whether that happened.
fn number(ids: &mut HashMap<String, u32>, names: &mut Vec<String>, text: &str) -> (u32, bool) {
    if let Some(&id) = ids.get(text) {
        return (id, false);
    }
    let id = names.len() as u32;
    ids.insert(text.to_string(), id);
    names.push(text.to_string());
    (id, true)
}

/// One thread's analyzer: raw tokens map to term ids through a cache, so
/// the shared interner is locked once per distinct token and thread.
struct DocAnalyzer<'a> {
    interner: &'a Mutex<Interner>,
    words: WordAnalyzer,
    ids: FxHashMap<Box<str>, Option<(u32, u32)>>,
    forms: Counter,
    stems: Counter,
}

impl<'a> DocAnalyzer<'a> {
    fn new(interner: &'a Mutex<Interner>) -> Self {
        DocAnalyzer { interner, words: WordAnalyzer::new(), ids: FxHashMap::default(), forms: Counter::default(), stems: Counter::default() }
    }

    fn analyze(&mut self, doc: &SearchDoc) -> ([PartTerms; PARTS], [u32; PARTS]) {
        let headings = doc.headings.join("\n");
        let texts = [doc.title.as_str(), headings.as_str(), doc.body.as_str()];
        let mut lengths = [0; PARTS];
        let parts = std::array::from_fn(|p| {
            let (terms, length) = self.analyze_text(texts[p]);
            lengths[p] = length;
            terms
        });
        (parts, lengths)
    }

    fn analyze_text(&mut self, text: &str) -> (PartTerms, u32) {
        let text = compose_cow(text);
        let mut length = 0;
        for raw in raw_tokens(&text) {
            if let Some((form, stem)) = self.ids(raw) {
                self.forms.add(form);
                self.stems.add(stem);
                length += 1;
            }
        }
        (PartTerms { forms: self.forms.take(), stems: self.stems.take() }, length)
    }

    fn ids(&mut self, raw: &str) -> Option<(u32, u32)> {
        if let Some(&ids) = self.ids.get(raw) {
            return ids;
        }
        let ids = self.words.analyze(raw).map(|(form, stem)| {
            let mut interner = self.interner.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            interner.intern(&form, &stem)
        });
        self.ids.insert(raw.into(), ids);
        ids
    }
}

/// Counts term ids in a table indexed by id, which is faster than sorting
/// or hashing the ids of every text.
#[derive(Default)]
struct Counter {
    counts: Vec<u32>,
    seen: Vec<u32>,
}

impl Counter {
    fn add(&mut self, id: u32) {
        let i = id as usize;
        if i >= self.counts.len() {
            self.counts.resize(i + 1, 0);
        }
        if self.counts[i] == 0 {
            self.seen.push(id);
        }
        self.counts[i] += 1;
    }

    /// Returns the counted ids in the order first seen, and resets the counts.
    fn take(&mut self) -> Vec<Posting> {
        let counted = self.seen.iter().map(|&id| (id, self.counts[id as usize])).collect();
        for &id in &self.seen {
            self.counts[id as usize] = 0;
        }
        self.seen.clear();
        counted
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(title: &str, headings: &[&str], body: &str) -> SearchDoc {
        SearchDoc { kind: "pagina", id: title.to_lowercase(), title: title.into(), url: format!("{}.html", title.to_lowercase()), headings: headings.iter().map(|h| h.to_string()).collect(), body: body.into() }
    }

    fn id(terms: &Terms, name: &str) -> u32 {
        terms.names.iter().position(|n| n == name).unwrap_or_else(|| panic!("no term {name}")) as u32
    }

    #[test]
    fn counts_forms_and_stems_per_part() {
        let index = TermIndex::build(&[doc("Signalen", &["Het signaal"], "Een signaal, twee signalen en de signalen."), doc("Zorg", &[], "Zorg.")]);
        assert_eq!(index.doc_count, 2);
        assert_eq!(index.lengths[0], [1, 1, 4]);
        assert_eq!(index.total_tokens, [2, 1, 5]);
        let signalen = id(&index.forms, "signalen");
        assert_eq!(index.forms.postings[signalen as usize], [vec![(0, 1)], vec![], vec![(0, 2)]]);
        let stem = index.form_stems[signalen as usize];
        assert_eq!(index.form_stems[id(&index.forms, "signaal") as usize], stem);
        assert_eq!(index.stems.postings[stem as usize][part_index(Part::Body)], [(0, 3)]);
        assert_eq!(index.stems.doc_freq_sum(stem), 3);
    }

    #[test]
    fn composes_and_folds_like_the_analyzers() {
        let index = TermIndex::build(&[doc("Casue\u{308}", &[], "CASUÏSTIEK")]);
        assert!(index.forms.names.contains(&"casue".to_string()));
        assert!(index.forms.names.contains(&"casuistiek".to_string()));
    }

    #[test]
    fn headings_score_as_one_token() {
        let index = TermIndex::build(&[doc("A", &["een twee drie vier"], "")]);
        assert_eq!(index.fieldnorm_id(0, Part::Headings), FieldNormReader::fieldnorm_to_id(1));
        assert_eq!(index.fieldnorm_id(0, Part::Title), FieldNormReader::fieldnorm_to_id(1));
    }

    #[test]
    fn merge_sum_adds_shared_documents() {
        let merged = merge_sum(vec![(1, 1.0), (4, 2.0)], [(0, 0.5), (4, 0.25), (9, 3.0)].into_iter());
        assert_eq!(merged, [(0, 0.5), (1, 1.0), (4, 2.25), (9, 3.0)]);
    }
}
