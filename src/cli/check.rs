//! `baken check`: validate the content without writing the site.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::diagnostics::Diagnostics;

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Site root: the folder with baken.yaml, content/, quizzes/ and themes/.
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
}

pub fn run(args: CheckArgs) -> anyhow::Result<ExitCode> {
    let root = super::site_root(args.root)?;
    let diagnostics = Diagnostics::new();
    crate::build::build_in_memory(&root, &diagnostics);
    super::build::print_diagnostics(&diagnostics, &root);
    Ok(if diagnostics.has_errors() { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}
