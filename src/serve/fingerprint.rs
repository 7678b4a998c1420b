//! Fingerprints: 64-bit hashes of the inputs of a page, so the preview can
//! tell which pages must be rendered again.
//!
//! The hasher is std's `DefaultHasher` with its fixed keys, so equal inputs
//! give equal fingerprints for the life of the process. Fingerprints are kept
//! in memory only.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;

use walkdir::WalkDir;

use crate::content::Site;
use crate::render::{pages, PagePlan};

/// Hashes what every page depends on: the settings, the menu and the templates.
pub fn shared_fingerprint(site: &Site, templates: u64) -> u64 {
    let mut hasher = DefaultHasher::new();
    templates.hash(&mut hasher);
    format!("{:?}", site.config()).hash(&mut hasher);
    write_json(&mut hasher, &pages::navigation(site));
    hasher.finish()
}

/// Hashes everything `render_pages` reads for one plan, given the shared fingerprint.
pub fn plan_fingerprint(
    plan: &PagePlan,
    related: Option<&Vec<crate::search::RelatedItem>>,
    shared: u64,
) -> u64 {
    let mut hasher = DefaultHasher::new();
    shared.hash(&mut hasher);
    plan.url.hash(&mut hasher);
    plan.template.hash(&mut hasher);
    plan.title.hash(&mut hasher);
    write_json(&mut hasher, &plan.values);
    write_json(&mut hasher, &related);
    hasher.finish()
}

/// Hashes the path and content of every file under the templates folder.
///
/// A missing or unreadable folder hashes like an empty one, and loading the
/// templates then reports the problem.
pub fn templates_fingerprint(dir: &Path) -> u64 {
    let mut hasher = DefaultHasher::new();
    dir.hash(&mut hasher);
    for entry in WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.file_type().is_file() {
            entry.path().hash(&mut hasher);
            std::fs::read(entry.path())
                .unwrap_or_default()
                .hash(&mut hasher);
        }
    }
    hasher.finish()
}

/// Hashes the JSON text of `value`.
pub fn json_fingerprint<T: serde::Serialize + ?Sized>(value: &T) -> u64 {
    let mut hasher = DefaultHasher::new();
    write_json(&mut hasher, value);
    hasher.finish()
}

/// Feeds the JSON text of `value` into `hasher` without building the string.
fn write_json<T: serde::Serialize + ?Sized>(hasher: &mut DefaultHasher, value: &T) {
    // The result is ignored: HashWriter never fails, and the values hashed here
    // (`serde_json::Value`, derived `Serialize` types) always serialize.
    let _ = serde_json::to_writer(HashWriter(hasher), value);
}

/// An `io::Write` that feeds every byte into a hasher.
struct HashWriter<'a>(&'a mut DefaultHasher);

impl std::io::Write for HashWriter<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.write(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn plan(values: serde_json::Value) -> PagePlan {
        PagePlan {
            url: "a.html".into(),
            template: "page.html",
            title: "A".into(),
            values,
        }
    }

    #[test]
    fn plan_fingerprint_follows_context_values() {
        let first = plan_fingerprint(&plan(json!({"x": 1})), None, 7);
        let same = plan_fingerprint(&plan(json!({"x": 1})), None, 7);
        let changed = plan_fingerprint(&plan(json!({"x": 2})), None, 7);
        assert_eq!(first, same);
        assert_ne!(first, changed);
    }

    #[test]
    fn plan_fingerprint_follows_shared_inputs() {
        let first = plan_fingerprint(&plan(json!({})), None, 1);
        let other = plan_fingerprint(&plan(json!({})), None, 2);
        assert_ne!(first, other);
    }

    #[test]
    fn plan_fingerprint_follows_related_items() {
        let related = vec![crate::search::RelatedItem { title: "B".into(), url: "b.html".into(), kind: "pagina" }];
        let without = plan_fingerprint(&plan(json!({})), None, 1);
        let with = plan_fingerprint(&plan(json!({})), Some(&related), 1);
        assert_ne!(without, with);
    }

    #[test]
    fn templates_fingerprint_follows_file_content() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("base.html"), "een").unwrap();
        let first = templates_fingerprint(dir.path());
        std::fs::write(dir.path().join("base.html"), "twee").unwrap();
        assert_ne!(first, templates_fingerprint(dir.path()));
    }
}
