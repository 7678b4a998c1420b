//! Integration tests of `baken check` on fixture sites and on the real content.
//!
//! Each `check-*` fixture is laid over the `minimal` site. The personal data
//! in the fixtures is made up: the BSNs and IBANs were generated to pass
//! their checksums and are not those of real people.

mod common;

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use common::{baken, fixture_site, real_site, stderr, stdout};
use serde_json::Value;

/// Runs `baken check` with `args` on the minimal site with `layers` on top.
/// Returns the exit code, stdout and the site (kept alive for `locate`).
fn check(layers: &[&str], args: &[&str]) -> (i32, String, tempfile::TempDir) {
    let mut all = vec!["minimal"];
    all.extend_from_slice(layers);
    let site = fixture_site(&all);
    let (code, out) = check_in(site.path(), args);
    (code, out, site)
}

fn check_in(root: &Path, args: &[&str]) -> (i32, String) {
    let mut full = vec!["check"];
    full.extend_from_slice(args);
    let output = baken(root, &full);
    let err = stderr(&output);
    assert!(!err.contains("panicked"), "{err}");
    (output.status.code().unwrap_or(-1), stdout(&output))
}

/// Returns `file:line:column` of the first occurrence of `needle` in `file`.
fn locate(root: &Path, file: &str, needle: &str) -> String {
    let text = fs::read_to_string(root.join(file)).unwrap();
    let offset = text.find(needle).unwrap_or_else(|| panic!("`{needle}` not in {file}"));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    format!("{file}:{line}:{column}")
}

/// Returns `file:line:` of the line that contains `needle`.
fn line_of(root: &Path, file: &str, needle: &str) -> String {
    let place = locate(root, file, needle);
    let (file_line, _) = place.rsplit_once(':').unwrap();
    format!("{file_line}:")
}

/// Personal data in the `check-personal-data` fixture: file, value, code, message.
const PERSONAL_DATA: [(&str, &str, &str, &str); 17] = [
    ("content/casussen/bsn.md", "270815363", "personal-data-bsn", "citizen service number (BSN) in a case"),
    ("content/casussen/iban.md", "NL69BAKE0123456789", "personal-data-iban", "bank account number (IBAN) in a case"),
    ("content/casussen/iban.md", "NL62 TEST 0987 6543 21", "personal-data-iban", "bank account number (IBAN) in a case"),
    ("content/casussen/telefoon.md", "06-12345678", "personal-data-phone", "phone number in a case"),
    ("content/casussen/telefoon.md", "+31 6 23456789", "personal-data-phone", "phone number in a case"),
    ("content/casussen/email.md", "j.devries1990@voorbeeld.example", "personal-data-email", "e-mail address in a case"),
    ("content/casussen/adres.md", "1234 AB 12", "personal-data-postcode", "postcode with house number in a case"),
    ("content/casussen/adres.md", "Dorpsstraat 5, 5678 CD", "personal-data-postcode", "postcode with house number in a case"),
    ("content/casussen/kenteken.md", "12-ABC-3", "personal-data-licence-plate", "licence plate in a case"),
    ("content/casussen/kenteken.md", "AB-123-C", "personal-data-licence-plate", "licence plate in a case"),
    ("content/casussen/kenteken.md", "1-ABC-23", "personal-data-licence-plate", "licence plate in a case"),
    ("content/casussen/datum.md", "12-03-1998", "personal-data-birth-date", "date of birth in a case"),
    ("content/casussen/datum.md", "13-11-2018", "personal-data-date", "full date in a case"),
    ("content/personen.md", "06-34567890", "personal-data-phone", "phone number in a page"),
    ("content/personen.md", "3 maart 1990", "personal-data-birth-date", "date of birth in a page"),
    ("content/signalen/busje.yaml", "XX-12-34", "personal-data-licence-plate", "licence plate in a signal"),
    ("quizzes/geld.yaml", "NL69 BAKE 0123 4567 89", "personal-data-iban", "bank account number (IBAN) in a quiz"),
];

/// Look-alikes in the same fixture that are not personal data: file and a
/// text on the line.
const NOT_PERSONAL_DATA: [(&str, &str); 10] = [
    ("content/casussen/bsn.md", "270815369"),
    ("content/casussen/iban.md", "NL68BAKE0123456789"),
    ("content/casussen/telefoon.md", "088-1234567"),
    ("content/casussen/telefoon.md", "0900-1234"),
    ("content/casussen/email.md", "info@team-a.example"),
    ("content/casussen/adres.md", "5611 AB"),
    ("content/casussen/kenteken.md", "SU-AU"),
    ("content/casussen/datum.md", "voorjaar van 2018"),
    ("content/personen.md", "088 123 4567"),
    ("content/personen.md", "regeling van 13-11-2018"),
];

#[test]
fn personal_data_kinds_are_reported() {
    let (code, out, site) = check(&["check-personal-data"], &["--max-age", "1200"]);
    assert_eq!(code, 1, "{out}");
    for (file, value, kind, message) in PERSONAL_DATA {
        assert!(out.contains(&format!("error[{kind}]: {message}")), "{kind} missing:\n{out}");
        let place = locate(site.path(), file, value);
        assert!(out.contains(&place), "{kind} not reported at {place}:\n{out}");
    }
    assert!(out.contains("17 errors, 1 warning"), "{out}");
}

#[test]
fn look_alikes_are_not_reported() {
    let (_, out, site) = check(&["check-personal-data"], &["--max-age", "1200"]);
    for (file, needle) in NOT_PERSONAL_DATA {
        let line = line_of(site.path(), file, needle);
        assert!(!out.contains(&line), "`{needle}` reported at {line}:\n{out}");
    }
}

#[test]
fn personal_data_values_are_masked() {
    let (_, out, _site) = check(&["check-personal-data"], &[]);
    for (_, value, _, _) in PERSONAL_DATA {
        assert!(!out.contains(value), "text output shows `{value}`:\n{out}");
    }
    assert!(out.contains("Haar burgerservicenummer is *********."), "{out}");
    assert!(out.contains("^^^^^^^^^"), "{out}");
}

#[test]
fn personal_data_text_is_compiler_style() {
    let (_, out, _site) = check(&["check-personal-data"], &[]);
    let expected = "error[personal-data-bsn]: citizen service number (BSN) in a case\n   \
                    ┌─ content/casussen/bsn.md:11:29\n";
    assert!(out.contains(expected), "{out}");
    assert!(out.contains("help: remove it or replace it with a made-up description"), "{out}");
    assert!(out.contains("`allow_personal_data: [{kind: bsn, line: 11, reason: \"...\"}]`"), "{out}");
}

#[test]
fn json_output_has_stable_fields() {
    let (code, out, _site) = check(&["check-personal-data"], &["--format", "json", "--max-age", "1200"]);
    assert_eq!(code, 1);
    let json: Value = serde_json::from_str(&out).expect("stdout is one JSON document");
    let findings = json["findings"].as_array().expect("findings is a list");
    for finding in findings {
        for field in ["severity", "code", "file", "line", "column", "length", "message", "help"] {
            assert!(finding.get(field).is_some(), "{field} missing in {finding}");
        }
    }
    let bsn = findings.iter().find(|f| f["code"] == "personal-data-bsn").expect("bsn finding");
    assert_eq!(bsn["severity"], "error");
    assert_eq!(bsn["file"], "content/casussen/bsn.md");
    assert_eq!(bsn["line"], 11);
    assert_eq!(bsn["column"], 29);
    assert_eq!(bsn["length"], 9);
    assert_eq!(bsn["message"], "citizen service number (BSN) in a case");
    assert_eq!(json["summary"]["errors"], 17);
    assert_eq!(json["summary"]["warnings"], 1);
    assert_eq!(json["completeness"][0]["id"], "dorp");
    assert!(json.get("external_links").is_none(), "external_links only with --external");
}

#[test]
fn json_output_never_contains_values() {
    let (_, out, _site) = check(&["check-personal-data"], &["--format", "json"]);
    for (_, value, _, _) in PERSONAL_DATA {
        assert!(!out.contains(value), "JSON shows `{value}`");
    }
}

#[test]
fn allowance_covers_its_line_only() {
    let (code, out, site) = check(&["check-allowance"], &["--max-age", "1200"]);
    let file = "content/casussen/landelijk.md";
    assert_eq!(code, 1, "{out}");
    let allowed = line_of(site.path(), file, "0800-2222");
    assert!(!out.contains(&allowed), "allowed number reported:\n{out}");
    let own = locate(site.path(), file, "06-12345678");
    assert!(out.contains(&format!("error[personal-data-phone]: phone number in a case\n   ┌─ {own}")), "{out}");
    let unused = "warning[unused-allowance]: `allow_personal_data` allows a citizen service number \
                  (BSN) in this file, but there is none";
    assert!(out.contains(unused), "{out}");
    assert!(out.contains(&locate(site.path(), file, "bsn")), "{out}");
}

#[test]
fn allowance_field_is_accepted_by_loader() {
    let (_, out, _site) = check(&["check-allowance"], &[]);
    assert!(!out.contains("unknown field `allow_personal_data`"), "{out}");
}

#[test]
fn invalid_allowance_is_an_error() {
    let site = fixture_site(&["minimal"]);
    let page = "---\ntitle: T\nsummary: S\naudience: [af]\nallow_personal_data:\n  \
                - kind: naam\n    reason: Geen.\n---\n\nTekst.\n";
    fs::write(site.path().join("content/fout.md"), page).unwrap();
    let (code, out) = check_in(site.path(), &["--no-render"]);
    assert_eq!(code, 1);
    assert!(out.contains("error[invalid-allowance]: `allow_personal_data` entry unknown variant `naam`"), "{out}");
    assert!(out.contains("content/fout.md:6:11"), "{out}");
}

#[test]
fn blanks_are_warnings() {
    let (code, out, site) = check(&["check-blanks"], &["--max-age", "1200"]);
    assert_eq!(code, 0, "{out}");
    let file = "content/lokaal.md";
    for placeholder in ["[naam, functie]", "[adres]", "[plaatsnaam]", "[dd-mm-jjjj]", "in te vullen"] {
        let expected = format!("warning[blank]: placeholder `{placeholder}` is not filled in");
        assert!(out.contains(&expected), "{placeholder} missing:\n{out}");
        assert!(out.contains(&locate(site.path(), file, placeholder)), "{placeholder} place:\n{out}");
    }
    let link = line_of(site.path(), file, "[adres](welkom.html)");
    assert!(!out.contains(&link), "a Markdown link is not a placeholder:\n{out}");
    assert!(out.contains("warning[blank]: partner `zonder-contact` lists no contacts"), "{out}");
    assert!(out.contains("0 errors, 8 warnings"), "{out}");
}

#[test]
fn municipalities_are_reported_once_each() {
    let (_, out, _site) = check(&["check-blanks"], &["--max-age", "1200"]);
    let stad = "warning[blank]: municipality `Stad`: 4 of 5 fields to fill in \
                (af, wijkagent, zorg_welzijn (empty), zorgcoordinatie)";
    assert!(out.contains(stad), "{out}");
    assert!(out.contains("warning[blank]: municipality `Buurt`: 1 of 5 fields to fill in (wijkagent)"), "{out}");
    assert!(!out.contains("municipality `Dorp`"), "a complete municipality is not reported:\n{out}");
    assert_eq!(out.matches("content/gemeenten.yaml:").count(), 2, "{out}");
}

#[test]
fn completeness_table_follows_findings() {
    let (_, out, _site) = check(&["check-blanks"], &["--max-age", "1200"]);
    let table = out.find("Completeness per municipality: 1 of 3 complete, 10 of 15 fields filled in").expect(&out);
    let last_finding = out.rfind("warning[").unwrap();
    let summary = out.find("0 errors, 8 warnings").unwrap();
    assert!(last_finding < table, "the table follows the findings:\n{out}");
    assert!(table < summary, "the summary follows the table:\n{out}");
    let rows: Vec<Vec<&str>> = out[table..summary].lines().map(|l| l.split_whitespace().collect()).collect();
    assert!(rows.contains(&vec!["Dorp", "filled", "filled", "filled", "filled", "filled", "5/5"]), "{out}");
    assert!(rows.contains(&vec!["Buurt", "filled", "blank", "filled", "filled", "filled", "4/5"]), "{out}");
    assert!(rows.contains(&vec!["Stad", "blank", "blank", "empty", "blank", "filled", "1/5"]), "{out}");
}

#[test]
fn completeness_table_in_json() {
    let (_, out, _site) = check(&["check-blanks"], &["--format", "json"]);
    let json: Value = serde_json::from_str(&out).unwrap();
    let stad = &json["completeness"][2];
    assert_eq!(stad["id"], "stad");
    assert_eq!(stad["name"], "Stad");
    assert_eq!(stad["af"], "blank");
    assert_eq!(stad["zorg_welzijn"], "empty");
    assert_eq!(stad["zvh"], "filled");
    assert_eq!(stad["filled"], 1);
    assert_eq!(stad["total"], 5);
}

#[test]
fn deny_warnings_fails_on_warnings() {
    let (code, out, _site) = check(&["check-blanks"], &["--deny-warnings", "--max-age", "1200"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("0 errors, 8 warnings"), "{out}");
}

#[test]
fn freshness_uses_configured_age() {
    let (code, out, site) = check(&["check-freshness"], &[]);
    assert_eq!(code, 1, "{out}");
    assert!(!out.contains("stale-partner"), "600 months in baken.yaml cover 2020-01-01:\n{out}");
    let missing = "error[missing-verified]: partner `zonder-datum` has no `verified` date";
    assert!(out.contains(missing), "{out}");
    assert!(out.contains(&locate(site.path(), "content/partners/zonder-datum.yaml", "zonder-datum")), "{out}");
    let future = "error[future-verified]: partner `toekomst` has a `verified` date in the future: 2999-01-01";
    assert!(out.contains(future), "{out}");
    assert!(out.contains(&locate(site.path(), "content/partners/toekomst.yaml", "2999-01-01")), "{out}");
}

#[test]
fn max_age_overrides_configuration() {
    let (code, out, site) = check(&["check-freshness"], &["--max-age", "12"]);
    assert_eq!(code, 1);
    let stale = "warning[stale-partner]: partner `oud` was last verified on 2020-01-01, more than 12 months ago";
    assert!(out.contains(stale), "{out}");
    assert!(out.contains(&locate(site.path(), "content/partners/oud.yaml", "2020-01-01")), "{out}");
}

#[test]
fn external_links_are_listed() {
    let (code, out, _site) = check(&["check-external"], &["--external", "--max-age", "1200"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("External links (2), listed without visiting them:"), "{out}");
    assert!(out.contains("  bronnen.html  https://www.rijksoverheid.example/mensenhandel\n"), "{out}");
    assert!(out.contains("  bronnen.html  https://kennis.example/\n"), "{out}");
}

#[test]
fn external_links_in_json() {
    let (_, out, _site) = check(&["check-external"], &["--external", "--format", "json"]);
    let json: Value = serde_json::from_str(&out).unwrap();
    let links = json["external_links"].as_array().expect("a list with --external");
    let page = |url: &str| links.iter().find(|l| l["url"] == url).map(|l| l["page"].clone());
    assert_eq!(page("https://kennis.example/"), Some(Value::from("bronnen.html")));
}

#[test]
fn without_external_no_links_are_listed() {
    let (_, out, _site) = check(&["check-external"], &[]);
    assert!(!out.contains("External links"), "{out}");
}

#[test]
fn build_errors_are_reported() {
    let (code, out, _site) = check(&["broken-link"], &[]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("error[broken-link]: page welkom.html links to `verdwenen.html`"), "{out}");
}

#[test]
fn content_checks_run_after_failed_load() {
    let (code, out, _site) = check(&["check-personal-data", "invalid-yaml"], &[]);
    assert_eq!(code, 1);
    assert!(out.contains("error[invalid-yaml]"), "{out}");
    assert!(out.contains("error[personal-data-bsn]"), "{out}");
}

#[test]
fn no_render_needs_no_theme() {
    let site = fixture_site(&["minimal", "check-blanks"]);
    fs::remove_dir_all(site.path().join("themes")).unwrap();
    let (code, out) = check_in(site.path(), &["--no-render", "--max-age", "1200"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("0 errors, 8 warnings"), "{out}");
    let (code, out) = check_in(site.path(), &["--max-age", "1200"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("error[missing-theme]"), "{out}");
}

#[test]
fn minimal_site_passes() {
    let (code, out, _site) = check(&[], &["--max-age", "1200", "--external"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("0 errors, 1 warning"), "{out}");
    assert!(out.contains("External links (0)"), "{out}");
}

#[test]
fn real_content_has_no_errors() {
    let site = real_site();
    let (code, out) = check_in(site.path(), &[]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("0 errors, "), "{out}");
}

/// Writes files that break in every way an editor or export can break them,
/// each with the message the check must give.
#[test]
fn malformed_files_get_clear_errors() {
    let site = fixture_site(&["minimal"]);
    let root = site.path();
    let write = |path: &str, bytes: &[u8]| fs::write(root.join(path), bytes).unwrap();
    write("content/leeg.md", b"");
    write("content/partners/leeg.yaml", b"");
    write("content/bom.md", "\u{feff}---\ntitle: B\nsummary: S\naudience: [af]\n---\n\nTekst.\n".as_bytes());
    write("content/crlf.md", b"---\r\ntitle: C\r\nsummary: S\r\naudience: [af]\r\nkleur: rood\r\n---\r\n");
    write("content/tab.md", b"---\ntitle: T\nsummary: S\naudience:\n\t- af\n---\n");
    write("content/latin.md", b"---\ntitle: caf\xe9\nsummary: S\naudience: [af]\n---\n");
    write("content/open.md", b"---\ntitle: O\nsummary: S\n\nTekst zonder einde.\n");
    write("content/dubbel.md", b"---\ntitle: D\ntitle: E\nsummary: S\naudience: [af]\n---\n");
    let mut bomb = String::from("id: bom\ntitle: &a [x, x, x, x, x, x, x, x, x]\n");
    for (name, previous) in [("b", "a"), ("c", "b"), ("d", "c"), ("e", "d"), ("f", "e"), ("g", "f")] {
        bomb.push_str(&format!("{name}: &{name} [{}]\n", vec![format!("*{previous}"); 9].join(", ")));
    }
    write("quizzes/bom.yaml", bomb.as_bytes());
    fs::File::create(root.join("content/groot.md")).unwrap().set_len(50 * 1024 * 1024).unwrap();

    let started = Instant::now();
    let (code, out) = check_in(root, &["--no-render"]);
    assert!(started.elapsed() < Duration::from_secs(20), "took {:?}", started.elapsed());
    assert_eq!(code, 1, "{out}");
    let expected = [
        ("content/leeg.md:1:1", "error[empty-file]: file is empty"),
        ("content/partners/leeg.yaml:1:1", "error[empty-file]: file contains no YAML data"),
        ("content/crlf.md:5:1", "error[invalid-field]: unknown field `kleur`"),
        ("content/tab.md:", "YAML does not allow tabs for indentation: indent with spaces"),
        ("content/latin.md:2:11", "error[invalid-utf8]: file is not valid UTF-8 text"),
        ("content/open.md:1:1", "error[unclosed-front-matter]: front matter is not closed"),
        ("content/dubbel.md:", "error[invalid-field]: duplicate field `title`"),
        ("quizzes/bom.yaml:", "error[invalid-field]"),
        ("content/groot.md:1:1", "error[file-too-large]: file is 52428800 bytes, more than the limit"),
    ];
    for (place, message) in expected {
        assert!(out.contains(message), "missing `{message}`:\n{out}");
        assert!(out.contains(place), "missing place {place}:\n{out}");
    }
    assert!(!out.contains("content/bom.md"), "a byte-order mark is not an error:\n{out}");
}
