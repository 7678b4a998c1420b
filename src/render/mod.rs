//! Rendering the model into output files: Markdown, templates, vCards, data.
//!
//! [`pages::plan_site`] turns the model into a list of pages, each with a
//! template and a context; [`render_pages`] and [`PageRenderer`] render and
//! minify them in parallel.

pub mod compact;
pub mod markdown;
pub mod minify;
pub mod pages;
pub mod templates;
pub mod vcard;
pub mod views;

use std::collections::HashMap;

use rayon::prelude::*;
use serde_json::{json, Value};
use tera::Context;

use crate::content::Site;
use crate::search::RelatedItems;
use crate::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::output::OutputSink;
use markdown::{render_markdown, Abbreviations, Rendered};
use templates::Templates;

/// One file of the output, relative to the output folder.
#[derive(Debug, Clone)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// The key of a page's values that contains its Markdown body as HTML written by
/// [`markdown::render_markdown`]. Templates show it with `{{ content | safe }}`.
pub const BODY_KEY: &str = "content";

/// A page to render: its output path, template and context values.
#[derive(Debug, Clone)]
pub struct PagePlan {
    pub url: String,
    pub template: &'static str,
    pub title: String,
    pub values: Value,
}

/// Rendered Markdown bodies of pages, cases and signal descriptions, by id.
#[derive(Debug, Clone, Default)]
pub struct Bodies {
    pub pages: HashMap<String, Rendered>,
    pub cases: HashMap<String, Rendered>,
    pub signals: HashMap<String, Rendered>,
}

/// Builds the glossary abbreviations that get an `<abbr>` on first use.
pub fn abbreviations(site: &Site) -> Abbreviations {
    site.glossary
        .iter()
        .filter_map(|t| t.value.abbreviation.as_ref().map(|a| (a.clone(), t.value.term.clone())))
        .filter(|(abbr, _)| abbr.chars().count() >= 2)
        .collect()
}

/// Renders every Markdown body of the site in parallel.
pub fn render_bodies(site: &Site) -> Bodies {
    let abbr = abbreviations(site);
    let none = Abbreviations::new();
    let pages = site.pages.par_iter().map(|p| (p.id.clone(), render_markdown(&p.file.body, &abbr))).collect();
    let cases = site.cases.par_iter().map(|c| (c.id.clone(), render_markdown(&c.file.body, &abbr))).collect();
    let signals = site.signals.par_iter().map(|s| (s.value.id.clone(), render_markdown(&s.value.description, &none))).collect();
    Bodies { pages, cases, signals }
}

/// Renders and minifies every planned page in parallel.
///
/// A template error becomes a diagnostic naming the page and the template.
pub fn render_pages(plans: &[PagePlan], templates: &Templates, site: &Site, related: &RelatedItems, diagnostics: &Diagnostics) -> Vec<OutputFile> {
    let renderer = PageRenderer::new(templates, site, related);
    plans
        .par_iter()
        .filter_map(|plan| renderer.render(&plan.url, plan.template, &plan.title, plan.values.clone(), diagnostics))
        .collect()
}

/// Renders pages with the values they share, which are made once.
pub struct PageRenderer<'a> {
    templates: &'a Templates,
    shared: SharedValues<'a>,
    related: &'a RelatedItems,
}

impl<'a> PageRenderer<'a> {
    pub fn new(templates: &'a Templates, site: &'a Site, related: &'a RelatedItems) -> Self {
        PageRenderer { templates, shared: SharedValues::new(site), related }
    }

    /// Renders `plans` in parallel and hands each page to `sink` as soon as
    /// it is minified. The values of a page are used without a copy and
    /// freed once the page is rendered. A failed write becomes a diagnostic.
    pub fn render_into(&self, plans: Vec<PagePlan>, sink: &OutputSink, diagnostics: &Diagnostics) {
        plans.into_par_iter().for_each(|plan| {
            let Some(file) = self.render(&plan.url, plan.template, &plan.title, plan.values, diagnostics) else { return };
            put_file(sink, file, diagnostics);
        });
    }

    /// Renders and minifies one page. A template error becomes a diagnostic and None.
    fn render(&self, url: &str, template: &'static str, title: &str, values: Value, diagnostics: &Diagnostics) -> Option<OutputFile> {
        match self.render_html(url, template, title, values) {
            Ok(bytes) => Some(OutputFile { path: url.to_string(), bytes }),
            Err(err) => {
                let path = std::path::PathBuf::from("themes").join(&self.shared.site.config().theme).join("templates").join(template);
                diagnostics.push(
                    Diagnostic::error("template", &path, Position::new(1, 1), format!("rendering {url} failed: {}", templates::error_chain(&err)))
                        .with_help("fix the template, or the content value the message names"),
                );
                None
            }
        }
    }

    /// Renders one page into minified HTML.
    ///
    /// Minified templates give a minified page, as the Markdown body under
    /// [`BODY_KEY`] is compact HTML already. Otherwise only the rest of the
    /// page goes through the minifier and the body is put in after.
    fn render_html(&self, url: &str, template: &str, title: &str, mut values: Value) -> tera::Result<Vec<u8>> {
        let tera = &self.templates.tera;
        let body = if self.templates.compacted { None } else { take_body(&mut values) };
        let mut context = Context::from_value(values).unwrap_or_default();
        context.extend(self.shared.base.clone());
        context.insert("root", &views::root_prefix(url));
        context.insert("url", url);
        context.insert("title", title);
        context.insert("related", self.related.get(url).unwrap_or(&Vec::new()));

        if self.templates.compacted {
            return tera.render(template, &context).map(String::into_bytes);
        }
        let Some(body) = body else {
            return tera.render(template, &context).map(|html| minify::minify_page(&html));
        };
        if let Some(page) = minify::minify_around_body(&tera.render(template, &context)?, &body) {
            return Ok(page);
        }
        // The template did not show the placeholder exactly once, so the
        // page is rendered with its body and minified whole.
        context.insert(BODY_KEY, &body);
        tera.render(template, &context).map(|html| minify::minify_page(&html))
    }
}

/// Hands `file` to `sink` and turns a failed write into a diagnostic.
pub fn put_file(sink: &OutputSink, file: OutputFile, diagnostics: &Diagnostics) {
    let path = file.path.clone();
    if let Err(err) = sink.put(file) {
        diagnostics.push(
            Diagnostic::error("write", std::path::Path::new(&path), Position::new(1, 1), format!("writing {path} failed: {err:#}"))
                .with_help("check that the output folder's parent is writable and the disk is not full"),
        );
    }
}

/// Context values that are the same on every page.
struct SharedValues<'a> {
    site: &'a Site,
    /// `site`, `nav` and `has`, converted to template values once.
    base: Context,
}

impl<'a> SharedValues<'a> {
    fn new(site: &'a Site) -> Self {
        let config = site.config();
        let site_value = json!({
            "title": config.title,
            "language": config.language,
            "description": config.description,
        });
        // Every page gets its own copy of `has`, so it holds only the keys the
        // templates look up: with every page id it would make rendering quadratic.
        let templates_dir = site.root.join("themes").join(&config.theme).join("templates");
        let keys = templates::referenced_keys(&templates_dir, "has");
        let present = pages::present_pages_among(site, keys.as_ref());
        let mut base = Context::new();
        base.insert("site", &site_value);
        base.insert("nav", &pages::navigation(site));
        base.insert("has", &present);
        SharedValues { site, base }
    }
}

/// Takes the Markdown body out of a page's values and leaves the placeholder
/// in its place. Returns None when the page has no body.
fn take_body(values: &mut Value) -> Option<String> {
    let slot = values.get_mut(BODY_KEY)?;
    if !slot.is_string() {
        return None;
    }
    match std::mem::replace(slot, Value::String(minify::BODY_PLACEHOLDER.to_string())) {
        Value::String(body) => Some(body),
        _ => None,
    }
}
