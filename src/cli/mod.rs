//! Command-line interface: the arguments and one module per subcommand.

pub mod build;
pub mod check;
pub mod search;
pub mod serve;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use tracing_subscriber::EnvFilter;

/// Build an offline website about the approach to human trafficking from
/// Markdown and YAML content.
#[derive(Debug, Parser)]
#[command(name = "baken", version, about, long_about = None)]
pub struct Cli {
    /// Show more detail: -v for steps, -vv for everything.
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    pub verbose: u8,

    /// Show only errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site from content/, quizzes/ and the theme into the output folder.
    Build(build::BuildArgs),
    /// Check the content without writing the site: schemas, references,
    /// links, personal data, blanks and stale contacts.
    Check(check::CheckArgs),
    /// Search the site's index from the terminal, as an editor testing search.
    Search(search::SearchArgs),
    /// Build, serve on 127.0.0.1 and rebuild when content changes.
    Serve(serve::ServeArgs),
}

/// Sets up tracing: warnings by default, more with -v, errors only with -q.
/// `BAKEN_LOG` overrides the level with an env-filter directive.
pub fn init_logging(verbose: u8, quiet: bool) {
    let level = match (quiet, verbose) {
        (true, _) => "error",
        (false, 0) => "warn",
        (false, 1) => "info",
        (false, 2) => "debug",
        _ => "trace",
    };
    let filter = EnvFilter::try_from_env("BAKEN_LOG").unwrap_or_else(|_| EnvFilter::new(format!("baken={level}")));
    tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).with_target(false).without_time().init();
}

/// Runs the chosen subcommand and returns the process exit code.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Build(args) => build::run(args, cli.quiet),
        Command::Check(args) => check::run(args),
        Command::Search(args) => search::run(args),
        Command::Serve(args) => serve::run(args),
    }
}

/// Returns the site root: the given folder, or the current one.
pub fn site_root(root: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    let root = match root {
        Some(root) => root,
        None => std::env::current_dir()?,
    };
    Ok(root)
}
