//! Writes a synthetic Baken site of any size, for benchmarks.
//!
//! The site is a national edition: local pages for each municipality, theme
//! pages, and partners, signals, cases, municipalities, glossary terms (with
//! abbreviations), a reporting route and quizzes in proportion to the number
//! of pages. Everything follows from `--seed`, so two runs with the same
//! arguments write the same bytes. `--hugo DIR` also writes a minimal Hugo
//! site with the same Markdown bodies of the pages and cases, for comparison.
//!
//! ```text
//! cargo run --release --example corpus -- --pages 10000 --seed 1 --out /tmp/site --hugo /tmp/hugo-site
//! cd /tmp/site && baken build
//! ```

mod hugo;
mod items;
mod pages;
mod text;

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use clap::Parser;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

/// Command-line options.
#[derive(Parser)]
#[command(about = "Writes a synthetic Baken site for benchmarks")]
struct Options {
    /// Number of Markdown pages under content/ (at least 10).
    #[arg(long)]
    pages: usize,
    /// Seed of the random generator; the same seed writes the same site.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Folder of the Baken site. It is replaced if it contains a baken.yaml.
    #[arg(long)]
    out: PathBuf,
    /// Folder of the Hugo site with the same pages. It is replaced if it contains a hugo.toml.
    #[arg(long)]
    hugo: Option<PathBuf>,
    /// Layout of the Hugo site: `theme` makes the pages the Baken theme
    /// makes, `minimal` only the title, summary, table of contents and body.
    #[arg(long, value_enum, default_value_t = hugo::Layout::Theme)]
    hugo_layout: hugo::Layout,
}

/// How many items of each kind a corpus of `pages` pages has.
#[derive(Debug, Clone, Copy)]
pub struct Counts {
    pub pages: usize,
    pub theme_pages: usize,
    pub partners: usize,
    pub signals: usize,
    pub cases: usize,
    pub gemeenten: usize,
    pub terms: usize,
    pub quizzes: usize,
}

impl Counts {
    fn for_pages(pages: usize) -> Counts {
        Counts {
            pages,
            theme_pages: (pages / 10).max(1),
            // Every one of the 16 partner kinds occurs at least once.
            partners: (pages / 25).max(16),
            signals: (pages / 40).max(12),
            cases: (pages / 30).max(5),
            // The Netherlands has 342 municipalities.
            gemeenten: (pages / 10).clamp(5, 342),
            terms: 20 + pages / 50,
            quizzes: 3 + pages / 3000,
        }
    }
}

/// The plan of a corpus: counts, names and the seed that every item derives from.
pub struct Corpus {
    pub seed: u64,
    pub counts: Counts,
    /// Municipalities as (id, name).
    pub gemeenten: Vec<(String, String)>,
    /// Abbreviations of the glossary, which page text uses.
    pub abbreviations: Vec<String>,
}

impl Corpus {
    fn new(pages: usize, seed: u64) -> Corpus {
        let counts = Counts::for_pages(pages);
        let gemeenten = (0..counts.gemeenten)
            .map(|i| {
                let name = text::place_name(i);
                (text::to_id(&name), name)
            })
            .collect();
        let abbreviations = (0..counts.terms).filter_map(items::term_abbreviation).collect();
        Corpus { seed, counts, gemeenten, abbreviations }
    }

    /// Returns the random generator of item `index` of `kind`, independent of every other item.
    pub fn rng(&self, kind: u64, index: usize) -> ChaCha8Rng {
        let mut rng = ChaCha8Rng::seed_from_u64(self.seed);
        rng.set_stream((kind << 32) | index as u64);
        rng
    }
}

fn main() -> Result<()> {
    let options = Options::parse();
    if options.pages < 10 {
        bail!("--pages must be at least 10, got {}", options.pages);
    }
    let corpus = Corpus::new(options.pages, options.seed);

    prepare_folder(&options.out, "baken.yaml")?;
    items::write_site_files(&corpus, &options.out)?;
    copy_themes(&options.out)?;
    let hugo_dir = match &options.hugo {
        Some(dir) => {
            prepare_folder(dir, "hugo.toml")?;
            hugo::write_skeleton(dir, options.hugo_layout)?;
            Some(dir.as_path())
        }
        None => None,
    };
    pages::write_pages(&corpus, &options.out, hugo_dir)?;
    items::write_cases(&corpus, &options.out, hugo_dir)?;

    let c = corpus.counts;
    println!(
        "wrote {} pages, {} partners, {} signals, {} cases, {} municipalities, {} terms, {} quizzes to {}",
        c.pages,
        c.partners,
        c.signals,
        c.cases,
        c.gemeenten,
        c.terms,
        c.quizzes,
        options.out.display()
    );
    Ok(())
}

/// Empties `dir` for a new site. A folder that is not empty must contain
/// `marker`, so an arbitrary folder given by mistake is never deleted.
fn prepare_folder(dir: &Path, marker: &str) -> Result<()> {
    if dir.exists() {
        let is_empty = fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?.next().is_none();
        if !is_empty && !dir.join(marker).exists() {
            bail!("{} is not empty and has no {marker}; give an empty or new folder", dir.display());
        }
        fs::remove_dir_all(dir).with_context(|| format!("cannot remove {}", dir.display()))?;
    }
    fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))
}

/// Copies the repository's `themes/` into the site, so it builds on its own.
fn copy_themes(out: &Path) -> Result<()> {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes");
    for entry in walkdir::WalkDir::new(&from) {
        let entry = entry.with_context(|| format!("cannot read {}", from.display()))?;
        let target = out.join("themes").join(entry.path().strip_prefix(&from)?);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).with_context(|| format!("cannot create {}", target.display()))?;
        } else {
            fs::copy(entry.path(), &target).with_context(|| format!("cannot copy to {}", target.display()))?;
        }
    }
    Ok(())
}

/// Writes `text` to `path`, creating its folder.
pub fn write_file(path: &Path, text: &str) -> Result<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))
}
