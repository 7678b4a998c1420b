// axe-core finds no WCAG 2.0 or 2.1 A/AA violation on any kind of page, in
// the main states a visitor reaches: with the wizard at its start and at an
// outcome, a quiz at a question, after an answer and at its result, search
// results, and the not-found page.
"use strict";

const assert = require("node:assert/strict");
const { test } = require("node:test");

const { describeOnEachTarget } = require("./lib/browser");
const { findViolations, formatViolations } = require("./lib/axe");
const { PAGE_KINDS, WIZARD_OUTCOME, missingPageKinds } = require("./lib/pages");
const { readQuiz, answerCurrentQuestion, completeQuiz } = require("./lib/quiz");

async function assertNoViolations(page, label) {
  const violations = await findViolations(page);
  assert.equal(
    violations.length,
    0,
    `${label}: ${violations.length} WCAG A/AA violations (axe-core):\n${formatViolations(violations)}`,
  );
}

const QUIZ = PAGE_KINDS.find((entry) => entry.kind === "quiz").path;

// Extra states on top of each page kind as loaded: each opens a page and
// brings it into the state to check.
const STATES = [
  {
    name: "wizard at an outcome",
    async open(page, target) {
      await page.goto(target.url(WIZARD_OUTCOME));
      await page.locator(".wizard-panel .wizard-steps").waitFor();
    },
  },
  {
    name: "wizard outcome with a municipality",
    async open(page, target) {
      await page.goto(target.url(WIZARD_OUTCOME));
      await page.locator("#wizard-gemeente-keuze").selectOption({ label: "Oss" });
    },
  },
  {
    name: "wizard on the citizen path",
    async open(page, target) {
      await page.goto(target.url("meldroute/index.html#stap-burger-melden"));
      await page.locator(".wizard-panel .wizard-steps").waitFor();
    },
  },
  {
    name: "search results",
    async open(page, target) {
      await page.goto(target.url("zoeken.html?q=loverboy"));
      await page.locator("[data-search-list] .search-result").first().waitFor();
    },
  },
  {
    name: "header search box with instant results",
    async open(page, target) {
      await page.goto(target.url("index.html"));
      await page.locator("#site-search-q").focus();
      await page.keyboard.type("AVIM");
      await page.locator(".site-search__list:not([hidden]) .site-search__option").first().waitFor();
      await page.keyboard.press("ArrowDown");
    },
  },
  {
    name: "quiz question after an answer",
    async open(page, target) {
      await page.goto(target.url(QUIZ));
      await page.locator("#quiz-app .quiz-question-title").waitFor();
      await answerCurrentQuestion(page, await readQuiz(page), { correct: false });
    },
  },
  {
    name: "quiz result with certificate",
    async open(page, target) {
      await page.goto(target.url(QUIZ));
      await page.locator("#quiz-app .quiz-question-title").waitFor();
      await completeQuiz(page);
      await page.locator("#quiz-app .quiz-certificate").waitFor();
    },
  },
  {
    name: "quiz result without a pass",
    async open(page, target) {
      await page.goto(target.url(QUIZ));
      await page.locator("#quiz-app .quiz-question-title").waitFor();
      await completeQuiz(page, { correct: false });
      await page.locator("#quiz-app .quiz-result-title").waitFor();
    },
  },
];

test("every page kind exists in the built site", () => {
  const missing = missingPageKinds();
  assert.deepEqual(
    missing,
    [],
    `page kinds missing from the site: ${missing.map((entry) => `${entry.kind} (${entry.path})`).join(", ")}`,
  );
});

describeOnEachTarget("accessibility", (env) => {
  for (const entry of PAGE_KINDS) {
    test(`${entry.kind} has no WCAG A/AA violation`, async () => {
      const { context, page, watcher } = await env.newPage();
      await page.goto(env.target.url(entry.path));
      await page.waitForLoadState("load");
      await assertNoViolations(page, `${entry.kind} (${entry.path})`);
      watcher.assertClean(entry.path);
      await context.close();
    });
  }

  for (const state of STATES) {
    test(`${state.name} has no WCAG A/AA violation`, async () => {
      const { context, page, watcher } = await env.newPage();
      await state.open(page, env.target);
      await assertNoViolations(page, state.name);
      watcher.assertClean(state.name);
      await context.close();
    });
  }

  test("not-found page at a missing address", async (t) => {
    if (env.kind !== "http") {
      t.skip("file:// has no server to answer a missing address with 404.html");
      return;
    }
    const missing = env.target.url("bestaat-niet.html");
    const { context, page, watcher } = await env.newPage({ allowStatus: [missing] });
    const response = await page.goto(missing);
    assert.equal(response.status(), 404);
    assert.equal(await page.locator("h1").textContent(), "Pagina niet gevonden");
    await assertNoViolations(page, "not-found page at bestaat-niet.html");
    watcher.assertClean("not-found page");
    await context.close();
  });
});
