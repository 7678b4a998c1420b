//! Writing the site: into a temporary folder beside the output, then a swap.
//!
//! The previous site stays in place until the new one is complete, so a
//! failed build never leaves a half-written output folder.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::render::OutputFile;

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
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    fs::create_dir_all(parent).with_context(|| format!("cannot create folder {}", parent.display()))?;
    let staging = tempfile::Builder::new()
        .prefix(".baken-new-")
        .tempdir_in(parent)
        .with_context(|| format!("cannot create a temporary folder in {}", parent.display()))?;

    for file in files {
        let target = staging.path().join(&file.path);
        if let Some(dir) = target.parent() {
            fs::create_dir_all(dir).with_context(|| format!("cannot create folder {}", dir.display()))?;
        }
        fs::write(&target, &file.bytes).with_context(|| format!("cannot write {}", target.display()))?;
    }
    for (source, path) in copies {
        let target = staging.path().join(path);
        if let Some(dir) = target.parent() {
            fs::create_dir_all(dir).with_context(|| format!("cannot create folder {}", dir.display()))?;
        }
        fs::copy(source, &target).with_context(|| format!("cannot copy {} to {}", source.display(), target.display()))?;
    }
    fs::write(staging.path().join(MARKER), "This folder is written by baken build and replaced on every build.\n")
        .with_context(|| format!("cannot write {}", staging.path().join(MARKER).display()))?;
    // A temporary folder is private (0700); the published site must be readable.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(staging.path(), fs::Permissions::from_mode(0o755))
            .with_context(|| format!("cannot set permissions on {}", staging.path().display()))?;
    }
    swap(staging, out)
}

/// Moves the finished staging folder to `out`, keeping the old one until the move succeeded.
fn swap(staging: tempfile::TempDir, out: &Path) -> Result<()> {
    let fresh = staging.keep();
    if !out.exists() {
        return fs::rename(&fresh, out).with_context(|| format!("cannot move the new site to {}", out.display()));
    }
    let old = tempfile::Builder::new()
        .prefix(".baken-old-")
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
    drop(old);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
