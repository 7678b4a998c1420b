//! Signals of trafficking: one YAML file per signal under `signalen/`.

use serde::{Deserialize, Serialize};

use super::common::Form;

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Signal {
    pub id: String,
    pub title: String,
    pub description: String,
    pub forms: Vec<Form>,
    pub settings: Vec<Setting>,
    pub acute: bool,
    #[serde(default)]
    pub partners: Vec<String>,
    /// Findings of `baken check` that are not personal data, each with a reason.
    #[serde(default)]
    pub allow_personal_data: Vec<serde_yaml::Value>,
}

/// Where municipal staff meet a signal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Setting {
    Balie,
    Toezicht,
    Huisbezoek,
    School,
    Zorg,
    Vergunning,
    Wijk,
    Werkplek,
    Online,
    Opvang,
}

impl Setting {
    pub fn label(self) -> &'static str {
        match self {
            Setting::Balie => "Aan de balie",
            Setting::Toezicht => "Bij toezicht en handhaving",
            Setting::Huisbezoek => "Bij een huisbezoek",
            Setting::School => "Op school",
            Setting::Zorg => "In de zorg",
            Setting::Vergunning => "Bij een vergunning",
            Setting::Wijk => "In de wijk",
            Setting::Werkplek => "Op de werkplek",
            Setting::Online => "Online",
            Setting::Opvang => "In de opvang",
        }
    }

    pub fn slug(self) -> String {
        serde_json::to_value(self).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
    }
}
