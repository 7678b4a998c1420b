//! Rendering the model into output files: Markdown, templates, vCards, data.
//!
//! [`plan_site`] turns the model into a list of pages, each with a template
//! and a context; [`render_pages`] renders and minifies them in parallel.

pub mod markdown;
pub mod minify;
pub mod pages;
pub mod templates;
pub mod vcard;
pub mod views;

use std::collections::HashMap;

use rayon::prelude::*;
use serde_json::{json, Value};
use tera::{Context, Tera};

use crate::content::Site;
use crate::diagnostics::{Diagnostic, Diagnostics, Position};
use markdown::{render_markdown, Abbreviations, Rendered};

/// One file of the output, relative to the output folder.
#[derive(Debug, Clone)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

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
pub fn render_pages(plans: &[PagePlan], tera: &Tera, site: &Site, related: &HashMap<String, Vec<Value>>, diagnostics: &Diagnostics) -> Vec<OutputFile> {
    let shared = SharedValues::new(site);
    plans
        .par_iter()
        .filter_map(|plan| render_page(&plan.url, plan.template, &plan.title, plan.values.clone(), tera, &shared, related, diagnostics))
        .collect()
}

/// Renders like [`render_pages`], but takes the plans, so the values of each
/// page are used without a copy and freed once the page is rendered.
pub fn render_owned_pages(plans: Vec<PagePlan>, tera: &Tera, site: &Site, related: &HashMap<String, Vec<Value>>, diagnostics: &Diagnostics) -> Vec<OutputFile> {
    let shared = SharedValues::new(site);
    plans
        .into_par_iter()
        .filter_map(|plan| render_page(&plan.url, plan.template, &plan.title, plan.values, tera, &shared, related, diagnostics))
        .collect()
}

/// Context values that are the same on every page.
struct SharedValues<'a> {
    site: &'a Site,
    site_value: Value,
    nav: Value,
    present: Value,
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
        SharedValues { site, site_value, nav: pages::navigation(site), present }
    }
}

/// Renders and minifies one page. A template error becomes a diagnostic and None.
#[allow(clippy::too_many_arguments)]
fn render_page(url: &str, template: &'static str, title: &str, values: Value, tera: &Tera, shared: &SharedValues, related: &HashMap<String, Vec<Value>>, diagnostics: &Diagnostics) -> Option<OutputFile> {
    let mut context = Context::from_value(values).unwrap_or_default();
    context.insert("site", &shared.site_value);
    context.insert("root", &views::root_prefix(url));
    context.insert("url", url);
    context.insert("title", title);
    context.insert("nav", &shared.nav);
    context.insert("has", &shared.present);
    context.insert("related", related.get(url).unwrap_or(&Vec::new()));
    match tera.render(template, &context) {
        Ok(html) => Some(OutputFile { path: url.to_string(), bytes: minify::minify_page(&html) }),
        Err(err) => {
            let path = std::path::PathBuf::from("themes").join(&shared.site.config().theme).join("templates").join(template);
            diagnostics.push(
                Diagnostic::error("template", &path, Position::new(1, 1), format!("rendering {url} failed: {}", templates::error_chain(&err)))
                    .with_help("fix the template, or the content value the message names"),
            );
            None
        }
    }
}
