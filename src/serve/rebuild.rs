//! Incremental rebuilds for the live preview.
//!
//! Every rebuild loads, validates and plans the whole site, because any file
//! can change any page through references and these steps are cheap. Rendering
//! a page with tera and minifying it is the expensive step, so a page is
//! rendered again only when its fingerprint changed (see [`super::fingerprint`]).
//! Pages whose fingerprint is unchanged keep the bytes of the previous build.
//!
//! Building the search index takes longer than all the rest on a large site.
//! When the searchable text changed, a rebuild therefore renders with the
//! related items and browser index of the previous build and returns a
//! [`SearchJob`]. The caller builds the index in the background, hands it to
//! [`Rebuilder::install_search`] and rebuilds once more, which renders only the
//! pages whose related items changed.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use axum::body::Bytes;
use rayon::prelude::*;
use crate::render::templates::Templates;
use tracing::debug;
use walkdir::WalkDir;

use super::fingerprint::{
    json_fingerprint, plan_fingerprint, shared_fingerprint, templates_fingerprint,
};
use crate::build::{self, CACHE_DIR};
use crate::content::{Site, CONTENT_DIR};
use crate::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::render::{self, pages, OutputFile, PagePlan};
use crate::search::{self, SearchDoc, SearchOutput};
use crate::validate;

/// The output of one successful rebuild, kept in memory.
pub struct Built {
    /// Every output file by its path relative to the output folder.
    pub files: HashMap<String, Bytes>,
    /// Number of HTML pages of the site.
    pub pages: usize,
    /// Number of pages rendered by this rebuild; the rest were reused.
    pub rendered: usize,
    /// Warnings of the run, sorted by place.
    pub warnings: Vec<Diagnostic>,
    /// The search index still to build, when this rebuild used the index of
    /// an earlier build because the searchable text changed.
    pub search_job: Option<SearchJob>,
}

/// The searchable text of a site whose search index is out of date.
pub struct SearchJob {
    pub fingerprint: u64,
    pub docs: Vec<SearchDoc>,
    /// Glossary synonyms and abbreviations that expand queries.
    pub synonyms: crate::search::SynonymGroups,
}

/// The builder of the live preview, with what it keeps between rebuilds.
pub struct Rebuilder {
    root: PathBuf,
    templates: Option<CachedTemplates>,
    rendered: HashMap<String, RenderedPage>,
    search: SearchState,
}

/// The search index in use and the jobs for a newer one.
#[derive(Default)]
struct SearchState {
    cached: Option<CachedSearch>,
    /// Fingerprint of the searchable text of the latest rebuild.
    latest: Option<u64>,
    /// Fingerprint of the [`SearchJob`] handed out whose result has not arrived.
    pending: Option<u64>,
}

struct CachedTemplates {
    fingerprint: u64,
    templates: Templates,
}

struct RenderedPage {
    fingerprint: u64,
    bytes: Bytes,
}

struct CachedSearch {
    fingerprint: u64,
    related: crate::search::RelatedItems,
    files: Vec<(String, Bytes)>,
}

impl CachedSearch {
    fn new(fingerprint: u64, output: SearchOutput) -> Self {
        let files = output
            .files
            .into_iter()
            .map(|f| (f.path, Bytes::from(f.bytes)))
            .collect();
        CachedSearch {
            fingerprint,
            related: output.related,
            files,
        }
    }
}

impl Rebuilder {
    /// Creates a builder for the site in `root` with nothing cached yet.
    pub fn new(root: &Path) -> Self {
        Rebuilder {
            root: root.to_path_buf(),
            templates: None,
            rendered: HashMap::new(),
            search: SearchState::default(),
        }
    }

    /// Returns the site root this builder reads.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Returns the folder the search index is written to.
    pub fn cache_dir(&self) -> PathBuf {
        self.root.join(CACHE_DIR)
    }

    /// Builds the site in memory, reusing pages whose inputs did not change.
    ///
    /// Returns every finding of the run, sorted, when there is at least one
    /// error. Pages rendered before the error stay cached, which is safe
    /// because a cached page is only reused when its fingerprint matches.
    pub fn rebuild(&mut self) -> Result<Built, Vec<Diagnostic>> {
        let diagnostics = Diagnostics::new();
        match self.build_site(&diagnostics) {
            Some(mut built) if !diagnostics.has_errors() => {
                built.warnings = diagnostics.sorted();
                Ok(built)
            }
            _ => Err(diagnostics.sorted()),
        }
    }

    /// Stores a search index built from a [`SearchJob`], for the next rebuild.
    ///
    /// Returns false and drops the index when the searchable text of the
    /// latest rebuild differs from that of the job.
    pub fn install_search(&mut self, fingerprint: u64, output: SearchOutput) -> bool {
        self.forget_search_job(fingerprint);
        if self.search.latest != Some(fingerprint) {
            return false;
        }
        self.search.cached = Some(CachedSearch::new(fingerprint, output));
        true
    }

    /// Returns true while the result of a [`SearchJob`] handed out has not arrived.
    pub fn is_search_pending(&self) -> bool {
        self.search.pending.is_some()
    }

    /// Marks a job as finished, so a later rebuild may hand out the same job again.
    pub fn forget_search_job(&mut self, fingerprint: u64) {
        if self.search.pending == Some(fingerprint) {
            self.search.pending = None;
        }
    }

    fn build_site(&mut self, diagnostics: &Diagnostics) -> Option<Built> {
        // Load and validate everything: references can point anywhere.
        let started = Instant::now();
        let site = build::load_and_validate(&self.root, diagnostics);
        if diagnostics.has_errors() || site.config.is_none() {
            return None;
        }
        debug!(elapsed = ?started.elapsed(), "loaded and validated");

        // Derive the Markdown bodies and pick the search index.
        let started = Instant::now();
        let mut bodies = render::render_bodies(&site);
        let docs = build::search_docs(&site, &mut bodies);
        let synonyms = crate::search::synonyms_from(&site);
        let (search, search_job) = pick_search(&mut self.search, docs, synonyms, &self.root, diagnostics)?;
        let search_pending = search_job.is_some();
        debug!(elapsed = ?started.elapsed(), search_pending, "derived bodies and search data");

        // Plan every page and render the ones whose inputs changed.
        let started = Instant::now();
        let theme_dir = self.root.join("themes").join(&site.config().theme);
        let templates = update_templates(&mut self.templates, &theme_dir, &self.root, diagnostics)?;
        let plans = pages::plan_site(&site, &bodies);
        let shared = shared_fingerprint(&site, templates.fingerprint);
        let rendered = render_stale(
            &mut self.rendered,
            &plans,
            &templates.templates,
            &site,
            &search.related,
            shared,
            diagnostics,
        );
        debug!(elapsed = ?started.elapsed(), rendered, pages = plans.len(), "rendered pages");
        if diagnostics.has_errors() {
            return None;
        }

        // Collect the output: pages, extra files, search files and copies.
        let page_urls: Vec<String> = plans.iter().map(|p| p.url.clone()).collect();
        let mut files: HashMap<String, Bytes> = HashMap::with_capacity(plans.len() + 64);
        for url in &page_urls {
            files.insert(url.clone(), self.rendered[url].bytes.clone());
        }
        for file in pages::extra_files(&site, &page_urls) {
            files.insert(file.path, Bytes::from(file.bytes));
        }
        for (path, bytes) in &search.files {
            files.insert(path.clone(), bytes.clone());
        }
        read_copies(&site, &theme_dir, &mut files, diagnostics);

        // Every internal link must resolve to a file and anchor of the output.
        let started = Instant::now();
        check_links(&site, &plans, &files, diagnostics);
        debug!(elapsed = ?started.elapsed(), "checked links");
        if diagnostics.has_errors() {
            return None;
        }
        Some(Built {
            files,
            pages: plans.len(),
            rendered,
            warnings: Vec::new(),
            search_job,
        })
    }
}

/// Picks the search index to render with. Returns the cached one when the
/// searchable text is unchanged. Returns the cached one plus a job for a new
/// index when it changed. Builds one at once when nothing is cached yet.
///
/// A job is handed out once per searchable text: not again while it runs.
fn pick_search<'a>(
    state: &'a mut SearchState,
    docs: Vec<SearchDoc>,
    synonyms: crate::search::SynonymGroups,
    root: &Path,
    diagnostics: &Diagnostics,
) -> Option<(&'a CachedSearch, Option<SearchJob>)> {
    let fingerprint = json_fingerprint(&(&docs, &synonyms));
    state.latest = Some(fingerprint);
    if let Some(cached_fingerprint) = state.cached.as_ref().map(|c| c.fingerprint) {
        let job = if cached_fingerprint == fingerprint || state.pending == Some(fingerprint) {
            None
        } else {
            state.pending = Some(fingerprint);
            Some(SearchJob { fingerprint, docs, synonyms })
        };
        return state.cached.as_ref().map(|cached| (cached, job));
    }
    match search::build_search_with_synonyms(&docs, &synonyms, &root.join(CACHE_DIR)) {
        Ok(output) => Some((
            state.cached.insert(CachedSearch::new(fingerprint, output)),
            None,
        )),
        Err(err) => {
            diagnostics.push(search_error(&err));
            None
        }
    }
}

/// Creates the diagnostic for a search index that could not be built.
pub fn search_error(err: &anyhow::Error) -> Diagnostic {
    Diagnostic::error(
        "search-index",
        Path::new(CACHE_DIR),
        Position::new(1, 1),
        format!("building the search index failed: {err:#}"),
    )
    .with_help("delete the .baken-cache folder and save again")
}

/// Reloads the templates when a template file changed, else keeps the loaded ones.
fn update_templates<'a>(
    cache: &'a mut Option<CachedTemplates>,
    theme_dir: &Path,
    root: &Path,
    diagnostics: &Diagnostics,
) -> Option<&'a CachedTemplates> {
    let fingerprint = templates_fingerprint(&theme_dir.join("templates"));
    if cache.as_ref().is_some_and(|t| t.fingerprint == fingerprint) {
        return cache.as_ref();
    }
    match render::templates::load_templates(theme_dir, root) {
        Ok(templates) => Some(cache.insert(CachedTemplates { fingerprint, templates })),
        Err(diagnostic) => {
            diagnostics.push(diagnostic);
            None
        }
    }
}

/// Renders the plans whose fingerprint differs from the cached page and
/// drops cached pages that are no longer planned. Returns how many were rendered.
fn render_stale(
    cache: &mut HashMap<String, RenderedPage>,
    plans: &[PagePlan],
    templates: &Templates,
    site: &Site,
    related: &crate::search::RelatedItems,
    shared: u64,
    diagnostics: &Diagnostics,
) -> usize {
    let fingerprints: Vec<u64> = plans
        .par_iter()
        .map(|plan| plan_fingerprint(plan, related.get(&plan.url), shared))
        .collect();
    let mut stale = Vec::new();
    let mut stale_fingerprints = HashMap::new();
    for (plan, fingerprint) in plans.iter().zip(&fingerprints) {
        if cache.get(&plan.url).map(|page| page.fingerprint) != Some(*fingerprint) {
            stale.push(plan.clone());
            stale_fingerprints.insert(plan.url.clone(), *fingerprint);
        }
    }

    let outputs = render::render_pages(&stale, templates, site, related, diagnostics);
    let rendered = outputs.len();
    for output in outputs {
        let fingerprint = stale_fingerprints[&output.path];
        cache.insert(
            output.path,
            RenderedPage {
                fingerprint,
                bytes: Bytes::from(output.bytes),
            },
        );
    }
    let planned: HashSet<&str> = plans.iter().map(|p| p.url.as_str()).collect();
    cache.retain(|url, _| planned.contains(url.as_str()));
    rendered
}

/// Reads the theme's static files and the content assets into `files`.
fn read_copies(
    site: &Site,
    theme_dir: &Path,
    files: &mut HashMap<String, Bytes>,
    diagnostics: &Diagnostics,
) {
    let static_dir = theme_dir.join("static");
    let mut copies: Vec<(PathBuf, String)> = Vec::new();
    for entry in WalkDir::new(&static_dir).into_iter().filter_map(Result::ok) {
        if let (true, Ok(inner)) = (
            entry.file_type().is_file(),
            entry.path().strip_prefix(&static_dir),
        ) {
            copies.push((
                entry.path().to_path_buf(),
                format!("assets/{}", inner.to_string_lossy().replace('\\', "/")),
            ));
        }
    }
    for asset in &site.assets {
        let inner = asset.strip_prefix(CONTENT_DIR).unwrap_or(asset);
        copies.push((
            site.root.join(asset),
            inner.to_string_lossy().replace('\\', "/"),
        ));
    }
    for (source, path) in copies {
        match std::fs::read(&source) {
            Ok(bytes) => {
                files.insert(path, Bytes::from(bytes));
            }
            Err(err) => {
                let relative = source.strip_prefix(&site.root).unwrap_or(&source);
                diagnostics.push(Diagnostic::error(
                    "io",
                    relative,
                    Position::new(1, 1),
                    format!("cannot read {}: {err}", relative.display()),
                ));
            }
        }
    }
}

/// Runs the link check of `baken build` on the HTML files of `files`.
fn check_links(
    site: &Site,
    plans: &[PagePlan],
    files: &HashMap<String, Bytes>,
    diagnostics: &Diagnostics,
) {
    // NOTE: check_links takes owned `OutputFile`s, so every HTML page is
    // copied once per rebuild. A variant over borrowed bytes would save that.
    let html: Vec<OutputFile> = files
        .iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| OutputFile {
            path: path.clone(),
            bytes: bytes.to_vec(),
        })
        .collect();
    let all_paths: HashSet<String> = files.keys().cloned().collect();
    let planned: Vec<(String, &'static str)> = plans.iter().map(|p| (p.url.clone(), p.template)).collect();
    let sources = crate::build::page_sources(site, &planned);
    validate::links::check_links(&html, &all_paths, &sources, &site.root, diagnostics);
}

