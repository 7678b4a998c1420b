//! The reporting route "van signaal naar actie" in `meldroute.yaml`.

use serde::{Deserialize, Serialize};

use super::common::{Audience, Form};

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Route {
    pub start: String,
    #[serde(default)]
    pub checklist: Vec<String>,
    pub nodes: Vec<RouteNode>,
    /// Findings of `baken check` that are not personal data, each with a reason.
    #[serde(default)]
    pub allow_personal_data: Vec<serde_yaml::Value>,
}

/// A question (with options) or an outcome (with steps).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RouteNode {
    pub id: String,
    #[serde(default)]
    pub question: Option<String>,
    #[serde(default)]
    pub help: Option<String>,
    #[serde(default)]
    pub options: Vec<RouteOption>,
    #[serde(default)]
    pub outcome: Option<String>,
    #[serde(default)]
    pub form: Option<Form>,
    #[serde(default)]
    pub audience: Option<Audience>,
    #[serde(default)]
    pub steps: Vec<RouteStep>,
    #[serde(default)]
    pub notes: Vec<String>,
    #[serde(default)]
    pub checklist: bool,
}

impl RouteNode {
    pub fn is_outcome(&self) -> bool {
        self.outcome.is_some()
    }

    /// The question text or the outcome title.
    pub fn title(&self) -> &str {
        self.question.as_deref().or(self.outcome.as_deref()).unwrap_or(&self.id)
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RouteOption {
    pub label: String,
    pub next: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RouteStep {
    pub action: Action,
    #[serde(default)]
    pub partner: Option<String>,
    #[serde(default)]
    pub role: Option<Role>,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    BelEerst,
    Daarna,
    Tegelijk,
    Meld,
    MeldAnoniem,
    VraagAdvies,
    Terugkoppeling,
    #[serde(rename = "bel-112")]
    Bel112,
}

impl Action {
    pub fn label(self) -> &'static str {
        match self {
            Action::BelEerst => "Bel eerst",
            Action::Daarna => "Daarna",
            Action::Tegelijk => "Tegelijk",
            Action::Meld => "Meld",
            Action::MeldAnoniem => "Meld anoniem",
            Action::VraagAdvies => "Vraag advies",
            Action::Terugkoppeling => "Terugkoppeling",
            Action::Bel112 => "Bel 112",
        }
    }
}

/// A contact that depends on the municipality the user picks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Af,
    Zorgcoordinatie,
    Wijkagent,
    Zvh,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Af, Role::Zorgcoordinatie, Role::Wijkagent, Role::Zvh];

    pub fn slug(self) -> &'static str {
        match self {
            Role::Af => "af",
            Role::Zorgcoordinatie => "zorgcoordinatie",
            Role::Wijkagent => "wijkagent",
            Role::Zvh => "zvh",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Af => "De aandachtsfunctionaris van uw gemeente",
            Role::Zorgcoordinatie => "De zorgcoördinatie mensenhandel van uw gemeente",
            Role::Wijkagent => "De wijkagent",
            Role::Zvh => "Het Zorg- en Veiligheidshuis",
        }
    }
}
