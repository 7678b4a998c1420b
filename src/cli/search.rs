//! `baken search`: query the site's tantivy index from the terminal.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use serde_json::json;

use crate::build::CACHE_DIR;
use crate::search::plan::plan_query;
use crate::search::query::{run_query, Hit};
use crate::search::{search_dir, SearchIndex, Vocabulary};

/// Kinds of items that `--kind` accepts.
const KINDS: [&str; 6] = ["pagina", "partner", "signaal", "casus", "begrip", "quiz"];

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The words to search for.
    pub query: String,
    /// Site root: the folder with baken.yaml and the .baken-cache index.
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// Number of results to show, at most.
    #[arg(long, short = 'n', value_name = "N", default_value_t = 10)]
    pub limit: usize,
    /// Show only items of this kind: pagina, partner, signaal, casus, begrip or quiz.
    #[arg(long, value_name = "KIND")]
    pub kind: Option<String>,
    /// Output format: text for reading, json for scripts.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// Output format of `baken search`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Title, kind, path and a snippet per result.
    Text,
    /// A JSON array of `{title, kind, path, score}`.
    Json,
}

pub fn run(args: SearchArgs) -> anyhow::Result<ExitCode> {
    let root = super::site_root(args.root)?;
    if let Some(kind) = args.kind.as_deref().filter(|k| !KINDS.contains(k)) {
        anyhow::bail!("invalid --kind {kind:?}: expected one of {}", KINDS.join(", "));
    }

    // The index and its vocabulary, as the last build left them.
    let index = SearchIndex::open(&search_dir(&root.join(CACHE_DIR)))?;
    let vocabulary = Vocabulary::from_index(&index)?;
    let synonyms = index.synonyms.to_keys(&vocabulary);

    let plan = plan_query(&args.query, &vocabulary, &synonyms);
    tracing::debug!(words = ?plan.words, clauses = ?plan.clauses, "planned the query");
    let hits = run_query(&index, &plan, args.kind.as_deref(), args.limit)?;
    match args.format {
        Format::Json => print_json(&hits),
        Format::Text => print_text(&args.query, &hits),
    }
    Ok(ExitCode::SUCCESS)
}

fn print_json(hits: &[Hit]) {
    let rows: Vec<_> = hits.iter().map(|h| json!({ "title": h.title, "kind": h.kind, "path": h.url, "score": h.score })).collect();
    println!("{}", serde_json::Value::Array(rows));
}

fn print_text(query: &str, hits: &[Hit]) {
    if hits.is_empty() {
        eprintln!("No results for {query:?}.");
        return;
    }
    let bold = std::io::stdout().is_terminal();
    for (n, hit) in hits.iter().enumerate() {
        println!("{}. {} [{}] {}", n + 1, hit.title, hit.kind, hit.url);
        println!("   {}", highlight(hit, bold));
    }
}

/// Marks the matched words of the snippet: bold on a terminal, else `*word*`.
fn highlight(hit: &Hit, bold: bool) -> String {
    let (open, close) = if bold { ("\x1b[1m", "\x1b[0m") } else { ("*", "*") };
    let mut out = String::new();
    let mut at = 0;
    for range in &hit.highlighted {
        out.push_str(&hit.snippet[at..range.start]);
        out.push_str(open);
        out.push_str(&hit.snippet[range.clone()]);
        out.push_str(close);
        at = range.end;
    }
    out.push_str(&hit.snippet[at..]);
    out.trim().to_string()
}
