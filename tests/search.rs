//! Search on the real content: expected results for realistic queries, the
//! `baken search` command, and parity between the Rust planner and
//! `search.js` run under node.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use baken::diagnostics::Diagnostics;
use baken::search::analysis::{analyze, WordStemmer};
use baken::search::plan::plan_query;
use baken::search::query::run_query;
use baken::search::{build_search_with_synonyms, search_dir, synonyms_from, SearchDoc, SearchIndex, SearchOutput, SynonymGroups, TermIndex, Vocabulary};
use serde_json::Value;
use tempfile::TempDir;

/// The real content, indexed once per test run into a temporary site root.
struct RealSite {
    dir: TempDir,
    docs: Vec<SearchDoc>,
    output: SearchOutput,
}

impl RealSite {
    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn assets(&self) -> PathBuf {
        self.root().join("public")
    }
}

fn real_site() -> &'static RealSite {
    static SITE: OnceLock<RealSite> = OnceLock::new();
    SITE.get_or_init(|| {
        let content_root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let diagnostics = Diagnostics::new();
        let site = baken::content::load_site(content_root, &diagnostics);
        let mut bodies = baken::render::render_bodies(&site);
        let docs = baken::build::search_docs(&site, &mut bodies);
        let dir = TempDir::new().unwrap();
        let output = build_search_with_synonyms(&docs, &synonyms_from(&site), &dir.path().join(".baken-cache")).unwrap();
        for file in &output.files {
            let path = dir.path().join("public").join(&file.path);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, &file.bytes).unwrap();
        }
        RealSite { dir, docs, output }
    })
}

/// Runs a query through the Rust planner and tantivy, returning the URLs.
fn search(query: &str, kind: Option<&str>, limit: usize) -> Vec<String> {
    let site = real_site();
    let index = SearchIndex::open(&search_dir(&site.root().join(".baken-cache"))).unwrap();
    let vocabulary = Vocabulary::from_index(&index).unwrap();
    let plan = plan_query(query, &vocabulary, &index.synonyms.to_keys(&vocabulary));
    run_query(&index, &plan, kind, limit).unwrap().into_iter().map(|h| h.url).collect()
}

/// Queries of staff and citizens with a page that must be among the first results.
const EXPECTED: &[(&str, &str, usize)] = &[
    ("loverboy", "signalen/loverboy.html", 2),
    ("pooierboy", "signalen/loverboy.html", 3),
    ("arbeidsuitbuiting", "begrippen.html#au", 1),
    ("uitbuitingen", "signalen/werk-in-risicosector.html", 5),
    ("uitbuitingen", "begrippen.html#su", 3),
    ("casuistiek", "beleid/privacy-zorgtafel.html", 1),
    ("Casuïstiek", "beleid/privacy-zorgtafel.html", 1),
    ("AVIM telefoon", "partners/avim.html", 1),
    ("zoco helmond", "partners/zoco-helmond.html", 3),
    ("wie bel ik bij arbeidsuitbuiting", "begrippen.html#au", 3),
    ("meldpunt", "beleid/interne-meldroute.html", 2),
    ("bedenktijd", "begrippen.html#bedenktijd", 1),
    ("zorgtafel bewaartermijn", "beleid/privacy-zorgtafel.html", 2),
    ("hennep", "signalen/hennep-knippen-of-drugs-verpakken.html", 1),
    ("webcam", "signalen/seks-via-webcam.html", 1),
    ("seizoenarbeiders stal", "casussen/arbeidsmigranten-in-stal.html", 1),
    ("anoniem melden", "waar-melden.html", 3),
    ("TF-RIEC", "begrippen.html#tf-riec", 1),
    ("ZoCo", "begrippen.html#zoco", 1),
    ("lovrboy", "signalen/loverboy.html", 2),
    ("arbeidsuitb", "begrippen.html#au", 1),
];

#[test]
fn real_queries_find_expected_pages() {
    let mut failures = Vec::new();
    for &(query, url, within) in EXPECTED {
        let urls = search(query, None, within);
        if !urls.iter().any(|u| u == url) {
            failures.push(format!("{query:?}: expected {url} in the first {within}, got {urls:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn kind_filter_keeps_one_kind() {
    let urls = search("arbeidsuitbuiting", Some("partner"), 10);
    assert!(!urls.is_empty());
    assert!(urls.iter().all(|u| u.starts_with("partners/")), "{urls:?}");
    assert!(urls.contains(&"partners/iszw.html".to_string()), "{urls:?}");
}

/// Indexes fixture documents into a temporary folder, runs one query and
/// returns the ids of the hits.
fn search_fixture(docs: &[SearchDoc], synonyms: &SynonymGroups, query: &str) -> Vec<String> {
    let dir = TempDir::new().unwrap();
    let cache = dir.path().join(".baken-cache");
    build_search_with_synonyms(docs, synonyms, &cache).unwrap();
    let index = SearchIndex::open(&search_dir(&cache)).unwrap();
    let vocabulary = Vocabulary::from_index(&index).unwrap();
    let plan = plan_query(query, &vocabulary, &index.synonyms.to_keys(&vocabulary));
    run_query(&index, &plan, None, 10).unwrap().into_iter().map(|h| h.url.trim_end_matches(".html").to_string()).collect()
}

fn doc(id: &str, title: &str, headings: &[&str], body: &str) -> SearchDoc {
    SearchDoc { kind: "pagina", id: id.into(), title: title.into(), url: format!("{id}.html"), headings: headings.iter().map(|h| h.to_string()).collect(), body: body.into() }
}

#[test]
fn exact_form_ranks_above_other_forms() {
    let docs = [
        doc("a", "Over signalen", &[], "Hier staan de meldingen van vorig jaar."),
        doc("b", "Over signalen", &[], "Hier staat de melding van vorig jaar."),
    ];
    assert_eq!(search_fixture(&docs, &SynonymGroups::default(), "melding"), ["b", "a"]);
    assert_eq!(search_fixture(&docs, &SynonymGroups::default(), "meldingen"), ["a", "b"]);
}

#[test]
fn title_ranks_above_headings_above_body() {
    let docs = [
        doc("body", "Een pagina", &["Een kop"], "Tekst over hennep en meer."),
        doc("heading", "Een pagina", &["Kop over hennep"], "Tekst en nog meer."),
        doc("title", "Pagina over hennep", &["Een kop"], "Tekst en nog meer."),
    ];
    assert_eq!(search_fixture(&docs, &SynonymGroups::default(), "hennep"), ["title", "heading", "body"]);
}

#[test]
fn compound_and_exact_word_both_match() {
    let docs = [
        doc("compound", "Werk", &[], "Signalen van arbeidsuitbuiting in de bouw."),
        doc("word", "Werk", &[], "Signalen van uitbuiting in de bouw."),
        doc("other", "Werk", &[], "Signalen van slecht werkgeverschap in de bouw."),
    ];
    assert_eq!(search_fixture(&docs, &SynonymGroups::default(), "uitbuiting"), ["word", "compound"]);
}

#[test]
fn abbreviation_finds_the_full_name() {
    let docs = [
        doc("zoco", "Zorgcoördinator Mensenhandel", &[], "Regelt de hulp aan slachtoffers."),
        doc("other", "Opvang", &[], "Een plek om te slapen."),
    ];
    let synonyms = SynonymGroups(vec![vec!["Zorgcoördinator Mensenhandel".into(), "ZoCo".into(), "zorgcoördinator".into()]]);
    assert_eq!(search_fixture(&docs, &synonyms, "zoco"), ["zoco"]);
    assert!(search_fixture(&docs, &SynonymGroups::default(), "zoco").is_empty());
}

#[test]
fn rebuild_replaces_index_without_leftovers() {
    let dir = TempDir::new().unwrap();
    let cache = dir.path().join(".baken-cache");
    let first = [doc("a", "Eerste", &[], "Over hennep.")];
    let second = [doc("b", "Tweede", &[], "Over webcams.")];
    build_search_with_synonyms(&first, &SynonymGroups::default(), &cache).unwrap();
    build_search_with_synonyms(&second, &SynonymGroups::default(), &cache).unwrap();

    let entries: Vec<String> = fs::read_dir(&cache).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(entries, ["search"]);
    let index = SearchIndex::open(&search_dir(&cache)).unwrap();
    assert_eq!(index.searcher().num_docs(), 1);
}

/// Copies the folder `from` to `to`, files and subfolders.
fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &to.join(entry.file_name()));
        } else {
            fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

#[test]
fn search_indexes_the_last_build_once() {
    let dir = TempDir::new().unwrap();
    let cache = dir.path().join(".baken-cache");
    let first = [doc("a", "Eerste", &[], "Over hennep.")];
    build_search_with_synonyms(&first, &SynonymGroups::default(), &cache).unwrap();
    assert!(!search_dir(&cache).join("index").exists(), "a build leaves the tantivy index to the first search");

    // Searches that start together share one index.
    let searches: Vec<_> = (0..4)
        .map(|_| {
            let cache = cache.clone();
            std::thread::spawn(move || SearchIndex::open(&search_dir(&cache)).unwrap().searcher().num_docs())
        })
        .collect();
    for search in searches {
        assert_eq!(search.join().unwrap(), 1);
    }
    let old_index = dir.path().join("old-index");
    copy_dir(&search_dir(&cache).join("index"), &old_index);

    // An index of an earlier build, left by a search that ran during the
    // build, is replaced by one of the new documents.
    let second = [doc("a", "Eerste", &[], "Over hennep."), doc("b", "Tweede", &[], "Over webcams.")];
    build_search_with_synonyms(&second, &SynonymGroups::default(), &cache).unwrap();
    copy_dir(&old_index, &search_dir(&cache).join("index"));
    assert_eq!(SearchIndex::open(&search_dir(&cache)).unwrap().searcher().num_docs(), 2);
    let leftovers: Vec<String> = fs::read_dir(search_dir(&cache)).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).filter(|name| name != "index" && name != "docs.json").collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn search_reads_an_index_it_cannot_lock() {
    let dir = TempDir::new().unwrap();
    let cache = dir.path().join(".baken-cache");
    build_search_with_synonyms(&[doc("a", "Eerste", &[], "Over hennep.")], &SynonymGroups::default(), &cache).unwrap();
    SearchIndex::open(&search_dir(&cache)).unwrap();
    // A folder in place of the lock file makes locking fail, as a
    // read-only folder does for a user other than root.
    let lock = search_dir(&cache).join("index/.tantivy-meta.lock");
    fs::remove_file(&lock).unwrap();
    fs::create_dir(&lock).unwrap();
    let index = SearchIndex::open(&search_dir(&cache)).unwrap();
    assert_eq!(index.searcher().num_docs(), 1);
    assert!(lock.is_dir(), "the index was made again");
}

#[test]
fn related_items_link_to_other_pages() {
    let site = real_site();
    let related = &site.output.related;
    for url in ["partners/avim.html", "signalen/loverboy.html", "beleid/vormen.html"] {
        let items = related.get(url).unwrap_or_else(|| panic!("no related items for {url}"));
        assert!((3..=5).contains(&items.len()), "{url}: {items:?}");
        for item in items {
            assert_ne!(item.url, url);
            assert!(!item.title.is_empty());
            assert!(!item.kind.is_empty());
        }
    }
    assert!(!related.keys().any(|url| url.contains('#')));
}

/// The build scores from its own index, and `baken search` queries tantivy.
/// Both must contain the same words and give every document the same score.
#[test]
fn build_index_matches_tantivy() {
    use baken::search::index::{doc_ords, Part, TermKind};
    use tantivy::collector::TopDocs;
    use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
    use tantivy::schema::IndexRecordOption;
    use tantivy::Term;

    let site = real_site();
    let index = SearchIndex::open(&search_dir(&site.root().join(".baken-cache"))).unwrap();
    let terms = TermIndex::build(&site.docs);
    let (tantivy_words, build_words) = (Vocabulary::from_index(&index).unwrap(), Vocabulary::from_term_index(&terms));
    assert_eq!(tantivy_words.forms(), build_words.forms());
    assert_eq!(tantivy_words.stems(), build_words.stems());

    let searcher = index.searcher();
    let ords = doc_ords(&searcher).unwrap();
    let mut checked = 0;
    for kind in [TermKind::Stem, TermKind::Exact] {
        for id in (0..terms.terms(kind).names.len() as u32).step_by(5) {
            let name = &terms.terms(kind).names[id as usize];
            let parts: Vec<(Occur, Box<dyn Query>)> = Part::ALL
                .iter()
                .map(|&part| {
                    let term = TermQuery::new(Term::from_field_text(index.fields.term_field(part, kind), name), IndexRecordOption::WithFreqs);
                    (Occur::Should, Box::new(BoostQuery::new(Box::new(term), part.boost())) as Box<dyn Query>)
                })
                .collect();
            let top = searcher.search(&BooleanQuery::new(parts), &TopDocs::with_limit(site.docs.len()).order_by_score()).unwrap();
            let mut expected: Vec<(u32, f32)> = top.into_iter().map(|(score, a)| (ords[a.segment_ord as usize][a.doc_id as usize] as u32, score)).collect();
            expected.sort_by_key(|&(doc, _)| doc);
            let actual = terms.scores(kind, id);
            assert_eq!(actual.iter().map(|s| s.0).collect::<Vec<_>>(), expected.iter().map(|s| s.0).collect::<Vec<_>>(), "documents of {name:?}");
            for ((doc, a), (_, e)) in actual.iter().zip(&expected) {
                assert!((a - e).abs() <= 1e-4 * e.max(1.0), "{name:?} in document {doc}: build {a}, tantivy {e}");
            }
            checked += 1;
        }
    }
    assert!(checked > 500, "only {checked} terms checked");
}

#[test]
fn browser_index_is_classic_scripts() {
    let site = real_site();
    let meta = site.output.files.iter().find(|f| f.path == "assets/search/meta.js").expect("meta.js");
    let text = String::from_utf8(meta.bytes.clone()).unwrap();
    assert!(text.starts_with("BakenSearch.register(\"meta\","));
    for file in &site.output.files {
        assert!(file.path.starts_with("assets/search/"), "{}", file.path);
        assert!(file.path.ends_with(".js"), "{}", file.path);
    }
}

#[test]
fn cli_prints_json_results() {
    let site = real_site();
    let output = Command::new(env!("CARGO_BIN_EXE_baken"))
        .args(["search", "loverboy", "--format", "json", "--limit", "3", "--root"])
        .arg(site.root())
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let rows: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(rows.len(), 3);
    for row in &rows {
        assert!(row["title"].is_string(), "{row}");
        assert!(row["kind"].is_string(), "{row}");
        assert!(row["path"].is_string(), "{row}");
        assert!(row["score"].is_number(), "{row}");
    }
}

#[test]
fn cli_prints_text_with_snippets() {
    let site = real_site();
    let output = Command::new(env!("CARGO_BIN_EXE_baken")).args(["search", "hennep", "--kind", "signaal", "--root"]).arg(site.root()).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success());
    assert!(stdout.starts_with("1. "), "{stdout}");
    assert!(stdout.contains("[signaal] signalen/"), "{stdout}");
    assert!(stdout.contains("*hennep*") || stdout.contains("*Hennep*"), "{stdout}");
}

#[test]
fn cli_asks_for_a_build_without_index() {
    let empty = TempDir::new().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_baken")).args(["search", "loverboy", "--root"]).arg(empty.path()).output().unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("run `baken build` first"), "{stderr}");
}

#[test]
fn cli_rejects_unknown_kind() {
    let site = real_site();
    let output = Command::new(env!("CARGO_BIN_EXE_baken")).args(["search", "loverboy", "--kind", "persoon", "--root"]).arg(site.root()).output().unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("invalid --kind"));
}

/// Runs `script` under node with `args` and parses its JSON output.
fn run_node(script: &str, args: &[&Path]) -> Value {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("script.js");
    fs::write(&file, script).unwrap();
    let output = Command::new("node").arg(&file).args(args).output().expect("node is needed for the browser tests");
    assert!(output.status.success(), "node failed:\n{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).unwrap()
}

fn search_js() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/js/search.js")
}

/// Loads search.js and an exported index, runs the queries in the file
/// given as third argument, and prints plan and best hits per query.
const NODE_QUERIES: &str = r#"
"use strict";
const fs = require("fs");
const vm = require("vm");
const [searchJs, base, queriesFile] = process.argv.slice(2);
globalThis.BakenSearch = require(searchJs);
const load = (file, done) => {
  vm.runInThisContext(fs.readFileSync(file, "utf8"), { filename: file });
  done(null);
};
const engine = BakenSearch.createEngine({ base: base + "/", load });
const queries = JSON.parse(fs.readFileSync(queriesFile, "utf8"));
const out = [];
const next = (i) => {
  if (i === queries.length) return console.log(JSON.stringify(out));
  engine.search(queries[i], (error, result) => {
    if (error) throw error;
    engine.describe(result.hits.slice(0, 3), (error, items) => {
      if (error) throw error;
      out.push({ clauses: result.clauses, top: items.map((x) => ({ url: x.url, score: x.score })) });
      next(i + 1);
    });
  });
};
next(0);
"#;

#[test]
fn browser_matches_cli_on_real_queries() {
    let site = real_site();
    let mut queries: Vec<&str> = EXPECTED.iter().map(|(q, _, _)| *q).collect();
    queries.extend(["moderne slavernij", "uitbuiting op het werk", "huisvesting werkgever", "ggd", "wmo", "zorgcoördinator", "drugslab", "xyzzy"]);
    let queries_file = site.root().join("queries.json");
    fs::write(&queries_file, serde_json::to_string(&queries).unwrap()).unwrap();
    let browser = run_node(NODE_QUERIES, &[&search_js(), &site.assets().join("assets/search"), &queries_file]);

    let index = SearchIndex::open(&search_dir(&site.root().join(".baken-cache"))).unwrap();
    let vocabulary = Vocabulary::from_index(&index).unwrap();
    let synonyms = index.synonyms.to_keys(&vocabulary);
    let mut failures = Vec::new();
    for (query, browser) in queries.iter().zip(browser.as_array().unwrap()) {
        // Plans: the same terms with the same weights.
        let plan = plan_query(query, &vocabulary, &synonyms);
        let rust_clauses: Vec<(String, String, f32)> = plan.clauses.iter().map(|c| (format!("{:?}", c.kind).to_lowercase(), c.term.clone(), c.weight)).collect();
        let js_clauses: Vec<(String, String, f32)> = browser["clauses"].as_array().unwrap().iter().map(|c| (c["kind"].as_str().unwrap().to_string(), c["term"].as_str().unwrap().to_string(), c["weight"].as_f64().unwrap() as f32)).collect();
        let same_plan = rust_clauses.len() == js_clauses.len() && rust_clauses.iter().zip(&js_clauses).all(|(r, j)| r.0 == j.0 && r.1 == j.1 && (r.2 - j.2).abs() < 1e-6);
        if !same_plan {
            failures.push(format!("{query:?}: plans differ\n  rust: {rust_clauses:?}\n  js:   {js_clauses:?}"));
        }

        // Top result of `baken search --format json`.
        let output = Command::new(env!("CARGO_BIN_EXE_baken")).args(["search", query, "--format", "json", "--limit", "3", "--root"]).arg(site.root()).output().unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let cli: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();
        let js_top = browser["top"].as_array().unwrap();
        assert_eq!(cli.is_empty(), js_top.is_empty(), "{query:?}: one side found nothing");
        if cli.is_empty() {
            continue;
        }
        let (cli_url, js_url) = (&cli[0]["path"], &js_top[0]["url"]);
        // Scores are stored rounded for the browser, so a near tie may flip.
        let is_near_tie = cli.len() > 1 && (cli[0]["score"].as_f64().unwrap() - cli[1]["score"].as_f64().unwrap()) < 0.01;
        if cli_url != js_url && !is_near_tie {
            failures.push(format!("{query:?}: top result differs: cli {cli_url}, browser {js_url}"));
        }
        let (cli_score, js_score) = (cli[0]["score"].as_f64().unwrap(), js_top[0]["score"].as_f64().unwrap());
        if (cli_score - js_score).abs() > 0.01 * cli_score.max(1.0) {
            failures.push(format!("{query:?}: top scores differ: cli {cli_score}, browser {js_score}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Loads every term shard and prints, per text, the words and their stems
/// as the browser derives them.
const NODE_WORDS: &str = r#"
"use strict";
const fs = require("fs");
const vm = require("vm");
const [searchJs, base, textsFile] = process.argv.slice(2);
globalThis.BakenSearch = require(searchJs);
const load = (file, done) => {
  vm.runInThisContext(fs.readFileSync(file, "utf8"), { filename: file });
  done(null);
};
const engine = BakenSearch.createEngine({ base: base + "/", load });
engine.ready((error) => {
  if (error) throw error;
  const shards = engine.separators.map((_, i) => "t-" + i);
  engine.need(shards, (error) => {
    if (error) throw error;
    const texts = JSON.parse(fs.readFileSync(textsFile, "utf8"));
    const out = texts.map((text) => {
      const words = engine.analyzer.analyze(text);
      return { words, stems: words.map((w) => engine.key(w)) };
    });
    console.log(JSON.stringify(out));
  });
});
"#;

#[test]
fn browser_normalises_and_stems_every_word_like_rust() {
    let site = real_site();
    let texts: Vec<String> = site.docs.iter().map(|d| format!("{}\n{}\n{}", d.title, d.headings.join("\n"), d.body)).collect();
    let texts_file = site.root().join("texts.json");
    fs::write(&texts_file, serde_json::to_string(&texts).unwrap()).unwrap();
    let browser = run_node(NODE_WORDS, &[&search_js(), &site.assets().join("assets/search"), &texts_file]);

    let mut stemmer = WordStemmer::new();
    let mut mismatches: BTreeMap<String, String> = BTreeMap::new();
    let mut checked = 0;
    for (text, browser) in texts.iter().zip(browser.as_array().unwrap()) {
        let words = analyze(text);
        let js_words: Vec<&str> = browser["words"].as_array().unwrap().iter().map(|w| w.as_str().unwrap()).collect();
        assert_eq!(words, js_words, "words differ in {}", &text[..text.len().min(60)]);
        for (word, js_stem) in words.iter().zip(browser["stems"].as_array().unwrap()) {
            let stem = stemmer.stem(word);
            if js_stem.as_str() != Some(stem.as_str()) {
                mismatches.insert(word.clone(), format!("rust {stem}, browser {js_stem}"));
            }
            checked += 1;
        }
    }
    assert!(checked > 10_000, "only {checked} words checked");
    assert!(mismatches.is_empty(), "{mismatches:#?}");
}
