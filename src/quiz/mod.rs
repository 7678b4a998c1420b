//! Persona-based quizzes: one YAML file per quiz under `quizzes/`.

pub mod rules;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Quiz {
    pub id: String,
    pub title: String,
    pub persona: Persona,
    pub intro: String,
    pub pass_mark: u32,
    pub questions: Vec<Question>,
    /// Findings of `baken check` that are not personal data, each with a reason.
    #[serde(default)]
    pub allow_personal_data: Vec<serde_yaml::Value>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Persona {
    pub name: String,
    pub role: String,
    pub department: String,
    pub background: String,
    #[serde(default)]
    pub goals: Vec<String>,
    #[serde(default)]
    pub meets: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    pub kind: QuestionKind,
    pub prompt: String,
    #[serde(default)]
    pub explanation: Option<String>,
    #[serde(default)]
    pub links: Links,
    #[serde(default)]
    pub options: Vec<AnswerOption>,
    #[serde(default)]
    pub items: Vec<OrderItem>,
    #[serde(default)]
    pub pairs: Vec<MatchPair>,
    #[serde(default)]
    pub choices: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuestionKind {
    Single,
    Multiple,
    Order,
    Match,
}

/// Ids of site items a question refers to.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Links {
    #[serde(default)]
    pub signals: Vec<String>,
    #[serde(default)]
    pub partners: Vec<String>,
    #[serde(default)]
    pub cases: Vec<String>,
    #[serde(default)]
    pub pages: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerOption {
    pub text: String,
    #[serde(default)]
    pub correct: bool,
    pub feedback: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OrderItem {
    pub text: String,
    pub feedback: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MatchPair {
    pub left: String,
    #[serde(default)]
    pub right: Option<String>,
    pub feedback: String,
}

impl Question {
    /// The right-hand answers of a matching question: `choices`, or else each distinct `right`.
    pub fn match_choices(&self) -> Vec<String> {
        if !self.choices.is_empty() {
            return self.choices.clone();
        }
        let mut choices: Vec<String> = Vec::new();
        for right in self.pairs.iter().filter_map(|p| p.right.clone()) {
            if !choices.contains(&right) {
                choices.push(right);
            }
        }
        choices
    }
}
