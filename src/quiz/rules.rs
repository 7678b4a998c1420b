//! Rules every quiz must meet before it is published.

use std::collections::HashSet;

use super::{Question, QuestionKind, Quiz};
use crate::content::{Item, Site};
use crate::diagnostics::Diagnostics;

/// Checks one quiz: answers, orderings, matchings, ids and links.
pub fn check_quiz(quiz: &Item<Quiz>, site: &Site, diagnostics: &Diagnostics) {
    if !(1..=100).contains(&quiz.value.pass_mark) {
        diagnostics.push(quiz.error("invalid-pass-mark", "pass_mark", format!("pass mark {} is not a percentage from 1 to 100", quiz.value.pass_mark)).with_help("set `pass_mark:` to the share of questions to answer right, such as 70"));
    }
    if quiz.value.questions.is_empty() {
        diagnostics.push(quiz.error("missing-value", "questions", "quiz has no questions").with_help("add questions under `questions:`"));
    }
    let mut ids = HashSet::new();
    for (index, question) in quiz.value.questions.iter().enumerate() {
        let key = format!("questions.{index}");
        if !ids.insert(question.id.as_str()) {
            diagnostics.push(quiz.error("duplicate-id", &format!("{key}.id"), format!("question `{}`: duplicate question id", question.id)).with_help("give each question in the quiz its own id"));
        }
        check_answers(quiz, &key, question, diagnostics);
        check_links(quiz, &key, question, site, diagnostics);
    }
}

/// Reports fields that belong to another kind of question, which the site would ignore.
fn check_foreign_fields(quiz: &Item<Quiz>, key: &str, question: &Question, diagnostics: &Diagnostics) {
    let kind = question.kind;
    let present = [
        ("options", !question.options.is_empty(), matches!(kind, QuestionKind::Single | QuestionKind::Multiple)),
        ("items", !question.items.is_empty(), kind == QuestionKind::Order),
        ("pairs", !question.pairs.is_empty(), kind == QuestionKind::Match),
        ("choices", !question.choices.is_empty(), kind == QuestionKind::Match),
    ];
    for (field, is_present, belongs) in present {
        if is_present && !belongs {
            diagnostics.push(quiz.error("quiz-foreign-field", &format!("{key}.{field}"), format!("question `{}` of kind `{}` has `{field}`, which that kind does not use", question.id, serde_json::to_value(kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default())).with_help("remove the field, or change `kind:`"));
        }
    }
}

/// Reports the second and later entries whose text repeats an earlier one.
fn check_repeats<'a>(quiz: &Item<Quiz>, key: &str, id: &str, texts: impl Iterator<Item = &'a str>, what: &str, diagnostics: &Diagnostics) {
    let mut seen = HashSet::new();
    for (i, text) in texts.enumerate() {
        if !seen.insert(text.trim()) {
            diagnostics.push(quiz.error("quiz-repeated-item", &format!("{key}.{i}"), format!("question `{id}` repeats the {what} `{text}`")).with_help("each entry must be different"));
        }
    }
}

fn check_answers(quiz: &Item<Quiz>, key: &str, question: &Question, diagnostics: &Diagnostics) {
    let id = &question.id;
    check_foreign_fields(quiz, key, question, diagnostics);
    match question.kind {
        QuestionKind::Single | QuestionKind::Multiple => {
            let correct = question.options.iter().filter(|o| o.correct).count();
            if question.options.len() < 2 {
                diagnostics.push(quiz.error("quiz-options", &format!("{key}.options"), format!("question `{id}` needs at least two options")).with_help("add options under `options:`"));
            }
            if correct == 0 {
                diagnostics.push(quiz.error("quiz-no-correct", &format!("{key}.options"), format!("question `{id}` has no correct answer")).with_help("mark the right option with `correct: true`"));
            }
            check_repeats(quiz, &format!("{key}.options"), id, question.options.iter().map(|o| o.text.as_str()), "option", diagnostics);
            if question.kind == QuestionKind::Single && correct > 1 {
                diagnostics.push(quiz.error("quiz-many-correct", &format!("{key}.options"), format!("single-choice question `{id}` has {correct} correct answers")).with_help("mark exactly one option `correct: true`, or make it `kind: multiple`"));
            }
        }
        QuestionKind::Order => {
            if question.items.len() < 2 {
                diagnostics.push(quiz.error("quiz-items", &format!("{key}.items"), format!("ordering question `{id}` needs at least two items")).with_help("list the steps under `items:` in the right order"));
            }
            let mut seen = HashSet::new();
            for (i, item) in question.items.iter().enumerate() {
                if !seen.insert(item.text.trim()) {
                    diagnostics.push(quiz.error("quiz-repeated-item", &format!("{key}.items.{i}.text"), format!("ordering question `{id}` repeats the item `{}`", item.text)).with_help("each item must be different, or the order is ambiguous"));
                }
            }
        }
        QuestionKind::Match => {
            if question.pairs.len() < 2 {
                diagnostics.push(quiz.error("quiz-pairs", &format!("{key}.pairs"), format!("matching question `{id}` needs at least two pairs")).with_help("list `pairs:` with a `left` and a `right` each"));
            }
            check_repeats(quiz, &format!("{key}.pairs"), id, question.pairs.iter().map(|p| p.left.as_str()), "left side", diagnostics);
            check_repeats(quiz, &format!("{key}.choices"), id, question.choices.iter().map(String::as_str), "choice", diagnostics);
            let choices = question.match_choices();
            for (i, pair) in question.pairs.iter().enumerate() {
                match &pair.right {
                    None => diagnostics.push(quiz.error("quiz-missing-pair", &format!("{key}.pairs.{i}"), format!("matching question `{id}`: `{}` has no `right` answer", pair.left)).with_help("add `right:` with the answer that belongs to it")),
                    Some(right) if !choices.contains(right) => diagnostics.push(quiz.error("quiz-missing-pair", &format!("{key}.pairs.{i}.right"), format!("matching question `{id}`: answer `{right}` is not one of the choices")).with_help("add it to `choices:` or correct the spelling")),
                    Some(_) => {}
                }
            }
        }
    }
}

fn check_links(quiz: &Item<Quiz>, key: &str, question: &Question, site: &Site, diagnostics: &Diagnostics) {
    let links = &question.links;
    let groups: [(&str, &Vec<String>, &dyn Fn(&str) -> bool, &str); 4] = [
        ("signals", &links.signals, &|id| site.signal(id).is_some() || site.has_failed("signal", id), "signal"),
        ("partners", &links.partners, &|id| site.partner(id).is_some() || site.has_failed("partner", id), "partner"),
        ("cases", &links.cases, &|id| site.case(id).is_some() || site.has_failed("case", id), "case"),
        ("pages", &links.pages, &|id| site.page(id).is_some() || site.has_failed("page", id), "page"),
    ];
    for (field, ids, exists, kind) in groups {
        for (i, target) in ids.iter().enumerate() {
            if !exists(target) {
                diagnostics.push(quiz.error("unknown-reference", &format!("{key}.links.{field}.{i}"), format!("question `{}` links to {kind} `{target}`, which does not exist", question.id)).with_help(format!("use the id of an existing {kind}")));
            }
        }
    }
}
