//! Loading the content folder into a typed [`Site`].
//!
//! walkdir finds the files, each kind has its own module with its schema, and
//! every problem becomes a located diagnostic. A file that fails to parse is
//! left out of the model, so later stages still check everything else.

pub mod common;
pub mod gemeente;
pub mod glossary;
pub mod markdown_file;
pub mod partner;
pub mod route;
pub mod signal;
pub mod source;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::config::{load_config, Config};
use crate::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::quiz::Quiz;
use gemeente::Gemeente;
use glossary::Term;
use markdown_file::{parse_markdown, CaseMeta, MarkdownFile, PageMeta};
use partner::Partner;
use route::Route;
use signal::Signal;
use source::{parse_yaml, read_text, YamlSource};

/// Folder of the content under the site root.
pub const CONTENT_DIR: &str = "content";
/// Folder of the quizzes under the site root.
pub const QUIZ_DIR: &str = "quizzes";

/// A data item together with the positions of its values.
#[derive(Debug, Clone)]
pub struct Item<T> {
    pub value: T,
    pub source: YamlSource,
    /// Key prefix of this item inside its file: empty for one-item files,
    /// `3` for the fourth entry of a list file.
    pub key: String,
}

impl<T> Item<T> {
    /// Returns the full key path of `field` within the item's file.
    pub fn key_of(&self, field: &str) -> String {
        match (self.key.is_empty(), field.is_empty()) {
            (true, _) => field.to_string(),
            (false, true) => self.key.clone(),
            (false, false) => format!("{}.{field}", self.key),
        }
    }

    pub fn error(&self, code: &'static str, field: &str, message: impl Into<String>) -> Diagnostic {
        self.source.error(code, &self.key_of(field), message)
    }

    pub fn warning(&self, code: &'static str, field: &str, message: impl Into<String>) -> Diagnostic {
        self.source.warning(code, &self.key_of(field), message)
    }
}

/// A Markdown document: a policy page or a case.
#[derive(Debug, Clone)]
pub struct Document<T> {
    /// Path without extension relative to its folder, such as `beleid/vormen`.
    pub id: String,
    /// Output path relative to the site root, such as `beleid/vormen.html`.
    pub url: String,
    pub file: MarkdownFile<T>,
}

pub type Page = Document<PageMeta>;
pub type Case = Document<CaseMeta>;

/// Everything a site is built from.
#[derive(Debug, Default)]
pub struct Site {
    pub root: PathBuf,
    pub config: Option<Config>,
    pub pages: Vec<Page>,
    pub cases: Vec<Case>,
    pub partners: Vec<Item<Partner>>,
    pub signals: Vec<Item<Signal>>,
    pub gemeenten: Vec<Item<Gemeente>>,
    pub glossary: Vec<Item<Term>>,
    pub route: Option<Item<Route>>,
    pub quizzes: Vec<Item<Quiz>>,
    /// Other files under `content/` (images, documents), copied as they are.
    pub assets: Vec<PathBuf>,
    /// Ids (`kind:id`) of files that failed to load. References to them are
    /// not reported again, since the file's own error already explains them.
    pub failed: std::collections::HashSet<String>,
    /// Positions of the items by id, built on the first lookup.
    lookup: OnceLock<Lookup>,
}

/// Maps from an id to the position of the first item with that id, so a
/// lookup costs the same for ten partners or ten thousand pages.
///
/// NOTE: the maps are built on the first lookup and never updated, so the
/// item lists of a [`Site`] must not change after that. The loader fills
/// them before any lookup, and no stage changes them afterwards.
#[derive(Debug, Default)]
struct Lookup {
    partners: HashMap<String, usize>,
    signals: HashMap<String, usize>,
    cases: HashMap<String, usize>,
    pages: HashMap<String, usize>,
}

impl Lookup {
    fn new(site: &Site) -> Lookup {
        Lookup {
            partners: first_positions(site.partners.iter().map(|p| p.value.id.as_str())),
            signals: first_positions(site.signals.iter().map(|s| s.value.id.as_str())),
            cases: first_positions(site.cases.iter().map(|c| c.id.as_str())),
            pages: first_positions(site.pages.iter().map(|p| p.id.as_str())),
        }
    }
}

/// Maps each id to its first position, as a linear search would find it.
fn first_positions<'a>(ids: impl Iterator<Item = &'a str>) -> HashMap<String, usize> {
    let mut positions = HashMap::new();
    for (index, id) in ids.enumerate() {
        positions.entry(id.to_string()).or_insert(index);
    }
    positions
}

impl Site {
    pub fn config(&self) -> &Config {
        self.config.as_ref().expect("config is loaded before the site is used")
    }

    /// Returns the first partner with id `id`.
    /// Frees the Markdown text of pages and cases. Only rendering reads it,
    /// after validation, so a build drops it once the bodies are rendered.
    pub fn drop_markdown_sources(&mut self) {
        for page in &mut self.pages {
            page.file.body = String::new();
        }
        for case in &mut self.cases {
            case.file.body = String::new();
        }
    }

    pub fn partner(&self, id: &str) -> Option<&Partner> {
        let index = *self.lookup().partners.get(id)?;
        self.partners.get(index).map(|p| &p.value)
    }

    /// Returns the first signal with id `id`.
    pub fn signal(&self, id: &str) -> Option<&Signal> {
        let index = *self.lookup().signals.get(id)?;
        self.signals.get(index).map(|s| &s.value)
    }

    /// Returns the first case with id `id`.
    pub fn case(&self, id: &str) -> Option<&Case> {
        let index = *self.lookup().cases.get(id)?;
        self.cases.get(index)
    }

    /// Returns the first page with id `id`.
    pub fn page(&self, id: &str) -> Option<&Page> {
        let index = *self.lookup().pages.get(id)?;
        self.pages.get(index)
    }

    fn lookup(&self) -> &Lookup {
        self.lookup.get_or_init(|| Lookup::new(self))
    }

    /// Returns true when the file of item `id` of `kind` (`partner`, `signal`,
    /// `case`, `page`, `quiz`) exists but failed to load.
    pub fn has_failed(&self, kind: &str, id: &str) -> bool {
        self.failed.contains(&format!("{kind}:{id}"))
    }
}

/// The kind of a file under `content/`, decided by its place and extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileKind {
    Page,
    Case,
    Partner,
    Signal,
    Gemeenten,
    Glossary,
    Route,
    Quiz,
    Asset,
    /// A file Baken does not publish: an unknown type, an editor backup or
    /// YAML outside the known folders. It gets a warning.
    Unpublished,
    Ignored,
}

fn classify(relative: &Path) -> FileKind {
    let text = relative.to_string_lossy().replace('\\', "/");
    let ext = relative.extension().and_then(|e| e.to_str()).unwrap_or("");
    let name = relative.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name.starts_with('.') || name == "README.md" {
        return FileKind::Ignored;
    }
    if name.ends_with('~') || ["bak", "swp", "orig", "tmp"].contains(&ext) {
        return FileKind::Unpublished;
    }
    let yaml = ext == "yaml" || ext == "yml";
    match text.as_str() {
        "content/gemeenten.yaml" => return FileKind::Gemeenten,
        "content/begrippen.yaml" => return FileKind::Glossary,
        "content/meldroute.yaml" => return FileKind::Route,
        _ => {}
    }
    if text.starts_with("quizzes/") {
        return if yaml { FileKind::Quiz } else { FileKind::Ignored };
    }
    if text.starts_with("content/partners/") && yaml {
        FileKind::Partner
    } else if text.starts_with("content/signalen/") && yaml {
        FileKind::Signal
    } else if text.starts_with("content/casussen/") && ext == "md" {
        FileKind::Case
    } else if ext == "md" {
        FileKind::Page
    } else if ASSET_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()) {
        FileKind::Asset
    } else {
        FileKind::Unpublished
    }
}

/// Extensions of files under `content/` that are copied into the site as
/// they are. Other files, such as notes in plain text, are never published,
/// because nothing checks them for personal data.
pub const ASSET_EXTENSIONS: &[&str] = &["png", "jpg", "jpeg", "gif", "svg", "webp", "ico", "pdf"];

/// Lists the files under `content/` and `quizzes/`, relative to `root`, sorted.
fn discover(root: &Path, diagnostics: &Diagnostics) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in [CONTENT_DIR, QUIZ_DIR] {
        let top = root.join(dir);
        if !top.is_dir() {
            continue;
        }
        for entry in WalkDir::new(&top).sort_by_file_name() {
            match entry {
                Ok(entry) if entry.file_type().is_file() => {
                    if let Ok(relative) = entry.path().strip_prefix(root) {
                        files.push(relative.to_path_buf());
                    }
                }
                Ok(_) => {}
                Err(err) => {
                    let path = err.path().unwrap_or(&top).strip_prefix(root).unwrap_or(&top);
                    diagnostics.push(Diagnostic::error(
                        "io",
                        path,
                        Position::new(1, 1),
                        format!("cannot read folder entry: {err}"),
                    ));
                }
            }
        }
    }
    files
}

/// One parsed file, before it is sorted into the site.
enum Loaded {
    Page(Page),
    Case(Case),
    Partner(Item<Partner>),
    Signal(Item<Signal>),
    Gemeenten(Vec<Item<Gemeente>>),
    Glossary(Vec<Item<Term>>),
    Route(Item<Route>),
    Quiz(Item<Quiz>),
    Asset(PathBuf),
}

/// Loads `baken.yaml`, `content/` and `quizzes/` under `root`.
///
/// Problems are pushed to `diagnostics`. The returned site contains every file
/// that parsed.
pub fn load_site(root: &Path, diagnostics: &Diagnostics) -> Site {
    let mut site = Site { root: root.to_path_buf(), ..Site::default() };
    match load_config(root) {
        Ok(config) => site.config = Some(config),
        Err(diagnostic) => diagnostics.push(diagnostic),
    }
    if !root.join(CONTENT_DIR).is_dir() {
        diagnostics.push(
            Diagnostic::error(
                "missing-content",
                Path::new(CONTENT_DIR),
                Position::new(1, 1),
                format!("content folder not found in {}", root.display()),
            )
            .with_help("run baken in the site root, or give it with --root DIR"),
        );
        return site;
    }

    let files = discover(root, diagnostics);
    let results: Vec<(PathBuf, Result<Option<Loaded>, Diagnostic>)> =
        files.into_par_iter().map(|relative| {
            let result = load_file(root, &relative);
            (relative, result)
        }).collect();
    let mut loaded = Vec::new();
    for (relative, result) in results {
        match result {
            Ok(Some(item)) => loaded.push(item),
            Ok(None) => {}
            Err(diagnostic) => {
                diagnostics.push(diagnostic);
                if let Some(key) = failed_key(&relative) {
                    site.failed.insert(key);
                }
            }
        }
    }

    for item in loaded {
        match item {
            Loaded::Page(page) => site.pages.push(page),
            Loaded::Case(case) => site.cases.push(case),
            Loaded::Partner(partner) => site.partners.push(partner),
            Loaded::Signal(signal) => site.signals.push(signal),
            Loaded::Gemeenten(list) => site.gemeenten = list,
            Loaded::Glossary(list) => site.glossary = list,
            Loaded::Route(route) => site.route = Some(route),
            Loaded::Quiz(quiz) => site.quizzes.push(quiz),
            Loaded::Asset(path) => site.assets.push(path),
        }
    }
    site.pages.sort_by(|a, b| (a.file.meta.order, &a.id).cmp(&(b.file.meta.order, &b.id)));
    site
}

/// Returns the `kind:id` key of a file, the id its references would use.
fn failed_key(relative: &Path) -> Option<String> {
    let kind = match classify(relative) {
        FileKind::Partner => "partner",
        FileKind::Signal => "signal",
        FileKind::Quiz => "quiz",
        FileKind::Case => return Some(format!("case:{}", document_id(relative, Path::new("content/casussen")))),
        FileKind::Page => return Some(format!("page:{}", document_id(relative, Path::new(CONTENT_DIR)))),
        _ => return None,
    };
    let stem = relative.file_stem()?.to_str()?;
    Some(format!("{kind}:{stem}"))
}

fn load_file(root: &Path, relative: &Path) -> Result<Option<Loaded>, Diagnostic> {
    let kind = classify(relative);
    if matches!(kind, FileKind::Ignored) {
        return Ok(None);
    }
    if kind == FileKind::Asset {
        return Ok(Some(Loaded::Asset(relative.to_path_buf())));
    }
    if kind == FileKind::Unpublished {
        return Err(Diagnostic::warning("unpublished-file", relative, Position::new(1, 1), "file is not published: Baken does not know this kind of file here")
            .with_help(format!("pages are .md files, data files are .yaml files in their own folder (see content/README.md), and only these files are copied as they are: {}; move or delete this file", ASSET_EXTENSIONS.join(", "))));
    }
    let text = read_text(root, relative)?;
    let loaded = match kind {
        FileKind::Page => {
            let file = parse_markdown::<PageMeta>(&text, relative)?;
            let id = document_id(relative, Path::new(CONTENT_DIR));
            Loaded::Page(Document { url: format!("{id}.html"), id, file })
        }
        FileKind::Case => {
            let file = parse_markdown::<CaseMeta>(&text, relative)?;
            let id = document_id(relative, Path::new("content/casussen"));
            Loaded::Case(Document { url: format!("casussen/{id}.html"), id, file })
        }
        FileKind::Partner => Loaded::Partner(single(&text, relative)?),
        FileKind::Signal => Loaded::Signal(single(&text, relative)?),
        FileKind::Route => Loaded::Route(single(&text, relative)?),
        FileKind::Quiz => Loaded::Quiz(single(&text, relative)?),
        FileKind::Gemeenten => Loaded::Gemeenten(list(&text, relative)?),
        FileKind::Glossary => Loaded::Glossary(list(&text, relative)?),
        FileKind::Asset | FileKind::Unpublished | FileKind::Ignored => return Ok(None),
    };
    Ok(Some(loaded))
}

fn single<T: serde::de::DeserializeOwned>(text: &str, path: &Path) -> Result<Item<T>, Diagnostic> {
    let (value, source) = parse_yaml::<T>(text, path, 0)?;
    Ok(Item { value, source, key: String::new() })
}

fn list<T: serde::de::DeserializeOwned>(text: &str, path: &Path) -> Result<Vec<Item<T>>, Diagnostic> {
    let (values, source) = parse_yaml::<Vec<T>>(text, path, 0)?;
    Ok(values
        .into_iter()
        .enumerate()
        .map(|(index, value)| Item { value, source: source.clone(), key: index.to_string() })
        .collect())
}

/// Returns the path of `relative` below `base`, without extension and with `/`.
fn document_id(relative: &Path, base: &Path) -> String {
    let inner = relative.strip_prefix(base).unwrap_or(relative).with_extension("");
    inner.to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classify_by_folder() {
        assert_eq!(classify(Path::new("content/partners/avim.yaml")), FileKind::Partner);
        assert_eq!(classify(Path::new("content/casussen/a.md")), FileKind::Case);
        assert_eq!(classify(Path::new("content/beleid/vormen.md")), FileKind::Page);
        assert_eq!(classify(Path::new("content/README.md")), FileKind::Ignored);
        assert_eq!(classify(Path::new("quizzes/balie.yaml")), FileKind::Quiz);
        assert_eq!(classify(Path::new("content/img/logo.png")), FileKind::Asset);
        assert_eq!(classify(Path::new("content/casussen/notities.txt")), FileKind::Unpublished);
        assert_eq!(classify(Path::new("content/casussen/meisje.md~")), FileKind::Unpublished);
        assert_eq!(classify(Path::new("content/partner/avim.yaml")), FileKind::Unpublished);
    }

    #[test]
    fn document_id_keeps_folders() {
        let id = document_id(Path::new("content/beleid/vormen.md"), Path::new("content"));
        assert_eq!(id, "beleid/vormen");
    }
}
