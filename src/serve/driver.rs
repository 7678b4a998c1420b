//! The rebuild thread: turns file changes and finished search indexes into
//! published builds, and reports each one in the terminal.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

use tokio::sync::watch as channel;
use tracing::{error, info};

use super::rebuild::{search_error, Built, Rebuilder};
use super::search_worker::{SearchResult, SearchWorker};
use super::state::{Snapshot, Status};
use super::watch::SiteWatcher;
use crate::diagnostics::{render_text, Diagnostic, Severity};

/// Work for the rebuild thread.
pub enum Job {
    /// Files changed, as paths relative to the site root.
    Changes(Vec<PathBuf>),
    /// The search thread finished an index.
    Search(SearchResult),
}

/// The cause of a rebuild, shown in the terminal and the log.
enum Reason<'a> {
    FirstBuild,
    Changes(&'a [PathBuf]),
    SearchIndex(Duration),
}

/// State of the rebuild thread.
pub struct Driver {
    rebuilder: Rebuilder,
    watcher: SiteWatcher,
    search: SearchWorker,
    status: channel::Sender<Arc<Status>>,
    /// The warning text printed last, so unchanged warnings are not printed after every save.
    last_warnings: String,
}

impl Driver {
    /// Creates the driver. [`Driver::run`] then runs it on the rebuild thread.
    pub fn new(
        rebuilder: Rebuilder,
        watcher: SiteWatcher,
        search: SearchWorker,
        status: channel::Sender<Arc<Status>>,
    ) -> Self {
        Driver {
            rebuilder,
            watcher,
            search,
            status,
            last_warnings: String::new(),
        }
    }

    /// Builds once, then handles jobs until every sender is gone.
    ///
    /// Jobs that queued up during a rebuild are handled together, so a burst
    /// of saves during a long rebuild causes one more rebuild, not many.
    pub fn run(mut self, jobs: mpsc::Receiver<Job>) {
        self.rebuild(Reason::FirstBuild);
        while let Ok(first) = jobs.recv() {
            let mut changed: Vec<PathBuf> = Vec::new();
            let mut search_finished = None;
            for job in std::iter::once(first).chain(jobs.try_iter()) {
                match job {
                    Job::Changes(paths) => changed.extend(paths),
                    Job::Search(result) => search_finished = self.install_search(result),
                }
            }
            changed.sort();
            changed.dedup();
            if !changed.is_empty() {
                self.watcher.rewatch(&changed);
                self.rebuild(Reason::Changes(&changed));
            } else if let Some(elapsed) = search_finished {
                // After a failed attempt the site cannot build, so the index
                // waits for the next save, whose rebuild uses it.
                if self.status.borrow().error.is_none() {
                    self.rebuild(Reason::SearchIndex(elapsed));
                }
            }
        }
    }

    /// Hands a finished index to the rebuilder. Returns how long it took to
    /// build when it is current, so a rebuild should use it.
    fn install_search(&mut self, result: SearchResult) -> Option<Duration> {
        match result.output {
            Ok(output) => self
                .rebuilder
                .install_search(result.fingerprint, output)
                .then_some(result.elapsed),
            Err(err) => {
                self.rebuilder.forget_search_job(result.fingerprint);
                self.publish_failure(vec![search_error(&err)], "(search index)", result.elapsed);
                None
            }
        }
    }

    /// Runs one rebuild, reports it and publishes the new status.
    fn rebuild(&mut self, reason: Reason) {
        let started = Instant::now();
        let result = self.rebuilder.rebuild();
        let elapsed = started.elapsed();
        let sources = match reason {
            Reason::FirstBuild => "(first build)".to_string(),
            Reason::Changes(paths) => describe_paths(paths),
            Reason::SearchIndex(_) => "(search index)".to_string(),
        };
        match result {
            Ok(mut built) => {
                if let Some(job) = built.search_job.take() {
                    let fingerprint = job.fingerprint;
                    if !self.search.submit(job) {
                        self.rebuilder.forget_search_job(fingerprint);
                        error!(
                            "search thread stopped, so search and related items stay \
                             out of date until the server restarts"
                        );
                    }
                }
                self.publish_success(built, &reason, &sources, elapsed);
            }
            Err(diagnostics) => self.publish_failure(diagnostics, &sources, elapsed),
        }
    }

    fn publish_success(&mut self, built: Built, reason: &Reason, sources: &str, elapsed: Duration) {
        let root = self.rebuilder.root().to_path_buf();
        print_warnings(&built.warnings, &root, &mut self.last_warnings);
        let previous = self.status.borrow().clone();
        let (snapshot, changed_files) = Snapshot::next(&previous.site, built.files);
        let elapsed_ms = elapsed.as_millis();
        let search_pending = self.rebuilder.is_search_pending();
        info!(
            changed = %sources,
            pages = built.pages,
            rendered = built.rendered,
            files_changed = changed_files.len(),
            elapsed_ms,
            search_pending,
            "site rebuilt"
        );

        let counts = format!(
            "rendered {} of {} pages, {} files changed",
            built.rendered,
            built.pages,
            changed_files.len()
        );
        let pending = if search_pending {
            "; updating search and related items"
        } else {
            ""
        };
        match reason {
            Reason::FirstBuild => {
                println!("Built {} pages in {elapsed_ms} ms{pending}", built.pages)
            }
            Reason::Changes(_) => println!(
                "Rebuilt in {elapsed_ms} ms after a change to {sources}: {counts}{pending}"
            ),
            Reason::SearchIndex(index_time) => {
                let index_ms = index_time.as_millis();
                println!(
                    "Updated search and related items: index built in {index_ms} ms, \
                     pages in {elapsed_ms} ms: {counts}"
                )
            }
        }
        let attempt = previous.attempt + 1;
        self.status.send_replace(Arc::new(Status {
            attempt,
            site: Arc::new(snapshot),
            error: None,
        }));
    }

    fn publish_failure(&mut self, diagnostics: Vec<Diagnostic>, sources: &str, elapsed: Duration) {
        let root = self.rebuilder.root().to_path_buf();
        let color = std::io::stderr().is_terminal();
        eprint!("{}", render_text(&diagnostics, &root, color));
        self.last_warnings.clear();
        let errors: Vec<Diagnostic> = diagnostics
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        let previous = self.status.borrow().clone();
        let served = previous.site.build;
        error!(
            changed = %sources,
            errors = errors.len(),
            elapsed_ms = elapsed.as_millis(),
            served_build = served,
            "rebuild failed, so the last good build stays online"
        );
        let plural = if errors.len() == 1 { "" } else { "s" };
        eprintln!(
            "Build failed with {} error{plural}; still serving the last good build.",
            errors.len()
        );
        let text = render_text(&errors, &root, false);
        let attempt = previous.attempt + 1;
        self.status.send_replace(Arc::new(Status {
            attempt,
            site: previous.site.clone(),
            error: Some(text),
        }));
    }
}

/// Prints the warnings of a good build when they differ from those printed last.
fn print_warnings(warnings: &[Diagnostic], root: &Path, last_printed: &mut String) {
    let text = render_text(warnings, root, false);
    if text != *last_printed {
        let color = std::io::stderr().is_terminal();
        eprint!("{}", render_text(warnings, root, color));
        *last_printed = text;
    }
}

/// Lists changed files for a log line, shortened after five.
fn describe_paths(paths: &[PathBuf]) -> String {
    const MAX_LISTED: usize = 5;
    let mut names: Vec<String> = paths
        .iter()
        .take(MAX_LISTED)
        .map(|p| p.display().to_string())
        .collect();
    if paths.len() > MAX_LISTED {
        names.push(format!("and {} more", paths.len() - MAX_LISTED));
    }
    names.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describe_paths_shortens_long_lists() {
        let paths: Vec<PathBuf> = (0..7)
            .map(|i| PathBuf::from(format!("content/{i}.md")))
            .collect();
        let text = describe_paths(&paths);
        assert!(text.ends_with("content/4.md, and 2 more"), "{text}");
    }
}
