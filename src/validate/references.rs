//! Unique ids, ids that match file names, and references to existing items.

use std::collections::HashMap;
use std::path::Path;

use crate::content::gemeente::{LocalCare, Slot};
use crate::content::partner::{is_blank, is_valid_time, Contact};
use crate::content::{Item, Site};
use crate::diagnostics::{Diagnostic, Diagnostics};

/// Reports duplicate ids and ids that differ from their file name.
pub fn check_ids(site: &Site, diagnostics: &Diagnostics) {
    check_kind("partner", site.partners.iter().map(|p| (p, p.value.id.as_str())), true, diagnostics);
    check_kind("signal", site.signals.iter().map(|s| (s, s.value.id.as_str())), true, diagnostics);
    check_kind("quiz", site.quizzes.iter().map(|q| (q, q.value.id.as_str())), true, diagnostics);
    check_kind("municipality", site.gemeenten.iter().map(|g| (g, g.value.id.as_str())), false, diagnostics);
    check_kind("glossary term", site.glossary.iter().map(|t| (t, t.value.id.as_str())), false, diagnostics);
}

fn check_kind<'a, T: 'a>(
    kind: &str,
    items: impl Iterator<Item = (&'a Item<T>, &'a str)>,
    id_is_file_name: bool,
    diagnostics: &Diagnostics,
) {
    let mut seen: HashMap<&str, &Path> = HashMap::new();
    for (item, id) in items {
        if !is_valid_id(id) {
            diagnostics.push(
                item.error("invalid-id", "id", format!("{kind} id `{id}` is not a valid id"))
                    .with_help("use lower-case letters, digits and hyphens, such as `team-avim`"),
            );
        }
        if id_is_file_name {
            let stem = item.source.path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
            if stem != id {
                diagnostics.push(
                    item.error("id-file-mismatch", "id", format!("{kind} id `{id}` differs from the file name `{stem}`"))
                        .with_help(format!("rename the file to `{id}.yaml` or set `id: {stem}`")),
                );
            }
        }
        if let Some(first) = seen.insert(id, &item.source.path) {
            diagnostics.push(
                item.error("duplicate-id", "id", format!("duplicate {kind} id `{id}`, also used in {}", first.display()))
                    .with_help("give each item its own id"),
            );
        }
    }
}

/// Returns true when `id` is lower case letters, digits and single hyphens.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Pushes an error for each id in `ids` that `exists` rejects.
#[allow(clippy::too_many_arguments)]
pub fn check_refs<T>(
    item: &Item<T>,
    field: &str,
    ids: &[String],
    kind: &str,
    exists: &dyn Fn(&str) -> bool,
    folder: &str,
    diagnostics: &Diagnostics,
) {
    for (index, id) in ids.iter().enumerate() {
        if !exists(id) {
            diagnostics.push(unknown(item.error("unknown-reference", &format!("{field}.{index}"), format!("{kind} `{id}` does not exist")), folder));
        }
    }
}

fn unknown(diagnostic: Diagnostic, folder: &str) -> Diagnostic {
    diagnostic.with_help(format!("use the id of an existing item in {folder}, or add that item"))
}

/// Reports references from pages, cases, signals, glossary and municipalities
/// to ids that do not exist.
pub fn check_references(site: &Site, diagnostics: &Diagnostics) {
    let partner = |id: &str| site.partner(id).is_some() || site.has_failed("partner", id);
    let signal = |id: &str| site.signal(id).is_some() || site.has_failed("signal", id);
    let gemeente = |id: &str| site.gemeenten.iter().any(|g| g.value.id == id);

    for page in &site.pages {
        let item = Item { value: (), source: page.file.source.clone(), key: String::new() };
        check_refs(&item, "signals", &page.file.meta.signals, "signal", &signal, "content/signalen/", diagnostics);
        check_refs(&item, "partners", &page.file.meta.partners, "partner", &partner, "content/partners/", diagnostics);
    }
    for case in &site.cases {
        let item = Item { value: (), source: case.file.source.clone(), key: String::new() };
        check_refs(&item, "signals", &case.file.meta.signals, "signal", &signal, "content/signalen/", diagnostics);
        check_refs(&item, "partners", &case.file.meta.partners, "partner", &partner, "content/partners/", diagnostics);
        if case.file.meta.signals.is_empty() {
            diagnostics.push(item.error("missing-value", "signals", "a case names no signals").with_help("list at least one signal id under `signals:`"));
        }
        if case.file.meta.questions.is_empty() {
            diagnostics.push(item.error("missing-value", "questions", "a case has no discussion questions").with_help("add at least one question under `questions:`"));
        }
    }
    for signal_item in &site.signals {
        check_refs(signal_item, "partners", &signal_item.value.partners, "partner", &partner, "content/partners/", diagnostics);
        if signal_item.value.forms.is_empty() {
            diagnostics.push(signal_item.error("missing-value", "forms", "a signal names no form of exploitation").with_help("list at least one of SU, AU, CU, OV under `forms:`"));
        }
    }
    for term in &site.glossary {
        if let Some(id) = &term.value.partner {
            check_refs(term, "", std::slice::from_ref(id), "partner", &partner, "content/partners/", diagnostics);
        }
    }
    for item in &site.partners {
        if let crate::content::partner::Region::Gemeenten(ids) = &item.value.region {
            check_refs(item, "region", ids, "municipality", &gemeente, "content/gemeenten.yaml", diagnostics);
        }
    }
    for item in &site.gemeenten {
        let g = &item.value;
        for (field, slot) in [("zorgcoordinatie", &g.zorgcoordinatie), ("zvh", &g.zvh)] {
            if let Slot::Filled(id) = slot {
                if !partner(id) {
                    diagnostics.push(unknown(item.error("unknown-reference", field, format!("partner `{id}` does not exist")), "content/partners/"));
                }
            }
        }
        if let Slot::Filled(list) = &g.zorg_welzijn {
            for (index, care) in list.iter().enumerate() {
                if let LocalCare::Partner(id) = care {
                    if !partner(id) {
                        diagnostics.push(unknown(item.error("unknown-reference", &format!("zorg_welzijn.{index}"), format!("partner `{id}` does not exist")), "content/partners/"));
                    }
                }
            }
        }
    }
}

/// Reports contacts that name no way to reach anyone, or invalid hours.
pub fn check_contacts(site: &Site, diagnostics: &Diagnostics) {
    for item in &site.partners {
        let ids: Vec<&str> = item.value.contacts.iter().filter_map(|c| c.id.as_deref()).collect();
        for (index, contact) in item.value.contacts.iter().enumerate() {
            check_contact(item, &format!("contacts.{index}"), contact, &ids, diagnostics);
        }
    }
    for item in &site.gemeenten {
        for (field, slot) in [("af", &item.value.af), ("wijkagent", &item.value.wijkagent)] {
            if let Slot::Filled(contact) = slot {
                check_contact(item, field, contact, &[], diagnostics);
            }
        }
    }
}

fn check_contact<T>(item: &Item<T>, key: &str, contact: &Contact, ids: &[&str], diagnostics: &Diagnostics) {
    if contact.is_empty() {
        diagnostics.push(
            item.error("empty-contact", key, format!("contact `{}` has no phone, email, website or address", contact.label))
                .with_help("add one of them, or write `phone: in te vullen` where the number is not known yet"),
        );
    }
    if let Some(email) = contact.email.as_deref().filter(|e| !is_blank(e)) {
        if !email.contains('@') || email.contains(' ') {
            diagnostics.push(item.error("invalid-email", &format!("{key}.email"), format!("`{email}` is not an e-mail address")).with_help("write the address as name@domain.nl"));
        }
    }
    if let Some(phone) = contact.phone.as_deref().filter(|p| !is_blank(p)) {
        let digits = phone.chars().filter(char::is_ascii_digit).count();
        if digits < 3 || phone.chars().any(|c| !(c.is_ascii_digit() || " -+()".contains(c))) {
            diagnostics.push(item.error("invalid-phone", &format!("{key}.phone"), format!("`{phone}` is not a phone number")).with_help("write only digits, spaces and hyphens, such as 088-9630320; put extra text in `note`"));
        }
    }
    for (index, hours) in contact.hours.iter().enumerate() {
        for (field, value) in [("from", &hours.from), ("to", &hours.to)] {
            if !is_valid_time(value) {
                diagnostics.push(item.error("invalid-time", &format!("{key}.hours.{index}.{field}"), format!("`{value}` is not a time")).with_help("write the time as HH:MM between quotes, such as \"08:00\""));
            }
        }
        if is_valid_time(&hours.from) && is_valid_time(&hours.to) && hours.from >= hours.to {
            diagnostics.push(item.error("invalid-time", &format!("{key}.hours.{index}"), format!("opening hours end ({}) before they start ({})", hours.to, hours.from)).with_help("`from` must be earlier than `to`"));
        }
    }
    if let Some(other) = &contact.outside_hours_of {
        if !ids.contains(&other.as_str()) {
            diagnostics.push(unknown(item.error("unknown-reference", &format!("{key}.outside_hours_of"), format!("contact `{other}` does not exist in this file")), "the `id` of a contact in this file"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_ids() {
        assert!(is_valid_id("team-avim"));
        assert!(is_valid_id("s-hertogenbosch"));
        assert!(!is_valid_id("Team"));
        assert!(!is_valid_id("a--b"));
        assert!(!is_valid_id(""));
    }
}
