//! vCard 3.0 files for partners, so staff can save a contact to their phone.

use crate::content::partner::{is_blank, Partner};

/// Builds the vCard text of a partner: its name and every filled-in contact.
pub fn partner_vcard(partner: &Partner) -> String {
    let mut lines = vec!["BEGIN:VCARD".to_string(), "VERSION:3.0".to_string()];
    lines.push(format!("FN:{}", escape(&partner.name)));
    lines.push(format!("ORG:{}", escape(&partner.name)));
    if let Some(abbr) = &partner.abbreviation {
        lines.push(format!("NICKNAME:{}", escape(abbr)));
    }
    for contact in &partner.contacts {
        if let Some(phone) = contact.phone.as_deref().filter(|p| !is_blank(p)) {
            lines.push(format!("TEL;TYPE=WORK,VOICE:{}", escape(phone)));
        }
        if let Some(email) = contact.email.as_deref().filter(|e| !is_blank(e)) {
            lines.push(format!("EMAIL;TYPE=WORK:{}", escape(email)));
        }
        if let Some(website) = &contact.website {
            lines.push(format!("URL:{}", escape(website)));
        }
        if let Some(address) = &contact.address {
            let street = address.street.as_deref().unwrap_or("");
            lines.push(format!("ADR;TYPE=WORK:;;{};{};;;Nederland", escape(street), escape(&address.town)));
        }
    }
    let notes: Vec<String> = partner
        .contacts
        .iter()
        .filter(|c| c.phone.is_some() && !c.is_blank())
        .map(|c| {
            let hours: Vec<String> = c.hours.iter().map(|h| h.describe()).collect();
            let mut text = format!("{}: {}", c.label, c.phone.as_deref().unwrap_or(""));
            if !hours.is_empty() {
                text.push_str(&format!(" ({})", hours.join(", ")));
            }
            text
        })
        .collect();
    if !notes.is_empty() {
        lines.push(format!("NOTE:{}", escape(&notes.join("; "))));
    }
    lines.push("END:VCARD".to_string());
    lines.join("\r\n") + "\r\n"
}

fn escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace(',', "\\,").replace(';', "\\;").replace('\n', "\\n")
}
