//! Writing the site: into a temporary folder beside the output, then a swap.
//!
//! The previous site stays in place until the new one is complete, so a
//! failed build never leaves a half-written output folder.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context, Result};
use rayon::prelude::*;
use walkdir::WalkDir;

use crate::render::OutputFile;
use crate::validate::links::{scan_page, PageLinks};

/// Name of the file that marks a folder as written by `baken build`. A
/// non-empty folder without it is never replaced.
pub const MARKER: &str = ".baken-output";

/// Rejects an output folder whose replacement would destroy other files: the
/// site root or a folder above it, a folder inside `content/`, `quizzes/` or
/// `themes/`, a file, or a non-empty folder that no earlier build wrote.
pub fn check_output_folder(root: &Path, out: &Path) -> Result<()> {
    let root = fs::canonicalize(root).with_context(|| format!("site root {} not found", root.display()))?;
    let out = resolve_path(out)?;
    if root.starts_with(&out) {
        anyhow::bail!(
            "output folder {} is the site root or contains it, and building would delete the site; choose a folder inside the root, such as {}",
            out.display(),
            root.join("public").display()
        );
    }
    for source in ["content", "quizzes", "themes"] {
        if out.starts_with(root.join(source)) {
            anyhow::bail!("output folder {} is inside {source}/, so the site would be read back as content; choose a folder outside it, such as public/", out.display());
        }
    }
    if out.exists() && !out.is_dir() {
        anyhow::bail!("output path {} is a file, not a folder; remove it or choose another output folder", out.display());
    }
    let is_empty = !out.exists() || fs::read_dir(&out).with_context(|| format!("cannot read {}", out.display()))?.next().is_none();
    if !is_empty && !out.join(MARKER).exists() {
        anyhow::bail!(
            "refusing to replace {}: the folder is not empty and was not written by baken build (it has no {MARKER} file); choose a new or empty folder, or empty this one yourself",
            out.display()
        );
    }
    Ok(())
}

/// Makes `path` absolute with symlinks resolved, also when it does not exist
/// yet: its nearest existing ancestor is resolved and the rest appended.
fn resolve_path(path: &Path) -> Result<PathBuf> {
    let absolute = std::path::absolute(path).with_context(|| format!("invalid path {}", path.display()))?;
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => break,
        }
    }
    let mut resolved = fs::canonicalize(existing).unwrap_or_else(|_| existing.to_path_buf());
    for name in rest.iter().rev() {
        resolved.push(name);
    }
    Ok(resolved)
}

/// Writes `files` and copies `copies` (source path, output path) into a fresh
/// folder, then replaces `out` with it.
pub fn write_site(out: &Path, files: &[OutputFile], copies: &[(PathBuf, String)]) -> Result<()> {
    let staging = Staging::beside(out)?;
    for file in files {
        staging.write(&file.path, &file.bytes)?;
    }
    staging.finish(copies, out)
}

/// A temporary folder beside the output folder that receives the new site.
/// Dropping it before [`Staging::finish`] removes it and leaves the previous
/// output as it was.
pub struct Staging {
    dir: tempfile::TempDir,
}

impl Staging {
    /// Creates an empty staging folder in the parent folder of `out`, so the
    /// final swap is a rename within one file system.
    pub fn beside(out: &Path) -> Result<Self> {
        let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        fs::create_dir_all(parent).with_context(|| format!("cannot create folder {}", parent.display()))?;
        remove_stale_work_folders(parent, out);
        let dir = tempfile::Builder::new()
            .prefix(&work_prefix(NEW_PREFIX))
            .tempdir_in(parent)
            .with_context(|| format!("cannot create a temporary folder in {}", parent.display()))?;
        Ok(Staging { dir })
    }

    /// Writes one file at `path`, relative to the staging folder. Safe to
    /// call from several threads at once.
    pub fn write(&self, path: &str, bytes: &[u8]) -> Result<()> {
        let target = self.dir.path().join(path);
        // Most files land in a folder that exists already, so the folder is
        // created only when the first write fails for want of it.
        match fs::write(&target, bytes) {
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                if let Some(dir) = target.parent() {
                    fs::create_dir_all(dir).with_context(|| format!("cannot create folder {}", dir.display()))?;
                }
                fs::write(&target, bytes)
            }
            other => other,
        }
        .with_context(|| format!("cannot write {}", target.display()))
    }

    /// Copies `copies` (source path, output path), adds the marker file and
    /// replaces `out` with the staging folder.
    pub fn finish(self, copies: &[(PathBuf, String)], out: &Path) -> Result<()> {
        for (source, path) in copies {
            let target = self.dir.path().join(path);
            if let Some(dir) = target.parent() {
                fs::create_dir_all(dir).with_context(|| format!("cannot create folder {}", dir.display()))?;
            }
            fs::copy(source, &target).with_context(|| format!("cannot copy {} to {}", source.display(), target.display()))?;
        }
        let marker = self.dir.path().join(MARKER);
        fs::write(&marker, "This folder is written by baken build and replaced on every build.\n").with_context(|| format!("cannot write {}", marker.display()))?;
        // A temporary folder is private (0700); the published site must be readable.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(self.dir.path(), fs::Permissions::from_mode(0o755))
                .with_context(|| format!("cannot set permissions on {}", self.dir.path().display()))?;
        }
        swap(self.dir, out)
    }
}

/// The destination of a build's output files: memory for `baken serve` and
/// `baken check`, or a staging folder for `baken build`. Either way, the ids
/// and links of each HTML page are recorded for the link check.
pub struct OutputSink {
    target: SinkTarget,
    paths: Mutex<Vec<String>>,
    pages: Mutex<Vec<PageLinks>>,
}

enum SinkTarget {
    Memory(Mutex<Vec<OutputFile>>),
    Folder(Staging),
}

/// The files, paths and page links an [`OutputSink`] received.
pub struct SinkContents {
    /// The files, when the sink kept them in memory; otherwise empty.
    pub files: Vec<OutputFile>,
    /// The staging folder, when the sink wrote the files there.
    pub staging: Option<Staging>,
    /// The path of every file received.
    pub paths: Vec<String>,
    /// The ids and links of every HTML file, sorted by path.
    pub pages: Vec<PageLinks>,
}

impl OutputSink {
    /// Creates a sink that keeps every file in memory.
    pub fn memory() -> Self {
        Self::with_target(SinkTarget::Memory(Mutex::new(Vec::new())))
    }

    /// Creates a sink that writes every file to a staging folder beside `out`.
    pub fn staging(out: &Path) -> Result<Self> {
        Ok(Self::with_target(SinkTarget::Folder(Staging::beside(out)?)))
    }

    fn with_target(target: SinkTarget) -> Self {
        OutputSink { target, paths: Mutex::new(Vec::new()), pages: Mutex::new(Vec::new()) }
    }

    /// Records the ids and links of `file` when it is HTML, then stores or
    /// writes it. Safe to call from several threads at once.
    pub fn put(&self, file: OutputFile) -> Result<()> {
        if file.path.ends_with(".html") {
            let page = scan_page(&file.path, &file.bytes);
            lock(&self.pages).push(page);
        }
        match &self.target {
            SinkTarget::Memory(files) => {
                lock(&self.paths).push(file.path.clone());
                lock(files).push(file);
            }
            SinkTarget::Folder(staging) => {
                staging.write(&file.path, &file.bytes)?;
                lock(&self.paths).push(file.path);
            }
        }
        Ok(())
    }

    /// Returns what the sink received.
    pub fn finish(self) -> SinkContents {
        let paths = into_inner(self.paths);
        let mut pages = into_inner(self.pages);
        pages.sort_unstable_by(|a, b| a.path.cmp(&b.path));
        match self.target {
            SinkTarget::Memory(files) => SinkContents { files: into_inner(files), staging: None, paths, pages },
            SinkTarget::Folder(staging) => SinkContents { files: Vec::new(), staging: Some(staging), paths, pages },
        }
    }
}

/// Locks `mutex`. A thread that panicked while holding it left a complete
/// list behind, because each push either happened or did not.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn into_inner<T>(mutex: Mutex<T>) -> T {
    mutex.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Returns the path that `path` points to when it is a symlink, else
/// `path`. A link to a folder that does not exist yet gives that folder.
pub fn follow_symlink(path: &Path) -> PathBuf {
    let Ok(target) = fs::read_link(path) else { return path.to_path_buf() };
    if let Ok(resolved) = fs::canonicalize(path) {
        return resolved;
    }
    match path.parent() {
        Some(parent) if target.is_relative() => parent.join(target),
        _ => target,
    }
}

/// Start of the name of a staging folder, followed by the process id.
const NEW_PREFIX: &str = ".baken-new-";
/// Start of the name of the folder that contains the previous site during the swap.
const OLD_PREFIX: &str = ".baken-old-";

/// Returns the name prefix of this process's work folders, such as `.baken-new-4242-`.
fn work_prefix(kind: &str) -> String {
    format!("{kind}{}-", std::process::id())
}

/// Deletes work folders in `parent` that a build left when it was killed:
/// those whose process no longer runs, and those from before names carried
/// a process id. A folder of a build that still runs is kept. A build killed
/// between the two renames of the swap left the previous site in its old
/// folder and no `out`: that site is moved back to `out` first. Failures are
/// ignored, because a leftover folder costs only disk space.
pub fn remove_stale_work_folders(parent: &Path, out: &Path) {
    let Ok(entries) = fs::read_dir(parent) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(NEW_PREFIX).or_else(|| name.strip_prefix(OLD_PREFIX)) else { continue };
        let owner = rest.split('-').next().and_then(|pid| pid.parse::<u32>().ok());
        if owner.is_some_and(is_running) || !entry.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        let previous_site = entry.path().join("site");
        if name.starts_with(OLD_PREFIX) && previous_site.is_dir() && !out.exists() {
            let _ = fs::rename(&previous_site, out);
        }
        tracing::debug!(folder = %entry.path().display(), "removing a work folder of a build that was stopped");
        let _ = fs::remove_dir_all(entry.path());
    }
}

/// Returns whether process `pid` runs. Where this cannot be checked, every
/// process counts as running, so no folder is deleted by mistake.
pub fn is_running(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        Path::new("/proc").join(pid.to_string()).exists()
    } else {
        true
    }
}

/// Moves the finished staging folder to `out`, keeping the old one until the move succeeded.
fn swap(staging: tempfile::TempDir, out: &Path) -> Result<()> {
    let fresh = staging.keep();
    if !out.exists() {
        return fs::rename(&fresh, out).with_context(|| format!("cannot move the new site to {}", out.display()));
    }
    let old = tempfile::Builder::new()
        .prefix(&work_prefix(OLD_PREFIX))
        .tempdir_in(out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")))
        .context("cannot create a folder for the previous site")?;
    let old_path = old.path().join("site");
    if let Err(err) = fs::rename(out, &old_path) {
        let _ = fs::remove_dir_all(&fresh);
        return Err(err).with_context(|| format!("cannot move the previous site {} aside", out.display()));
    }
    if let Err(err) = fs::rename(&fresh, out) {
        // Put the previous site back so the output folder is never missing.
        let _ = fs::rename(&old_path, out);
        let _ = fs::remove_dir_all(&fresh);
        return Err(err).with_context(|| format!("cannot move the new site to {}", out.display()));
    }
    remove_files_in_parallel(&old_path);
    drop(old);
    Ok(())
}

/// Deletes the files under `dir` on all threads. On two cores this took two
/// thirds of the time of deleting them one by one (14,000 files on tmpfs).
/// The folders stay for the caller to remove, and so do files that failed.
fn remove_files_in_parallel(dir: &Path) {
    let files: Vec<PathBuf> = WalkDir::new(dir).into_iter().filter_map(Result::ok).filter(|e| !e.file_type().is_dir()).map(|e| e.into_path()).collect();
    files.par_iter().for_each(|file| {
        let _ = fs::remove_file(file);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_os = "linux")]
    #[test]
    fn stale_work_folders_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        // Process ids are below 2^22 on Linux, so this one never runs.
        let stale = dir.path().join(".baken-new-4294967-abc");
        let unnamed = dir.path().join(".baken-old-Xy12ab");
        let running = dir.path().join(format!(".baken-new-{}-def", std::process::id()));
        let other = dir.path().join(".baken-cache");
        for folder in [&stale, &unnamed, &running, &other] {
            fs::create_dir_all(folder.join("sub")).unwrap();
        }
        // A build killed in the middle of the swap left the previous site aside.
        fs::create_dir_all(unnamed.join("site")).unwrap();
        fs::write(unnamed.join("site/index.html"), "vorige").unwrap();
        let staging = Staging::beside(&out).unwrap();
        assert!(!stale.exists());
        assert!(!unnamed.exists());
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "vorige");
        assert!(running.exists());
        assert!(other.exists());
        assert!(staging.dir.path().file_name().unwrap().to_string_lossy().starts_with(&work_prefix(NEW_PREFIX)));
    }

    #[test]
    fn output_folder_guards() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        fs::create_dir_all(root.join("content")).unwrap();
        assert!(check_output_folder(&root, &root).is_err());
        assert!(check_output_folder(&root, dir.path()).is_err());
        assert!(check_output_folder(&root, &root.join("content/site")).is_err());
        assert!(check_output_folder(&root, &root.join("public")).is_ok());
        let foreign = dir.path().join("thesis");
        fs::create_dir_all(&foreign).unwrap();
        fs::write(foreign.join("thesis.txt"), "x").unwrap();
        let err = check_output_folder(&root, &foreign).unwrap_err().to_string();
        assert!(err.contains("not written by baken build"), "{err}");
        fs::write(foreign.join(MARKER), "").unwrap();
        assert!(check_output_folder(&root, &foreign).is_ok());
    }

    #[test]
    fn write_replaces_previous_site() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let first = [OutputFile { path: "a.html".into(), bytes: b"een".to_vec() }];
        write_site(&out, &first, &[]).unwrap();
        let second = [OutputFile { path: "b/c.html".into(), bytes: b"twee".to_vec() }];
        write_site(&out, &second, &[]).unwrap();
        assert!(!out.join("a.html").exists());
        assert_eq!(fs::read_to_string(out.join("b/c.html")).unwrap(), "twee");
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().filter_map(|e| e.ok()).filter(|e| e.file_name().to_string_lossy().starts_with(".baken")).collect();
        assert!(leftovers.is_empty());
    }

    #[test]
    fn dropped_staging_keeps_previous_site() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(&out, &[OutputFile { path: "a.html".into(), bytes: b"een".to_vec() }], &[]).unwrap();
        let sink = OutputSink::staging(&out).unwrap();
        sink.put(OutputFile { path: "b/c.html".into(), bytes: b"<a href=d.html>d</a>".to_vec() }).unwrap();
        let contents = sink.finish();
        assert_eq!(contents.paths, ["b/c.html"]);
        assert_eq!(contents.pages[0].links.iter().collect::<Vec<_>>(), ["d.html"]);
        drop(contents);
        assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "een");
        assert!(!out.join("b").exists());
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().filter_map(|e| e.ok()).filter(|e| e.file_name().to_string_lossy().starts_with(".baken")).collect();
        assert!(leftovers.is_empty());
    }
}
