//! Search: the static index that the browser script reads, related items,
//! and the tantivy index for `baken search`.
//!
//! A build analyzes every [`SearchDoc`] once into an in-memory index
//! ([`terms`]), derives the vocabulary ([`vocabulary`]), finds related items
//! ([`related`]) and exports the browser index ([`export`]). It saves the
//! documents for `baken search`, which indexes them with tantivy on first
//! use ([`index`]). Queries are planned by [`plan`] and run by [`query`];
//! `search.js` plans the same way from the exported vocabulary, so it needs
//! no stemmer of its own.

pub mod analysis;
pub mod export;
pub mod index;
pub mod plan;
pub mod query;
pub mod related;
pub mod synonyms;
pub mod terms;
pub mod vocabulary;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use serde::Serialize;
use tracing::debug;

use crate::render::OutputFile;

pub use self::index::SearchIndex;
pub use self::synonyms::{synonyms_from, SynonymGroups};
pub use self::related::{RelatedItem, RelatedItems};
pub use self::terms::TermIndex;
pub use self::vocabulary::Vocabulary;

/// Folder of the search data under the cache folder.
pub const SEARCH_DIR: &str = "search";

/// One searchable item of the site.
#[derive(Debug, Clone, Serialize)]
pub struct SearchDoc {
    /// `pagina`, `partner`, `signaal`, `casus`, `begrip` or `quiz`.
    pub kind: &'static str,
    pub id: String,
    pub title: String,
    /// Output path relative to the site root, with a fragment for glossary terms.
    pub url: String,
    pub headings: Vec<String>,
    pub body: String,
}

/// Output of indexing for the build.
#[derive(Debug, Default)]
pub struct SearchOutput {
    /// Related items per page URL.
    pub related: RelatedItems,
    /// Files of the browser index, relative to the output folder.
    pub files: Vec<OutputFile>,
}

/// Returns the folder of the search data for a cache folder.
pub fn search_dir(cache_dir: &Path) -> PathBuf {
    cache_dir.join(SEARCH_DIR)
}

/// Indexes `docs` without glossary synonyms; see [`build_search_with_synonyms`].
pub fn build_search(docs: &[SearchDoc], cache_dir: &Path) -> anyhow::Result<SearchOutput> {
    build_search_with_synonyms(docs, &SynonymGroups::default(), cache_dir)
}

/// Analyzes `docs`, finds the related items of every page, exports the
/// browser index and saves the documents for `baken search` under
/// `cache_dir`. `synonyms` come from [`synonyms_from`] and expand queries
/// in both search engines.
pub fn build_search_with_synonyms(docs: &[SearchDoc], synonyms: &SynonymGroups, cache_dir: &Path) -> anyhow::Result<SearchOutput> {
    let files = std::sync::Mutex::new(Vec::new());
    let related = build_search_into(docs, synonyms, cache_dir, &|file| files.lock().unwrap_or_else(|e| e.into_inner()).push(file))?;
    Ok(SearchOutput { related, files: files.into_inner().unwrap_or_else(|e| e.into_inner()) })
}

/// Builds the search data like [`build_search_with_synonyms`], but hands
/// each file of the browser index to `files` as soon as it is made, and
/// returns the related items.
pub fn build_search_into(docs: &[SearchDoc], synonyms: &SynonymGroups, cache_dir: &Path, files: &(dyn Fn(OutputFile) + Sync)) -> anyhow::Result<RelatedItems> {
    // The search folder is made next to the old one and swapped in at the
    // end, so that `baken search` during a rebuild finds the old or the new.
    remove_stale_work_dirs(cache_dir);
    let work_dir = cache_dir.join(format!("{SEARCH_DIR}.{}.tmp", std::process::id()));
    let output = build_in(docs, synonyms, &work_dir, files);
    match output {
        Ok(output) => {
            replace_dir(&work_dir, &search_dir(cache_dir))?;
            Ok(output)
        }
        Err(err) => {
            // The error of the build matters more than a failed clean-up.
            let _ = fs::remove_dir_all(&work_dir);
            Err(err)
        }
    }
}

fn build_in(docs: &[SearchDoc], synonyms: &SynonymGroups, work_dir: &Path, files: &(dyn Fn(OutputFile) + Sync)) -> anyhow::Result<RelatedItems> {
    let started = Instant::now();
    let mut terms = TermIndex::build(docs);
    debug!(elapsed = ?started.elapsed(), rss_mb = crate::memory::resident().now_mb, docs = docs.len(), "analyzed documents");

    let started = Instant::now();
    let vocabulary = Vocabulary::from_term_index(&terms);
    let keyed = synonyms.to_keys(&vocabulary);
    debug!(elapsed = ?started.elapsed(), rss_mb = crate::memory::resident().now_mb, forms = vocabulary.forms().len(), "read the vocabulary");

    let started = Instant::now();
    let related = related::find_related(&terms, docs);
    terms.drop_document_stems();
    crate::memory::release_freed();
    debug!(elapsed = ?started.elapsed(), rss_mb = crate::memory::resident().now_mb, pages = related.len(), "found related items");

    // Saving the documents is mostly writing, so it overlaps the export.
    let started = Instant::now();
    let (mut count, mut bytes) = (0, 0);
    let ((), saved) = rayon::join(
        || {
            export::export_browser_index_into(&terms, &vocabulary, &keyed, docs, &mut |file| {
                count += 1;
                bytes += file.bytes.len();
                files(file);
            })
        },
        || index::save_documents(work_dir, docs, synonyms),
    );
    saved?;
    debug!(elapsed = ?started.elapsed(), rss_mb = crate::memory::resident().now_mb, files = count, bytes, "exported the browser index and saved the documents for baken search");
    Ok(related)
}

/// Deletes the work folders (`search.PID.tmp`) of builds that were killed.
fn remove_stale_work_dirs(cache_dir: &Path) {
    let Ok(entries) = fs::read_dir(cache_dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let pid = name.strip_prefix(&format!("{SEARCH_DIR}.")).and_then(|rest| rest.strip_suffix(".tmp")).and_then(|pid| pid.parse::<u32>().ok());
        if pid.is_some_and(|pid| !crate::output::is_running(pid)) {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// Replaces the folder `target` by `source`. Another build may swap in its
/// own folder at the same moment, so a failed rename is tried once more.
fn replace_dir(source: &Path, target: &Path) -> anyhow::Result<()> {
    let mut attempts = 0;
    loop {
        if target.exists() {
            fs::remove_dir_all(target).with_context(|| format!("failed to delete the old search index in {}", target.display()))?;
        }
        match fs::rename(source, target) {
            Ok(()) => return Ok(()),
            Err(_) if attempts == 0 => attempts += 1,
            Err(err) => return Err(err).with_context(|| format!("failed to move the search index from {} to {}", source.display(), target.display())),
        }
    }
}
