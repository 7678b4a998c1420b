//! Integration tests of `baken build` on fixture sites and on the real content.

mod common;

use std::collections::HashSet;
use std::fs;

use common::{baken, failing_build, fixture_site, real_site, stderr};


#[test]
fn minimal_site_builds() {
    let site = fixture_site(&["minimal"]);
    let output = baken(site.path(), &["build"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let out = site.path().join("public");
    for page in ["index.html", "welkom.html", "partners/team-a.html", "partners/team-a.vcf", "signalen/geen-loon.html", "casussen/stal.html", "meldroute/index.html", "quizzes/balie.html", "begrippen.html", "404.html"] {
        assert!(out.join(page).is_file(), "missing {page}");
    }
    assert!(stderr(&output).contains("Built "), "summary line missing");
}

#[cfg(unix)]
#[test]
fn symlinked_output_fills_the_target() {
    let site = fixture_site(&["minimal"]);
    let target = tempfile::tempdir().unwrap();
    let stick = target.path().join("stick");
    let link = site.path().join("usb");
    std::os::unix::fs::symlink(&stick, &link).unwrap();
    for _ in 0..2 {
        let output = baken(site.path(), &["build", "--out", "usb"]);
        assert!(output.status.success(), "{}", stderr(&output));
    }
    assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link was replaced");
    assert!(stick.join("index.html").is_file());
    let leftovers: Vec<String> = fs::read_dir(target.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).filter(|n| n != "stick").collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn template_error_is_not_buried_in_link_errors() {
    let site = real_site();
    let template = site.path().join("themes/default/templates/page.html");
    let text = fs::read_to_string(&template).unwrap().replacen("{% block content %}", "{% block content %}{{ page.geen_veld | upper }}", 1);
    fs::write(&template, text).unwrap();
    let output = baken(site.path(), &["build"]);
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(text.contains("error[template]"), "{text}");
    assert!(!text.contains("error[broken-link]"), "{text}");
}

#[test]
fn errors_on_broken_raw_html() {
    let text = failing_build("raw-html");
    assert!(text.contains("closing tag `</div>` has no opening tag"), "{text}");
    assert!(text.contains("content/welkom.md:12:7"), "{text}");
    assert!(text.contains("HTML comment is not closed"), "{text}");
    assert!(text.contains("content/welkom.md:14:1"), "{text}");
}

#[test]
fn errors_on_invalid_yaml() {
    let text = failing_build("invalid-yaml");
    assert!(text.contains("error[invalid-yaml]: invalid YAML"), "{text}");
    assert!(text.contains("content/partners/team-a.yaml:5:10"), "{text}");
}

#[test]
fn errors_on_unclosed_front_matter() {
    let text = failing_build("unclosed-front-matter");
    assert!(text.contains("front matter is not closed"), "{text}");
    assert!(text.contains("content/welkom.md:1:1"), "{text}");
    assert!(text.contains("add a line with only `---`"), "{text}");
}

#[test]
fn errors_on_missing_field() {
    let text = failing_build("missing-field");
    assert!(text.contains("missing field `title`"), "{text}");
    assert!(text.contains("content/signalen/geen-loon.yaml:1:1"), "{text}");
    assert!(text.contains("help: add the field"), "{text}");
    assert!(!text.contains("signal `geen-loon` does not exist"), "a file that failed to load must not cause follow-up errors:\n{text}");
}

#[test]
fn errors_on_unknown_field() {
    let text = failing_build("unknown-field");
    assert!(text.contains("unknown field `kleur`, expected one of"), "{text}");
    assert!(text.contains("content/partners/team-a.yaml:5:1"), "{text}");
}

#[test]
fn errors_on_wrong_type() {
    let text = failing_build("wrong-type");
    assert!(text.contains("acute: invalid type: string \"misschien\", expected a boolean"), "{text}");
    assert!(text.contains("content/signalen/geen-loon.yaml:6:8"), "{text}");
}

#[test]
fn errors_on_duplicate_id() {
    let text = failing_build("duplicate-id");
    assert!(text.contains("duplicate municipality id `dorp`"), "{text}");
    assert!(text.contains("content/gemeenten.yaml:8:7"), "{text}");
}

#[test]
fn errors_on_missing_reference() {
    let text = failing_build("missing-reference");
    assert!(text.contains("signal `bestaat-niet` does not exist"), "{text}");
    assert!(text.contains("content/casussen/stal.md:5:22"), "{text}");
    assert!(text.contains("use the id of an existing item in content/signalen/"), "{text}");
}

#[test]
fn errors_on_broken_link_and_anchor() {
    let text = failing_build("broken-link");
    assert!(text.contains("page welkom.html links to `verdwenen.html`: no file `verdwenen.html` in the site"), "{text}");
    assert!(text.contains("no element with id `andere-kop` in welkom.html"), "{text}");
    assert!(text.contains("content/welkom.md:10:75"), "{text}");
}

#[test]
fn reports_all_errors_together() {
    let text = failing_build("many-errors");
    assert!(text.contains("invalid type: string \"misschien\""), "{text}");
    assert!(text.contains("unknown field `kleur`"), "{text}");
    assert!(text.contains("signal `bestaat-niet` does not exist"), "{text}");
    assert!(text.contains("Build failed with 3 errors"), "{text}");
}

#[test]
fn failed_build_keeps_previous_output() {
    let site = fixture_site(&["minimal"]);
    assert!(baken(site.path(), &["build"]).status.success());
    let index = site.path().join("public/index.html");
    let before = fs::read(&index).unwrap();

    common::copy_tree(&common::repo_root().join("tests/fixtures/wrong-type"), site.path());
    let output = baken(site.path(), &["build"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("previous output was left unchanged"));
    assert_eq!(fs::read(&index).unwrap(), before);
    let leftovers: Vec<_> = fs::read_dir(site.path()).unwrap().filter_map(Result::ok).filter(|e| { let name = e.file_name().to_string_lossy().into_owned(); name.starts_with(".baken-new-") || name.starts_with(".baken-old-") }).collect();
    assert!(leftovers.is_empty(), "temporary folders left behind");
}

#[test]
fn broken_link_keeps_previous_output() {
    // A broken link is found after every page went to the staging folder,
    // so this checks that the staging folder is thrown away as a whole.
    let site = fixture_site(&["minimal"]);
    assert!(baken(site.path(), &["build"]).status.success());
    let public = site.path().join("public");
    let before = files_under(&public);

    common::copy_tree(&common::repo_root().join("tests/fixtures/broken-link"), site.path());
    let output = baken(site.path(), &["build"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("no file `verdwenen.html` in the site"), "{}", stderr(&output));
    assert_eq!(files_under(&public), before);
    let leftovers: Vec<_> = fs::read_dir(site.path()).unwrap().filter_map(Result::ok).filter(|e| e.file_name().to_string_lossy().starts_with(".baken-new-")).collect();
    assert!(leftovers.is_empty(), "staging folder left behind");
}

/// Returns every file under `dir` with its bytes, by path relative to `dir`.
fn files_under(dir: &std::path::Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().to_path_buf(), fs::read(e.path()).unwrap()))
        .collect();
    files.sort();
    files
}

#[test]
fn out_flag_sets_output_folder() {
    let site = fixture_site(&["minimal"]);
    let output = baken(site.path(), &["build", "--out", "elders"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(site.path().join("elders/index.html").is_file());
}

#[test]
fn missing_config_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let output = baken(dir.path(), &["build"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    assert!(text.contains("baken.yaml"), "{text}");
    assert!(text.contains("content folder not found"), "{text}");
}

#[test]
fn abbreviation_marked_on_first_use() {
    let site = fixture_site(&["minimal"]);
    fs::write(site.path().join("content/welkom.md"), "---\ntitle: Welkom\nsummary: Test.\naudience: [af]\n---\n\nBel TA. Daarna weer TA.\n").unwrap();
    assert!(baken(site.path(), &["build"]).status.success());
    let html = fs::read_to_string(site.path().join("public/welkom.html")).unwrap();
    assert_eq!(html.matches("<abbr title=\"Team A\">TA</abbr>").count(), 1, "{html}");
}

#[test]
fn sitemap_only_with_base_url() {
    let site = fixture_site(&["minimal"]);
    assert!(baken(site.path(), &["build"]).status.success());
    assert!(!site.path().join("public/sitemap.xml").exists());
    fs::write(site.path().join("baken.yaml"), "title: Test\nbase_url: https://voorbeeld.nl/mh\n").unwrap();
    assert!(baken(site.path(), &["build"]).status.success());
    let xml = fs::read_to_string(site.path().join("public/sitemap.xml")).unwrap();
    assert!(xml.contains("<loc>https://voorbeeld.nl/mh/partners/team-a.html</loc>"), "{xml}");
}

/// Collects `href` and `src` values of an HTML file, quoted or not.
fn links_of(html: &str) -> Vec<String> {
    let pattern = regex::Regex::new(r#"\s(?:href|src)=(?:"([^"]*)"|([^\s>"']+))"#).unwrap();
    pattern
        .captures_iter(html)
        .map(|c| c.get(1).or(c.get(2)).unwrap().as_str().replace("&amp;", "&"))
        .collect()
}

fn ids_of(html: &str) -> HashSet<String> {
    let pattern = regex::Regex::new(r#"\sid=(?:"([^"]*)"|([^\s>"']+))"#).unwrap();
    pattern.captures_iter(html).map(|c| c.get(1).or(c.get(2)).unwrap().as_str().to_string()).collect()
}

#[test]
fn real_site_links_resolve() {
    let site = real_site();
    let output = baken(site.path(), &["build"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let out = site.path().join("public");
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(&out).into_iter().filter_map(Result::ok) {
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) != Some("html") {
            continue;
        }
        let html = fs::read_to_string(path).unwrap();
        assert!(!html.contains("https://cdn"), "CDN asset in {}", path.display());
        assert!(!html.contains("fonts.googleapis"), "web font in {}", path.display());
        for link in links_of(&html) {
            if link.contains(':') || link.starts_with("//") {
                assert!(!link.starts_with("http:") || !link.contains("src="), "external source");
                continue;
            }
            assert!(!link.starts_with('/'), "absolute link {link} in {}", path.display());
            let (file, fragment) = link.split_once('#').unwrap_or((&link, ""));
            let target = if file.is_empty() { path.to_path_buf() } else { path.parent().unwrap().join(file.split('?').next().unwrap()) };
            assert!(target.is_file(), "{} links to {link}, which is not a file", path.display());
            if !fragment.is_empty() && target.extension().and_then(|e| e.to_str()) == Some("html") {
                let ids = ids_of(&fs::read_to_string(&target).unwrap());
                assert!(ids.contains(fragment), "{} links to {link}, but the anchor is missing", path.display());
            }
            checked += 1;
        }
    }
    assert!(checked > 1000, "only {checked} links checked");
}

/// Every phone number and e-mail address of the regional policy's list of
/// chain partners, exactly as the policy writes them.
const PARTNER_CONTACTS: &[&str] = &[
    "088-0430430",
    "0800-5151",
    "070-3334180",
    "0800-1814",
    "088-9630320",
    "0900-8844",
    "073-6153020",
    "14 0492",
    "040-2193388",
    "073-6139225",
    "mensenhandel.avim.oost-brabant@politie.nl",
    "zorg-veiligheidshuis@zvhbno.nl",
    "meldpuntmensenhandel@helmond.nl",
    "zorgcoördinatie-mp@lumenswerkt.nl",
    "info@modenbosch.nl",
];

#[test]
fn real_site_lists_every_partner_contact() {
    let site = real_site();
    assert!(baken(site.path(), &["build"]).status.success());
    let partners = site.path().join("public/partners");
    let pages: Vec<String> = fs::read_dir(&partners)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().and_then(|x| x.to_str()) == Some("html"))
        .map(|e| fs::read_to_string(e.path()).unwrap())
        .collect();
    for contact in PARTNER_CONTACTS {
        assert!(pages.iter().any(|html| html.contains(contact)), "{contact} is on no partner page");
    }
    let sheet = fs::read_to_string(site.path().join("public/contactblad.html")).unwrap();
    for contact in PARTNER_CONTACTS {
        assert!(sheet.contains(contact), "{contact} is missing from the contact sheet");
    }
}

#[test]
fn real_site_is_offline_safe() {
    let site = real_site();
    assert!(baken(site.path(), &["build"]).status.success());
    let out = site.path().join("public");
    let index = fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("Content-Security-Policy"), "CSP meta tag missing");
    assert!(!index.contains("unsafe-inline"));
    assert!(index.contains("lang=nl") || index.contains("lang=\"nl\""), "{}", &index[..200.min(index.len())]);
    for entry in walkdir::WalkDir::new(&out).into_iter().filter_map(Result::ok) {
        if entry.path().extension().and_then(|e| e.to_str()) == Some("html") {
            let html = fs::read_to_string(entry.path()).unwrap();
            assert!(!html.contains("type=module"), "ES module in {}", entry.path().display());
            for tag in regex::Regex::new(r"<script[^>]*>").unwrap().find_iter(&html) {
                let tag = tag.as_str();
                assert!(tag.contains(" src=") || tag.contains("type=application/json"), "inline script {tag} in {}", entry.path().display());
            }
            // The quick-exit page is neutral on purpose: it must not show what the site is about.
            if !entry.path().ends_with("snel-weg.html") {
                assert!(html.contains("tel:112"), "no 112 line in {}", entry.path().display());
            }
        }
    }
}

#[test]
fn refuses_to_replace_foreign_folder() {
    let site = fixture_site(&["minimal"]);
    let foreign = site.path().join("scriptie");
    fs::create_dir_all(&foreign).unwrap();
    fs::write(foreign.join("scriptie.txt"), "niet weggooien").unwrap();
    let output = baken(site.path(), &["build", "--out", "scriptie"]);
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(text.contains("not written by baken build"), "{text}");
    assert_eq!(fs::read_to_string(foreign.join("scriptie.txt")).unwrap(), "niet weggooien");
}

#[test]
fn refuses_site_root_as_output() {
    let site = fixture_site(&["minimal"]);
    for out in [".", "content/site"] {
        let output = baken(site.path(), &["build", "--out", out]);
        let text = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{out}: {text}");
        assert!(text.contains("output folder"), "{text}");
    }
    assert!(site.path().join("content/welkom.md").is_file(), "content was deleted");
    assert!(site.path().join("baken.yaml").is_file(), "configuration was deleted");
}

#[test]
fn output_is_readable_and_marked() {
    let site = fixture_site(&["minimal"]);
    assert!(baken(site.path(), &["build"]).status.success());
    let out = site.path().join("public");
    assert!(out.join(".baken-output").is_file());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&out).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o755);
    }
    // A second build replaces the folder it wrote itself.
    assert!(baken(site.path(), &["build"]).status.success());
}

#[test]
fn unknown_files_are_not_published() {
    let site = fixture_site(&["minimal"]);
    fs::write(site.path().join("content/casussen/notities.txt"), "aantekeningen").unwrap();
    fs::write(site.path().join("content/casussen/stal.md~"), "oude versie").unwrap();
    fs::create_dir_all(site.path().join("content/img")).unwrap();
    fs::write(site.path().join("content/img/kaart.png"), [0x89, b'P', b'N', b'G']).unwrap();
    let output = baken(site.path(), &["build"]);
    let text = stderr(&output);
    assert!(output.status.success(), "{text}");
    assert!(text.contains("warning[unpublished-file]: file is not published"), "{text}");
    assert!(text.contains("content/casussen/notities.txt"), "{text}");
    assert!(text.contains("content/casussen/stal.md~"), "{text}");
    let out = site.path().join("public");
    assert!(!out.join("casussen/notities.txt").exists());
    assert!(!out.join("casussen/stal.md~").exists());
    assert!(out.join("img/kaart.png").is_file());
}

/// Minifying the templates once must give the pages that minifying every
/// rendered page gives: the same elements, attributes and text.
#[test]
fn minified_templates_render_minified_pages() {
    use baken::render::{self, minify::minify_page, pages, templates};
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let diagnostics = baken::diagnostics::Diagnostics::new();
    let site = baken::build::load_and_validate(root, &diagnostics);
    assert!(!diagnostics.has_errors());
    let theme = root.join("themes").join(&site.config().theme);
    let compacted = templates::load_templates(&theme, root).unwrap();
    assert!(compacted.compacted, "a template of the default theme is not minified as it loads");
    let as_written = templates::load_templates_as_written(&theme, root).unwrap();
    let plans = pages::plan_site(&site, &render::render_bodies(&site));
    let related = baken::search::RelatedItems::new();
    let fast = render::render_pages(&plans, &compacted, &site, &related, &diagnostics);
    let slow = render::render_pages(&plans, &as_written, &site, &related, &diagnostics);
    assert!(!diagnostics.has_errors());
    assert_eq!(fast.len(), plans.len());
    let slow: std::collections::HashMap<&str, &[u8]> = slow.iter().map(|f| (f.path.as_str(), f.bytes.as_slice())).collect();
    // The Markdown body goes into both pages as it is, so both are minified
    // once more to compare them in one form.
    let minified = |bytes: &[u8]| String::from_utf8(minify_page(std::str::from_utf8(bytes).unwrap())).unwrap();
    for page in &fast {
        let (fast, slow) = (minified(&page.bytes), minified(slow[page.path.as_str()]));
        let first = fast.bytes().zip(slow.bytes()).position(|(a, b)| a != b).unwrap_or(fast.len().min(slow.len()));
        assert!(fast == slow, "{} differs at byte {first}:\n{}\n{}", page.path, fast.get(first.saturating_sub(80)..).unwrap_or(&fast), slow.get(first.saturating_sub(80)..).unwrap_or(&slow));
    }
}

/// A theme whose templates cannot be minified as they load still builds:
/// its pages are minified after rendering, and `-v` logs why.
#[test]
fn tags_in_elements_minify_after_rendering() {
    let site = real_site();
    let base = site.path().join("themes/default/templates/base.html");
    let text = fs::read_to_string(&base).unwrap();
    let nav = r#"{% if item.url == url %}<li><a href="{{ root }}{{ item.url }}" aria-current="page">{{ item.title }}</a></li>{% else %}<li><a href="{{ root }}{{ item.url }}">{{ item.title }}</a></li>{% endif %}"#;
    assert!(text.contains(nav), "the menu of base.html changed; update this test");
    let inside = r#"<li><a href="{{ root }}{{ item.url }}"{% if item.url == url %} aria-current="page"{% endif %}>{{ item.title }}</a></li>"#;
    fs::write(&base, text.replace(nav, inside)).unwrap();
    let output = baken(site.path(), &["build", "-v"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stderr(&output).contains("base.html is not minified as it loads: line 35"), "{}", stderr(&output));
    let signals = fs::read_to_string(site.path().join("public/signalen/index.html")).unwrap();
    assert!(signals.contains(r#"<a aria-current=page href=../signalen/index.html>Signalen</a>"#), "{signals}");
    assert!(!signals.contains("\n  "), "the page is not minified");
}

/// A block of a child template lands inside the paragraph of its parent, so
/// the minified templates must keep the spaces at the block's top level.
#[test]
fn minified_blocks_keep_inline_spaces() {
    let site = real_site();
    let templates = site.path().join("themes/default/templates");
    let base = fs::read_to_string(templates.join("base.html")).unwrap();
    fs::write(templates.join("base.html"), base.replacen("<main id=\"main\"", "<p class=\"note\">{% block note %}{% endblock note %}</p>\n<main id=\"main\"", 1)).unwrap();
    let page = fs::read_to_string(templates.join("page.html")).unwrap();
    let note = "{% block note %}<b>Let op:</b> {{ page.title }}\n  <a href=\"#main\">verder</a>{% endblock note %}\n";
    fs::write(templates.join("page.html"), page.replacen("{% block content %}", &format!("{note}{{% block content %}}"), 1)).unwrap();
    let output = baken(site.path(), &["build", "-v"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!stderr(&output).contains("is not minified as it loads"), "{}", stderr(&output));
    let html = fs::read_to_string(site.path().join("public/beleid/vormen.html")).unwrap();
    assert!(html.contains("<b>Let op:</b> Vormen van mensenhandel <a href=#main>verder</a>"), "{}", &html[html.find("class=note").unwrap_or(0)..][..200]);
}
