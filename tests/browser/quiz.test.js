// Quizzes with JavaScript: keyboard completion, saved progress, reset and the
// printed certificate.
"use strict";

const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { test } = require("node:test");

const { describeOnEachTarget, tabUntil } = require("./lib/browser");
const { countPdfPages } = require("./lib/pdf");
const { readQuiz, currentQuestionIndex, answerCurrentQuestion, goOn, completeQuiz } = require("./lib/quiz");
const { SITE_DIR } = require("./lib/site");

// Lists the quiz pages of the built site, relative to the site root.
function listQuizPages() {
  return fs
    .readdirSync(path.join(SITE_DIR, "quizzes"))
    .filter((name) => name.endsWith(".html") && name !== "index.html")
    .sort()
    .map((name) => `quizzes/${name}`);
}

const QUIZ_PAGES = listQuizPages();

async function openQuiz(page, target, quizPage) {
  await page.goto(target.url(quizPage));
  await page.locator("#quiz-app .quiz-question-title, #quiz-app .quiz-result-title").first().waitFor();
}

function storedProgress(page, quizId) {
  return page.evaluate((key) => window.localStorage.getItem(key), `baken-quiz-${quizId}`);
}

test("site has quiz pages", () => {
  assert.ok(QUIZ_PAGES.length > 0, "the built site has no quiz page under quizzes/");
});

describeOnEachTarget("quiz", (env) => {
  for (const quizPage of QUIZ_PAGES) {
    test(`keyboard completes ${quizPage} with a pass`, async () => {
      const { context, page, watcher } = await env.newPage();
      await openQuiz(page, env.target, quizPage);
      const quiz = await completeQuiz(page);

      const score = (await page.locator("#quiz-app .quiz-score").textContent()).trim();
      const total = quiz.questions.length;
      assert.match(
        score,
        new RegExp(`U had ${total} van de ${total} vragen goed`),
        `score after only right answers: "${score}"`,
      );
      assert.match(await page.locator("#quiz-app .quiz-pass").textContent(), /Geslaagd/);
      assert.equal(await page.locator("#quiz-app .quiz-certificate").count(), 1, "a pass shows the certificate");
      watcher.assertClean(`quiz ${quizPage}`);
      await context.close();
    });
  }

  test("quiz index links to every quiz", async () => {
    const { context, page, watcher } = await env.newPage();
    await page.goto(env.target.url("quizzes/index.html"));
    const linked = await page.locator("main a").evaluateAll((links) => links.map((link) => link.href));
    const relative = linked.map((href) => env.target.relative(href));
    const missing = QUIZ_PAGES.filter((quizPage) => !relative.includes(quizPage));
    assert.deepEqual(missing, [], `quiz pages that quizzes/index.html does not link to: ${missing.join(", ")}`);
    watcher.assertClean("quiz index");
    await context.close();
  });

  const quizPage = QUIZ_PAGES[0];

  test("progress survives a reload", async () => {
    const { context, page, watcher } = await env.newPage();
    await openQuiz(page, env.target, quizPage);
    const quiz = await readQuiz(page);
    await answerCurrentQuestion(page, quiz, { correct: true });
    await goOn(page);
    await answerCurrentQuestion(page, quiz, { correct: false });
    assert.ok(await storedProgress(page, quiz.id), `progress is saved in localStorage under baken-quiz-${quiz.id}`);

    await page.reload();
    await page.locator("#quiz-app .quiz-question-title").waitFor();
    assert.equal(await currentQuestionIndex(page), 1, "after a reload the quiz shows question 2 again");
    assert.equal(
      (await page.locator("#quiz-app .quiz-verdict").textContent()).trim(),
      "\u2717 Niet goed.",
      "question 2 keeps its wrong answer",
    );

    await tabUntil(page, { selector: "#quiz-app button", text: "Vorige vraag" });
    await page.keyboard.press("Enter");
    await page.waitForFunction(() =>
      /Vraag 1 van/.test(document.querySelector("#quiz-app .quiz-question-title").textContent),
    );
    assert.equal(
      (await page.locator("#quiz-app .quiz-verdict").textContent()).trim(),
      "\u2713 Goed.",
      "question 1 keeps its right answer",
    );
    watcher.assertClean("quiz reload");
    await context.close();
  });

  test("reset clears saved progress", async () => {
    const { context, page, watcher } = await env.newPage();
    const dialogs = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      dialog.accept();
    });
    await openQuiz(page, env.target, quizPage);
    const quiz = await readQuiz(page);
    await answerCurrentQuestion(page, quiz, { correct: true });
    await goOn(page);

    await tabUntil(page, { selector: "#quiz-app button", text: "Opnieuw beginnen" });
    await page.keyboard.press("Enter");
    await page.waitForFunction(() =>
      /Vraag 1 van/.test(document.querySelector("#quiz-app .quiz-question-title").textContent),
    );
    assert.equal(dialogs.length, 1, "reset asks for confirmation first");
    assert.equal(await page.locator("#quiz-app .quiz-verdict").count(), 0, "after reset question 1 is unanswered");

    await page.reload();
    await page.locator("#quiz-app .quiz-question-title").waitFor();
    assert.equal(await currentQuestionIndex(page), 0, "after reset and reload the quiz starts at question 1");
    assert.equal(await page.locator("#quiz-app .quiz-verdict").count(), 0, "after reset and reload no answer is left");
    watcher.assertClean("quiz reset");
    await context.close();
  });

  test("certificate prints alone on one page", async () => {
    const { context, page, watcher } = await env.newPage();
    await openQuiz(page, env.target, quizPage);
    const quiz = await completeQuiz(page);
    const name = "Fenna de Vries";

    await tabUntil(page, { selector: "#quiz-certificate-name" });
    await page.keyboard.type(name);
    assert.equal((await page.locator(".quiz-certificate .quiz-certificate-name").textContent()).trim(), name);
    const stored = await page.evaluate(() =>
      Object.keys(localStorage)
        .map((key) => localStorage.getItem(key))
        .join("\n"),
    );
    assert.ok(!stored.includes(name), "the name on the certificate is never saved in localStorage");

    // window.print() would open a dialog; the button's own work is setting
    // the print class, which stays because the stub never fires afterprint.
    await page.evaluate(() => {
      window.print = () => {};
    });
    await tabUntil(page, { selector: "#quiz-app button", text: "Print certificaat" });
    await page.keyboard.press("Enter");
    assert.ok(
      await page.evaluate(() => document.documentElement.classList.contains("quiz-print-certificate")),
      "Print certificaat marks the page for printing the certificate",
    );

    await page.emulateMedia({ media: "print" });
    assert.ok(await page.locator(".quiz-certificate").isVisible(), "the certificate is visible in print");
    assert.ok(
      await page.locator(".quiz-certificate", { hasText: name }).isVisible(),
      "the printed certificate shows the name",
    );
    assert.ok(
      await page.locator(".quiz-certificate", { hasText: quiz.title }).isVisible(),
      "the printed certificate shows the quiz title",
    );
    for (const selector of [
      ".site-header",
      "#quiz-title",
      ".quiz-persona",
      ".quiz-result-title",
      ".quiz-score",
      ".site-footer",
      ".acute",
    ]) {
      assert.equal(
        await page.locator(selector).first().isVisible(),
        false,
        `${selector} is hidden when the certificate prints`,
      );
    }

    const pdf = await page.pdf({ format: "A4", printBackground: true });
    const pages = countPdfPages(pdf);
    assert.ok(pdf.length > 1000, "page.pdf() returns a PDF");
    assert.equal(pages, 1, `the certificate prints on ${pages} A4 pages; it should be one`);
    watcher.assertClean("quiz certificate");
    await context.close();
  });
});
