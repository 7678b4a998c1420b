//! `baken check`: the content quality gate.
//!
//! It runs every check of `baken build` without writing the site, then looks
//! for personal data, blanks and stale partner facts, and prints one report
//! (text like a compiler's, or JSON) on stdout. The exit code is 1 when an
//! error was found, or a warning with `--deny-warnings`, and 0 otherwise.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, ValueEnum};
use serde::Serialize;

use crate::build::{build_in_memory, load_and_validate};
use crate::content::{load_site, Site};
use crate::diagnostics::{render_text_masked, Diagnostic, Diagnostics, Severity};
use crate::validate::blanks::{self, Completeness};
use crate::validate::freshness::{self, DEFAULT_MAX_AGE_MONTHS};
use crate::validate::links::external_links;
use crate::validate::personal_data;

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Site root: the folder with baken.yaml, content/, quizzes/ and themes/.
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,

    /// Report format: `text` for people, `json` for editors and CI.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    /// Fail (exit code 1) on warnings as well as errors.
    #[arg(long)]
    pub deny_warnings: bool,

    /// List every external link of the rendered site, with the page it is on.
    /// The links are listed, not visited: the check uses no network.
    #[arg(long)]
    pub external: bool,

    /// Age in months after which a partner's `verified` date counts as stale.
    /// Overrides `freshness_months` in baken.yaml (default 12).
    #[arg(long, value_name = "MONTHS")]
    pub max_age: Option<u32>,

    /// Check the content without rendering it: skips the templates, the
    /// internal links and anchors, and `--external`. Needs no theme.
    #[arg(long)]
    pub no_render: bool,
}

/// Output format of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// An external link and the output page that contains it.
#[derive(Debug, Clone, Serialize)]
pub struct ExternalLink {
    pub page: String,
    pub url: String,
}

/// Everything one check run found.
struct Report {
    findings: Vec<Diagnostic>,
    /// Every personal-data finding, whose values the text report hides.
    masks: Vec<Diagnostic>,
    completeness: Vec<Completeness>,
    /// None without `--external`; Some(None) when the site did not render.
    external: Option<Option<Vec<ExternalLink>>>,
    errors: usize,
    warnings: usize,
}

pub fn run(args: CheckArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let root = super::site_root(args.root.clone())?;
    let diagnostics = Diagnostics::new();

    // Everything `baken build` checks, up to the rendered links.
    let (site, rendered) = if args.no_render {
        (load_and_validate(&root, &diagnostics), None)
    } else {
        match build_in_memory(&root, &diagnostics) {
            Some(built) => (built.site, Some(built.files)),
            // The build stopped early, but the content checks below still
            // run on every file that loads. Load errors are reported already.
            None => (load_site(&root, &Diagnostics::new()), None),
        }
    };

    // The content checks of this command.
    let max_age = args.max_age.unwrap_or_else(|| configured_max_age(&site));
    let masks = check_content(&root, &site, max_age, &diagnostics);

    let external = args.external.then(|| {
        rendered.as_ref().map(|files| {
            let mut links: Vec<ExternalLink> =
                external_links(files).into_iter().map(|(page, url)| ExternalLink { page, url }).collect();
            links.sort_by(|a, b| (&a.page, &a.url).cmp(&(&b.page, &b.url)));
            links
        })
    });
    let report = Report {
        findings: diagnostics.sorted(),
        masks,
        completeness: blanks::completeness(&site),
        external,
        errors: diagnostics.count(Severity::Error),
        warnings: diagnostics.count(Severity::Warning),
    };

    match args.format {
        Format::Text => print!("{}", render_text_report(&report, &root, started)),
        Format::Json => println!("{}", render_json_report(&report)),
    }
    let failed = report.errors > 0 || (args.deny_warnings && report.warnings > 0);
    Ok(if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

fn configured_max_age(site: &Site) -> u32 {
    site.config.as_ref().map(|c| c.freshness_months).unwrap_or(DEFAULT_MAX_AGE_MONTHS)
}

/// Runs the checks that only `baken check` does: personal data, blanks and
/// freshness. Returns the personal-data findings, whose values a text report
/// must hide.
pub fn check_content(root: &Path, site: &Site, max_age_months: u32, diagnostics: &Diagnostics) -> Vec<Diagnostic> {
    let files = personal_data::read_source_files(root);
    let personal = personal_data::check_personal_data(&files, diagnostics);
    blanks::check_text_blanks(&files, diagnostics);
    blanks::check_municipalities(site, diagnostics);
    blanks::check_partner_contacts(site, diagnostics);
    let today = chrono::Local::now().date_naive();
    freshness::check_freshness(site, max_age_months, today, diagnostics);
    personal
}

fn render_text_report(report: &Report, root: &Path, started: Instant) -> String {
    let color = std::io::stdout().is_terminal();
    let mut text = render_text_masked(&report.findings, &report.masks, root, color);

    if let Some(external) = &report.external {
        text.push_str(&render_external(external.as_deref()));
        text.push('\n');
    }
    if !report.completeness.is_empty() {
        text.push_str(&blanks::render_table(&report.completeness));
        text.push('\n');
    }
    text.push_str(&format!(
        "{}; checked in {} ms\n",
        summary(report.errors, report.warnings),
        started.elapsed().as_millis()
    ));
    text
}

fn render_external(links: Option<&[ExternalLink]>) -> String {
    let Some(links) = links else {
        return "External links: not listed, because the site was not rendered\n".to_string();
    };
    let mut text = format!("External links ({}), listed without visiting them:\n", links.len());
    for link in links {
        text.push_str(&format!("  {}  {}\n", link.page, link.url));
    }
    text
}

/// Returns the count line, such as `3 errors, 1 warning`.
pub fn summary(errors: usize, warnings: usize) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!("{}, {}", plural(errors, "error"), plural(warnings, "warning"))
}

fn render_json_report(report: &Report) -> String {
    #[derive(Serialize)]
    struct Counts {
        errors: usize,
        warnings: usize,
    }
    #[derive(Serialize)]
    struct JsonReport<'a> {
        findings: &'a [Diagnostic],
        completeness: &'a [Completeness],
        #[serde(skip_serializing_if = "Option::is_none")]
        external_links: Option<&'a Option<Vec<ExternalLink>>>,
        summary: Counts,
    }
    let json = JsonReport {
        findings: &report.findings,
        completeness: &report.completeness,
        external_links: report.external.as_ref(),
        summary: Counts { errors: report.errors, warnings: report.warnings },
    };
    // serde_json fails only on maps with keys that are not strings, and the
    // report has no maps.
    serde_json::to_string_pretty(&json).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_counts_with_plurals() {
        assert_eq!(summary(3, 12), "3 errors, 12 warnings");
        assert_eq!(summary(1, 1), "1 error, 1 warning");
        assert_eq!(summary(0, 0), "0 errors, 0 warnings");
    }
}
