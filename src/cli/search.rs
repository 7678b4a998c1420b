//! `baken search`: query the site's tantivy index from the terminal.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The words to search for.
    pub query: String,
    /// Site root: the folder with baken.yaml and the .baken-cache index.
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
}

pub fn run(args: SearchArgs) -> anyhow::Result<ExitCode> {
    let _ = args;
    anyhow::bail!("search is not available yet")
}
