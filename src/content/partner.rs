//! Chain partners: one YAML file per organisation under `partners/`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The text that marks a value the source leaves blank for each municipality.
pub const BLANK: &str = "in te vullen";

/// Returns true when `value` is the blank marker `in te vullen` (any case).
pub fn is_blank(value: &str) -> bool {
    value.trim().eq_ignore_ascii_case(BLANK)
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Partner {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub abbreviation: Option<String>,
    pub kind: PartnerKind,
    pub summary: String,
    pub tasks: Vec<String>,
    pub contacts: Vec<Contact>,
    pub region: Region,
    pub source: String,
    pub verified: Option<NaiveDate>,
}

impl Partner {
    /// Returns the abbreviation when there is one, else the name.
    pub fn short_name(&self) -> &str {
        self.abbreviation.as_deref().unwrap_or(&self.name)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PartnerKind {
    Politie,
    Inspectie,
    Zorg,
    Zorgcoordinatie,
    Gemeente,
    Opsporing,
    Justitie,
    Overheid,
    Veiligheidshuis,
    Ketenregie,
    Opvang,
    Jeugd,
    Welzijn,
    Ggz,
    Onderwijs,
    Kennis,
}

impl PartnerKind {
    /// Dutch label for headings and filters.
    pub fn label(self) -> &'static str {
        match self {
            PartnerKind::Politie => "Politie",
            PartnerKind::Inspectie => "Inspectie",
            PartnerKind::Zorg => "Zorg",
            PartnerKind::Zorgcoordinatie => "Zorgcoördinatie",
            PartnerKind::Gemeente => "Gemeente",
            PartnerKind::Opsporing => "Opsporing",
            PartnerKind::Justitie => "Justitie",
            PartnerKind::Overheid => "Overheid",
            PartnerKind::Veiligheidshuis => "Zorg- en Veiligheidshuis",
            PartnerKind::Ketenregie => "Ketenregie",
            PartnerKind::Opvang => "Opvang",
            PartnerKind::Jeugd => "Jeugd",
            PartnerKind::Welzijn => "Welzijn",
            PartnerKind::Ggz => "GGZ",
            PartnerKind::Onderwijs => "Onderwijs",
            PartnerKind::Kennis => "Kennis en training",
        }
    }
}

/// Where a partner works: the whole country, the whole region, or named municipalities.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Region {
    Landelijk,
    Regio,
    Gemeenten(Vec<String>),
}

impl<'de> Deserialize<'de> for Region {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RegionVisitor;
        impl<'de> serde::de::Visitor<'de> for RegionVisitor {
            type Value = Region;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("`landelijk`, `regio` or a list of municipality ids")
            }
            fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<Region, E> {
                match value {
                    "landelijk" => Ok(Region::Landelijk),
                    "regio" => Ok(Region::Regio),
                    other => Err(E::invalid_value(serde::de::Unexpected::Str(other), &self)),
                }
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<Region, A::Error> {
                let ids = Vec::<String>::deserialize(serde::de::value::SeqAccessDeserializer::new(seq))?;
                Ok(Region::Gemeenten(ids))
            }
        }
        deserializer.deserialize_any(RegionVisitor)
    }
}

/// One way to reach a partner: a phone number, e-mail address, website or address.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    #[serde(default)]
    pub id: Option<String>,
    pub label: String,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub website: Option<String>,
    #[serde(default)]
    pub address: Option<Address>,
    #[serde(default)]
    pub hours: Vec<OpeningHours>,
    #[serde(default)]
    pub outside_hours_of: Option<String>,
    #[serde(default)]
    pub anonymous: bool,
    #[serde(default)]
    pub note: Option<String>,
}

impl Contact {
    /// Returns true when a phone number or e-mail address is the blank marker.
    pub fn is_blank(&self) -> bool {
        self.phone.as_deref().is_some_and(is_blank) || self.email.as_deref().is_some_and(is_blank)
    }

    /// Returns true when the contact names no way to reach anyone.
    pub fn is_empty(&self) -> bool {
        self.phone.is_none() && self.email.is_none() && self.website.is_none() && self.address.is_none()
    }

    /// The phone number as a `tel:` URI in international form, if the contact has one.
    pub fn tel_uri(&self) -> Option<String> {
        self.phone.as_deref().filter(|p| !is_blank(p)).map(tel_uri)
    }
}

/// Converts a Dutch phone number as written (`088-9630320`, `14 0492`) to a `tel:` URI.
pub fn tel_uri(phone: &str) -> String {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    // Short numbers (112, 14 0492-style municipal numbers) are dialled as written.
    if digits.starts_with('0') && digits.len() >= 10 {
        format!("tel:+31{}", &digits[1..])
    } else {
        format!("tel:{digits}")
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Address {
    pub street: Option<String>,
    pub town: String,
}

/// A weekly window in which a phone number is answered.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OpeningHours {
    pub days: Vec<Weekday>,
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Weekday {
    Ma,
    Di,
    Wo,
    Do,
    Vr,
    Za,
    Zo,
}

impl OpeningHours {
    /// Dutch text such as `ma t/m vr 08:00–16:30`.
    pub fn describe(&self) -> String {
        let names = ["ma", "di", "wo", "do", "vr", "za", "zo"];
        let index = |d: &Weekday| *d as usize;
        let days: Vec<usize> = self.days.iter().map(index).collect();
        let contiguous = days.windows(2).all(|w| w[1] == w[0] + 1);
        let day_text = if days.len() > 2 && contiguous {
            format!("{} t/m {}", names[days[0]], names[days[days.len() - 1]])
        } else {
            days.iter().map(|d| names[*d]).collect::<Vec<_>>().join(", ")
        };
        format!("{day_text} {}–{}", self.from, self.to)
    }
}

/// Returns true when `value` is a 24-hour time `HH:MM`.
pub fn is_valid_time(value: &str) -> bool {
    let Some((h, m)) = value.split_once(':') else { return false };
    h.len() == 2
        && m.len() == 2
        && h.parse::<u8>().is_ok_and(|h| h < 24)
        && m.parse::<u8>().is_ok_and(|m| m < 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tel_uri_uses_country_code() {
        assert_eq!(tel_uri("088-9630320"), "tel:+31889630320");
        assert_eq!(tel_uri("0800-5151"), "tel:08005151");
        assert_eq!(tel_uri("14 0492"), "tel:140492");
    }

    #[test]
    fn hours_describe_weekdays() {
        let hours = OpeningHours {
            days: vec![Weekday::Ma, Weekday::Di, Weekday::Wo, Weekday::Do, Weekday::Vr],
            from: "08:00".into(),
            to: "16:30".into(),
        };
        assert_eq!(hours.describe(), "ma t/m vr 08:00–16:30");
    }

    #[test]
    fn time_format_is_checked() {
        assert!(is_valid_time("08:00"));
        assert!(!is_valid_time("8:00"));
        assert!(!is_valid_time("24:00"));
    }
}
