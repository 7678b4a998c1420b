//! The query planner: turns what a user typed into weighted index terms.
//!
//! `search.js` implements the same steps on the exported vocabulary, and the
//! parity test checks that both produce the same plan. For each query word,
//! in order:
//!
//! 1. A word the index contains matches its exact form and its stem, and with
//!    less weight the compounds that end in its stem.
//! 2. An unknown word matches the stem of the longest known form that it
//!    starts with, if it adds at most four characters (`uitbuitingen` finds
//!    `uitbuiting`), and that stem's compounds. It also matches the stem of
//!    the longest known form that it ends with (`seizoenarbeiders` finds
//!    `arbeiders`). From five characters on, it matches the known forms one
//!    typo away that start with the same two characters.
//! 3. The last word also matches the forms it is a prefix of, for search
//!    while typing.
//!
//! Then every glossary phrase in the query adds the other phrases of its
//! group that have at most three words. A term that several steps produce
//! keeps its highest weight.
//!
//! Candidates for prefixes and typos come from the forms that share the
//! first two characters of the word: the browser loads one word list per
//! two characters, so a typo in the first two characters is not corrected.

use std::collections::BTreeMap;

use super::analysis::analyze;
use super::index::TermKind;
use super::synonyms::KeyedGroups;
use super::vocabulary::{FormInfo, Vocabulary};

/// Weight of a match on the exact form of a query word, added to the stem match.
pub const WEIGHT_EXACT: f32 = 1.0;
/// Weight of a match on the stem of a known query word.
pub const WEIGHT_STEM: f32 = 1.0;
/// Weight of the stem of the longest known form an unknown word starts with.
pub const WEIGHT_TRUNCATED: f32 = 0.8;
/// Factor on the weight of a stem for the compounds that end in it.
pub const FACTOR_COMPOUND: f32 = 0.5;
/// Weight of the stem of the longest known form an unknown word ends with.
pub const WEIGHT_TAIL: f32 = 0.5;
/// Weight of the forms that the last query word is a prefix of.
pub const WEIGHT_PREFIX: f32 = 0.5;
/// Weight of a known form one typo away from an unknown word.
pub const WEIGHT_FUZZY: f32 = 0.4;
/// Weight of the other phrases of a glossary group, shared by their words.
pub const WEIGHT_SYNONYM: f32 = 0.5;

/// The last query word must have this many characters to match as a prefix.
pub const MIN_PREFIX_CHARS: usize = 3;
/// At most this many forms are added per prefix, the most frequent first.
pub const MAX_PREFIX_FORMS: usize = 8;
/// Unknown words shorter than this are not corrected for typos.
pub const MIN_FUZZY_CHARS: usize = 5;
/// At most this many typo corrections are added per word.
pub const MAX_FUZZY_FORMS: usize = 3;
/// A known form that an unknown word starts or ends with needs this many characters.
pub const MIN_PART_CHARS: usize = 4;
/// An unknown word may add at most this many characters to a known form it starts with.
pub const MAX_TRUNCATED_EXTRA_CHARS: usize = 4;
/// An unknown word keeps at least this many characters before a known form it ends with.
pub const MIN_TAIL_HEAD_CHARS: usize = 3;
/// Glossary phrases with more words than this are not added to a query:
/// long phrases are descriptions made of common words, not names.
pub const MAX_SYNONYM_WORDS: usize = 3;
/// Characters of a word that its prefix and typo candidates share with it.
pub const WORD_LIST_CHARS: usize = 2;

/// One weighted term of a plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Clause {
    pub kind: TermKind,
    pub term: String,
    pub weight: f32,
}

/// The words of a query and the terms they match.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QueryPlan {
    /// Normalised query words, stop words left out.
    pub words: Vec<String>,
    /// Terms sorted by kind, then term.
    pub clauses: Vec<Clause>,
}

impl QueryPlan {
    /// Returns true when no word of the query matches any term.
    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty()
    }
}

/// Collects clauses and keeps the highest weight per term.
#[derive(Default)]
struct Clauses(BTreeMap<(TermKind, String), f32>);

impl Clauses {
    fn add(&mut self, kind: TermKind, term: &str, weight: f32) {
        let entry = self.0.entry((kind, term.to_string())).or_insert(weight);
        if weight > *entry {
            *entry = weight;
        }
    }

    fn add_stem_with_compounds(&mut self, vocabulary: &Vocabulary, stem: &str, weight: f32) {
        self.add(TermKind::Stem, stem, weight);
        for compound in vocabulary.compounds(stem) {
            self.add(TermKind::Stem, compound, weight * FACTOR_COMPOUND);
        }
    }
}

/// Plans the query `text` against `vocabulary` and the glossary `synonyms`.
pub fn plan_query(text: &str, vocabulary: &Vocabulary, synonyms: &KeyedGroups) -> QueryPlan {
    let words = analyze(text);
    let mut clauses = Clauses::default();
    for (i, word) in words.iter().enumerate() {
        match vocabulary.form(word) {
            Some(info) => {
                clauses.add(TermKind::Exact, word, WEIGHT_EXACT);
                clauses.add_stem_with_compounds(vocabulary, &info.stem, WEIGHT_STEM);
            }
            None => plan_unknown_word(word, vocabulary, &mut clauses),
        }
        if i + 1 == words.len() && word.chars().count() >= MIN_PREFIX_CHARS {
            for form in prefix_forms(word, vocabulary) {
                clauses.add(TermKind::Stem, &form.stem, WEIGHT_PREFIX);
            }
        }
    }
    let keys: Vec<String> = words.iter().map(|w| vocabulary.key(w)).collect();
    for (key, weight) in synonym_keys(&keys, synonyms) {
        clauses.add(TermKind::Stem, &key, weight);
    }
    let clauses = clauses.0.into_iter().map(|((kind, term), weight)| Clause { kind, term, weight }).collect();
    QueryPlan { words, clauses }
}

/// Adds the clauses of a word that the index does not hold.
fn plan_unknown_word(word: &str, vocabulary: &Vocabulary, clauses: &mut Clauses) {
    if let Some(info) = truncated_form(word, vocabulary) {
        clauses.add_stem_with_compounds(vocabulary, &info.stem, WEIGHT_TRUNCATED);
    }
    if let Some(info) = tail_form(word, vocabulary) {
        clauses.add(TermKind::Stem, &info.stem, WEIGHT_TAIL);
    }
    if word.chars().count() >= MIN_FUZZY_CHARS {
        for info in fuzzy_forms(word, vocabulary) {
            clauses.add(TermKind::Stem, &info.stem, WEIGHT_FUZZY);
        }
    }
}

/// Finds the longest known form that `word` starts with, if `word` adds
/// at most [`MAX_TRUNCATED_EXTRA_CHARS`] characters to it.
fn truncated_form<'v>(word: &str, vocabulary: &'v Vocabulary) -> Option<&'v FormInfo> {
    let ends: Vec<usize> = word.char_indices().map(|(i, _)| i).skip(1).collect();
    let chars = ends.len() + 1;
    ends.iter()
        .enumerate()
        .rev()
        .filter(|(n, _)| n + 1 >= MIN_PART_CHARS && chars - (n + 1) <= MAX_TRUNCATED_EXTRA_CHARS)
        .find_map(|(_, &end)| vocabulary.form(&word[..end]))
}

/// Finds the longest known form of at least [`MIN_PART_CHARS`] characters
/// that `word` ends with, after at least [`MIN_TAIL_HEAD_CHARS`] others.
fn tail_form<'v>(word: &str, vocabulary: &'v Vocabulary) -> Option<&'v FormInfo> {
    let starts: Vec<usize> = word.char_indices().map(|(i, _)| i).collect();
    let chars = starts.len();
    starts
        .iter()
        .enumerate()
        .skip(MIN_TAIL_HEAD_CHARS)
        .take_while(|(n, _)| chars - n >= MIN_PART_CHARS)
        .find_map(|(_, &start)| vocabulary.form(&word[start..]))
}

/// Lists the known forms that start with `prefix`, without `prefix` itself,
/// the most frequent first.
fn prefix_forms<'v>(prefix: &'v str, vocabulary: &'v Vocabulary) -> Vec<&'v FormInfo> {
    let candidates = vocabulary.forms_with_prefix(prefix).filter(|(form, _)| form.as_str() != prefix);
    most_frequent(candidates, MAX_PREFIX_FORMS)
}

/// Lists the known forms one typo from `word` that start with the same
/// [`WORD_LIST_CHARS`] characters, the most frequent first.
fn fuzzy_forms<'v>(word: &'v str, vocabulary: &'v Vocabulary) -> Vec<&'v FormInfo> {
    let chars: Vec<char> = word.chars().collect();
    let candidates = vocabulary.forms_with_prefix(list_key(word)).filter(|(form, _)| is_one_edit(&chars, &form.chars().collect::<Vec<_>>()));
    most_frequent(candidates, MAX_FUZZY_FORMS)
}

/// Returns the first [`WORD_LIST_CHARS`] characters of `word`, which are the
/// key of the browser's word list that contains it.
pub fn list_key(word: &str) -> &str {
    let end = word.char_indices().nth(WORD_LIST_CHARS).map_or(word.len(), |(i, _)| i);
    &word[..end]
}

fn most_frequent<'v>(candidates: impl Iterator<Item = (&'v String, &'v FormInfo)>, max: usize) -> Vec<&'v FormInfo> {
    let mut list: Vec<(&String, &FormInfo)> = candidates.collect();
    list.sort_by(|a, b| b.1.df.cmp(&a.1.df).then_with(|| a.0.cmp(b.0)));
    list.into_iter().take(max).map(|(_, info)| info).collect()
}

/// Returns true when `a` becomes `b` by exactly one substitution,
/// insertion, deletion or swap of two neighbouring characters.
pub fn is_one_edit(a: &[char], b: &[char]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let prefix = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    if short.len() == long.len() {
        if prefix == short.len() {
            return false;
        }
        let substituted = short[prefix + 1..] == long[prefix + 1..];
        let swapped = prefix + 1 < short.len() && short[prefix] == long[prefix + 1] && short[prefix + 1] == long[prefix] && short[prefix + 2..] == long[prefix + 2..];
        substituted || swapped
    } else {
        short[prefix..] == long[prefix + 1..]
    }
}

/// Returns the keys that glossary phrases in the query add, with their weights.
///
/// The scan takes at each position the longest phrase of any group that
/// the query keys contain there, and adds every other phrase of at most
/// [`MAX_SYNONYM_WORDS`] words of each group that contains it. A phrase of n
/// words gives each word 1/n of the weight.
fn synonym_keys(keys: &[String], synonyms: &KeyedGroups) -> Vec<(String, f32)> {
    let mut added = Vec::new();
    let mut i = 0;
    while i < keys.len() {
        let longest = synonyms.iter().flatten().filter(|phrase| keys[i..].starts_with(phrase)).map(|phrase| phrase.len()).max();
        let Some(length) = longest else {
            i += 1;
            continue;
        };
        let matched = &keys[i..i + length];
        for group in synonyms.iter().filter(|g| g.iter().any(|p| p == matched)) {
            for phrase in group.iter().filter(|p| p.as_slice() != matched && p.len() <= MAX_SYNONYM_WORDS) {
                let weight = WEIGHT_SYNONYM / phrase.len() as f32;
                added.extend(phrase.iter().map(|key| (key.clone(), weight)));
            }
        }
        i += length;
    }
    added
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::synonyms::SynonymGroups;

    fn vocabulary(words: &[(&str, u32)]) -> Vocabulary {
        crate::search::vocabulary::vocabulary_from_words(words)
    }

    fn stem(word: &str) -> String {
        crate::search::analysis::WordStemmer::new().stem(word)
    }

    fn weight(plan: &QueryPlan, kind: TermKind, term: &str) -> Option<f32> {
        plan.clauses.iter().find(|c| c.kind == kind && c.term == term).map(|c| c.weight)
    }

    const WORDS: &[(&str, u32)] = &[
        ("uitbuiting", 20),
        ("arbeidsuitbuiting", 8),
        ("loverboy", 5),
        ("pooierboy", 1),
        ("avim", 6),
        ("vreemdelingenpolitie", 2),
        ("arbeiders", 3),
        ("telefoontje", 1),
        ("telefoonnummer", 2),
        ("webcam", 4),
    ];

    #[test]
    fn known_word_matches_exact_stem_and_compounds() {
        let plan = plan_query("Uitbuiting", &vocabulary(WORDS), &Vec::new());
        assert_eq!(weight(&plan, TermKind::Exact, "uitbuiting"), Some(WEIGHT_EXACT));
        assert_eq!(weight(&plan, TermKind::Stem, &stem("uitbuiting")), Some(WEIGHT_STEM));
        assert_eq!(weight(&plan, TermKind::Stem, &stem("arbeidsuitbuiting")), Some(WEIGHT_STEM * FACTOR_COMPOUND));
    }

    #[test]
    fn unknown_inflection_matches_known_form() {
        let plan = plan_query("uitbuitingen", &vocabulary(WORDS), &Vec::new());
        assert_eq!(weight(&plan, TermKind::Stem, &stem("uitbuiting")), Some(WEIGHT_TRUNCATED));
        assert_eq!(weight(&plan, TermKind::Exact, "uitbuitingen"), None);
    }

    #[test]
    fn unknown_compound_matches_its_last_part() {
        let plan = plan_query("seizoenarbeiders", &vocabulary(WORDS), &Vec::new());
        assert_eq!(weight(&plan, TermKind::Stem, &stem("arbeiders")), Some(WEIGHT_TAIL));
    }

    #[test]
    fn one_typo_is_corrected_from_five_characters() {
        let v = vocabulary(WORDS);
        assert_eq!(weight(&plan_query("lovrboy", &v, &Vec::new()), TermKind::Stem, &stem("loverboy")), Some(WEIGHT_FUZZY));
        assert_eq!(weight(&plan_query("wecbam", &v, &Vec::new()), TermKind::Stem, &stem("webcam")), Some(WEIGHT_FUZZY));
        assert_eq!(weight(&plan_query("wbcam", &v, &Vec::new()), TermKind::Stem, &stem("webcam")), None, "typo in the first two characters");
        assert!(plan_query("avin", &v, &Vec::new()).is_empty());
    }

    #[test]
    fn last_word_matches_as_prefix() {
        let plan = plan_query("avim telefoon", &vocabulary(WORDS), &Vec::new());
        assert_eq!(weight(&plan, TermKind::Stem, &stem("telefoontje")), Some(WEIGHT_PREFIX));
        assert_eq!(weight(&plan, TermKind::Stem, &stem("telefoonnummer")), Some(WEIGHT_PREFIX));
        let first = plan_query("telefoon avim", &vocabulary(WORDS), &Vec::new());
        assert_eq!(weight(&first, TermKind::Stem, &stem("telefoontje")), None);
    }

    #[test]
    fn synonyms_expand_abbreviations() {
        let v = vocabulary(WORDS);
        let groups = SynonymGroups(vec![
            vec!["Loverboy".into(), "pooierboy".into()],
            vec!["AVIM".into(), "vreemdelingenpolitie".into(), "team mensenhandel".into(), "politie team vreemdelingen mensenhandel".into()],
        ]);
        let keyed = groups.to_keys(&v);
        let plan = plan_query("pooierboy", &v, &keyed);
        assert_eq!(weight(&plan, TermKind::Stem, &stem("loverboy")), Some(WEIGHT_SYNONYM));
        let plan = plan_query("AVIM", &v, &keyed);
        assert_eq!(weight(&plan, TermKind::Stem, &stem("vreemdelingenpolitie")), Some(WEIGHT_SYNONYM));
        assert_eq!(weight(&plan, TermKind::Stem, "mensenhandel"), Some(WEIGHT_SYNONYM / 2.0));
        assert_eq!(weight(&plan, TermKind::Stem, &stem("politie")), None, "phrases of four words are not added");
    }

    #[test]
    fn one_edit_covers_each_kind_of_typo() {
        let chars = |s: &str| s.chars().collect::<Vec<_>>();
        assert!(is_one_edit(&chars("webcam"), &chars("wbcam")));
        assert!(is_one_edit(&chars("webcam"), &chars("webcamm")));
        assert!(is_one_edit(&chars("webcam"), &chars("wepcam")));
        assert!(is_one_edit(&chars("webcam"), &chars("wbecam")));
        assert!(!is_one_edit(&chars("webcam"), &chars("webcam")));
        assert!(!is_one_edit(&chars("webcam"), &chars("bewcam")));
        assert!(!is_one_edit(&chars("webcam"), &chars("wbcm")));
    }
}
