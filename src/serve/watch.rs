//! Watching the site's sources with notify and batching an editor's writes.
//!
//! An editor saves a file as several events (write, rename, chmod), so the
//! paths are collected until no new event arrived for [`DEBOUNCE`] and sent
//! as one batch, which causes one rebuild. The debouncing is done here and
//! not with notify-debouncer-mini, because that crate drops the event kind:
//! notify 8 reports every file *open* on Linux, so the reads of a rebuild
//! would trigger the next rebuild without end.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};
use tracing::{debug, warn};

use crate::config::CONFIG_FILE;

/// Quiet time after the last event before a batch of changes is sent.
pub const DEBOUNCE: Duration = Duration::from_millis(100);

/// Maximum time a batch waits for quiet, so a file written without pause
/// still gets rebuilt.
pub const MAX_BATCH_WAIT: Duration = Duration::from_secs(2);

/// Folders under the site root whose files feed the build.
pub const WATCHED_DIRS: [&str; 3] = ["content", "quizzes", "themes"];

/// A running watcher; dropping it stops watching.
pub struct SiteWatcher {
    watcher: RecommendedWatcher,
    root: PathBuf,
}

/// Starts watching `content/`, `quizzes/`, `themes/` and `baken.yaml` under `root`.
///
/// Each batch of changed paths, relative to `root`, goes to `deliver`.
/// `baken.yaml` is watched through the root folder, because editors often
/// save by replacing the file, which ends a watch on the file itself.
pub fn watch_site(
    root: &Path,
    deliver: impl Fn(Vec<PathBuf>) -> bool + Send + 'static,
) -> anyhow::Result<SiteWatcher> {
    let (events_tx, events_rx) = mpsc::channel::<PathBuf>();
    let filter_root = root.to_path_buf();
    let watcher = notify::recommended_watcher(move |result: notify::Result<Event>| match result {
        Ok(event) if is_change(&event.kind) => {
            for path in event
                .paths
                .iter()
                .filter_map(|p| relevant_path(&filter_root, p))
            {
                // The receiver is gone only while the server shuts down.
                let _ = events_tx.send(path);
            }
        }
        Ok(_) => {}
        Err(err) => {
            warn!(error = %err, "file watcher error; changes may be missed until the next save")
        }
    })?;
    let batch_root = root.to_path_buf();
    std::thread::Builder::new()
        .name("baken-watch".into())
        .spawn(move || send_batches(&batch_root, &events_rx, deliver))?;

    let mut site_watcher = SiteWatcher {
        watcher,
        root: root.to_path_buf(),
    };
    site_watcher
        .watcher
        .watch(root, RecursiveMode::NonRecursive)?;
    for dir in WATCHED_DIRS {
        site_watcher.watch_dir(dir);
    }
    Ok(site_watcher)
}

/// Returns true for events that can change a file: not for reads and opens.
fn is_change(kind: &EventKind) -> bool {
    !matches!(kind, EventKind::Access(_))
}

/// Groups changed paths into batches separated by [`DEBOUNCE`] of quiet and
/// passes each batch to `deliver`, sorted and without duplicates, until
/// `deliver` returns false.
///
/// Paths without an extension that are gone by then are left out: they are
/// the temporary files of tools that save by renaming (`sed -i`, some
/// editors). A removed folder still counts through the files it held.
fn send_batches(
    root: &Path,
    events: &mpsc::Receiver<PathBuf>,
    deliver: impl Fn(Vec<PathBuf>) -> bool,
) {
    while let Ok(first) = events.recv() {
        let started = Instant::now();
        let mut batch = vec![first];
        while started.elapsed() < MAX_BATCH_WAIT {
            match events.recv_timeout(DEBOUNCE) {
                Ok(path) => batch.push(path),
                // After a disconnect the outer loop ends once this batch is out.
                Err(mpsc::RecvTimeoutError::Timeout | mpsc::RecvTimeoutError::Disconnected) => {
                    break
                }
            }
        }
        batch.sort();
        batch.dedup();
        batch.retain(|path| path.extension().is_some() || root.join(path).exists());
        if !batch.is_empty() && !deliver(batch) {
            return;
        }
    }
}

impl SiteWatcher {
    /// Watches the folders among `changed` that are watched folders themselves,
    /// such as `quizzes/` created or replaced after the server started.
    pub fn rewatch(&mut self, changed: &[PathBuf]) {
        for dir in WATCHED_DIRS {
            if changed.iter().any(|p| p == Path::new(dir)) {
                self.watch_dir(dir);
            }
        }
    }

    fn watch_dir(&mut self, dir: &str) {
        let path = self.root.join(dir);
        if !path.is_dir() {
            debug!(folder = dir, "not watching a missing folder");
            return;
        }
        if let Err(err) = self.watcher.watch(&path, RecursiveMode::Recursive) {
            warn!(
                folder = %path.display(),
                error = %err,
                "cannot watch folder, so edits in it will not trigger a rebuild"
            );
        }
    }
}

/// Returns `path` relative to `root` when a change to it can change the site.
///
/// Skips files outside the watched folders (the output and the search cache
/// among them) and editor scratch files: hidden files, backups ending in `~`,
/// swap files and vim's `4913` write test.
pub fn relevant_path(root: &Path, path: &Path) -> Option<PathBuf> {
    let relative = path.strip_prefix(root).ok()?;
    let first = relative.components().next()?.as_os_str().to_str()?;
    if first != CONFIG_FILE && !WATCHED_DIRS.contains(&first) {
        return None;
    }
    let name = relative.file_name()?.to_str()?;
    let is_scratch = name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name == "4913";
    if is_scratch {
        return None;
    }
    Some(relative.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_are_relevant() {
        let root = Path::new("/site");
        assert_eq!(
            relevant_path(root, Path::new("/site/content/a.md")),
            Some(PathBuf::from("content/a.md"))
        );
        assert_eq!(
            relevant_path(root, Path::new("/site/baken.yaml")),
            Some(PathBuf::from("baken.yaml"))
        );
        assert_eq!(
            relevant_path(root, Path::new("/site/themes/default/templates/base.html")),
            Some(PathBuf::from("themes/default/templates/base.html"))
        );
        assert_eq!(
            relevant_path(root, Path::new("/site/quizzes")),
            Some(PathBuf::from("quizzes"))
        );
    }

    #[test]
    fn burst_of_events_becomes_one_batch() {
        let (events_tx, events_rx) = mpsc::channel();
        for name in [
            "content/b.md",
            "content/a.md",
            "content/b.md",
            "content/sedXr8Qw",
        ] {
            events_tx.send(PathBuf::from(name)).unwrap();
        }
        drop(events_tx);
        let batches = std::sync::Mutex::new(Vec::new());
        send_batches(Path::new("/nonexistent-site"), &events_rx, |batch| {
            batches.lock().unwrap().push(batch);
            true
        });
        let batches = batches.into_inner().unwrap();
        assert_eq!(
            batches,
            vec![vec![
                PathBuf::from("content/a.md"),
                PathBuf::from("content/b.md")
            ]]
        );
    }

    #[test]
    fn output_and_scratch_files_are_skipped() {
        let root = Path::new("/site");
        for path in [
            "/site/public/index.html",
            "/site/.baken-cache/meta.json",
            "/site/content/.a.md.swp",
            "/site/content/a.md~",
            "/site/content/4913",
            "/elders/content/a.md",
        ] {
            assert_eq!(relevant_path(root, Path::new(path)), None, "{path}");
        }
    }
}
