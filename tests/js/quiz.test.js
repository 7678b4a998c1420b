"use strict";

// Tests for the DOM-free parts of themes/default/static/js/quiz.js.
// Run with: node --test tests/js/

const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const BakenQuiz = require(path.join(__dirname, "..", "..", "themes", "default", "static", "js", "quiz.js"));

/** In-memory stand-in for window.localStorage that records every write. */
class MemoryStorage {
  constructor() {
    this.items = new Map();
    this.writes = [];
  }
  getItem(key) {
    return this.items.has(key) ? this.items.get(key) : null;
  }
  setItem(key, value) {
    this.writes.push([key, String(value)]);
    this.items.set(key, String(value));
  }
  removeItem(key) {
    this.items.delete(key);
  }
}

/** Storage that throws on every call, as some browsers do for file:// pages. */
class BlockedStorage {
  getItem() {
    throw new Error("SecurityError");
  }
  setItem() {
    throw new Error("SecurityError");
  }
  removeItem() {
    throw new Error("SecurityError");
  }
}

/** Returns a random function that yields the given numbers in turn, then repeats. */
function sequence(numbers) {
  let position = 0;
  return () => {
    const value = numbers[position % numbers.length];
    position += 1;
    return value;
  };
}

function sampleQuiz() {
  return {
    id: "proef",
    title: "Proefquiz",
    pass_mark: 70,
    questions: [
      {
        id: "een-antwoord",
        kind: "single",
        prompt: "Wie verrijkt het signaal?",
        options: [
          { text: "De baliemedewerker", correct: false, feedback: "Nee." },
          { text: "De aandachtsfunctionaris", correct: true, feedback: "Ja." },
          { text: "De buurman", feedback: "Nee." },
        ],
      },
      {
        id: "meer-antwoorden",
        kind: "multiple",
        prompt: "Welke vormen bestaan?",
        options: [
          { text: "Seksuele uitbuiting", correct: true, feedback: "Ja." },
          { text: "Arbeidsuitbuiting", correct: true, feedback: "Ja." },
          { text: "Fietsendiefstal", correct: false, feedback: "Nee." },
        ],
      },
      {
        id: "volgorde",
        kind: "order",
        prompt: "Zet in volgorde.",
        items: [
          { text: "Signaal opvangen", feedback: "Eerst." },
          { text: "Melden bij de AF", feedback: "Daarna." },
          { text: "AF verrijkt", feedback: "Dan." },
          { text: "Terugkoppeling", feedback: "Laatst." },
        ],
      },
      {
        id: "koppelen",
        kind: "match",
        prompt: "Koppel.",
        pairs: [
          { left: "Zeven dagen per week werken", right: "Arbeidsuitbuiting", feedback: "AU." },
          { left: "Drugs inpakken onder dreiging", right: "Criminele uitbuiting", feedback: "CU." },
          { left: "Klanten moeten ontvangen", right: "Seksuele uitbuiting", feedback: "SU." },
        ],
      },
    ],
  };
}

const RIGHT_ANSWERS = {
  "een-antwoord": 1,
  "meer-antwoorden": [0, 1],
  volgorde: [0, 1, 2, 3],
  koppelen: ["Arbeidsuitbuiting", "Criminele uitbuiting", "Seksuele uitbuiting"],
};

// --- Scoring -------------------------------------------------------------

test("single choice: correct option scores", () => {
  const question = sampleQuiz().questions[0];
  assert.equal(BakenQuiz.scoreSingle(question, 1), true);
});

test("single choice: wrong option fails", () => {
  const question = sampleQuiz().questions[0];
  assert.equal(BakenQuiz.scoreSingle(question, 0), false);
  assert.equal(BakenQuiz.scoreSingle(question, 2), false, "an option without `correct` counts as wrong");
});

test("single choice: invalid answer fails", () => {
  const question = sampleQuiz().questions[0];
  assert.equal(BakenQuiz.scoreSingle(question, 7), false);
  assert.equal(BakenQuiz.scoreSingle(question, -1), false);
  assert.equal(BakenQuiz.scoreSingle(question, "1"), false);
  assert.equal(BakenQuiz.scoreSingle(question, null), false);
});

test("multiple choice: exact set scores", () => {
  const question = sampleQuiz().questions[1];
  assert.equal(BakenQuiz.scoreMultiple(question, [0, 1]), true);
  assert.equal(BakenQuiz.scoreMultiple(question, [1, 0]), true, "order of the chosen options does not matter");
});

test("multiple choice: subset fails", () => {
  const question = sampleQuiz().questions[1];
  assert.equal(BakenQuiz.scoreMultiple(question, [0]), false);
});

test("multiple choice: superset fails", () => {
  const question = sampleQuiz().questions[1];
  assert.equal(BakenQuiz.scoreMultiple(question, [0, 1, 2]), false);
});

test("multiple choice: invalid answer fails", () => {
  const question = sampleQuiz().questions[1];
  assert.equal(BakenQuiz.scoreMultiple(question, [0, 1, 5]), false);
  assert.equal(BakenQuiz.scoreMultiple(question, 0), false);
  assert.equal(BakenQuiz.scoreMultiple(question, []), false);
});

test("ordering: exact sequence scores", () => {
  const question = sampleQuiz().questions[2];
  assert.equal(BakenQuiz.scoreOrder(question, [0, 1, 2, 3]), true);
});

test("ordering: swapped items fail", () => {
  const question = sampleQuiz().questions[2];
  assert.equal(BakenQuiz.scoreOrder(question, [0, 2, 1, 3]), false);
  assert.equal(BakenQuiz.scoreOrder(question, [3, 2, 1, 0]), false);
});

test("ordering: incomplete or repeated items fail", () => {
  const question = sampleQuiz().questions[2];
  assert.equal(BakenQuiz.scoreOrder(question, [0, 1, 2]), false);
  assert.equal(BakenQuiz.scoreOrder(question, [0, 1, 2, 2]), false);
  assert.equal(BakenQuiz.scoreOrder(question, "0123"), false);
});

test("matching: all pairs right scores", () => {
  const question = sampleQuiz().questions[3];
  assert.equal(BakenQuiz.scoreMatch(question, RIGHT_ANSWERS.koppelen), true);
});

test("matching: one wrong pair fails", () => {
  const question = sampleQuiz().questions[3];
  assert.equal(
    BakenQuiz.scoreMatch(question, ["Arbeidsuitbuiting", "Seksuele uitbuiting", "Criminele uitbuiting"]),
    false
  );
});

test("matching: missing pair fails", () => {
  const question = sampleQuiz().questions[3];
  assert.equal(BakenQuiz.scoreMatch(question, ["Arbeidsuitbuiting", "Criminele uitbuiting"]), false);
  assert.equal(BakenQuiz.scoreMatch(question, ["Arbeidsuitbuiting", "Criminele uitbuiting", null]), false);
});

test("scoreQuestion dispatches on kind", () => {
  const quiz = sampleQuiz();
  for (const question of quiz.questions) {
    assert.equal(BakenQuiz.scoreQuestion(question, RIGHT_ANSWERS[question.id]), true, question.id);
  }
  assert.equal(BakenQuiz.scoreQuestion({ kind: "essay" }, "tekst"), false);
});

test("matchChoices: default is sorted distinct right sides", () => {
  const question = {
    kind: "match",
    pairs: [
      { left: "a", right: "Seksuele uitbuiting" },
      { left: "b", right: "Arbeidsuitbuiting" },
      { left: "c", right: "Arbeidsuitbuiting" },
    ],
  };
  assert.deepEqual(BakenQuiz.matchChoices(question), ["Arbeidsuitbuiting", "Seksuele uitbuiting"]);
});

test("matchChoices: explicit choices kept as written", () => {
  const question = { kind: "match", pairs: [{ left: "a", right: "B" }], choices: ["C", "B", "A"] };
  assert.deepEqual(BakenQuiz.matchChoices(question), ["C", "B", "A"]);
});

test("summarize: pass mark boundary", () => {
  const quiz = {
    id: "tien",
    pass_mark: 70,
    questions: Array.from({ length: 10 }, (_, index) => ({
      id: "v" + index,
      kind: "single",
      options: [
        { text: "goed", correct: true },
        { text: "fout", correct: false },
      ],
    })),
  };
  const state = BakenQuiz.emptyState();
  quiz.questions.forEach((question, index) => {
    state.answers[question.id] = index < 7 ? 0 : 1;
  });
  const seven = BakenQuiz.summarize(quiz, state);
  assert.equal(seven.correct, 7);
  assert.equal(seven.percent, 70);
  assert.equal(seven.passed, true);
  assert.equal(seven.toRevisit.length, 3);

  state.answers.v6 = 1;
  const six = BakenQuiz.summarize(quiz, state);
  assert.equal(six.correct, 6);
  assert.equal(six.passed, false);
});

test("summarize: unanswered question counts as wrong", () => {
  const quiz = sampleQuiz();
  const state = BakenQuiz.emptyState();
  state.answers["een-antwoord"] = 1;
  const summary = BakenQuiz.summarize(quiz, state);
  assert.equal(summary.correct, 1);
  assert.equal(summary.total, 4);
  assert.deepEqual(
    summary.toRevisit.map((entry) => entry.question.id),
    ["meer-antwoorden", "volgorde", "koppelen"]
  );
  assert.equal(summary.toRevisit[0].answered, false);
});

// --- Shuffling -----------------------------------------------------------

test("shuffle: injected random decides the order", () => {
  // Math.floor(0 * (i + 1)) is always 0, so each step swaps position i with 0.
  assert.deepEqual(BakenQuiz.shuffle([1, 2, 3, 4], () => 0), [2, 3, 4, 1]);
  // Values close to 1 pick j = i, so nothing moves.
  assert.deepEqual(BakenQuiz.shuffle([1, 2, 3, 4], () => 0.999), [1, 2, 3, 4]);
});

test("shuffle: keeps every element and leaves the input alone", () => {
  const input = ["a", "b", "c", "d", "e"];
  const output = BakenQuiz.shuffle(input, sequence([0.3, 0.9, 0.1, 0.6]));
  assert.deepEqual(input, ["a", "b", "c", "d", "e"]);
  assert.deepEqual([...output].sort(), input);
});

test("shuffle: same random sequence gives same result", () => {
  const first = BakenQuiz.shuffle(["a", "b", "c", "d"], sequence([0.5, 0.2, 0.8]));
  const second = BakenQuiz.shuffle(["a", "b", "c", "d"], sequence([0.5, 0.2, 0.8]));
  assert.deepEqual(first, second);
});

test("createLayout: ordering never starts solved", () => {
  const question = sampleQuiz().questions[2];
  const layout = BakenQuiz.createLayout(question, () => 0.999);
  assert.equal(layout.length, 4);
  assert.equal(BakenQuiz.scoreOrder(question, layout), false);
  assert.deepEqual([...layout].sort(), [0, 1, 2, 3]);
});

test("moveEntry: moves one place and stops at the ends", () => {
  assert.deepEqual(BakenQuiz.moveEntry([0, 1, 2], 2, -1), [0, 2, 1]);
  assert.deepEqual(BakenQuiz.moveEntry([0, 1, 2], 0, 1), [1, 0, 2]);
  assert.deepEqual(BakenQuiz.moveEntry([0, 1, 2], 0, -1), [0, 1, 2]);
  assert.deepEqual(BakenQuiz.moveEntry([0, 1, 2], 2, 1), [0, 1, 2]);
});

// --- Saving, resuming and resetting ----------------------------------------

test("storageKey: per quiz id", () => {
  assert.equal(BakenQuiz.storageKey("baliemedewerker"), "baken-quiz-baliemedewerker");
});

test("saveState and loadState: round trip", () => {
  const quiz = sampleQuiz();
  const storage = new MemoryStorage();
  const state = BakenQuiz.emptyState();
  state.current = 2;
  state.answers["een-antwoord"] = 0;
  state.answers.koppelen = RIGHT_ANSWERS.koppelen;
  state.layouts.volgorde = [3, 1, 0, 2];

  assert.equal(BakenQuiz.saveState(storage, quiz.id, state), true);
  assert.ok(storage.getItem("baken-quiz-proef"));

  const loaded = BakenQuiz.loadState(storage, quiz);
  assert.equal(loaded.current, 2);
  assert.deepEqual(loaded.answers, state.answers);
  assert.deepEqual(loaded.layouts, state.layouts);
  assert.equal(loaded.finished, false);
});

test("loadState: fresh state without saved data", () => {
  const loaded = BakenQuiz.loadState(new MemoryStorage(), sampleQuiz());
  assert.deepEqual(loaded, BakenQuiz.emptyState());
});

test("loadState: fresh state for corrupt data", () => {
  const storage = new MemoryStorage();
  storage.setItem("baken-quiz-proef", "{niet geldig");
  assert.deepEqual(BakenQuiz.loadState(storage, sampleQuiz()), BakenQuiz.emptyState());
});

test("sanitizeState: drops answers that no longer fit", () => {
  const quiz = sampleQuiz();
  const raw = {
    version: 1,
    current: 99,
    finished: true,
    finishedAt: "2026-12-04",
    answers: {
      "een-antwoord": 1,
      "meer-antwoorden": [0, 7],
      volgorde: [0, 0, 1, 2],
      koppelen: ["Arbeidsuitbuiting", "Iets anders", "Seksuele uitbuiting"],
      verdwenen: 0,
    },
    layouts: { "een-antwoord": [0, 1], volgorde: [1, 0, 3, 2] },
    name: "Mag niet terugkomen",
  };
  const state = BakenQuiz.sanitizeState(quiz, raw);
  assert.deepEqual(state.answers, { "een-antwoord": 1 });
  assert.deepEqual(state.layouts, { volgorde: [1, 0, 3, 2] });
  assert.equal(state.current, 0, "an index past the last question resets to the first");
  assert.equal(state.finished, false, "a finished flag needs every question answered");
  assert.equal("name" in state, false);
});

test("sanitizeState: other version starts fresh", () => {
  const state = BakenQuiz.sanitizeState(sampleQuiz(), { version: 2, answers: { "een-antwoord": 1 } });
  assert.deepEqual(state, BakenQuiz.emptyState());
});

test("session: resumes after reload", () => {
  const quiz = sampleQuiz();
  const storage = new MemoryStorage();
  const first = BakenQuiz.createSession(quiz, storage, { random: () => 0 });
  const layout = first.layout(2);
  assert.equal(first.submit(0, 1).correct, true);
  assert.equal(first.submit(1, [0]).correct, false);
  first.goTo(2);

  const second = BakenQuiz.createSession(quiz, storage, { random: () => 0.5 });
  assert.equal(second.currentIndex(), 2);
  assert.equal(second.answerAt(0), 1);
  assert.deepEqual(second.answerAt(1), [0]);
  assert.equal(second.isAnswered(2), false);
  assert.deepEqual(second.layout(2), layout, "the shuffled order survives a reload");
});

test("session: moved order items survive a reload", () => {
  const quiz = sampleQuiz();
  const storage = new MemoryStorage();
  const first = BakenQuiz.createSession(quiz, storage, { random: () => 0.999 });
  const start = first.layout(2);
  const moved = first.moveItem(2, 1, -1);
  assert.deepEqual(moved, [start[1], start[0], start[2], start[3]]);

  const second = BakenQuiz.createSession(quiz, storage, {});
  assert.deepEqual(second.layout(2), moved);
});

test("session: first answer is kept", () => {
  const session = BakenQuiz.createSession(sampleQuiz(), new MemoryStorage(), {});
  assert.deepEqual(session.submit(0, 0), { accepted: true, correct: false });
  assert.deepEqual(session.submit(0, 1), { accepted: false, correct: false });
  assert.equal(session.answerAt(0), 0);
});

test("session: invalid answer is not recorded", () => {
  const session = BakenQuiz.createSession(sampleQuiz(), new MemoryStorage(), {});
  assert.equal(session.submit(1, []).accepted, false);
  assert.equal(session.submit(3, ["Arbeidsuitbuiting"]).accepted, false);
  assert.equal(session.isAnswered(1), false);
  assert.equal(session.isAnswered(3), false);
});

test("session: finish needs every answer and records the date", () => {
  const quiz = sampleQuiz();
  const storage = new MemoryStorage();
  const session = BakenQuiz.createSession(quiz, storage, { now: () => new Date(2026, 11, 4) });
  assert.equal(session.finish(), false);
  quiz.questions.forEach((question, index) => session.submit(index, RIGHT_ANSWERS[question.id]));
  assert.equal(session.finish(), true);
  assert.equal(session.state().finishedAt, "2026-12-04");
  assert.equal(session.summary().passed, true);

  const resumed = BakenQuiz.createSession(quiz, storage, {});
  assert.equal(resumed.isFinished(), true);
  assert.equal(resumed.summary().correct, 4);
});

test("session: reset clears saved progress", () => {
  const quiz = sampleQuiz();
  const storage = new MemoryStorage();
  const session = BakenQuiz.createSession(quiz, storage, {});
  session.submit(0, 1);
  session.goTo(1);
  assert.ok(storage.getItem("baken-quiz-proef"));

  session.reset();
  assert.equal(storage.getItem("baken-quiz-proef"), null);
  assert.equal(session.isAnswered(0), false);
  assert.equal(session.currentIndex(), 0);

  const reloaded = BakenQuiz.createSession(quiz, storage, {});
  assert.equal(reloaded.isAnswered(0), false);
});

test("resetState: leaves other quizzes alone", () => {
  const storage = new MemoryStorage();
  storage.setItem("baken-quiz-andere", "{}");
  storage.setItem("baken-quiz-proef", "{}");
  assert.equal(BakenQuiz.resetState(storage, "proef"), true);
  assert.equal(storage.getItem("baken-quiz-proef"), null);
  assert.equal(storage.getItem("baken-quiz-andere"), "{}");
});

test("blocked storage: quiz still works without saving", () => {
  const quiz = sampleQuiz();
  const storage = new BlockedStorage();
  assert.equal(BakenQuiz.saveState(storage, quiz.id, BakenQuiz.emptyState()), false);
  assert.deepEqual(BakenQuiz.loadState(storage, quiz), BakenQuiz.emptyState());
  assert.equal(BakenQuiz.resetState(storage, quiz.id), false);

  const session = BakenQuiz.createSession(quiz, storage, {});
  assert.equal(session.submit(0, 1).correct, true);
  assert.equal(session.isAnswered(0), true);
  session.reset();
  assert.equal(session.isAnswered(0), false);
});

test("getStorage: null when access throws", () => {
  const win = {};
  Object.defineProperty(win, "localStorage", {
    get() {
      throw new Error("SecurityError");
    },
  });
  assert.equal(BakenQuiz.getStorage(win), null);
  assert.equal(BakenQuiz.getStorage({ localStorage: new BlockedStorage() }), null);
  assert.equal(BakenQuiz.getStorage({}), null);
});

test("getStorage: returns working storage and leaves no probe", () => {
  const storage = new MemoryStorage();
  assert.equal(BakenQuiz.getStorage({ localStorage: storage }), storage);
  assert.equal(storage.items.size, 0);
});

test("session: without storage", () => {
  const session = BakenQuiz.createSession(sampleQuiz(), null, {});
  assert.equal(session.canSave, false);
  assert.equal(session.submit(0, 1).accepted, true);
});

// --- Certificate name ------------------------------------------------------

test("certificate name never reaches storage", () => {
  const quiz = sampleQuiz();
  const storage = new MemoryStorage();
  const name = "Voorbeeldnaam Certificaat";
  const session = BakenQuiz.createSession(quiz, storage, {});

  session.setCertificateName(name);
  quiz.questions.forEach((question, index) => {
    session.layout(index);
    session.submit(index, RIGHT_ANSWERS[question.id]);
    session.goTo(index);
  });
  session.finish();
  session.setCertificateName(name + " bijgewerkt");
  session.goTo(0);

  assert.equal(session.certificateName(), name + " bijgewerkt");
  assert.ok(storage.writes.length > 0, "the session did save progress");
  for (const [key, value] of storage.writes) {
    assert.equal(value.includes("Voorbeeldnaam"), false, "name found in write to " + key);
  }
  for (const value of storage.items.values()) {
    assert.equal(value.includes("Voorbeeldnaam"), false);
  }
});

test("saveState: writes only known fields", () => {
  const storage = new MemoryStorage();
  const state = BakenQuiz.emptyState();
  state.name = "Voorbeeldnaam";
  state.certificateName = "Voorbeeldnaam";
  BakenQuiz.saveState(storage, "proef", state);
  const stored = JSON.parse(storage.getItem("baken-quiz-proef"));
  assert.deepEqual(Object.keys(stored).sort(), ["answers", "current", "finished", "finishedAt", "layouts", "version"]);
});

test("certificate name is cleared on reset", () => {
  const session = BakenQuiz.createSession(sampleQuiz(), new MemoryStorage(), {});
  session.setCertificateName("Voorbeeldnaam");
  session.reset();
  assert.equal(session.certificateName(), "");
});

// --- Small helpers ---------------------------------------------------------

test("formatDate: Dutch long date", () => {
  assert.equal(BakenQuiz.formatDate("2026-12-04"), "4 december 2026");
  assert.equal(BakenQuiz.formatDate("2027-03-15"), "15 maart 2027");
  assert.equal(BakenQuiz.formatDate("geen datum"), "");
  assert.equal(BakenQuiz.formatDate("2026-13-01"), "");
});

test("siteUrl: prefixes relative links only", () => {
  assert.equal(BakenQuiz.siteUrl("../", "signalen/geen-loon.html"), "../signalen/geen-loon.html");
  assert.equal(BakenQuiz.siteUrl("../", "javascript:alert(1)"), null);
  assert.equal(BakenQuiz.siteUrl("../", "https://example.org/"), null);
  assert.equal(BakenQuiz.siteUrl("../", "//example.org/"), null);
  assert.equal(BakenQuiz.siteUrl("../", "/absoluut.html"), null);
  assert.equal(BakenQuiz.siteUrl("../", ""), null);
});

test("isUsableQuiz: rejects unknown kinds and empty quizzes", () => {
  assert.equal(BakenQuiz.isUsableQuiz(sampleQuiz()), true);
  assert.equal(BakenQuiz.isUsableQuiz({ id: "x", questions: [] }), false);
  assert.equal(BakenQuiz.isUsableQuiz({ id: "x", questions: [{ id: "a", kind: "essay" }] }), false);
  assert.equal(BakenQuiz.isUsableQuiz({ id: "x", questions: [{ id: "a", kind: "single", options: [] }] }), false);
  assert.equal(BakenQuiz.isUsableQuiz(null), false);
});
