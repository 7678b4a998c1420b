//! Runs a query plan on the tantivy index, for `baken search` and tests.

use std::ops::Range;

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, ConstScoreQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{TantivyDocument, Term};

use super::index::{Part, SearchIndex};
use super::plan::QueryPlan;

/// Characters of body text around the matches in a snippet.
const SNIPPET_CHARS: usize = 160;
/// Extra hits fetched beyond the limit, so that equal scores can be ordered
/// by document position as the browser does, not by tantivy's order.
const TIE_MARGIN: usize = 20;

/// One search result.
#[derive(Debug, Clone)]
pub struct Hit {
    /// Position of the document among the indexed documents.
    pub ord: u64,
    pub title: String,
    pub kind: String,
    pub url: String,
    pub score: f32,
    /// Body text around the best matches.
    pub snippet: String,
    /// Byte ranges of matched words in `snippet`.
    pub highlighted: Vec<Range<usize>>,
}

/// Builds the tantivy query of a plan: every clause in every part, boosted
/// by the clause weight and the part boost, and optionally one kind only.
pub fn build_query(index: &SearchIndex, plan: &QueryPlan, kind: Option<&str>) -> Box<dyn Query> {
    let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for clause in &plan.clauses {
        for part in Part::ALL {
            let field = index.fields.term_field(part, clause.kind);
            let term = TermQuery::new(Term::from_field_text(field, &clause.term), IndexRecordOption::WithFreqs);
            should.push((Occur::Should, Box::new(BoostQuery::new(Box::new(term), clause.weight * part.boost()))));
        }
    }
    let words: Box<dyn Query> = Box::new(BooleanQuery::new(should));
    match kind {
        None => words,
        Some(kind) => {
            let filter = TermQuery::new(Term::from_field_text(index.fields.kind, kind), IndexRecordOption::Basic);
            let filter: Box<dyn Query> = Box::new(ConstScoreQuery::new(Box::new(filter), 0.0));
            Box::new(BooleanQuery::new(vec![(Occur::Must, filter), (Occur::Must, words)]))
        }
    }
}

/// Returns the best `limit` hits of `plan`, highest score first and, for
/// equal scores, the earlier document first.
pub fn run_query(index: &SearchIndex, plan: &QueryPlan, kind: Option<&str>, limit: usize) -> anyhow::Result<Vec<Hit>> {
    if plan.is_empty() || limit == 0 {
        return Ok(Vec::new());
    }
    let searcher = index.searcher();
    let query = build_query(index, plan, kind);
    let top = searcher.search(&query, &TopDocs::with_limit(limit + TIE_MARGIN).order_by_score())?;
    let mut snippets = SnippetGenerator::create(&searcher, &*query, index.fields.body)?;
    snippets.set_max_num_chars(SNIPPET_CHARS);

    let mut hits = Vec::with_capacity(top.len());
    for (score, address) in top {
        let doc: TantivyDocument = searcher.doc(address)?;
        let text = |field| doc.get_first(field).and_then(|v| v.as_str()).unwrap_or_default().to_string();
        let snippet = snippets.snippet_from_doc(&doc);
        let (snippet, highlighted) = if snippet.is_empty() {
            (text(index.fields.body).chars().take(SNIPPET_CHARS).collect(), Vec::new())
        } else {
            (snippet.fragment().to_string(), snippet.highlighted().to_vec())
        };
        let (snippet, highlighted) = collapse_whitespace(&snippet, &highlighted);
        hits.push(Hit {
            ord: doc.get_first(index.fields.ord).and_then(|v| v.as_u64()).unwrap_or_default(),
            title: text(index.fields.title),
            kind: text(index.fields.kind),
            url: text(index.fields.url),
            score,
            snippet,
            highlighted,
        });
    }
    hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.ord.cmp(&b.ord)));
    hits.truncate(limit);
    Ok(hits)
}

/// Replaces each run of whitespace by one space and moves the ranges along.
fn collapse_whitespace(text: &str, ranges: &[Range<usize>]) -> (String, Vec<Range<usize>>) {
    let mut out = String::with_capacity(text.len());
    let mut map = vec![0; text.len() + 1];
    let mut in_space = false;
    for (i, c) in text.char_indices() {
        map[i] = out.len();
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    map[text.len()] = out.len();
    let moved = ranges.iter().map(|r| map[r.start]..map[r.end]).collect();
    (out, moved)
}
