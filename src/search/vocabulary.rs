//! The vocabulary of the index: every word form with its stem and document
//! frequency, and the compounds that end in each stem. The query planner of
//! `baken search` and the browser export read the same vocabulary, so both
//! sides expand a query into the same terms.

use std::collections::{BTreeMap, HashMap};

use tantivy::schema::Field;
use tantivy::Searcher;

use super::analysis::WordStemmer;
use super::index::{Part, SearchIndex, TermKind};
use super::terms::TermIndex;

/// A compound must keep at least this many characters before the part it ends with.
pub const MIN_COMPOUND_HEAD_CHARS: usize = 3;
/// The part a compound ends with must have at least this many characters.
pub const MIN_COMPOUND_TAIL_CHARS: usize = 4;
/// At most this many compounds are kept per stem, the most frequent first.
pub const MAX_COMPOUNDS: usize = 10;

/// Data the vocabulary records about one word form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormInfo {
    pub stem: String,
    /// Document frequency summed over the three exact fields.
    pub df: u32,
}

/// Word forms, stems and compounds of one index.
#[derive(Debug, Default)]
pub struct Vocabulary {
    forms: BTreeMap<String, FormInfo>,
    stems: BTreeMap<String, u32>,
    compounds: HashMap<String, Vec<String>>,
}

impl Vocabulary {
    /// Reads the terms of the exact and stemmed fields of `index`.
    pub fn from_index(index: &SearchIndex) -> tantivy::Result<Vocabulary> {
        let searcher = index.searcher();
        let fields = |kind| Part::ALL.map(|part| index.fields.term_field(part, kind));
        let forms = term_frequencies(&searcher, &fields(TermKind::Exact))?;
        let stems = term_frequencies(&searcher, &fields(TermKind::Stem))?;
        Ok(Vocabulary::from_terms(forms, stems))
    }

    /// Reads the forms and stems of the build's in-memory index. It gives
    /// the same vocabulary as [`Vocabulary::from_index`] on the tantivy
    /// index of the same documents.
    pub fn from_term_index(index: &TermIndex) -> Vocabulary {
        let forms = (0..index.forms.names.len() as u32)
            .map(|id| {
                let stem = index.stems.names[index.form_stems[id as usize] as usize].clone();
                (index.forms.names[id as usize].clone(), FormInfo { stem, df: index.forms.doc_freq_sum(id) })
            })
            .collect();
        let stems: BTreeMap<String, u32> = (0..index.stems.names.len() as u32).map(|id| (index.stems.names[id as usize].clone(), index.stems.doc_freq_sum(id))).collect();
        let compounds = find_compounds(&stems);
        Vocabulary { forms, stems, compounds }
    }

    /// Builds a vocabulary from forms and stems with their document frequencies.
    pub fn from_terms(forms: BTreeMap<String, u32>, stems: BTreeMap<String, u32>) -> Vocabulary {
        let mut stemmer = WordStemmer::new();
        let forms = forms.into_iter().map(|(form, df)| {
            let stem = stemmer.stem(&form);
            (form, FormInfo { stem, df })
        });
        let forms = forms.collect();
        let compounds = find_compounds(&stems);
        Vocabulary { forms, stems, compounds }
    }

    /// Returns the data of a normalised word, if the index contains it.
    pub fn form(&self, word: &str) -> Option<&FormInfo> {
        self.forms.get(word)
    }

    /// Returns the key under which a query word matches: its stem when the
    /// index contains the word, else the word itself.
    pub fn key(&self, word: &str) -> String {
        self.forms.get(word).map_or_else(|| word.to_string(), |f| f.stem.clone())
    }

    /// Lists the stems that end in `stem`, most frequent first.
    pub fn compounds(&self, stem: &str) -> &[String] {
        self.compounds.get(stem).map_or(&[], |c| c.as_slice())
    }

    /// Returns every form in byte order.
    pub fn forms(&self) -> &BTreeMap<String, FormInfo> {
        &self.forms
    }

    /// Returns every stem with its document frequency summed over the stemmed fields.
    pub fn stems(&self) -> &BTreeMap<String, u32> {
        &self.stems
    }

    /// Lists the forms that start with `prefix`, in byte order.
    pub fn forms_with_prefix<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = (&'a String, &'a FormInfo)> + 'a {
        self.forms.range(prefix.to_string()..).take_while(move |(form, _)| form.starts_with(prefix))
    }
}

/// Sums the document frequency of every term over `fields` and all segments.
fn term_frequencies(searcher: &Searcher, fields: &[Field]) -> tantivy::Result<BTreeMap<String, u32>> {
    let mut frequencies = BTreeMap::new();
    for segment in searcher.segment_readers() {
        for &field in fields {
            let inverted = segment.inverted_index(field)?;
            let mut stream = inverted.terms().stream()?;
            while stream.advance() {
                let Ok(term) = std::str::from_utf8(stream.key()) else { continue };
                *frequencies.entry(term.to_string()).or_insert(0) += stream.value().doc_freq;
            }
        }
    }
    Ok(frequencies)
}

/// Maps every stem to the longer stems that end in it, such as
/// `uitbuit` to `arbeidsuitbuit`, the most frequent first.
fn find_compounds(stems: &BTreeMap<String, u32>) -> HashMap<String, Vec<String>> {
    let mut compounds: HashMap<String, Vec<String>> = HashMap::new();
    for stem in stems.keys() {
        let chars: Vec<(usize, char)> = stem.char_indices().collect();
        let last_head = chars.len().saturating_sub(MIN_COMPOUND_TAIL_CHARS);
        for &(offset, _) in chars.iter().take(last_head + 1).skip(MIN_COMPOUND_HEAD_CHARS) {
            let tail = &stem[offset..];
            if stems.contains_key(tail) {
                compounds.entry(tail.to_string()).or_default().push(stem.clone());
            }
        }
    }
    for list in compounds.values_mut() {
        list.sort_by(|a, b| stems[b].cmp(&stems[a]).then_with(|| a.cmp(b)));
        list.truncate(MAX_COMPOUNDS);
    }
    compounds
}

/// Builds a vocabulary from word forms and their document frequencies, for tests.
#[cfg(test)]
pub(crate) fn vocabulary_from_words(words: &[(&str, u32)]) -> Vocabulary {
    let mut stemmer = WordStemmer::new();
    let forms: BTreeMap<String, u32> = words.iter().map(|(w, df)| (w.to_string(), *df)).collect();
    let mut stems = BTreeMap::new();
    for (form, df) in &forms {
        *stems.entry(stemmer.stem(form)).or_insert(0) += df;
    }
    Vocabulary::from_terms(forms, stems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocabulary(words: &[(&str, u32)]) -> Vocabulary {
        vocabulary_from_words(words)
    }

    #[test]
    fn compounds_end_in_their_part() {
        let v = vocabulary(&[("uitbuiting", 9), ("arbeidsuitbuiting", 4), ("seksuele", 2), ("uitbuitingszaak", 1)]);
        let stem = v.key("uitbuiting");
        let arbeid = v.key("arbeidsuitbuiting");
        assert_eq!(v.compounds(&stem), [arbeid]);
    }

    #[test]
    fn compounds_need_a_head_of_three_characters() {
        let v = vocabulary(&[("werk", 5), ("netwerk", 3), ("uwerk", 1)]);
        assert_eq!(v.compounds("werk"), ["netwerk"]);
    }

    #[test]
    fn compounds_are_ordered_by_frequency() {
        let v = vocabulary(&[("zorg", 5), ("jeugdzorg", 1), ("thuiszorg", 3), ("ouderenzorg", 3)]);
        assert_eq!(v.compounds("zorg"), ["ouderenzorg", "thuiszorg", "jeugdzorg"]);
    }

    #[test]
    fn key_is_the_stem_of_known_words_only() {
        let v = vocabulary(&[("signalen", 3)]);
        assert_eq!(v.key("signalen"), WordStemmer::new().stem("signalen"));
        assert_eq!(v.key("onbekendwoord"), "onbekendwoord");
    }

    #[test]
    fn forms_with_prefix_stops_after_the_prefix() {
        let v = vocabulary(&[("aap", 1), ("bel", 1), ("beleid", 2), ("bg", 1), ("cel", 1)]);
        let forms: Vec<&String> = v.forms_with_prefix("be").map(|(f, _)| f).collect();
        assert_eq!(forms, ["bel", "beleid"]);
    }
}
