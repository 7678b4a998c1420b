//! The glossary in `begrippen.yaml`.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub id: String,
    pub term: String,
    #[serde(default)]
    pub abbreviation: Option<String>,
    pub explanation: String,
    #[serde(default)]
    pub synonyms: Vec<String>,
    #[serde(default)]
    pub partner: Option<String>,
}
