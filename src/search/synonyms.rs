//! Synonym groups from the glossary: a term, its abbreviation and its
//! synonyms name one thing, so a query with one of them also finds the others.

use serde::{Deserialize, Serialize};

use super::analysis::analyze;
use super::vocabulary::Vocabulary;
use crate::content::Site;

/// Phrases that name the same thing, one group per glossary term, as written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SynonymGroups(pub Vec<Vec<String>>);

/// Groups of phrases in which every word is replaced by its query key (see
/// [`Vocabulary::key`]). Phrases that lose all their words to stop words
/// are dropped, and so are groups left with fewer than two phrases.
pub type KeyedGroups = Vec<Vec<Vec<String>>>;

/// Collects the term, abbreviation and synonyms of every glossary entry of `site`.
pub fn synonyms_from(site: &Site) -> SynonymGroups {
    let groups = site
        .glossary
        .iter()
        .map(|item| {
            let term = &item.value;
            let mut phrases = vec![term.term.clone()];
            phrases.extend(term.abbreviation.iter().cloned());
            phrases.extend(term.synonyms.iter().cloned());
            phrases
        })
        .collect();
    SynonymGroups(groups)
}

impl SynonymGroups {
    /// Analyzes every phrase and maps its words to query keys.
    pub fn to_keys(&self, vocabulary: &Vocabulary) -> KeyedGroups {
        let mut keyed = Vec::new();
        for group in &self.0 {
            let mut phrases: Vec<Vec<String>> = Vec::new();
            for phrase in group {
                let keys: Vec<String> = analyze(phrase).iter().map(|w| vocabulary.key(w)).collect();
                if !keys.is_empty() && !phrases.contains(&keys) {
                    phrases.push(keys);
                }
            }
            if phrases.len() > 1 {
                keyed.push(phrases);
            }
        }
        keyed
    }
}
