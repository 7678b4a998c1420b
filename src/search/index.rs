//! The tantivy index in `.baken-cache/search/index`: one schema, one writer,
//! one commit. The commit payload carries the synonym groups, so that
//! `baken search` expands queries exactly as the build did.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::Context;
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, STORED, STRING,
};
use tantivy::indexer::NoMergePolicy;
use tantivy::{doc, Index, IndexReader, IndexWriter, ReloadPolicy, Searcher};

use super::analysis::{compose, register_analyzers, FOLD_ANALYZER, STEM_ANALYZER};
use super::synonyms::SynonymGroups;
use super::SearchDoc;

/// Folder of the tantivy index, under the search cache folder.
const INDEX_DIR: &str = "index";
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
    /// Deletes any index in `search_dir` and indexes `docs` into a new one.
    pub fn create(search_dir: &Path, docs: &[SearchDoc], synonyms: &SynonymGroups) -> anyhow::Result<SearchIndex> {
        let dir = index_dir(search_dir);
        if search_dir.exists() {
            fs::remove_dir_all(search_dir).with_context(|| format!("failed to delete the old search index in {}", search_dir.display()))?;
        }
        fs::create_dir_all(&dir).with_context(|| format!("failed to create {}", dir.display()))?;

        let (schema, fields) = build_schema();
        let index = Index::create_in_dir(&dir, schema).with_context(|| format!("failed to create the search index in {}", dir.display()))?;
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
        commit.set_payload(&serde_json::to_string(synonyms)?);
        commit.commit()?;
        writer.wait_merging_threads()?;

        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        Ok(SearchIndex { index, fields, reader, synonyms: synonyms.clone() })
    }

    /// Opens the index that a build left in `search_dir`.
    pub fn open(search_dir: &Path) -> anyhow::Result<SearchIndex> {
        let dir = index_dir(search_dir);
        if !dir.join("meta.json").is_file() {
            anyhow::bail!("no search index in {}: run `baken build` first", dir.display());
        }
        let index = Index::open_in_dir(&dir).with_context(|| format!("failed to open the search index in {}", dir.display()))?;
        register_analyzers(&index);
        let fields = fields_of(&index.schema()).with_context(|| format!("the search index in {} is from another version of baken: run `baken build` again", dir.display()))?;
        let payload = index.load_metas()?.payload.unwrap_or_default();
        let synonyms = serde_json::from_str(&payload).with_context(|| format!("invalid synonyms in {}: run `baken build` again", dir.join("meta.json").display()))?;
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        Ok(SearchIndex { index, fields, reader, synonyms })
    }

    /// Returns a searcher over the committed documents.
    pub fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }
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
