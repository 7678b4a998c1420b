//! Builds the search data of the real content or of a synthetic corpus as a
//! build does, then the tantivy index as the first `baken search` does,
//! prints the time of each step and the size of the browser index, and
//! leaves both in a folder for `baken search --root` and for
//! `examples/search_latency.js`.
//!
//! ```text
//! cargo run --release --example search_bench -- real /tmp/search-real
//! cargo run --release --example search_bench -- synthetic 10000 /tmp/search-10k
//! ```
//!
//! The synthetic corpus draws words from the real content with a skewed
//! (Zipf-like) distribution. For about one word in a hundred it joins two
//! content words into a new compound, so that its vocabulary keeps growing
//! with its size as that of real text does. The same size always gives the
//! same pages.

use std::collections::HashMap;
use std::fs;
use std::io::Write;
use std::path::Path;
use std::time::Instant;

use baken::diagnostics::Diagnostics;
use baken::search::{build_search_with_synonyms, search_dir, synonyms_from, SearchDoc, SearchIndex, SynonymGroups};

const KINDS: [&str; 6] = ["pagina", "partner", "signaal", "casus", "begrip", "quiz"];

fn main() -> anyhow::Result<()> {
    // The steps of the search build log their time at debug level.
    tracing_subscriber::fmt().with_env_filter("baken=debug").with_writer(std::io::stderr).without_time().init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (docs, synonyms, out) = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["real", out] => {
            let (docs, synonyms) = real_docs();
            (docs, synonyms, out.to_string())
        }
        ["synthetic", count, out] => {
            let (real, synonyms) = real_docs();
            (synthetic_docs(&real, count.parse()?), synonyms, out.to_string())
        }
        _ => anyhow::bail!("usage: search_bench real OUT_DIR | search_bench synthetic PAGES OUT_DIR"),
    };
    let out = Path::new(&out);

    // Analysis, related items and export, as a build runs them.
    let started = Instant::now();
    let output = build_search_with_synonyms(&docs, &synonyms, &out.join(".baken-cache"))?;
    let elapsed = started.elapsed();
    let saved = folder_size(&out.join(".baken-cache"))?;

    // The tantivy index, as the first `baken search` after a build makes it.
    let started = Instant::now();
    let index = SearchIndex::open(&search_dir(&out.join(".baken-cache")))?;
    let indexing = started.elapsed();
    drop(index);

    // Write the browser index and report its size.
    let assets = out.join("public");
    if assets.exists() {
        fs::remove_dir_all(&assets)?;
    }
    let mut raw = 0;
    let mut gzip = 0;
    for file in &output.files {
        let path = assets.join(&file.path);
        fs::create_dir_all(path.parent().expect("files are under assets/search"))?;
        fs::write(&path, &file.bytes)?;
        raw += file.bytes.len();
        gzip += gzip_size(&file.bytes)?;
    }
    let meta = output.files.iter().find(|f| f.path.ends_with("/meta.js")).map_or(0, |f| f.bytes.len());
    println!("documents: {}", docs.len());
    println!("search build (analysis, related, export, saved documents): {} ms", elapsed.as_millis());
    println!("tantivy index for baken search, made on first use: {} ms", indexing.as_millis());
    println!("browser index: {} files, {} bytes raw, {} bytes gzip (per file, summed)", output.files.len(), raw, gzip);
    println!("meta.js: {meta} bytes");
    println!("saved documents: {saved} bytes; with the tantivy index: {} bytes", folder_size(&out.join(".baken-cache"))?);
    println!("pages with related items: {}", output.related.len());
    Ok(())
}

/// Loads the search documents and synonyms of the real content.
fn real_docs() -> (Vec<SearchDoc>, SynonymGroups) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let diagnostics = Diagnostics::new();
    let site = baken::content::load_site(root, &diagnostics);
    let mut bodies = baken::render::render_bodies(&site);
    (baken::build::search_docs(&site, &mut bodies), synonyms_from(&site))
}

/// A small xorshift generator: reproducible and enough for test data.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// Picks an index below `n`, small ones far more often (about 1/rank).
    fn skewed(&mut self, n: usize) -> usize {
        let x = (self.next() % 1_000_000) as f64 / 1_000_000.0;
        ((n as f64).powf(x) as usize).saturating_sub(1).min(n - 1)
    }
}

/// Generates `count` pages from the words of the real documents.
fn synthetic_docs(real: &[SearchDoc], count: usize) -> Vec<SearchDoc> {
    let mut frequency: HashMap<&str, usize> = HashMap::new();
    for doc in real {
        for word in doc.body.split_whitespace().chain(doc.title.split_whitespace()) {
            *frequency.entry(word).or_default() += 1;
        }
    }
    let mut words: Vec<(&str, usize)> = frequency.into_iter().collect();
    words.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let words: Vec<&str> = words.into_iter().map(|(w, _)| w).collect();
    // Compounds join two content words, such as "seizoen" and "arbeid".
    let content: Vec<String> = words.iter().filter(|w| w.len() >= 5 && w.chars().all(char::is_alphabetic)).map(|w| w.to_lowercase()).collect();

    let mut random = Random(0x5eed_0fba_4e00);
    let text = |random: &mut Random, n: usize| -> String {
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            if random.below(100) == 0 {
                let head = &content[random.skewed(content.len())];
                let tail = &content[random.below(content.len())];
                out.push(format!("{head}{tail}"));
            } else {
                out.push(words[random.skewed(words.len())].to_string());
            }
        }
        out.join(" ")
    };
    (0..count)
        .map(|i| {
            let title_words = 3 + random.below(5);
            let title = text(&mut random, title_words);
            let mut headings = Vec::new();
            for _ in 0..random.below(6) {
                let heading_words = 2 + random.below(4);
                headings.push(text(&mut random, heading_words));
            }
            let body_words = 150 + random.below(450);
            SearchDoc {
                kind: KINDS[i % KINDS.len()],
                id: format!("pagina-{i}"),
                title,
                url: format!("synthetisch/pagina-{i}.html"),
                headings,
                body: text(&mut random, body_words),
            }
        })
        .collect()
}

fn gzip_size(bytes: &[u8]) -> anyhow::Result<usize> {
    let mut child = std::process::Command::new("gzip").arg("-9c").stdin(std::process::Stdio::piped()).stdout(std::process::Stdio::piped()).spawn()?;
    child.stdin.take().expect("stdin is piped").write_all(bytes)?;
    Ok(child.wait_with_output()?.stdout.len())
}

fn folder_size(dir: &Path) -> anyhow::Result<u64> {
    let mut total = 0;
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry?;
        if entry.file_type().is_file() {
            total += entry.metadata()?.len();
        }
    }
    Ok(total)
}
