//! The browser index under `assets/search/`: classic scripts that call
//! `BakenSearch.register(name, data)`, so that they load from `file://`.
//!
//! - `meta.js`: document count and kinds, shard manifests, the fold table,
//!   stop words, synonym groups and the planner's weights. Loaded first.
//! - `t-N.js`: term records, sharded by key range. A record contains the
//!   scored postings of a stem (`s`) or of an exact form (`e`). A form's
//!   record adds its stem (`m`) when that differs from the form. A stem's
//!   record adds its forms (`f`) and the compounds that end in it (`c`).
//! - `w-N.js`: every form that starts with the same two characters, with
//!   its stem and document frequency, for prefix search and typo correction.
//! - `d-N.js`: title, URL, kind and snippet text of a few documents, loaded
//!   only for the results shown.
//!
//! Postings carry each document's score for the term, computed here with
//! tantivy's own BM25 and part boosts, so the browser only adds numbers.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde_json::{json, Value};

use super::analysis::{compose_cow, fold_table, MAX_TOKEN_BYTES, STOP_WORDS};
use super::index::TermKind;
use super::plan;
use super::synonyms::KeyedGroups;
use super::terms::TermIndex;
use super::vocabulary::{Vocabulary, MAX_COMPOUNDS};
use super::SearchDoc;
use crate::render::OutputFile;

/// Folder of the browser index in the site.
pub const ASSET_DIR: &str = "assets/search";
/// Format of the browser index; `search.js` rejects any other.
pub const FORMAT_VERSION: u32 = 1;
/// Scores are stored as integers: the BM25 score times this factor.
pub const SCORE_SCALE: f32 = 1000.0;
/// A term shard is closed before its records pass this many bytes, unless
/// it has one record only. Small shards keep the first query small.
const TERM_SHARD_BYTES: usize = 8_000;
/// Documents per document shard.
const DOCS_PER_SHARD: usize = 5;
/// Characters of body text kept per document for snippets.
const SNIPPET_TEXT_CHARS: usize = 600;
/// Kinds in the order the filters show them; other kinds follow.
pub const KINDS: [&str; 6] = ["pagina", "partner", "signaal", "casus", "begrip", "quiz"];

/// Scored postings of one term: document position and scaled score.
type Postings_ = Vec<(u32, u32)>;

/// Data the browser index stores about one key, a stem or a form or both:
/// the term ids, whose postings are scored as the record is encoded.
#[derive(Default)]
struct TermRecord {
    stem: Option<u32>,
    exact: Option<u32>,
    forms: Vec<String>,
}

/// Builds every file of the browser index.
pub fn export_browser_index(index: &TermIndex, vocabulary: &Vocabulary, synonyms: &KeyedGroups, docs: &[SearchDoc]) -> Vec<OutputFile> {
    let mut files = Vec::new();
    export_browser_index_into(index, vocabulary, synonyms, docs, &mut |file| files.push(file));
    files
}

/// Builds every file of the browser index like [`export_browser_index`] and
/// hands each to `files` as soon as it is made.
pub fn export_browser_index_into(index: &TermIndex, vocabulary: &Vocabulary, synonyms: &KeyedGroups, docs: &[SearchDoc], files: &mut dyn FnMut(OutputFile)) {
    // Records: postings of both term kinds, then the forms of each stem.
    let mut records: BTreeMap<&str, TermRecord> = BTreeMap::new();
    for kind in [TermKind::Stem, TermKind::Exact] {
        for (id, key) in index.terms(kind).names.iter().enumerate() {
            let record = records.entry(key.as_str()).or_default();
            match kind {
                TermKind::Stem => record.stem = Some(id as u32),
                TermKind::Exact => record.exact = Some(id as u32),
            }
        }
    }
    for (form, info) in vocabulary.forms() {
        records.entry(info.stem.as_str()).or_default().forms.push(form.clone());
    }

    // Term shards, word lists, documents, texts, and the manifest last.
    let term_shards = write_term_shards(&records, index, vocabulary, files);
    drop(records);
    let word_lists = write_word_lists(vocabulary, files);
    write_doc_shards(docs, files);
    files(script_file("meta.js", "meta", &meta(docs, &term_shards, &word_lists, synonyms)));
}

/// Scores the postings of one term for the browser.
fn scored_postings(index: &TermIndex, kind: TermKind, id: u32) -> Postings_ {
    index.scores(kind, id).into_iter().map(scale).collect()
}

/// Stores a score as an integer of at least 1.
fn scale((doc, score): (u32, f32)) -> (u32, u32) {
    (doc, ((score * SCORE_SCALE).round() as u32).max(1))
}

/// Digits of the postings code. A number is written in base 32, most
/// significant digit first. Its last digit comes from the first half of
/// this alphabet and every other digit from the second half.
const POSTING_DIGITS: &[u8; 64] = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";

/// Encodes postings as one string of numbers: gap to the previous
/// document, then score, for every document in order. Its digits need no
/// escaping in a JSON string.
fn encode_postings(postings: &Postings_) -> String {
    let mut out = String::with_capacity(postings.len() * 4);
    let mut previous = 0;
    for &(ord, score) in postings {
        push_number(&mut out, ord - previous);
        push_number(&mut out, score);
        previous = ord;
    }
    out
}

fn push_number(out: &mut String, value: u32) {
    let mut digits = [0u8; 7];
    let mut n = 0;
    let mut rest = value;
    loop {
        digits[n] = (rest % 32) as u8;
        n += 1;
        rest /= 32;
        if rest == 0 {
            break;
        }
    }
    for i in (0..n).rev() {
        let half = if i == 0 { 0 } else { 32 };
        out.push(POSTING_DIGITS[(digits[i] + half) as usize] as char);
    }
}

/// Encodes the record of `key` as a JSON object with the members `c`
/// (compounds), `e` (exact postings), `f` (forms), `m` (stem of the form)
/// and `s` (stem postings), in that order, each only where it applies.
/// The postings codes go in as they are, as they need no escaping.
fn encode_record(key: &str, record: &TermRecord, index: &TermIndex, vocabulary: &Vocabulary) -> String {
    let postings = |kind, id: Option<u32>| id.map(|id| scored_postings(index, kind, id)).unwrap_or_default();
    let stem_postings = postings(TermKind::Stem, record.stem);
    let exact_postings = postings(TermKind::Exact, record.exact);
    let mut members: Vec<(&str, String)> = Vec::new();
    if !stem_postings.is_empty() {
        let compounds = vocabulary.compounds(key);
        if !compounds.is_empty() {
            members.push(("c", json!(compounds).to_string()));
        }
    }
    if !exact_postings.is_empty() {
        members.push(("e", format!("\"{}\"", encode_postings(&exact_postings))));
    }
    if !stem_postings.is_empty() {
        members.push(("f", json!(record.forms).to_string()));
    }
    if !exact_postings.is_empty() {
        if let Some(info) = vocabulary.form(key).filter(|info| info.stem != key) {
            members.push(("m", json!(info.stem).to_string()));
        }
    }
    if !stem_postings.is_empty() {
        members.push(("s", format!("\"{}\"", encode_postings(&stem_postings))));
    }
    let mut object = String::from("{");
    for (i, (name, value)) in members.iter().enumerate() {
        if i > 0 {
            object.push(',');
        }
        object.push_str(&format!("\"{name}\":{value}"));
    }
    object.push('}');
    object
}

/// Writes the term records into shards of about [`TERM_SHARD_BYTES`] and
/// returns, per shard, the shortest key prefix that separates it from the
/// shard before (the empty string for the first shard).
fn write_term_shards(records: &BTreeMap<&str, TermRecord>, index: &TermIndex, vocabulary: &Vocabulary, files: &mut dyn FnMut(OutputFile)) -> Vec<String> {
    // Scoring and encoding the records is most of the work and needs no order.
    let encoded: Vec<(&str, String)> = records.par_iter().map(|(key, record)| (*key, encode_record(key, record, index, vocabulary))).collect();
    let mut separators = vec![String::new()];
    let mut shard = String::new();
    let mut bytes = 0;
    let mut last_key = "";
    for (key, value) in &encoded {
        let size = key.len() + value.len() + 4;
        if bytes > 0 && bytes + size > TERM_SHARD_BYTES {
            let n = separators.len() - 1;
            files(script_text(&format!("t-{n}.js"), &format!("t-{n}"), &close_object(std::mem::take(&mut shard))));
            separators.push(separator(last_key, key));
            bytes = 0;
        }
        shard.push(if shard.is_empty() { '{' } else { ',' });
        shard.push_str(&json!(key).to_string());
        shard.push(':');
        shard.push_str(value);
        bytes += size;
        last_key = key;
    }
    let n = separators.len() - 1;
    files(script_text(&format!("t-{n}.js"), &format!("t-{n}"), &close_object(shard)));
    separators
}

/// Ends the JSON object that [`write_term_shards`] opened with its first member.
fn close_object(mut members: String) -> String {
    if members.is_empty() {
        return "{}".to_string();
    }
    members.push('}');
    members
}

/// Returns the shortest prefix of `next` that sorts after `previous`.
fn separator(previous: &str, next: &str) -> String {
    next.char_indices()
        .map(|(i, c)| &next[..i + c.len_utf8()])
        .find(|prefix| *prefix > previous)
        .unwrap_or(next)
        .to_string()
}

/// Writes one word list per first [`plan::WORD_LIST_CHARS`] characters and
/// returns their keys.
fn write_word_lists(vocabulary: &Vocabulary, files: &mut dyn FnMut(OutputFile)) -> Vec<String> {
    let mut lists: BTreeMap<&str, Vec<Value>> = BTreeMap::new();
    for (form, info) in vocabulary.forms() {
        // A stem that begins the form is stored as its length in characters.
        let stem = if form.starts_with(&info.stem) { json!(info.stem.chars().count()) } else { json!(info.stem) };
        lists.entry(plan::list_key(form)).or_default().extend([json!(form), stem, json!(info.df)]);
    }
    let mut keys = Vec::new();
    for (n, (key, list)) in lists.into_iter().enumerate() {
        files(script_file(&format!("w-{n}.js"), &format!("w-{n}"), &Value::Array(list)));
        keys.push(key.to_string());
    }
    keys
}

/// Writes the document shards: title, URL, kind and snippet text.
fn write_doc_shards(docs: &[SearchDoc], files: &mut dyn FnMut(OutputFile)) {
    let shards: Vec<OutputFile> = docs
        .par_chunks(DOCS_PER_SHARD)
        .enumerate()
        .map(|(n, chunk)| {
            let rows: Vec<Value> = chunk.iter().map(|d| json!([compose_cow(&d.title), d.url, kind_index(d.kind), snippet_text(&d.body)])).collect();
            script_file(&format!("d-{n}.js"), &format!("d-{n}"), &json!(rows))
        })
        .collect();
    shards.into_iter().for_each(files);
}

/// Collapses whitespace, cuts the text after a word near
/// [`SNIPPET_TEXT_CHARS`] and composes it to NFC. Only the kept words are
/// composed: composing may merge characters but never splits a word.
fn snippet_text(body: &str) -> String {
    let mut text = String::new();
    let mut chars = 0;
    for word in body.split_whitespace() {
        let word = compose_cow(word);
        let length = word.chars().count();
        if chars + length > SNIPPET_TEXT_CHARS {
            break;
        }
        if !text.is_empty() {
            text.push(' ');
            chars += 1;
        }
        text.push_str(&word);
        chars += length;
    }
    text
}

fn kind_index(kind: &str) -> usize {
    KINDS.iter().position(|k| *k == kind).unwrap_or(KINDS.len())
}

fn meta(docs: &[SearchDoc], term_shards: &[String], word_lists: &[String], synonyms: &KeyedGroups) -> Value {
    let mut kinds: Vec<&str> = KINDS.to_vec();
    kinds.push("overig");
    let doc_kinds: String = docs.iter().map(|d| char::from_digit(kind_index(d.kind) as u32, 36).unwrap_or('z')).collect();
    json!({
        "version": FORMAT_VERSION,
        "count": docs.len(),
        "kinds": kinds,
        "docKinds": doc_kinds,
        "termShards": front_code(term_shards),
        "wordLists": word_lists,
        "docsPerShard": DOCS_PER_SHARD,
        "scoreScale": SCORE_SCALE,
        "maxTokenBytes": MAX_TOKEN_BYTES,
        "fold": fold_table(),
        "stopWords": STOP_WORDS,
        "synonyms": synonyms,
        "plan": plan_settings(),
    })
}

/// Joins sorted keys with spaces, each written as the number of leading
/// characters it shares with the key before (one base-36 digit, at most 35)
/// and the characters that follow. Keys never contain spaces.
fn front_code(keys: &[String]) -> String {
    let mut out = String::new();
    let mut previous = "";
    for (i, key) in keys.iter().enumerate() {
        let shared = previous.chars().zip(key.chars()).take_while(|(a, b)| a == b).count().min(35);
        if i > 0 {
            out.push(' ');
        }
        out.push(char::from_digit(shared as u32, 36).expect("shared is below 36"));
        out.extend(key.chars().skip(shared));
        previous = key;
    }
    out
}

/// Lists the planner's constants, so that `search.js` plans with the same numbers.
fn plan_settings() -> Value {
    json!({
        "weightExact": plan::WEIGHT_EXACT,
        "weightStem": plan::WEIGHT_STEM,
        "weightTruncated": plan::WEIGHT_TRUNCATED,
        "factorCompound": plan::FACTOR_COMPOUND,
        "weightTail": plan::WEIGHT_TAIL,
        "weightPrefix": plan::WEIGHT_PREFIX,
        "weightFuzzy": plan::WEIGHT_FUZZY,
        "weightSynonym": plan::WEIGHT_SYNONYM,
        "minPrefixChars": plan::MIN_PREFIX_CHARS,
        "maxPrefixForms": plan::MAX_PREFIX_FORMS,
        "minFuzzyChars": plan::MIN_FUZZY_CHARS,
        "maxFuzzyForms": plan::MAX_FUZZY_FORMS,
        "minPartChars": plan::MIN_PART_CHARS,
        "maxTruncatedExtraChars": plan::MAX_TRUNCATED_EXTRA_CHARS,
        "minTailHeadChars": plan::MIN_TAIL_HEAD_CHARS,
        "maxSynonymWords": plan::MAX_SYNONYM_WORDS,
        "wordListChars": plan::WORD_LIST_CHARS,
        "maxCompounds": MAX_COMPOUNDS,
    })
}

fn script_file(file: &str, name: &str, data: &Value) -> OutputFile {
    script_text(file, name, &data.to_string())
}

/// Like [`script_file`], with the data already written as JSON.
fn script_text(file: &str, name: &str, json: &str) -> OutputFile {
    let text = format!("BakenSearch.register({},{json});\n", json!(name));
    OutputFile { path: format!("{ASSET_DIR}/{file}"), bytes: text.into_bytes() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(code: &str) -> Vec<u32> {
        let mut numbers = Vec::new();
        let mut value = 0;
        for byte in code.bytes() {
            let digit = POSTING_DIGITS.iter().position(|&d| d == byte).unwrap() as u32;
            if digit >= 32 {
                value = value * 32 + digit - 32;
            } else {
                numbers.push(value * 32 + digit);
                value = 0;
            }
        }
        numbers
    }

    #[test]
    fn postings_round_trip() {
        let postings = vec![(0, 1), (3, 31), (4, 32), (1000, 1_234_567), (1001, u32::MAX)];
        let code = encode_postings(&postings);
        assert_eq!(decode(&code), [0, 1, 3, 31, 1, 32, 996, 1_234_567, 1, u32::MAX]);
        assert!(!code.contains('"'));
        assert!(!code.contains('\\'));
    }

    #[test]
    fn small_numbers_take_one_digit() {
        let code = encode_postings(&vec![(5, 20), (6, 31)]);
        assert_eq!(code, "5k1v");
    }

    #[test]
    fn front_code_shares_prefixes() {
        let keys = ["", "arb", "arbeids", "b", "café", "cafés"].map(String::from);
        assert_eq!(front_code(&keys), "0 0arb 3eids 0b 0café 4s");
    }

    #[test]
    fn separator_is_shortest_prefix_after_previous_key() {
        assert_eq!(separator("arbeid", "arbeidsmigrant"), "arbeids");
        assert_eq!(separator("aanpak", "beleid"), "b");
        assert_eq!(separator("zorg", "zorgtafel"), "zorgt");
        assert_eq!(separator("café", "cafés"), "cafés");
    }
}
