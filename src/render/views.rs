//! Serializable views of the model, as the templates and scripts see them.
//!
//! URLs in views are relative to the site root; templates prefix them with
//! `root`, the path from the current page back to the root.

use serde_json::{json, Value};

use crate::content::gemeente::{Gemeente, LocalCare, Slot};
use crate::content::partner::{is_blank, Contact, Partner, Region};
use crate::content::route::Role;
use crate::content::signal::Signal;
use crate::content::Site;

/// Returns the prefix from page `url` back to the site root, such as `../`.
pub fn root_prefix(url: &str) -> String {
    "../".repeat(url.matches('/').count())
}

pub fn contact_view(contact: &Contact) -> Value {
    let blank = contact.is_blank();
    let hours: Vec<Value> = contact
        .hours
        .iter()
        .map(|h| json!({"days": h.days, "from": h.from, "to": h.to, "text": h.describe()}))
        .collect();
    json!({
        "id": contact.id,
        "label": contact.label,
        "phone": contact.phone.as_deref().filter(|p| !is_blank(p)),
        "tel": contact.tel_uri(),
        "email": contact.email.as_deref().filter(|e| !is_blank(e)),
        "website": contact.website,
        "address": contact.address,
        "hours": hours,
        "outside_hours_of": contact.outside_hours_of,
        "anonymous": contact.anonymous,
        "note": contact.note,
        "blank": blank,
    })
}

pub fn region_text(region: &Region, site: &Site) -> String {
    match region {
        Region::Landelijk => "Landelijk".to_string(),
        Region::Regio => "Regio Oost-Brabant".to_string(),
        Region::Gemeenten(ids) => ids
            .iter()
            .map(|id| gemeente_name(site, id))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

fn gemeente_name(site: &Site, id: &str) -> String {
    site.gemeenten
        .iter()
        .find(|g| g.value.id == id)
        .map(|g| g.value.name.clone())
        .unwrap_or_else(|| id.to_string())
}

pub fn partner_url(id: &str) -> String {
    format!("partners/{id}.html")
}

pub fn signal_url(id: &str) -> String {
    format!("signalen/{id}.html")
}

/// A short reference to a partner: id, name, URL.
pub fn partner_link(site: &Site, id: &str) -> Value {
    let name = site.partner(id).map(|p| p.name.clone()).unwrap_or_else(|| id.to_string());
    json!({"id": id, "title": name, "url": partner_url(id)})
}

pub fn signal_link(site: &Site, id: &str) -> Value {
    let title = site.signal(id).map(|s| s.title.clone()).unwrap_or_else(|| id.to_string());
    json!({"id": id, "title": title, "url": signal_url(id)})
}

pub fn partner_view(partner: &Partner, site: &Site) -> Value {
    json!({
        "id": partner.id,
        "name": partner.name,
        "abbreviation": partner.abbreviation,
        "short_name": partner.short_name(),
        "kind": partner.kind,
        "kind_label": partner.kind.label(),
        "summary": partner.summary,
        "tasks": partner.tasks,
        "contacts": partner.contacts.iter().map(contact_view).collect::<Vec<_>>(),
        "has_blank": partner.contacts.iter().any(Contact::is_blank),
        "region": region_text(&partner.region, site),
        "source": partner.source,
        "verified": partner.verified.map(|d| d.format("%d-%m-%Y").to_string()),
        "url": partner_url(&partner.id),
        "vcard": format!("partners/{}.vcf", partner.id),
    })
}

pub fn signal_view(signal: &Signal, description_html: &str) -> Value {
    json!({
        "id": signal.id,
        "title": signal.title,
        "description": signal.description,
        "description_html": description_html,
        "forms": signal.forms.iter().map(|f| json!({"code": f.code(), "label": f.label()})).collect::<Vec<_>>(),
        "form_codes": signal.forms.iter().map(|f| f.code()).collect::<Vec<_>>().join(" "),
        "settings": signal.settings.iter().map(|s| json!({"slug": s.slug(), "label": s.label()})).collect::<Vec<_>>(),
        "setting_codes": signal.settings.iter().map(|s| s.slug()).collect::<Vec<_>>().join(" "),
        "acute": signal.acute,
        "url": signal_url(&signal.id),
    })
}

/// A municipality with each slot either filled in or marked blank.
pub fn gemeente_view(gemeente: &Gemeente, site: &Site) -> Value {
    let contact = |slot: &Slot<Contact>| slot.filled().map(contact_view);
    let partner = |slot: &Slot<String>| slot.filled().map(|id| partner_link(site, id));
    let care = gemeente.zorg_welzijn.filled().map(|list| {
        list.iter()
            .map(|c| match c {
                LocalCare::Partner(id) => json!({"partner": partner_link(site, id)}),
                LocalCare::Contact(contact) => json!({"contact": contact_view(contact)}),
            })
            .collect::<Vec<_>>()
    });
    let filled = [
        gemeente.af.filled().is_some(),
        gemeente.wijkagent.filled().is_some(),
        gemeente.zorg_welzijn.filled().is_some(),
        gemeente.zorgcoordinatie.filled().is_some(),
        gemeente.zvh.filled().is_some(),
    ];
    json!({
        "id": gemeente.id,
        "name": gemeente.name,
        "af": contact(&gemeente.af),
        "wijkagent": contact(&gemeente.wijkagent),
        "zorg_welzijn": care,
        "zorgcoordinatie": partner(&gemeente.zorgcoordinatie),
        "zvh": partner(&gemeente.zvh),
        "filled": filled.iter().filter(|f| **f).count(),
        "total": filled.len(),
    })
}

/// The partners that stand in for a role when a municipality has not filled it in.
pub fn role_partners(site: &Site, role: Role) -> Vec<String> {
    use crate::content::partner::PartnerKind;
    let ids: Vec<String> = match role {
        Role::Zorgcoordinatie => site
            .partners
            .iter()
            .filter(|p| p.value.kind == PartnerKind::Zorgcoordinatie && !p.value.contacts.is_empty() && p.value.contacts.iter().any(|c| !c.is_blank()))
            .map(|p| p.value.id.clone())
            .collect(),
        Role::Zvh => site.partners.iter().filter(|p| p.value.kind == PartnerKind::Veiligheidshuis).map(|p| p.value.id.clone()).collect(),
        Role::Af => vec!["aandachtsfunctionaris".to_string()],
        Role::Wijkagent => vec!["wijkagent".to_string()],
    };
    ids.into_iter().filter(|id| site.partner(id).is_some()).collect()
}

/// Serializes `value` as JSON that is safe inside a `<script type="application/json">` element.
pub fn script_json(value: &Value) -> String {
    serde_json::to_string(value)
        .unwrap_or_else(|_| "null".to_string())
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_prefix_counts_folders() {
        assert_eq!(root_prefix("index.html"), "");
        assert_eq!(root_prefix("partners/avim.html"), "../");
        assert_eq!(root_prefix("a/b/c.html"), "../../");
    }

    #[test]
    fn script_json_escapes_closing_tags() {
        let text = script_json(&json!({"a": "</script>"}));
        assert!(!text.contains("</"));
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["a"], "</script>");
    }
}
