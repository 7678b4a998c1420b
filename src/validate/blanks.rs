//! Blanks: places where the policy leaves a value to fill in per municipality.
//!
//! The regional policy names no local contacts, so `in te vullen` and
//! placeholders such as `[naam, functie]` are expected and reported as
//! warnings, once per place. The completeness table shows per municipality
//! which of its five fields are filled in.

use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use super::personal_data::{Role, SourceFile};
use crate::content::gemeente::{Gemeente, LocalCare, Slot};
use crate::content::partner::Contact;
use crate::content::Site;
use crate::diagnostics::{Diagnostic, Diagnostics, Position};

static IN_TE_VULLEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bin te vullen\b").expect("valid built-in regex"));
static BRACKETS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[([^\[\]\n]{1,80})\]").expect("valid built-in regex"));

/// Words that, alone or listed with commas, make a bracketed text a
/// placeholder: `[naam, functie]`, `[adres]`, `[plaatsnaam]`.
const PLACEHOLDER_WORDS: [&str; 30] = [
    "naam",
    "namen",
    "voornaam",
    "achternaam",
    "functie",
    "adres",
    "straat",
    "straatnaam",
    "huisnummer",
    "postcode",
    "plaats",
    "plaatsnaam",
    "woonplaats",
    "gemeente",
    "organisatie",
    "afdeling",
    "team",
    "contactpersoon",
    "contactgegevens",
    "telefoon",
    "telefoonnummer",
    "tel",
    "nummer",
    "e-mail",
    "e-mailadres",
    "emailadres",
    "mailadres",
    "website",
    "datum",
    "invullen",
];

/// A placeholder in a line: its 1-based column and length in characters, and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder {
    pub line: usize,
    pub column: usize,
    pub length: usize,
    pub text: String,
}

/// Finds `in te vullen` and bracketed placeholders in `text`.
///
/// A bracket followed by `(`, `[` or `:` is Markdown link syntax, not a
/// placeholder.
pub fn find_placeholders(text: &str) -> Vec<Placeholder> {
    let mut found = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let mut spans: Vec<std::ops::Range<usize>> = Vec::new();
        for m in BRACKETS.captures_iter(line) {
            let whole = m.get(0).map(|w| w.range()).unwrap_or_default();
            let next = line[whole.end..].chars().next();
            let is_link = next.is_some_and(|c| "([:".contains(c));
            if !is_link && is_placeholder(&m[1]) {
                spans.push(whole);
            }
        }
        for m in IN_TE_VULLEN.find_iter(line) {
            if !spans.iter().any(|s| s.start <= m.start() && m.end() <= s.end) {
                spans.push(m.range());
            }
        }
        spans.sort_by_key(|s| s.start);
        for span in spans {
            found.push(Placeholder {
                line: index + 1,
                column: line[..span.start].chars().count() + 1,
                length: line[span.clone()].chars().count(),
                text: line[span].to_string(),
            });
        }
    }
    found
}

/// Returns true when the text between brackets is a placeholder: a list of
/// placeholder words, a date pattern such as `dd-mm-jjjj`, an ellipsis, or a
/// text that starts with `naam van` or `in te vullen`.
pub fn is_placeholder(inner: &str) -> bool {
    let lower = inner.trim().to_lowercase();
    if lower.contains("jjjj") || lower.contains("dd-mm") || lower == "..." || lower == "…" {
        return true;
    }
    if lower.starts_with("naam van") || lower.starts_with("in te vullen") || lower.starts_with("vul ") {
        return true;
    }
    let parts: Vec<&str> = lower
        .split([',', '/'])
        .flat_map(|part| part.split(" en "))
        .flat_map(|part| part.split(" of "))
        .map(str::trim)
        .collect();
    !parts.is_empty() && parts.iter().all(|part| PLACEHOLDER_WORDS.contains(part))
}

/// Reports every placeholder in the text files, once per place.
///
/// `in te vullen` in `gemeenten.yaml` is left to [`check_municipalities`],
/// which reports each municipality once with all its blank fields.
pub fn check_text_blanks(files: &[SourceFile], diagnostics: &Diagnostics) {
    for file in files {
        for placeholder in find_placeholders(&file.text) {
            let is_slot = placeholder.text.eq_ignore_ascii_case("in te vullen");
            if file.role == Role::Gemeenten && is_slot {
                continue;
            }
            diagnostics.push(placeholder_warning(&file.path, &placeholder));
        }
    }
}

fn placeholder_warning(path: &Path, placeholder: &Placeholder) -> Diagnostic {
    let position = Position::new(placeholder.line, placeholder.column);
    let message = format!("placeholder `{}` is not filled in", placeholder.text);
    Diagnostic::warning("blank", path, position, message)
        .with_length(placeholder.length)
        .with_help("fill in the real value when it is known; until then the site shows the placeholder")
}

/// Reports partners that list no contacts at all.
pub fn check_partner_contacts(site: &Site, diagnostics: &Diagnostics) {
    for item in &site.partners {
        if item.value.contacts.is_empty() {
            let message = format!("partner `{}` lists no contacts", item.value.id);
            diagnostics.push(item.warning("blank", "contacts", message).with_help(
                "add a contact, or `- {label: ..., phone: in te vullen}` where the source names none",
            ));
        }
    }
}

/// How far one field of a municipality is filled in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldState {
    Filled,
    /// `in te vullen`, or a contact whose phone or e-mail is `in te vullen`.
    Blank,
    /// Filled with nothing: an empty list, text or contact.
    Empty,
}

impl FieldState {
    fn word(self) -> &'static str {
        match self {
            FieldState::Filled => "filled",
            FieldState::Blank => "blank",
            FieldState::Empty => "empty",
        }
    }
}

/// One row of the completeness table.
#[derive(Debug, Clone, Serialize)]
pub struct Completeness {
    pub id: String,
    pub name: String,
    pub af: FieldState,
    pub wijkagent: FieldState,
    pub zorg_welzijn: FieldState,
    pub zorgcoordinatie: FieldState,
    pub zvh: FieldState,
    /// Number of fields in the state `filled`.
    pub filled: usize,
    /// Number of fields, always 5.
    pub total: usize,
}

impl Completeness {
    fn fields(&self) -> [(&'static str, FieldState); 5] {
        [
            ("af", self.af),
            ("wijkagent", self.wijkagent),
            ("zorg_welzijn", self.zorg_welzijn),
            ("zorgcoordinatie", self.zorgcoordinatie),
            ("zvh", self.zvh),
        ]
    }
}

/// Builds the completeness table of the municipalities, in file order.
pub fn completeness(site: &Site) -> Vec<Completeness> {
    site.gemeenten.iter().map(|item| row(&item.value)).collect()
}

fn row(gemeente: &Gemeente) -> Completeness {
    let mut row = Completeness {
        id: gemeente.id.clone(),
        name: gemeente.name.clone(),
        af: contact_state(&gemeente.af),
        wijkagent: contact_state(&gemeente.wijkagent),
        zorg_welzijn: care_state(&gemeente.zorg_welzijn),
        zorgcoordinatie: id_state(&gemeente.zorgcoordinatie),
        zvh: id_state(&gemeente.zvh),
        filled: 0,
        total: 5,
    };
    row.filled = row.fields().iter().filter(|(_, state)| *state == FieldState::Filled).count();
    row
}

fn contact_state(slot: &Slot<Contact>) -> FieldState {
    match slot {
        Slot::Blank => FieldState::Blank,
        Slot::Filled(contact) if contact.is_blank() => FieldState::Blank,
        Slot::Filled(contact) if contact.is_empty() => FieldState::Empty,
        Slot::Filled(_) => FieldState::Filled,
    }
}

fn care_state(slot: &Slot<Vec<LocalCare>>) -> FieldState {
    match slot {
        Slot::Blank => FieldState::Blank,
        Slot::Filled(list) if list.is_empty() => FieldState::Empty,
        Slot::Filled(list) => {
            let all_blank = list.iter().all(|care| matches!(care, LocalCare::Contact(c) if c.is_blank()));
            if all_blank {
                FieldState::Blank
            } else {
                FieldState::Filled
            }
        }
    }
}

fn id_state(slot: &Slot<String>) -> FieldState {
    match slot {
        Slot::Blank => FieldState::Blank,
        Slot::Filled(id) if id.trim().is_empty() => FieldState::Empty,
        Slot::Filled(_) => FieldState::Filled,
    }
}

/// Reports each municipality with open fields once, listing the fields.
pub fn check_municipalities(site: &Site, diagnostics: &Diagnostics) {
    for item in &site.gemeenten {
        let row = row(&item.value);
        let open: Vec<String> = row
            .fields()
            .iter()
            .filter(|(_, state)| *state != FieldState::Filled)
            .map(|(field, state)| match state {
                FieldState::Empty => format!("{field} (empty)"),
                _ => field.to_string(),
            })
            .collect();
        if open.is_empty() {
            continue;
        }
        let message = format!(
            "municipality `{}`: {} of {} fields to fill in ({})",
            row.name,
            open.len(),
            row.total,
            open.join(", ")
        );
        diagnostics.push(item.warning("blank", "id", message).with_help(
            "fill in the contacts when the municipality supplies them; until then the site says \
             they are missing and refers to the regional partners",
        ));
    }
}

/// Renders the completeness table as aligned plain text with a total line.
pub fn render_table(rows: &[Completeness]) -> String {
    let headings = ["municipality", "af", "wijkagent", "zorg_welzijn", "zorgcoordinatie", "zvh", "filled"];
    let mut cells: Vec<Vec<String>> = vec![headings.iter().map(|h| h.to_string()).collect()];
    for row in rows {
        let mut line = vec![row.name.clone()];
        line.extend(row.fields().iter().map(|(_, state)| state.word().to_string()));
        line.push(format!("{}/{}", row.filled, row.total));
        cells.push(line);
    }
    let widths: Vec<usize> = (0..headings.len())
        .map(|column| cells.iter().map(|line| line[column].chars().count()).max().unwrap_or(0))
        .collect();

    let complete = rows.iter().filter(|r| r.filled == r.total).count();
    let filled: usize = rows.iter().map(|r| r.filled).sum();
    let total: usize = rows.iter().map(|r| r.total).sum();
    let mut text = format!(
        "Completeness per municipality: {complete} of {} complete, {filled} of {total} fields filled in\n",
        rows.len()
    );
    for line in cells {
        let padded: Vec<String> =
            line.iter().zip(&widths).map(|(cell, width)| format!("{cell:<width$}")).collect();
        text.push_str(padded.join("  ").trim_end());
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_in_text() {
        let text = "Bel [naam, functie] op [telefoonnummer].\nAdres: in te vullen\nDatum: [dd-mm-jjjj]";
        let found = find_placeholders(text);
        let texts: Vec<&str> = found.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, ["[naam, functie]", "[telefoonnummer]", "in te vullen", "[dd-mm-jjjj]"]);
        assert_eq!((found[2].line, found[2].column, found[2].length), (2, 8, 12));
    }

    #[test]
    fn links_and_lists_are_not_placeholders() {
        let text = "Zie [adres](adres.html), [naam][1], noot[^1] en forms: [AU, SU].\n[adres]: https://x.nl/";
        assert!(find_placeholders(text).is_empty());
    }

    #[test]
    fn bracketed_blank_is_reported_once() {
        let found = find_placeholders("Contact: [in te vullen]");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].text, "[in te vullen]");
    }

    #[test]
    fn placeholder_words() {
        assert!(is_placeholder("plaatsnaam"));
        assert!(is_placeholder("naam en functie"));
        assert!(is_placeholder("Naam van de zorgcoördinator"));
        assert!(!is_placeholder("x"));
        assert!(!is_placeholder("medewerker, af"));
    }

    #[test]
    fn field_states() {
        let blank_contact = Contact { label: "AF".into(), phone: Some("in te vullen".into()), ..Contact::default() };
        assert_eq!(contact_state(&Slot::Filled(blank_contact)), FieldState::Blank);
        assert_eq!(contact_state(&Slot::Filled(Contact::default())), FieldState::Empty);
        assert_eq!(care_state(&Slot::Filled(Vec::new())), FieldState::Empty);
        assert_eq!(care_state(&Slot::Filled(vec![LocalCare::Partner("p".into())])), FieldState::Filled);
        assert_eq!(id_state(&Slot::Blank), FieldState::Blank);
    }
}
