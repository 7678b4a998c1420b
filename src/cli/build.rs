//! `baken build`: render the site and write it atomically.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use crate::diagnostics::{render_text, Diagnostics, Severity};

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Site root: the folder with baken.yaml, content/, quizzes/ and themes/.
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,

    /// Output folder; defaults to `output_dir` in baken.yaml (public/).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

pub fn run(args: BuildArgs, quiet: bool) -> anyhow::Result<ExitCode> {
    let root = super::site_root(args.root)?;
    let diagnostics = Diagnostics::new();
    let out = output_folder(&root, args.out.as_deref());
    let report = crate::build::build(&root, &out, &diagnostics);
    print_diagnostics(&diagnostics, &root);
    match report {
        Some(report) => {
            if !quiet {
                eprintln!(
                    "Built {} pages ({} files) into {} in {} ms",
                    report.pages,
                    report.files,
                    report.out.display(),
                    report.elapsed.as_millis()
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        None => {
            let errors = diagnostics.count(Severity::Error);
            eprintln!("Build failed with {errors} error{}; the previous output was left unchanged.", if errors == 1 { "" } else { "s" });
            Ok(ExitCode::FAILURE)
        }
    }
}

/// Resolves the output folder from the flag or baken.yaml, relative to the root.
pub fn output_folder(root: &Path, flag: Option<&Path>) -> PathBuf {
    let configured = crate::config::load_config(root).map(|c| c.output_dir).unwrap_or_else(|_| PathBuf::from("public"));
    let out = flag.map(Path::to_path_buf).unwrap_or(configured);
    if out.is_absolute() {
        out
    } else if flag.is_some() {
        std::env::current_dir().map(|d| d.join(&out)).unwrap_or(out)
    } else {
        root.join(out)
    }
}

/// Prints every finding of the run to stderr, errors and warnings together.
pub fn print_diagnostics(diagnostics: &Diagnostics, root: &Path) {
    let sorted = diagnostics.sorted();
    if sorted.is_empty() {
        return;
    }
    let color = std::io::stderr().is_terminal();
    eprint!("{}", render_text(&sorted, root, color));
}
