//! The tantivy index in `.baken-cache/search/index`: one schema, one writer,
//! one commit. The commit payload carries the synonym groups, so that
//! `baken search` expands queries exactly as the build did.
//!
//! Only `baken search` queries this index, so a build does not make it: it
//! saves its documents and synonyms in `.baken-cache/search/docs.json`, and
//! [`SearchIndex::open`] indexes them when it finds no index. The browser
//! index and the related items come from the build's in-memory index
//! ([`super::terms`]), whose scores are the ones tantivy computes here.

use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::{Deserialize, Serialize};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, STORED, STRING,
};
use tantivy::indexer::NoMergePolicy;
use tantivy::directory::{Directory, RamDirectory};
use tantivy::{doc, Index, IndexReader, IndexWriter, ReloadPolicy, Searcher};

use super::analysis::{compose, register_analyzers, FOLD_ANALYZER, STEM_ANALYZER};
use super::export::KINDS;
use super::synonyms::SynonymGroups;
use super::SearchDoc;

/// Folder of the tantivy index, under the search cache folder.
const INDEX_DIR: &str = "index";
/// File with the documents and synonyms of the last build, under the search cache folder.
const DOCS_FILE: &str = "docs.json";
/// Threads that index documents in parallel.
const INDEXING_THREADS: usize = 2;
/// Memory all indexing threads together may use before they flush segments.
const WRITER_MEMORY_BYTES: usize = 96_000_000;

/// The three text parts of a document, each scored with its own boost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Part {
    Title,
    Headings,
    Body,
}

impl Part {
    /// Every part, in the order the scores are summed.
    pub const ALL: [Part; 3] = [Part::Title, Part::Headings, Part::Body];

    /// Multiplier on the BM25 score of a match in this part: a title match
    /// counts more than a heading match, and that more than a body match.
    pub fn boost(self) -> f32 {
        match self {
            Part::Title => 4.0,
            Part::Headings => 2.0,
            Part::Body => 1.0,
        }
    }
}

/// Form of a word that a term field contains.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TermKind {
    /// The folded word as written.
    Exact,
    /// The stem of the folded word.
    Stem,
}

/// The fields of the one schema.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Position of the document in the slice given to the build.
    pub ord: Field,
    pub kind: Field,
    pub url: Field,
    pub title: Field,
    pub headings: Field,
    pub body: Field,
    pub title_exact: Field,
    pub headings_exact: Field,
    pub body_exact: Field,
}

impl Fields {
    /// Returns the term field for a part and a term kind.
    pub fn term_field(&self, part: Part, kind: TermKind) -> Field {
        match (kind, part) {
            (TermKind::Stem, Part::Title) => self.title,
            (TermKind::Stem, Part::Headings) => self.headings,
            (TermKind::Stem, Part::Body) => self.body,
            (TermKind::Exact, Part::Title) => self.title_exact,
            (TermKind::Exact, Part::Headings) => self.headings_exact,
            (TermKind::Exact, Part::Body) => self.body_exact,
        }
    }
}

/// Builds the schema and returns it with its fields.
fn build_schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let text = |analyzer: &str| {
        let indexing = TextFieldIndexing::default().set_tokenizer(analyzer).set_index_option(IndexRecordOption::WithFreqs);
        TextOptions::default().set_indexing_options(indexing)
    };
    // A heading matches as strongly on a page with many sections as on a
    // page with one, so the headings fields skip BM25's length normalisation.
    let headings = |analyzer: &str| {
        let indexing = TextFieldIndexing::default().set_tokenizer(analyzer).set_index_option(IndexRecordOption::WithFreqs).set_fieldnorms(false);
        TextOptions::default().set_indexing_options(indexing)
    };
    let fields = Fields {
        ord: builder.add_u64_field("ord", FAST | STORED),
        kind: builder.add_text_field("kind", STRING | STORED),
        url: builder.add_text_field("url", STORED),
        title: builder.add_text_field("title", text(STEM_ANALYZER).set_stored()),
        headings: builder.add_text_field("headings", headings(STEM_ANALYZER)),
        body: builder.add_text_field("body", text(STEM_ANALYZER).set_stored()),
        title_exact: builder.add_text_field("title_exact", text(FOLD_ANALYZER)),
        headings_exact: builder.add_text_field("headings_exact", headings(FOLD_ANALYZER)),
        body_exact: builder.add_text_field("body_exact", text(FOLD_ANALYZER)),
    };
    (builder.build(), fields)
}

/// An open search index with its reader.
pub struct SearchIndex {
    pub index: Index,
    pub fields: Fields,
    pub reader: IndexReader,
    /// Synonym groups stored with the commit.
    pub synonyms: SynonymGroups,
}

impl SearchIndex {
    /// Opens the index of the documents that the last build saved in
    /// `search_dir`, and first indexes them when no index of them exists.
    pub fn open(search_dir: &Path) -> anyhow::Result<SearchIndex> {
        let docs_file = search_dir.join(DOCS_FILE);
        let Some(source) = fingerprint(&docs_file) else {
            anyhow::bail!("no search index in {}: run `baken build` first", search_dir.display());
        };
        let dir = index_dir(search_dir);
        match SearchIndex::open_dir(&dir, &source) {
            Ok(index) => return Ok(index),
            // An index of these documents that fails to open would fail
            // the same way when made again: report why.
            Err(err) if index_source(&dir).as_deref() == Some(source.as_str()) => return Err(err),
            Err(_) => {}
        }
        let saved = load_documents(&docs_file)?;
        let docs: Vec<SearchDoc> = saved.docs.into_iter().map(SavedDocument::into_doc).collect::<anyhow::Result<_>>().with_context(|| format!("invalid saved documents in {}: run `baken build` again", docs_file.display()))?;
        // Indexing happens in a folder of its own that is then renamed, so
        // searches that run meanwhile, in this or another process, never see
        // half an index.
        let work = tempfile::Builder::new().prefix("index-new-").tempdir_in(search_dir).with_context(|| format!("failed to create a folder in {}", search_dir.display()))?;
        index_into(work.path(), &docs, &Payload { synonyms: saved.synonyms, source: source.clone() })?;
        install(work, &dir, &source)?;
        SearchIndex::open_dir(&dir, &source)
    }

    /// Opens the index in `dir` if it was made from the documents with fingerprint `source`.
    fn open_dir(dir: &Path, source: &str) -> anyhow::Result<SearchIndex> {
        let index = Index::open_in_dir(dir).with_context(|| format!("failed to open the search index in {}", dir.display()))?;
        let payload = read_payload(&index).with_context(|| format!("invalid search index in {}", dir.display()))?;
        if payload.source != source {
            anyhow::bail!("the search index in {} is older than the saved documents", dir.display());
        }
        let fields = fields_of(&index.schema()).with_context(|| format!("the search index in {} is from another version of baken: run `baken build` again", dir.display()))?;
        // tantivy's reader locks the index by creating a file. In a folder
        // that may not be written, the index is read into memory instead.
        let index = match index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into() {
            Ok(reader) => return Ok(SearchIndex::with_reader(index, fields, reader, payload.synonyms)),
            Err(_) => read_into_memory(dir).with_context(|| format!("failed to read the search index in {}", dir.display()))?,
        };
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        Ok(SearchIndex::with_reader(index, fields, reader, payload.synonyms))
    }

    fn with_reader(index: Index, fields: Fields, reader: IndexReader, synonyms: SynonymGroups) -> SearchIndex {
        register_analyzers(&index);
        SearchIndex { index, fields, reader, synonyms }
    }

    /// Returns a searcher over the committed documents.
    pub fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }
}

/// Writes a new tantivy index of `docs` into the empty folder `dir`.
fn index_into(dir: &Path, docs: &[SearchDoc], payload: &Payload) -> anyhow::Result<()> {
    let (schema, fields) = build_schema();
    let index = Index::create_in_dir(dir, schema).with_context(|| format!("failed to create the search index in {}", dir.display()))?;
    register_analyzers(&index);

    // Documents may land in several segments; the `ord` field keeps their
    // order, and merging would only cost time in a folder rebuilt each time.
    let mut writer: IndexWriter = index.writer_with_num_threads(INDEXING_THREADS, WRITER_MEMORY_BYTES)?;
    writer.set_merge_policy(Box::new(NoMergePolicy));
    for (ord, d) in docs.iter().enumerate() {
        let title = compose(&d.title);
        let headings = compose(&d.headings.join("\n"));
        let body = compose(&d.body);
        writer.add_document(doc!(
            fields.ord => ord as u64,
            fields.kind => d.kind,
            fields.url => d.url.as_str(),
            fields.title => title.as_str(),
            fields.headings => headings.as_str(),
            fields.body => body.as_str(),
            fields.title_exact => title.as_str(),
            fields.headings_exact => headings.as_str(),
            fields.body_exact => body.as_str(),
        ))?;
    }
    let mut commit = writer.prepare_commit()?;
    commit.set_payload(&serde_json::to_string(payload)?);
    commit.commit()?;
    writer.wait_merging_threads()?;
    Ok(())
}

/// The commit payload of an index: the synonym groups, and the
/// fingerprint of the saved documents the index was made from.
#[derive(Serialize, Deserialize)]
struct Payload {
    synonyms: SynonymGroups,
    source: String,
}

/// Opens a copy in memory of the index files in `dir`.
fn read_into_memory(dir: &Path) -> anyhow::Result<Index> {
    let memory = RamDirectory::create();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        // Lock files would make the copy look locked.
        let is_lock = entry.file_name().to_string_lossy().ends_with(".lock");
        if entry.file_type()?.is_file() && !is_lock {
            memory.atomic_write(Path::new(&entry.file_name()), &fs::read(entry.path())?)?;
        }
    }
    Ok(Index::open(memory)?)
}

/// Reads the fingerprint of the documents that the index in `dir` was made
/// from, straight from its `meta.json`, without opening the index.
fn index_source(dir: &Path) -> Option<String> {
    let meta: serde_json::Value = serde_json::from_str(&fs::read_to_string(dir.join("meta.json")).ok()?).ok()?;
    let payload: Payload = serde_json::from_str(meta.get("payload")?.as_str()?).ok()?;
    Some(payload.source)
}

fn read_payload(index: &Index) -> anyhow::Result<Payload> {
    let text = index.load_metas()?.payload.unwrap_or_default();
    Ok(serde_json::from_str(&text)?)
}

/// Identifies one saved documents file by its size and modification time,
/// without reading it. Every build writes a new file.
fn fingerprint(docs_file: &Path) -> Option<String> {
    let metadata = fs::metadata(docs_file).ok()?;
    let modified = metadata.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?;
    Some(format!("{}:{}", metadata.len(), modified.as_nanos()))
}

/// Moves a finished index from `work` to `dir`. When `dir` already contains
/// an index of the same documents, made by a concurrent search, that one
/// stays and `work` is deleted. An index of older documents is replaced.
fn install(work: tempfile::TempDir, dir: &Path, source: &str) -> anyhow::Result<()> {
    let parent = dir.parent().unwrap_or(Path::new("."));
    if fs::rename(work.path(), dir).is_ok() {
        let _ = work.keep();
        return Ok(());
    }
    let is_current = Index::open_in_dir(dir).ok().and_then(|index| read_payload(&index).ok()).is_some_and(|p| p.source == source);
    if is_current {
        return Ok(());
    }
    let aside = tempfile::Builder::new().prefix("index-old-").tempdir_in(parent).with_context(|| format!("failed to create a folder in {}", parent.display()))?;
    if dir.exists() {
        fs::rename(dir, aside.path().join("index")).with_context(|| format!("failed to move the old search index {} aside", dir.display()))?;
    }
    fs::rename(work.path(), dir).with_context(|| format!("failed to move the search index to {}", dir.display()))?;
    let _ = work.keep();
    Ok(())
}

/// The documents and synonyms of a build, as saved for `baken search`.
#[derive(Deserialize)]
struct SavedDocuments {
    synonyms: SynonymGroups,
    docs: Vec<SavedDocument>,
}

/// A [`SearchDoc`] read back, with its kind as an owned string.
#[derive(Deserialize)]
struct SavedDocument {
    kind: String,
    id: String,
    title: String,
    url: String,
    headings: Vec<String>,
    body: String,
}

impl SavedDocument {
    fn into_doc(self) -> anyhow::Result<SearchDoc> {
        let Some(kind) = KINDS.iter().find(|k| **k == self.kind) else {
            anyhow::bail!("unknown document kind {:?}", self.kind);
        };
        Ok(SearchDoc { kind, id: self.id, title: self.title, url: self.url, headings: self.headings, body: self.body })
    }
}

/// Saves the documents and synonyms of a build in `search_dir`, from which
/// [`SearchIndex::open`] makes the index when it is first needed.
pub fn save_documents(search_dir: &Path, docs: &[SearchDoc], synonyms: &SynonymGroups) -> anyhow::Result<()> {
    fs::create_dir_all(search_dir).with_context(|| format!("failed to create {}", search_dir.display()))?;
    let path = search_dir.join(DOCS_FILE);
    let file = fs::File::create(&path).with_context(|| format!("failed to create {}", path.display()))?;
    let mut writer = BufWriter::new(file);
    // Serialized from references: a `json!` value would copy every text first.
    #[derive(Serialize)]
    struct Saved<'a> {
        synonyms: &'a SynonymGroups,
        docs: &'a [SearchDoc],
    }
    serde_json::to_writer(&mut writer, &Saved { synonyms, docs }).with_context(|| format!("failed to write {}", path.display()))?;
    writer.flush().with_context(|| format!("failed to write {}", path.display()))?;
    Ok(())
}

fn load_documents(path: &Path) -> anyhow::Result<SavedDocuments> {
    let text = fs::read_to_string(path).with_context(|| format!("failed to read {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("invalid saved documents in {}: run `baken build` again", path.display()))
}

/// Reads the position in the build of every document, per segment and doc id.
pub fn doc_ords(searcher: &Searcher) -> tantivy::Result<Vec<Vec<usize>>> {
    let mut ords = Vec::new();
    for segment in searcher.segment_readers() {
        let column = segment.fast_fields().u64("ord")?;
        ords.push((0..segment.max_doc()).map(|doc| column.first(doc).unwrap_or_default() as usize).collect());
    }
    Ok(ords)
}

/// Looks up the fields of an existing schema by name.
fn fields_of(schema: &Schema) -> tantivy::Result<Fields> {
    Ok(Fields {
        ord: schema.get_field("ord")?,
        kind: schema.get_field("kind")?,
        url: schema.get_field("url")?,
        title: schema.get_field("title")?,
        headings: schema.get_field("headings")?,
        body: schema.get_field("body")?,
        title_exact: schema.get_field("title_exact")?,
        headings_exact: schema.get_field("headings_exact")?,
        body_exact: schema.get_field("body_exact")?,
    })
}

fn index_dir(search_dir: &Path) -> PathBuf {
    search_dir.join(INDEX_DIR)
}
