//! Writing the site: into a temporary folder beside the output, then a swap.
//!
//! The previous site stays in place until the new one is complete, so a
//! failed build never leaves a half-written output folder.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::render::OutputFile;

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
    fs::rename(out, &old_path).with_context(|| format!("cannot move the previous site {} aside", out.display()))?;
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
