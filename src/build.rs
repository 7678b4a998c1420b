//! The build pipeline: load, validate, derive, render, check links, write.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use tracing::{debug, info};
use walkdir::WalkDir;

use crate::content::{load_site, Site, CONTENT_DIR};
use crate::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::output::{OutputSink, Staging};
use crate::render::{self, pages, OutputFile};
use crate::search::{self, SearchDoc};
use crate::validate;

/// Folder under the site root for data kept outside the published site.
pub const CACHE_DIR: &str = ".baken-cache";

/// Everything a build produced, before it is written.
pub struct BuiltSite {
    pub site: Site,
    /// The generated files, when the build kept them in memory.
    pub files: Vec<OutputFile>,
    /// The staging folder that contains the generated files, when the build
    /// wrote them there instead.
    pub staging: Option<Staging>,
    /// The number of generated files, wherever they are.
    pub generated: usize,
    /// Files copied unchanged: (source path, output path).
    pub copies: Vec<(PathBuf, String)>,
    pub pages: usize,
}

/// Summary of a finished build.
pub struct BuildReport {
    pub pages: usize,
    pub files: usize,
    pub elapsed: Duration,
    pub out: PathBuf,
}

/// Loads and validates the site in `root`, without rendering.
pub fn load_and_validate(root: &Path, diagnostics: &Diagnostics) -> Site {
    let started = Instant::now();
    let site = load_site(root, diagnostics);
    debug!(elapsed = ?started.elapsed(), rss_mb = crate::memory::resident().now_mb, "loaded content");
    if site.config.is_some() {
        let started = Instant::now();
        validate::validate_site(&site, diagnostics);
        debug!(elapsed = ?started.elapsed(), rss_mb = crate::memory::resident().now_mb, "validated content");
    }
    site
}

/// Runs the pipeline up to (not including) writing. Returns None when a
/// stage found errors that make the rest meaningless.
///
/// Each stage logs its time at debug level (`BAKEN_LOG=baken=debug`).
/// Intermediate data is dropped as soon as the next stage no longer needs
/// it, which lowers the peak memory of large sites.
pub fn build_in_memory(root: &Path, diagnostics: &Diagnostics) -> Option<BuiltSite> {
    build_into(root, OutputSink::memory(), Sources::Keep, diagnostics)
}

/// Whether the Markdown sources stay in the site after they are rendered.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Sources {
    /// Kept, for callers that check the content after the build.
    Keep,
    /// Freed, which lowers the peak memory of a large build.
    Drop,
}

/// Runs the pipeline like [`build_in_memory`], handing every generated file
/// to `sink` as soon as it is ready.
fn build_into(root: &Path, sink: OutputSink, sources: Sources, diagnostics: &Diagnostics) -> Option<BuiltSite> {
    let mut site = load_and_validate(root, diagnostics);
    if diagnostics.has_errors() || site.config.is_none() {
        return None;
    }

    // Derive: Markdown bodies, then search and related items from their text.
    let started = Instant::now();
    let mut bodies = render::render_bodies(&site);
    if sources == Sources::Drop {
        site.drop_markdown_sources();
        crate::memory::release_freed();
    }
    debug!(elapsed = ?started.elapsed(), rss_mb = crate::memory::resident().now_mb, "rendered Markdown");
    let started = Instant::now();
    let docs = search_docs(&site, &mut bodies);
    // The files of the browser index are written as they are made.
    let related = search::build_search_into(&docs, &search::synonyms_from(&site), &root.join(CACHE_DIR), &|file| render::put_file(&sink, file, diagnostics));
    drop(docs);
    crate::memory::release_freed();
    let related = match related {
        Ok(related) => related,
        Err(err) => {
            diagnostics.push(Diagnostic::error("search-index", Path::new(CACHE_DIR), Position::new(1, 1), format!("building the search index failed: {err:#}")).with_help("check that the .baken-cache folder can be written, or delete it and build again"));
            return None;
        }
    };
    debug!(elapsed = ?started.elapsed(), rss_mb = crate::memory::resident().now_mb, "derived search index");

    // Render every page.
    let started = Instant::now();
    let theme_dir = root.join("themes").join(&site.config().theme);
    let templates = match render::templates::load_templates(&theme_dir, root) {
        Ok(templates) => templates,
        Err(diagnostic) => {
            diagnostics.push(diagnostic);
            return None;
        }
    };
    // Pages are planned and rendered a batch at a time, so the values of all
    // pages are never in memory together.
    let renderer = render::PageRenderer::new(&templates, &site, &related);
    let mut planned: Vec<(String, &'static str)> = Vec::new();
    pages::plan_site_in_batches(&site, bodies, &mut |batch| {
        planned.extend(batch.iter().map(|p| (p.url.clone(), p.template)));
        renderer.render_into(batch, &sink, diagnostics);
    });
    let page_urls: Vec<String> = planned.iter().map(|(url, _)| url.clone()).collect();
    let sources = page_sources(&site, &planned);
    for file in pages::extra_files(&site, &page_urls) {
        render::put_file(&sink, file, diagnostics);
    }
    let output = sink.finish();
    debug!(elapsed = ?started.elapsed(), rss_mb = crate::memory::resident().now_mb, pages = page_urls.len(), "rendered pages");

    // Static files of the theme and assets of the content are copied as they are.
    let mut copies = static_files(&theme_dir.join("static"), "assets");
    for asset in &site.assets {
        let inner = asset.strip_prefix(CONTENT_DIR).unwrap_or(asset);
        copies.push((root.join(asset), inner.to_string_lossy().replace('\\', "/")));
    }

    // Every internal link must resolve to a file and anchor of the output.
    let started = Instant::now();
    // Planned pages count as present: a page that failed to render has its
    // own error, and links to it would only repeat that error many times.
    let all_paths: HashSet<String> = output.paths.iter().cloned().chain(copies.iter().map(|(_, p)| p.clone())).chain(page_urls.iter().cloned()).collect();
    validate::links::check_page_links(&output.pages, &all_paths, &sources, root, diagnostics);
    debug!(elapsed = ?started.elapsed(), rss_mb = crate::memory::resident().now_mb, "checked links");
    // An error drops the staging folder here, which removes it.
    if diagnostics.has_errors() {
        return None;
    }
    let generated = output.paths.len();
    Some(BuiltSite { site, files: output.files, staging: output.staging, generated, copies, pages: page_urls.len() })
}

/// Builds the site in `root` and writes it to `out`.
///
/// Pages are written to a staging folder beside `out` while they render, and
/// the staging folder replaces `out` only when the whole build succeeded.
pub fn build(root: &Path, out: &Path, diagnostics: &Diagnostics) -> Option<BuildReport> {
    let started = Instant::now();
    // An output folder given as a symlink, say to a USB stick, is replaced
    // where the link points; the link itself stays.
    let target = crate::output::follow_symlink(out);
    let out = target.as_path();
    if let Err(err) = crate::output::check_output_folder(root, out) {
        diagnostics.push(Diagnostic::error("output-folder", out, Position::new(1, 1), format!("{err:#}")).with_help("set `output_dir` in baken.yaml or pass --out with a new folder such as public/"));
        return None;
    }
    let sink = match OutputSink::staging(out) {
        Ok(sink) => sink,
        Err(err) => {
            diagnostics.push(write_error(out, &err));
            return None;
        }
    };
    let built = build_into(root, sink, Sources::Drop, diagnostics)?;
    let writing = Instant::now();
    let written = match built.staging {
        Some(staging) => staging.finish(&built.copies, out),
        None => crate::output::write_site(out, &built.files, &built.copies),
    };
    if let Err(err) = written {
        diagnostics.push(write_error(out, &err));
        return None;
    }
    debug!(elapsed = ?writing.elapsed(), rss_mb = crate::memory::resident().now_mb, "wrote output");
    let report = BuildReport { pages: built.pages, files: built.generated + built.copies.len(), elapsed: started.elapsed(), out: out.to_path_buf() };
    info!(pages = report.pages, files = report.files, out = %out.display(), "site written");
    Some(report)
}

fn write_error(out: &Path, err: &anyhow::Error) -> Diagnostic {
    Diagnostic::error("write", out, Position::new(1, 1), format!("{err:#}")).with_help("check that the output folder's parent is writable and the disk is not full")
}

/// Maps each output page to the file it is made from: its content file, or
/// else its template. A broken link in a page is reported in that file.
/// `planned` contains the URL and template of each page.
pub fn page_sources(site: &Site, planned: &[(String, &'static str)]) -> std::collections::HashMap<String, PathBuf> {
    let theme = PathBuf::from("themes").join(&site.config().theme).join("templates");
    let mut sources: std::collections::HashMap<String, PathBuf> = planned.iter().map(|(url, template)| (url.clone(), theme.join(template))).collect();
    for page in &site.pages {
        sources.insert(page.url.clone(), page.file.source.path.clone());
    }
    for case in &site.cases {
        sources.insert(case.url.clone(), case.file.source.path.clone());
    }
    for item in &site.partners {
        sources.insert(format!("partners/{}.html", item.value.id), item.source.path.clone());
    }
    for item in &site.signals {
        sources.insert(format!("signalen/{}.html", item.value.id), item.source.path.clone());
    }
    for item in &site.quizzes {
        sources.insert(format!("quizzes/{}.html", item.value.id), item.source.path.clone());
    }
    sources
}

fn static_files(dir: &Path, prefix: &str) -> Vec<(PathBuf, String)> {
    WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let inner = e.path().strip_prefix(dir).ok()?.to_string_lossy().replace('\\', "/");
            Some((e.path().to_path_buf(), format!("{prefix}/{inner}")))
        })
        .collect()
}

/// Collects the searchable text of every item of the site. The plain text
/// of the bodies moves into the documents, because only search reads it.
pub fn search_docs(site: &Site, bodies: &mut render::Bodies) -> Vec<SearchDoc> {
    let mut docs = Vec::new();
    for page in &site.pages {
        let body = bodies.pages.get_mut(&page.id);
        let headings = body.as_ref().map(|b| b.headings.iter().map(|h| h.text.clone()).collect()).unwrap_or_default();
        let text = body.map(|b| std::mem::take(&mut b.text)).unwrap_or_default();
        docs.push(SearchDoc {
            kind: "pagina",
            id: page.id.clone(),
            title: page.file.meta.title.clone(),
            url: page.url.clone(),
            headings,
            body: format!("{}\n{}", page.file.meta.summary, text),
        });
    }
    for item in &site.partners {
        let p = &item.value;
        let mut body = vec![p.summary.clone()];
        body.extend(p.tasks.iter().cloned());
        for c in &p.contacts {
            body.extend([Some(c.label.clone()), c.phone.clone(), c.email.clone(), c.note.clone()].into_iter().flatten());
        }
        docs.push(SearchDoc { kind: "partner", id: p.id.clone(), title: p.name.clone(), url: format!("partners/{}.html", p.id), headings: p.abbreviation.iter().cloned().collect(), body: body.join("\n") });
    }
    for item in &site.signals {
        let s = &item.value;
        let forms: Vec<&str> = s.forms.iter().map(|f| f.label()).collect();
        // The rendered text, without Markdown marks such as `**`.
        let description = bodies.signals.get_mut(&s.id).map(|b| std::mem::take(&mut b.text)).unwrap_or_else(|| s.description.clone());
        docs.push(SearchDoc { kind: "signaal", id: s.id.clone(), title: s.title.clone(), url: format!("signalen/{}.html", s.id), headings: Vec::new(), body: format!("{}\n{}", forms.join("\n"), description) });
    }
    for case in &site.cases {
        let body = bodies.cases.get_mut(&case.id).map(|b| std::mem::take(&mut b.text)).unwrap_or_default();
        let meta = &case.file.meta;
        docs.push(SearchDoc { kind: "casus", id: case.id.clone(), title: meta.title.clone(), url: case.url.clone(), headings: meta.questions.clone(), body: format!("{}\n{}\n{}", meta.summary, body, meta.outcome) });
    }
    for item in &site.glossary {
        let t = &item.value;
        let title = match &t.abbreviation {
            Some(abbr) => format!("{abbr}: {}", t.term),
            None => t.term.clone(),
        };
        docs.push(SearchDoc { kind: "begrip", id: t.id.clone(), title, url: format!("begrippen.html#{}", t.id), headings: t.synonyms.clone(), body: t.explanation.clone() });
    }
    for item in &site.quizzes {
        let q = &item.value;
        let prompts: Vec<String> = q.questions.iter().map(|x| x.prompt.clone()).collect();
        docs.push(SearchDoc { kind: "quiz", id: q.id.clone(), title: q.title.clone(), url: format!("quizzes/{}.html", q.id), headings: vec![q.persona.role.clone()], body: format!("{}\n{}", q.intro, prompts.join("\n")) });
    }
    docs
}
