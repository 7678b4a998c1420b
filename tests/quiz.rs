//! Quiz validation: each rule has a fixture whose message is asserted.

mod common;

use common::failing_build;


#[test]
fn errors_on_no_correct_answer() {
    let text = failing_build("quiz-no-correct");
    assert!(text.contains("question `een` has no correct answer"), "{text}");
    assert!(text.contains("quizzes/balie.yaml:22:7"), "{text}");
}

#[test]
fn errors_on_many_correct_in_single() {
    let text = failing_build("quiz-many-correct");
    assert!(text.contains("single-choice question `een` has 2 correct answers"), "{text}");
    assert!(text.contains("quizzes/balie.yaml:22:7"), "{text}");
}

#[test]
fn errors_on_repeated_order_item() {
    let text = failing_build("quiz-repeated-item");
    assert!(text.contains("ordering question `drie` repeats the item `Signaal zien`"), "{text}");
    assert!(text.contains("quizzes/balie.yaml:42:15"), "{text}");
}

#[test]
fn errors_on_repeated_choice() {
    let text = failing_build("quiz-repeated-item");
    assert!(!text.contains("repeats the choice"), "{text}");
    let text = failing_build("quiz-repeated-choice");
    assert!(text.contains("question `vier` repeats the choice `Arbeidsuitbuiting`"), "{text}");
    assert!(text.contains("quizzes/balie.yaml:50:9"), "{text}");
}

#[test]
fn errors_on_missing_pair() {
    let text = failing_build("quiz-missing-pair");
    assert!(text.contains("matching question `vier`: `Webcam` has no `right` answer"), "{text}");
    assert!(text.contains("quizzes/balie.yaml:51:9"), "{text}");
}

#[test]
fn errors_on_duplicate_question_id() {
    let text = failing_build("quiz-duplicate-question");
    assert!(text.contains("question `een`: duplicate question id"), "{text}");
    assert!(text.contains("quizzes/balie.yaml:27:9"), "{text}");
}

#[test]
fn errors_on_link_to_missing_id() {
    let text = failing_build("quiz-missing-link");
    assert!(text.contains("question `een` links to case `geen-casus`, which does not exist"), "{text}");
    assert!(text.contains("quizzes/balie.yaml:19:21"), "{text}");
}

#[test]
fn real_quizzes_meet_the_brief() {
    let diagnostics = baken::diagnostics::Diagnostics::new();
    let site = baken::content::load_site(&common::repo_root(), &diagnostics);
    assert!(site.quizzes.len() >= 6, "only {} quizzes", site.quizzes.len());
    for quiz in &site.quizzes {
        let quiz = &quiz.value;
        assert!(quiz.questions.len() >= 8, "{} has {} questions", quiz.id, quiz.questions.len());
        let kinds: std::collections::HashSet<_> = quiz.questions.iter().map(|q| q.kind).collect();
        assert!(kinds.contains(&baken::quiz::QuestionKind::Order), "{} has no ordering question", quiz.id);
        assert!(kinds.contains(&baken::quiz::QuestionKind::Match), "{} has no matching question", quiz.id);
    }
}
