//! Text analysis: how text becomes index terms.
//!
//! Both analyzers split on characters that are not alphanumeric, lowercase,
//! fold diacritics to ASCII (tantivy's `AsciiFoldingFilter`), drop tokens of
//! 40 bytes or more and drop Dutch stop words. The stem analyzer then applies
//! tantivy's Dutch Snowball stemmer (the Kraaij-Pohlmann algorithm in
//! tantivy 0.27). The browser script has no stemmer: it gets the stem of
//! every indexed word from the exported vocabulary, plus the fold table and
//! the stop words from [`fold_table`] and [`STOP_WORDS`].

use std::borrow::Cow;
use std::collections::BTreeMap;

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer,
    Stemmer, StopWordFilter, TextAnalyzer, TokenStream,
};
use tantivy::Index;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Name under which the stemming analyzer is registered in the index.
pub const STEM_ANALYZER: &str = "baken_nl_stem";
/// Name under which the folding analyzer (no stemming) is registered.
pub const FOLD_ANALYZER: &str = "baken_nl_fold";
/// Tokens of this many UTF-8 bytes or more are dropped, after folding.
pub const MAX_TOKEN_BYTES: usize = 40;

/// Dutch function words left out of the index and out of queries, already
/// lowercased and folded. The list is short on purpose and contains only articles,
/// pronouns, prepositions, conjunctions and auxiliary verbs, which match
/// nearly every page and would make the browser index larger.
pub const STOP_WORDS: &[&str] = &[
    "aan", "al", "als", "ben", "bent", "bij", "dan", "dat", "de", "deze", "die", "dit",
    "door", "dus", "een", "en", "er", "had", "heb", "hebben", "heeft", "hem", "hen", "het",
    "hij", "hoe", "hun", "ik", "in", "is", "je", "jij", "jouw", "kan", "kunnen", "maar",
    "me", "men", "met", "mij", "mijn", "naar", "of", "om", "ons", "onze", "ook", "op",
    "over", "te", "tot", "u", "uit", "uw", "van", "voor", "want", "was", "wat", "we",
    "werd", "wie", "wij", "worden", "wordt", "zal", "ze", "zich", "zij", "zijn", "zo",
    "zou",
];

/// Builds the analyzer for the exact fields: everything but stemming.
pub fn fold_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(StopWordFilter::remove(STOP_WORDS.iter().map(|w| w.to_string())))
        .build()
}

/// Builds the analyzer for the stemmed fields: [`fold_analyzer`] plus the Dutch stemmer.
pub fn stem_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(StopWordFilter::remove(STOP_WORDS.iter().map(|w| w.to_string())))
        .filter(Stemmer::new(Language::Dutch))
        .build()
}

/// Registers both analyzers on `index`; needed after every create or open.
pub fn register_analyzers(index: &Index) {
    index.tokenizers().register(STEM_ANALYZER, stem_analyzer());
    index.tokenizers().register(FOLD_ANALYZER, fold_analyzer());
}

/// Composes text to NFC, so that a letter typed as base letter plus
/// combining mark is one character for the tokenizer, as it is in the browser.
pub fn compose(text: &str) -> String {
    compose_cow(text).into_owned()
}

/// Composes text to NFC like [`compose`], but borrows text that is NFC
/// already. Nearly all text is, and the quick check is much cheaper than
/// decomposing and composing every character.
pub fn compose_cow(text: &str) -> Cow<'_, str> {
    if text.is_ascii() || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.nfc().collect())
    }
}

/// Splits composed text into the raw tokens of tantivy's `SimpleTokenizer`:
/// the longest runs of alphanumeric characters.
pub fn raw_tokens(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty())
}

/// Analyzes raw tokens one at a time, exactly as the two analyzers do.
/// Every filter of both analyzers works on one token at a time, so a raw
/// token gives the same terms wherever it occurs, and callers may keep the
/// result of each distinct token.
pub struct WordAnalyzer {
    fold: TextAnalyzer,
    stemmer: WordStemmer,
}

impl WordAnalyzer {
    pub fn new() -> Self {
        let fold = TextAnalyzer::builder(RawTokenizer::default())
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
            .filter(StopWordFilter::remove(STOP_WORDS.iter().map(|w| w.to_string())))
            .build();
        WordAnalyzer { fold, stemmer: WordStemmer::new() }
    }

    /// Returns the exact form and the stem of one raw token from
    /// [`raw_tokens`], or None for a stop word or a token that is too long.
    pub fn analyze(&mut self, raw: &str) -> Option<(String, String)> {
        let mut stream = self.fold.token_stream(raw);
        if !stream.advance() {
            return None;
        }
        let form = stream.token().text.clone();
        let stem = self.stemmer.stem(&form);
        Some((form, stem))
    }
}

impl Default for WordAnalyzer {
    fn default() -> Self {
        Self::new()
    }
}

/// Returns the normalised word forms of `text` in order: the terms of the exact fields.
pub fn analyze(text: &str) -> Vec<String> {
    let mut analyzer = fold_analyzer();
    let composed = compose(text);
    let mut stream = analyzer.token_stream(&composed);
    let mut words = Vec::new();
    while stream.advance() {
        words.push(stream.token().text.clone());
    }
    words
}

/// The Dutch stemmer of the stem analyzer, for single normalised words.
pub struct WordStemmer {
    analyzer: TextAnalyzer,
}

impl WordStemmer {
    /// Creates a stemmer with the same algorithm as [`stem_analyzer`].
    pub fn new() -> Self {
        let analyzer = TextAnalyzer::builder(RawTokenizer::default())
            .filter(Stemmer::new(Language::Dutch))
            .build();
        WordStemmer { analyzer }
    }

    /// Stems one word that [`analyze`] produced.
    pub fn stem(&mut self, word: &str) -> String {
        let mut stream = self.analyzer.token_stream(word);
        if stream.advance() {
            stream.token().text.clone()
        } else {
            word.to_string()
        }
    }
}

impl Default for WordStemmer {
    fn default() -> Self {
        Self::new()
    }
}

/// Lists what the fold filter turns each lowercase alphanumeric character
/// into, for every character that it changes, grouped by result. The
/// browser folds with this table, so both sides fold alike.
pub fn fold_table() -> BTreeMap<String, String> {
    fold_table_over(FOLDED_RANGES.iter().flat_map(|r| r.clone()))
}

/// Blocks of code points that tantivy 0.27's fold filter changes: Latin,
/// phonetic extensions, letterlike and enclosed forms, ligatures and
/// fullwidth letters. A test checks that no other code point folds.
const FOLDED_RANGES: [std::ops::RangeInclusive<u32>; 9] = [
    0x00A0..=0x02FF,
    0x1D00..=0x1DBF,
    0x1E00..=0x1EFF,
    0x2070..=0x24FF,
    0x2776..=0x2793,
    0x2C60..=0x2C7F,
    0xA720..=0xA7FF,
    0xFB00..=0xFB4F,
    0xFF00..=0xFFEF,
];

fn fold_table_over(code_points: impl Iterator<Item = u32>) -> BTreeMap<String, String> {
    // Folding works per character, so one token with every candidate
    // character between newlines, which fold to themselves, gives them all.
    // Characters that lowercasing changes never reach the fold filter.
    let is_lowercase_stable = |c: &char| c.to_lowercase().eq(std::iter::once(*c));
    let candidates: Vec<char> = code_points.filter_map(char::from_u32).filter(|c| !c.is_ascii() && c.is_alphanumeric() && is_lowercase_stable(c)).collect();
    let joined: String = candidates.iter().flat_map(|&c| [c, '\n']).collect();
    let mut folder = TextAnalyzer::builder(RawTokenizer::default()).filter(AsciiFoldingFilter).build();
    let mut stream = folder.token_stream(&joined);
    let folded = if stream.advance() { stream.token().text.clone() } else { joined.clone() };

    let mut table: BTreeMap<String, String> = BTreeMap::new();
    for (c, result) in candidates.iter().zip(folded.split('\n')) {
        if result != c.to_string() {
            table.entry(result.to_string()).or_default().push(*c);
        }
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn analyze_folds_diacritics() {
        assert_eq!(analyze("Casuïstiek"), ["casuistiek"]);
        assert_eq!(analyze("financiële coördinatie"), ["financiele", "coordinatie"]);
        assert_eq!(analyze("Café ŌOST"), ["cafe", "oost"]);
    }

    #[test]
    fn analyze_composes_combining_marks() {
        assert_eq!(analyze("casue\u{308}"), ["casue"]);
        assert_eq!(analyze("ru\u{308}e"), ["rue"]);
    }

    #[test]
    fn analyze_splits_on_punctuation() {
        assert_eq!(analyze("TF-RIEC"), ["tf", "riec"]);
        assert_eq!(analyze("088-9630320"), ["088", "9630320"]);
        assert_eq!(analyze("Zorg- en Veiligheidshuis"), ["zorg", "veiligheidshuis"]);
    }

    #[test]
    fn analyze_drops_stop_words() {
        assert_eq!(analyze("Wie bel ik bij arbeidsuitbuiting?"), ["bel", "arbeidsuitbuiting"]);
    }

    #[test]
    fn analyze_drops_long_tokens() {
        let long = "a".repeat(MAX_TOKEN_BYTES);
        assert_eq!(analyze(&format!("kort {long}")), ["kort"]);
        assert_eq!(analyze(&"b".repeat(MAX_TOKEN_BYTES - 1)).len(), 1);
    }

    #[test]
    fn word_analyzer_gives_the_terms_of_both_analyzers() {
        let text = "Casuïstiek bij de ZORGTAFEL: signalen, Signalen en werkgevers.";
        let mut words = WordAnalyzer::new();
        let mut stemmer = WordStemmer::new();
        let terms: Vec<(String, String)> = raw_tokens(text).filter_map(|raw| words.analyze(raw)).collect();
        let forms: Vec<String> = terms.iter().map(|t| t.0.clone()).collect();
        assert_eq!(forms, analyze(text));
        for (form, stem) in &terms {
            assert_eq!(*stem, stemmer.stem(form));
        }
        assert_eq!(words.analyze("de"), None);
        assert_eq!(words.analyze(&"x".repeat(MAX_TOKEN_BYTES)), None);
    }

    #[test]
    fn stemmer_joins_inflections() {
        let mut stemmer = WordStemmer::new();
        assert_eq!(stemmer.stem("uitbuiting"), stemmer.stem("uitbuitingen"));
        assert_eq!(stemmer.stem("signalen"), stemmer.stem("signaal"));
        assert_eq!(stemmer.stem("werkgevers"), stemmer.stem("werkgever"));
    }

    #[test]
    fn stop_words_are_folded_and_sorted() {
        for word in STOP_WORDS {
            assert!(word.is_ascii(), "{word}");
            assert_eq!(word.to_lowercase(), *word);
            assert!(analyze(word).is_empty(), "{word}");
        }
        let mut sorted = STOP_WORDS.to_vec();
        sorted.sort();
        assert_eq!(sorted, STOP_WORDS);
    }

    #[test]
    fn fold_table_maps_dutch_letters() {
        let table = fold_table();
        assert!(table["e"].contains('ë'));
        assert!(table["i"].contains('ï'));
        assert!(table["ss"].contains('ß'));
        assert!(!table.contains_key("ë"));
        assert!(!table["e"].contains('Ë'), "uppercase letters are lowercased before folding");
    }

    #[test]
    fn fold_table_ranges_cover_all_folds() {
        assert_eq!(fold_table(), fold_table_over(0..=0x2FFFF));
    }
}
