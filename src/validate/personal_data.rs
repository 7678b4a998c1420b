//! Personal data in free text: citizen service numbers (BSN), IBANs, phone
//! numbers, e-mail addresses, postcodes with a house number, licence plates
//! and dates.
//!
//! Cases retell real events, so one detail that points to a person must not
//! reach the site. The detectors apply the checks that the numbers carry (the
//! eleven-test of a BSN, the mod-97 check of an IBAN), so an arbitrary
//! nine-digit number is not reported. A finding names its kind and place but
//! never the value, because the report itself is shared, logged and pasted.
//!
//! Partner files and `gemeenten.yaml` publish the contacts of organisations.
//! They are not scanned, and a phone number or e-mail address that one of them
//! contains may appear anywhere else. Any other false positive is allowed in
//! the file itself with `allow_personal_data` (see [`Allowance`]).

use std::collections::HashSet;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;
use serde::{Deserialize, Serialize};
use walkdir::WalkDir;

use crate::content::source::{parse_yaml, read_text, YamlSource};
use crate::content::{CONTENT_DIR, QUIZ_DIR};
use crate::diagnostics::{Diagnostic, Diagnostics};

/// Name of the field that allows false positives in a file.
pub const ALLOW_FIELD: &str = "allow_personal_data";

/// A kind of personal data that the check looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Bsn,
    Iban,
    Phone,
    Email,
    Postcode,
    LicencePlate,
    BirthDate,
    /// A full date in a case, which can identify the person it happened to.
    Date,
}

impl Kind {
    /// Diagnostic code, such as `personal-data-bsn`.
    pub fn code(self) -> &'static str {
        match self {
            Kind::Bsn => "personal-data-bsn",
            Kind::Iban => "personal-data-iban",
            Kind::Phone => "personal-data-phone",
            Kind::Email => "personal-data-email",
            Kind::Postcode => "personal-data-postcode",
            Kind::LicencePlate => "personal-data-licence-plate",
            Kind::BirthDate => "personal-data-birth-date",
            Kind::Date => "personal-data-date",
        }
    }

    /// Returns the value of `kind:` in `allow_personal_data`, such as `licence-plate`.
    pub fn name(self) -> &'static str {
        self.code().trim_start_matches("personal-data-")
    }

    /// English noun phrase for messages.
    pub fn describe(self) -> &'static str {
        match self {
            Kind::Bsn => "citizen service number (BSN)",
            Kind::Iban => "bank account number (IBAN)",
            Kind::Phone => "phone number",
            Kind::Email => "e-mail address",
            Kind::Postcode => "postcode with house number",
            Kind::LicencePlate => "licence plate",
            Kind::BirthDate => "date of birth",
            Kind::Date => "full date",
        }
    }
}

/// One entry of `allow_personal_data`: a finding that is not personal data.
///
/// Without `line`, the entry covers every finding of `kind` in the file. With
/// `line`, it covers only those on that line, counted from 1 at the top of the
/// file (front matter included).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Allowance {
    pub kind: Kind,
    #[serde(default)]
    pub line: Option<usize>,
    /// Explanation for the next reviewer of why the value is not personal data.
    pub reason: String,
}

/// What a content file is, which decides how it is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Page,
    Case,
    Quiz,
    Signal,
    Glossary,
    Route,
    /// A partner sheet: its contact data is public and expected.
    Partner,
    /// `gemeenten.yaml`: the contacts of municipalities, public like partners.
    Gemeenten,
}

impl Role {
    fn noun(self) -> &'static str {
        match self {
            Role::Page => "page",
            Role::Case => "case",
            Role::Quiz => "quiz",
            Role::Signal => "signal",
            Role::Glossary => "glossary",
            Role::Route => "reporting route",
            Role::Partner => "partner file",
            Role::Gemeenten => "municipality list",
        }
    }

    /// Returns true for Markdown files, whose fields sit in front matter.
    pub fn is_markdown(self) -> bool {
        matches!(self, Role::Page | Role::Case)
    }

    /// Returns true when the file publishes organisation contacts.
    fn is_contact_source(self) -> bool {
        matches!(self, Role::Partner | Role::Gemeenten)
    }
}

/// The text of one content file, read for the text checks.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the site root.
    pub path: PathBuf,
    pub role: Role,
    pub text: String,
}

/// Reads every page, case, data file and quiz under `root`.
///
/// Files that cannot be read are skipped: the loader reports them already.
pub fn read_source_files(root: &Path) -> Vec<SourceFile> {
    let mut files = Vec::new();
    for dir in [CONTENT_DIR, QUIZ_DIR] {
        let walk = WalkDir::new(root.join(dir)).sort_by_file_name();
        for entry in walk.into_iter().filter_map(Result::ok) {
            if !entry.file_type().is_file() {
                continue;
            }
            let Ok(relative) = entry.path().strip_prefix(root) else { continue };
            let Some(role) = classify(relative) else { continue };
            if let Ok(text) = read_text(root, relative) {
                files.push(SourceFile { path: relative.to_path_buf(), role, text });
            }
        }
    }
    files
}

/// Sorts a file into its role the way the content loader does, or None for
/// files the loader ignores or copies as assets.
fn classify(relative: &Path) -> Option<Role> {
    let text = relative.to_string_lossy().replace('\\', "/");
    let name = relative.file_name()?.to_str()?;
    if name.starts_with('.') || name == "README.md" {
        return None;
    }
    let ext = relative.extension().and_then(|e| e.to_str()).unwrap_or("");
    let yaml = ext == "yaml" || ext == "yml";
    let role = match text.as_str() {
        "content/gemeenten.yaml" => Role::Gemeenten,
        "content/begrippen.yaml" => Role::Glossary,
        "content/meldroute.yaml" => Role::Route,
        _ if text.starts_with("quizzes/") && yaml => Role::Quiz,
        _ if text.starts_with("quizzes/") => return None,
        _ if text.starts_with("content/partners/") && yaml => Role::Partner,
        _ if text.starts_with("content/signalen/") && yaml => Role::Signal,
        _ if text.starts_with("content/casussen/") && ext == "md" => Role::Case,
        _ if ext == "md" => Role::Page,
        _ => return None,
    };
    Some(role)
}

/// A piece of personal data at a 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Finding {
    pub kind: Kind,
    pub line: usize,
    pub column: usize,
    /// Length in characters.
    pub length: usize,
}

/// Phone numbers and e-mail addresses that partner files publish, normalised
/// so that `088-1234567` and `+31 88 123 45 67` compare equal.
#[derive(Debug, Default)]
pub struct PublicContacts {
    phones: HashSet<String>,
    emails: HashSet<String>,
}

impl PublicContacts {
    /// Collects the phone numbers and e-mail addresses of the partner files
    /// and `gemeenten.yaml` among `files`.
    pub fn collect(files: &[SourceFile]) -> Self {
        let mut public = PublicContacts::default();
        for file in files.iter().filter(|f| f.role.is_contact_source()) {
            for line in file.text.lines() {
                for (kind, range) in detect_line(line, false) {
                    match kind {
                        Kind::Phone => public.phones.insert(normalize_phone(&line[range])),
                        Kind::Email => public.emails.insert(line[range].to_lowercase()),
                        _ => false,
                    };
                }
            }
        }
        public
    }

    /// Returns true when `value` of `kind` is a published organisation contact.
    pub fn contains(&self, kind: Kind, value: &str) -> bool {
        match kind {
            Kind::Phone => self.phones.contains(&normalize_phone(value)),
            Kind::Email => self.emails.contains(&value.to_lowercase()),
            _ => false,
        }
    }
}

/// Reduces a Dutch phone number to its national digits: `+31 (0)6-1234 5678`
/// becomes `0612345678`.
pub fn normalize_phone(phone: &str) -> String {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    let trimmed = phone.trim_start();
    let national = if trimmed.starts_with('+') {
        digits.strip_prefix("31")
    } else {
        digits.strip_prefix("0031")
    };
    match national {
        Some(rest) => format!("0{}", rest.strip_prefix('0').unwrap_or(rest)),
        None => digits,
    }
}

/// Finds the personal data in `text`, except published contacts in `public`.
///
/// `in_case` also reports every full date, not only dates of birth.
pub fn find_personal_data(text: &str, in_case: bool, public: &PublicContacts) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (index, line) in text.lines().enumerate() {
        for (kind, range) in detect_line(line, in_case) {
            if public.contains(kind, &line[range.clone()]) {
                continue;
            }
            findings.push(Finding {
                kind,
                line: index + 1,
                column: line[..range.start].chars().count() + 1,
                length: line[range].chars().count(),
            });
        }
    }
    findings
}

/// Runs the detectors on one line. An earlier detector claims its span, so a
/// later one cannot report a part of it again: the digits of an IBAN are not
/// also a BSN.
fn detect_line(line: &str, in_case: bool) -> Vec<(Kind, Range<usize>)> {
    let mut found: Vec<(Kind, Range<usize>)> = Vec::new();
    let mut claim = |kind: Kind, ranges: Vec<Range<usize>>| {
        for range in ranges {
            if !found.iter().any(|(_, r)| r.start < range.end && range.start < r.end) {
                found.push((kind, range));
            }
        }
    };
    claim(Kind::Email, find_emails(line));
    claim(Kind::Iban, find_ibans(line));
    claim(Kind::Phone, find_phones(line));
    claim(Kind::Bsn, find_bsns(line));
    claim(Kind::LicencePlate, find_plates(line));
    claim(Kind::Postcode, find_addresses(line));
    let (births, others) = find_dates(line);
    claim(Kind::BirthDate, births);
    if in_case {
        claim(Kind::Date, others);
    }
    found.sort_by_key(|(_, range)| range.start);
    found
}

fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).expect("valid built-in regex")
}

static EMAIL: LazyLock<Regex> =
    LazyLock::new(|| regex(r"[A-Za-z0-9._%+-]+@(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}"));
static IBAN: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?i)\b[a-z]{2}[0-9]{2}(?: [a-z0-9]{4}){2,7}(?: [a-z0-9]{1,4})?\b|\b[a-z]{2}[0-9]{2}[a-z0-9]{11,30}\b")
});
// Hyphens are allowed only after the area code, because a date such as
// 01-02-2019 12:00 would otherwise read as ten digits.
static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?x)
        (?:\+|00)31[\ -]?(?:\(0\)[\ -]?)?[1-9](?:[\ -]?[0-9]){8}
        | \(0[1-9][0-9]{0,2}\)\ ?[0-9](?:\ ?[0-9]){5,7}
        | 0[89]0[069][\ -]?[0-9](?:\ ?[0-9]){3,6}
        | 0[1-9][0-9]{0,2}[\ -]?[0-9](?:\ ?[0-9]){5,7}",
    )
});
static BSN: LazyLock<Regex> =
    LazyLock::new(|| regex(r"[0-9]{3}[ .]?[0-9]{3}[ .]?[0-9]{3}|[0-9]{4}\.[0-9]{2}\.[0-9]{3}"));
// The sidecodes of Dutch licence plates, letters upper case.
static PLATE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?x)
        [A-Z]{2}-[0-9]{2}-[0-9]{2} | [0-9]{2}-[0-9]{2}-[A-Z]{2} | [0-9]{2}-[A-Z]{2}-[0-9]{2}
        | [A-Z]{2}-[0-9]{2}-[A-Z]{2} | [A-Z]{2}-[A-Z]{2}-[0-9]{2} | [0-9]{2}-[A-Z]{2}-[A-Z]{2}
        | [0-9]{2}-[A-Z]{3}-[0-9] | [0-9]-[A-Z]{3}-[0-9]{2} | [A-Z]{2}-[0-9]{3}-[A-Z]
        | [A-Z]-[0-9]{3}-[A-Z]{2} | [A-Z]{3}-[0-9]{2}-[A-Z] | [A-Z]-[0-9]{2}-[A-Z]{3}
        | [0-9]-[A-Z]{2}-[0-9]{3} | [0-9]{3}-[A-Z]{2}-[0-9]",
    )
});
static POSTCODE_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| regex(r"[1-9][0-9]{3} ?[A-Z]{2}(?: ?, ?| )?[0-9]{1,5}[a-z]?"));
static STREET_POSTCODE: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"\p{L}[\p{L}.'-]* [0-9]{1,5}[a-zA-Z]?(?:-[0-9]{1,4})?,? [1-9][0-9]{3} ?[A-Z]{2}\b")
});
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?xi)
        \b([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4})\b
        | \b([0-9]{1,2})\ (januari|februari|maart|april|mei|juni|juli|augustus|september
            |oktober|november|december|jan|feb|mrt|apr|jun|jul|aug|sept|sep|okt|nov|dec)
          \.?\ ([0-9]{4})\b",
    )
});
static BIRTH_WORD: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)\b(?:geboren|geb\.|geboortedatum|geboortedag)"));

/// Characters between a birth word and its date that still count as near.
const BIRTH_WORD_DISTANCE: usize = 40;

/// Returns true when the match is not part of a longer word, number or date.
fn is_isolated(line: &str, range: &Range<usize>) -> bool {
    let before = line[..range.start].chars().next_back();
    let mut after = line[range.end..].chars();
    let (next, next2) = (after.next(), after.next());
    let joins_before = before.is_some_and(|c| c.is_alphanumeric() || "_-/.@+".contains(c));
    let joins_word = next.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '@');
    let joins_number =
        next.is_some_and(|c| "-/.,".contains(c)) && next2.is_some_and(|c| c.is_ascii_digit());
    !joins_before && !joins_word && !joins_number
}

fn isolated_matches(pattern: &Regex, line: &str) -> Vec<Range<usize>> {
    pattern.find_iter(line).map(|m| m.range()).filter(|r| is_isolated(line, r)).collect()
}

fn find_emails(line: &str) -> Vec<Range<usize>> {
    EMAIL.find_iter(line).map(|m| m.range()).collect()
}

fn find_ibans(line: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    for m in IBAN.find_iter(line) {
        // A spaced IBAN may have swallowed a following word of up to four
        // characters, so shorter prefixes are tried as well.
        let mut end = m.end();
        loop {
            let range = m.start()..end;
            if is_valid_iban(&line[range.clone()]) {
                found.push(range);
                break;
            }
            match line[m.start()..end].rfind(' ') {
                Some(space) if space >= 14 => end = m.start() + space,
                _ => break,
            }
        }
    }
    found
}

/// Returns true when `text` (spaces allowed) passes the IBAN mod-97 check.
pub fn is_valid_iban(text: &str) -> bool {
    let compact: String = text.chars().filter(|c| *c != ' ').collect::<String>().to_ascii_uppercase();
    if !(15..=34).contains(&compact.len()) || !compact.is_ascii() {
        return false;
    }
    let (head, tail) = compact.split_at(4);
    let country_ok = head[..2].chars().all(|c| c.is_ascii_uppercase());
    let check_ok = head[2..].chars().all(|c| c.is_ascii_digit());
    if !country_ok || !check_ok {
        return false;
    }
    let mut remainder: u32 = 0;
    for c in tail.chars().chain(head.chars()) {
        remainder = match c {
            '0'..='9' => (remainder * 10 + c.to_digit(10).unwrap_or(0)) % 97,
            'A'..='Z' => (remainder * 100 + (c as u32 - 'A' as u32 + 10)) % 97,
            _ => return false,
        };
    }
    remainder == 1
}

fn find_phones(line: &str) -> Vec<Range<usize>> {
    let candidates = isolated_matches(&PHONE, line);
    candidates.into_iter().filter(|r| is_phone_number(&line[r.clone()])).collect()
}

/// Returns true when `text` has the digits of a Dutch phone number: ten
/// national digits, nine after +31, or a 0800/0900 number of eight or eleven.
fn is_phone_number(text: &str) -> bool {
    let national = normalize_phone(text);
    let service = ["0800", "0900", "0906", "0909"].iter().any(|p| national.starts_with(p));
    if service {
        national.len() == 8 || national.len() == 11
    } else {
        national.len() == 10 && !national.starts_with("00")
    }
}

fn find_bsns(line: &str) -> Vec<Range<usize>> {
    let candidates = isolated_matches(&BSN, line);
    candidates.into_iter().filter(|r| is_valid_bsn(&line[r.clone()])).collect()
}

/// Returns true when the nine digits in `text` pass the eleven-test of a BSN:
/// 9×d1 + 8×d2 + … + 2×d8 − d9 is divisible by 11. All zeros is not a BSN.
pub fn is_valid_bsn(text: &str) -> bool {
    let digits: Vec<i64> = text.chars().filter_map(|c| c.to_digit(10)).map(i64::from).collect();
    if digits.len() != 9 || digits.iter().all(|d| *d == 0) {
        return false;
    }
    let weighted: i64 = digits[..8].iter().zip((2..=9).rev()).map(|(d, w)| d * w).sum();
    (weighted - digits[8]) % 11 == 0
}

fn find_plates(line: &str) -> Vec<Range<usize>> {
    isolated_matches(&PLATE, line)
}

fn find_addresses(line: &str) -> Vec<Range<usize>> {
    let mut found = isolated_matches(&POSTCODE_NUMBER, line);
    for m in STREET_POSTCODE.find_iter(line) {
        let before = line[..m.start()].chars().next_back();
        if !before.is_some_and(char::is_alphanumeric) {
            found.push(m.range());
        }
    }
    found
}

/// Splits the valid dates on a line into dates of birth (near a birth word)
/// and other full dates.
fn find_dates(line: &str) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
    let words: Vec<Range<usize>> = BIRTH_WORD.find_iter(line).map(|m| m.range()).collect();
    let mut births = Vec::new();
    let mut others = Vec::new();
    for caps in DATE.captures_iter(line) {
        let whole = caps.get(0).map(|m| m.range()).unwrap_or_default();
        if !is_isolated(line, &whole) || !is_valid_date(&caps) {
            continue;
        }
        let near = words.iter().any(|w| distance(w, &whole) <= BIRTH_WORD_DISTANCE);
        if near {
            births.push(whole);
        } else {
            others.push(whole);
        }
    }
    (births, others)
}

fn distance(a: &Range<usize>, b: &Range<usize>) -> usize {
    if a.end <= b.start {
        b.start - a.end
    } else {
        a.start.saturating_sub(b.end)
    }
}

fn is_valid_date(caps: &regex::Captures) -> bool {
    let number = |i: usize| caps.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    let (day, month, year) = match (number(1), number(4)) {
        (Some(day), _) => (Some(day), number(2), number(3)),
        (None, Some(day)) => (Some(day), caps.get(5).and_then(|m| month_number(m.as_str())), number(6)),
        _ => return false,
    };
    let (Some(day), Some(month), Some(year)) = (day, month, year) else { return false };
    (1900..=2100).contains(&year) && NaiveDate::from_ymd_opt(year as i32, month, day).is_some()
}

fn month_number(name: &str) -> Option<u32> {
    let month = match name.to_lowercase().get(..3)? {
        "jan" => 1,
        "feb" => 2,
        "maa" | "mrt" => 3,
        "apr" => 4,
        "mei" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "okt" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(month)
}

/// Checks every scanned file for personal data and reports each finding
/// that no `allow_personal_data` entry of that file covers.
///
/// Returns the reported findings as well. Sorting diagnostics merges two
/// findings on one line, and a text report must still mask both values.
pub fn check_personal_data(files: &[SourceFile], diagnostics: &Diagnostics) -> Vec<Diagnostic> {
    let public = PublicContacts::collect(files);
    let mut reported = Vec::new();
    for file in files.iter().filter(|f| !f.role.is_contact_source()) {
        let findings = find_personal_data(&file.text, file.role == Role::Case, &public);
        let allowances = read_allowances(file, diagnostics);
        let mut used = vec![false; allowances.len()];
        for finding in findings {
            let covering = allowances.iter().position(|(a, _)| covers(a, &finding));
            match covering {
                Some(index) => used[index] = true,
                None => reported.push(finding_diagnostic(file, &finding)),
            }
        }
        for ((allowance, diagnostic), used) in allowances.into_iter().zip(used) {
            if !used {
                diagnostics.push(unused_allowance(&allowance, diagnostic));
            }
        }
    }
    diagnostics.extend(reported.iter().cloned());
    reported
}

fn covers(allowance: &Allowance, finding: &Finding) -> bool {
    allowance.kind == finding.kind && allowance.line.is_none_or(|line| line == finding.line)
}

fn finding_diagnostic(file: &SourceFile, finding: &Finding) -> Diagnostic {
    let position = crate::diagnostics::Position::new(finding.line, finding.column);
    let message = format!("{} in a {}", finding.kind.describe(), file.role.noun());
    Diagnostic::error(finding.kind.code(), &file.path, position, message)
        .with_length(finding.length)
        .with_help(finding_help(file.role, finding))
}

fn finding_help(role: Role, finding: &Finding) -> String {
    let remove = match finding.kind {
        Kind::Phone | Kind::Email => {
            "remove it; an organisation's public contact belongs in its file under content/partners/, \
             and may then appear here"
        }
        Kind::Date | Kind::BirthDate => "remove it or write it vaguely, such as `in het voorjaar`",
        _ => "remove it or replace it with a made-up description",
    };
    let place = if role.is_markdown() { "front matter" } else { "top level of the file" };
    format!(
        "{remove}. If it is not personal data, allow it in the {place}: \
         `{ALLOW_FIELD}: [{{kind: {}, line: {}, reason: \"...\"}}]`",
        finding.kind.name(),
        finding.line
    )
}

fn unused_allowance(allowance: &Allowance, diagnostic: Diagnostic) -> Diagnostic {
    let what = match allowance.line {
        Some(line) => format!("on line {line}"),
        None => "in this file".to_string(),
    };
    let message = format!("`{ALLOW_FIELD}` allows a {} {what}, but there is none", allowance.kind.describe());
    Diagnostic { message, ..diagnostic }
        .with_help("remove the entry, or correct its `line` if the text moved")
}

/// Reads the `allow_personal_data` entries of a file, each with a warning
/// located at the entry (for reporting it unused). Invalid entries are
/// reported as errors and left out.
fn read_allowances(file: &SourceFile, diagnostics: &Diagnostics) -> Vec<(Allowance, Diagnostic)> {
    let Some((value, source)) = parse_fields(file) else { return Vec::new() };
    let Some(field) = value.get(ALLOW_FIELD) else { return Vec::new() };
    let Some(entries) = field.as_sequence() else {
        diagnostics.push(invalid_allowance(&source, ALLOW_FIELD, "must be a list of entries"));
        return Vec::new();
    };
    let mut allowances = Vec::new();
    for (index, entry) in entries.iter().enumerate() {
        let key = format!("{ALLOW_FIELD}.{index}");
        match serde_yaml::from_value::<Allowance>(entry.clone()) {
            Ok(allowance) if allowance.reason.trim().is_empty() => {
                diagnostics.push(invalid_allowance(&source, &format!("{key}.reason"), "has an empty `reason`"));
            }
            Ok(allowance) => {
                let unused = source.warning("unused-allowance", &format!("{key}.kind"), String::new());
                allowances.push((allowance, unused));
            }
            Err(err) => {
                let message = err.to_string();
                // An unknown kind is best shown at the kind itself.
                let at = if message.contains("variant") { format!("{key}.kind") } else { key };
                diagnostics.push(invalid_allowance(&source, &at, &message));
            }
        }
    }
    allowances
}

fn invalid_allowance(source: &YamlSource, key: &str, problem: &str) -> Diagnostic {
    let kinds: Vec<&str> = KINDS.iter().map(|k| k.name()).collect();
    source.error("invalid-allowance", key, format!("`{ALLOW_FIELD}` entry {problem}")).with_help(format!(
        "write each entry as `{{kind: KIND, line: NUMBER, reason: \"why this is not personal data\"}}`; \
         `line` is optional and KIND is one of {}",
        kinds.join(", ")
    ))
}

const KINDS: [Kind; 8] = [
    Kind::Bsn,
    Kind::Iban,
    Kind::Phone,
    Kind::Email,
    Kind::Postcode,
    Kind::LicencePlate,
    Kind::BirthDate,
    Kind::Date,
];

/// Parses the front matter of a Markdown file or the whole of a YAML file as
/// a generic value with positions. None when it does not parse: the loader
/// reports that.
fn parse_fields(file: &SourceFile) -> Option<(serde_yaml::Value, YamlSource)> {
    if file.role.is_markdown() {
        let yaml = front_matter(&file.text)?;
        parse_yaml::<serde_yaml::Value>(&yaml, &file.path, 1).ok()
    } else {
        parse_yaml::<serde_yaml::Value>(&file.text, &file.path, 0).ok()
    }
}

/// Returns the front matter between the opening and closing `---` lines.
fn front_matter(text: &str) -> Option<String> {
    let mut lines = text.split_inclusive('\n');
    if lines.next()?.trim_end() != "---" {
        return None;
    }
    let mut yaml = String::new();
    for line in lines {
        if line.trim_end() == "---" {
            return Some(yaml);
        }
        yaml.push_str(line);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str, in_case: bool) -> Vec<Kind> {
        let public = PublicContacts::default();
        find_personal_data(text, in_case, &public).into_iter().map(|f| f.kind).collect()
    }

    #[test]
    fn bsn_eleven_test() {
        assert!(is_valid_bsn("270815363"));
        assert!(is_valid_bsn("305 719 282"));
        assert!(!is_valid_bsn("270815369"));
        assert!(!is_valid_bsn("000000000"));
        assert!(!is_valid_bsn("12345678"));
    }

    #[test]
    fn bsn_found_only_when_valid() {
        assert_eq!(kinds("Haar BSN is 270815363.", false), vec![Kind::Bsn]);
        assert_eq!(kinds("Dossier 642.091.754 is dicht.", false), vec![Kind::Bsn]);
        assert!(kinds("Zaaknummer 270815369.", false).is_empty());
        assert!(kinds("Nummer 2708153630 is te lang.", false).is_empty());
    }

    #[test]
    fn iban_mod97_check() {
        assert!(is_valid_iban("NL69BAKE0123456789"));
        assert!(is_valid_iban("NL62 TEST 0987 6543 21"));
        assert!(!is_valid_iban("NL68BAKE0123456789"));
    }

    #[test]
    fn iban_found_with_and_without_spaces() {
        assert_eq!(kinds("Rekening NL69BAKE0123456789 van hem.", false), vec![Kind::Iban]);
        assert_eq!(kinds("Op NL62 TEST 0987 6543 21 ABC gestort.", false), vec![Kind::Iban]);
        assert!(kinds("Rekening NL68BAKE0123456789.", false).is_empty());
    }

    #[test]
    fn phone_formats_are_found() {
        for text in [
            "Bel 06-12345678 nu",
            "Bel 0612345678 nu",
            "Bel +31 6 12345678 nu",
            "Bel +31 (0)6 1234 5678 nu",
            "Bel 010-1234567 nu",
            "Bel 088-7654321 nu",
            "Bel 0800-1111 nu",
            "Bel 0900 123 45 67 nu",
            "Bel (010) 123 45 67 nu",
            "Bel 06 12 34 56 78 nu",
        ] {
            assert_eq!(kinds(text, false), vec![Kind::Phone], "{text}");
        }
    }

    #[test]
    fn non_phones_are_ignored() {
        for text in ["Bel 112.", "Bel 14 0492.", "Op 01-02-2019 12:00 uur.", "Code 061234567.", "Jaar 2019 2020."] {
            assert!(!kinds(text, false).contains(&Kind::Phone), "{text}");
        }
    }

    #[test]
    fn public_contacts_are_not_reported() {
        let partner = SourceFile {
            path: PathBuf::from("content/partners/a.yaml"),
            role: Role::Partner,
            text: "contacts:\n  - phone: 088-7654321\n    email: Info@Team.example\n".into(),
        };
        let public = PublicContacts::collect(&[partner]);
        let text = "Bel +31 88 765 4321 of mail info@team.example of 06-12345678.";
        let found = find_personal_data(text, false, &public);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].column, 50);
    }

    #[test]
    fn email_is_found() {
        assert_eq!(kinds("Mail naar iemand.anders@voorbeeld.nl.", false), vec![Kind::Email]);
    }

    #[test]
    fn addresses_need_a_house_number() {
        assert_eq!(kinds("Woont op 1234 AB 12.", false), vec![Kind::Postcode]);
        assert_eq!(kinds("Woont op 1234AB12.", false), vec![Kind::Postcode]);
        assert_eq!(kinds("Kerkstraat 12, 1234 AB Dorp.", false), vec![Kind::Postcode]);
        assert!(kinds("In 1234 AB wonen veel mensen.", false).is_empty());
    }

    #[test]
    fn licence_plate_sidecodes() {
        for plate in ["12-ABC-3", "AB-123-C", "1-ABC-23", "XX-12-34", "12-AB-CD", "ABC-12-D"] {
            let text = format!("Auto {plate} stond er.");
            assert_eq!(kinds(&text, false), vec![Kind::LicencePlate], "{plate}");
        }
        assert!(kinds("De vormen SU-AU en ab-123-c.", false).is_empty());
    }

    #[test]
    fn dates_of_birth_and_case_dates() {
        assert_eq!(kinds("Zij is geboren op 12-03-1998.", false), vec![Kind::BirthDate]);
        assert_eq!(kinds("geb. 3 maart 1998", false), vec![Kind::BirthDate]);
        assert!(kinds("Het rapport van 13-11-2018.", false).is_empty());
        assert_eq!(kinds("Het gebeurde op 13-11-2018.", true), vec![Kind::Date]);
        assert!(kinds("Op 31-02-2018 niet.", true).is_empty());
        assert!(kinds("Datum [dd-mm-jjjj].", true).is_empty());
    }

    #[test]
    fn columns_count_characters() {
        let found = find_personal_data("é é 270815363", false, &PublicContacts::default());
        assert_eq!((found[0].line, found[0].column, found[0].length), (1, 5, 9));
    }

    #[test]
    fn normalize_phone_forms() {
        assert_eq!(normalize_phone("+31 (0)6-1234 5678"), "0612345678");
        assert_eq!(normalize_phone("0031 88 123 4567"), "0881234567");
        assert_eq!(normalize_phone("088-1234567"), "0881234567");
    }

    fn case_file(text: &str) -> SourceFile {
        SourceFile { path: PathBuf::from("content/casussen/a.md"), role: Role::Case, text: text.into() }
    }

    #[test]
    fn allowance_covers_its_line() {
        let text = "---\ntitle: T\nallow_personal_data:\n  - kind: bsn\n    line: 7\n    reason: Voorbeeld.\n---\n270815363 en 305719282\n\n";
        let diagnostics = Diagnostics::new();
        check_personal_data(&[case_file(text)], &diagnostics);
        let found = diagnostics.sorted();
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(found[0].code, "unused-allowance");
        assert_eq!(found[0].line, 4);
        assert_eq!(found[1].code, "personal-data-bsn");
        assert_eq!(found[1].line, 8);
        assert_eq!(found[2].code, "personal-data-bsn");
        assert_eq!(found[2].column, 14);
    }

    #[test]
    fn allowance_without_line_covers_file() {
        let text = "---\nallow_personal_data: [{kind: phone, reason: Landelijk nummer.}]\n---\n06-12345678\n";
        let diagnostics = Diagnostics::new();
        check_personal_data(&[case_file(text)], &diagnostics);
        assert!(diagnostics.sorted().is_empty());
    }

    #[test]
    fn invalid_allowance_is_an_error() {
        let text = "---\nallow_personal_data:\n  - kind: naam\n    reason: x\n  - kind: bsn\n    reason: \"\"\n---\n";
        let diagnostics = Diagnostics::new();
        check_personal_data(&[case_file(text)], &diagnostics);
        let found = diagnostics.sorted();
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found.iter().all(|d| d.code == "invalid-allowance"));
        assert!(found[0].message.contains("unknown variant `naam`"), "{}", found[0].message);
        assert_eq!(found[1].line, 6);
    }

    #[test]
    fn messages_never_contain_the_value() {
        let text = "---\ntitle: T\n---\nBSN 270815363, bel 06-12345678, mail a@b.nl\n";
        let diagnostics = Diagnostics::new();
        check_personal_data(&[case_file(text)], &diagnostics);
        for d in diagnostics.sorted() {
            let all = format!("{} {}", d.message, d.help.unwrap_or_default());
            for value in ["270815363", "12345678", "a@b.nl"] {
                assert!(!all.contains(value), "{all}");
            }
        }
    }
}
