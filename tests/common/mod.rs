//! Helpers shared by the integration tests: fixture sites in temporary
//! folders and runs of the real `baken` binary.

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root, where `themes/` and the real content live.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies the folder `from` into `to`, merging with what is there.
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("readable fixture");
        let relative = entry.path().strip_prefix(from).unwrap();
        let target = to.join(relative);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Creates a site in a temporary folder from fixture folders laid over each
/// other in order (later ones replace files of earlier ones), plus the
/// default theme of the repository.
pub fn fixture_site(layers: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for layer in layers {
        copy_tree(&repo_root().join("tests/fixtures").join(layer), dir.path());
    }
    copy_tree(&repo_root().join("themes"), &dir.path().join("themes"));
    dir
}

/// A copy of the real site (configuration, content, quizzes, theme).
pub fn real_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = repo_root();
    fs::copy(root.join("baken.yaml"), dir.path().join("baken.yaml")).unwrap();
    for folder in ["content", "quizzes", "themes"] {
        copy_tree(&root.join(folder), &dir.path().join(folder));
    }
    dir
}

/// Runs `baken` with `args` in `dir`, with colours off.
pub fn baken(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_baken"))
        .args(args)
        .current_dir(dir)
        .env_remove("BAKEN_LOG")
        .output()
        .expect("baken runs")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Builds the minimal site with the fixture `layer` on top, asserts that the
/// build fails cleanly (exit code 1, no panic, no output), and returns stderr.
pub fn failing_build(layer: &str) -> String {
    let site = fixture_site(&["minimal", layer]);
    let output = baken(site.path(), &["build"]);
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "build of {layer} should fail:\n{text}");
    assert!(!text.contains("panicked"), "{text}");
    assert!(!site.path().join("public").exists(), "a failed build must not write output");
    text
}
