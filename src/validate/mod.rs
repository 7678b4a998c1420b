//! Checks across the whole model: ids, references, the route and the quizzes.
//!
//! Each check pushes located diagnostics and never stops at the first problem.

pub mod blanks;
pub mod freshness;
pub mod links;
pub mod personal_data;
pub mod raw_html;
pub mod references;
pub mod route;

use crate::content::Site;
use crate::diagnostics::Diagnostics;

/// Runs every model check that `baken build` and `baken check` share.
pub fn validate_site(site: &Site, diagnostics: &Diagnostics) {
    references::check_ids(site, diagnostics);
    references::check_references(site, diagnostics);
    references::check_contacts(site, diagnostics);
    raw_html::check_raw_html(site, diagnostics);
    if let Some(route) = &site.route {
        route::check_route(route, site, diagnostics);
    }
    for quiz in &site.quizzes {
        crate::quiz::rules::check_quiz(quiz, site, diagnostics);
    }
}
