// The site with JavaScript switched off: the wizard is a set of linked
// sections, quizzes show their answers in <details>, search points to the
// site map, and every kind of page still has its content.
"use strict";

const assert = require("node:assert/strict");
const { test } = require("node:test");

const { describeOnEachTarget } = require("./lib/browser");
const { PAGE_KINDS } = require("./lib/pages");

const NO_JS = { javaScriptEnabled: false };

// Reads the static wizard: every step section with its option links and,
// for an outcome, its partner and tel: links.
function readWizardSections(page) {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll("section[id^='stap-']"), (section) => ({
      id: section.id,
      options: Array.from(section.querySelectorAll(".wizard-options a"), (link) => link.getAttribute("href")),
      isOutcome: section.querySelector(".wizard-steps") !== null,
      heading: (section.querySelector("h2") || { textContent: "" }).textContent.trim(),
      partnerLinks: section.querySelectorAll(".wizard-steps a[href*='partners/']").length,
      telLinks: section.querySelectorAll(".wizard-steps a[href^='tel:']").length,
    })),
  );
}

describeOnEachTarget("without JavaScript", (env) => {
  test("wizard links reach every outcome", async () => {
    const { context, page, watcher } = await env.newPage(NO_JS);
    await page.goto(env.target.url("meldroute/index.html"));
    const sections = await readWizardSections(page);
    assert.ok(sections.length > 0, "the wizard page has no #stap- sections without JavaScript");
    const byId = new Map(sections.map((section) => [section.id, section]));

    const restart = await page.locator(".wizard-restart-static a").first().getAttribute("href");
    const startId = restart ? restart.slice(1) : sections[0].id;
    assert.ok(byId.has(startId), `the start section ${startId} exists`);
    assert.ok(await page.locator(`#${startId}`).isVisible(), "the start question is visible without JavaScript");

    // Breadth-first walk over the option links, clicking each one.
    const reached = new Set([startId]);
    const queue = [startId];
    while (queue.length > 0) {
      const id = queue.shift();
      const section = byId.get(id);
      assert.ok(section.isOutcome || section.options.length > 0, `question ${id} has no option links`);
      for (const href of section.options) {
        assert.match(href, /^#stap-[a-z0-9-]+$/, `option link ${href} in ${id} points to a step`);
        const nextId = href.slice(1);
        assert.ok(byId.has(nextId), `option ${href} in ${id} points to a missing section`);
        await page.goto(env.target.url(`meldroute/index.html#${id}`));
        await page.locator(`#${id} .wizard-options a[href="${href}"]`).click();
        assert.equal(
          await page.evaluate(() => window.location.hash),
          href,
          `clicking ${href} in ${id} changes the address`,
        );
        assert.ok(await page.locator(`#${nextId}`).isVisible(), `section ${nextId} is visible after following ${href}`);
        if (!reached.has(nextId)) {
          reached.add(nextId);
          queue.push(nextId);
        }
      }
    }

    const unreached = sections.filter((section) => !reached.has(section.id)).map((section) => section.id);
    assert.deepEqual(unreached, [], `sections no link path reaches from ${startId}`);
    const outcomes = sections.filter((section) => section.isOutcome);
    assert.ok(outcomes.length > 0, "the wizard has outcome sections");
    for (const outcome of outcomes) {
      assert.ok(
        outcome.partnerLinks + outcome.telLinks > 0,
        `outcome ${outcome.id} ("${outcome.heading}") shows no partner link and no tel: link`,
      );
    }
    watcher.assertClean("wizard without JavaScript");
    await context.close();
  });

  for (const entry of PAGE_KINDS) {
    test(`${entry.kind} is readable`, async () => {
      const { context, page, watcher } = await env.newPage(NO_JS);
      await page.goto(env.target.url(entry.path));
      const h1 = (await page.locator("main h1").first().textContent()).trim();
      assert.ok(h1.length > 0, `${entry.path} has an empty h1`);
      assert.ok(await page.locator("main h1").first().isVisible(), `the h1 of ${entry.path} is visible`);
      const text = (await page.locator("main").innerText()).replace(/\s+/g, " ").trim();
      assert.ok(
        text.length > h1.length + 40,
        `${entry.path} shows almost no text beside its h1: "${text.slice(0, 120)}"`,
      );
      watcher.assertClean(entry.path);
      await context.close();
    });
  }

  test("quiz shows questions with answers in details", async () => {
    const { context, page, watcher } = await env.newPage(NO_JS);
    const quizPage = PAGE_KINDS.find((entry) => entry.kind === "quiz").path;
    await page.goto(env.target.url(quizPage));
    const questions = page.locator("#quiz-static .quiz-static-question");
    const count = await questions.count();
    assert.ok(count > 0, "the quiz page lists no questions without JavaScript");
    assert.ok(await questions.first().isVisible(), "the questions are visible");
    assert.equal(await page.locator("#quiz-app").isVisible(), false, "the empty interactive quiz stays hidden");
    const meta = await page.locator(".quiz-meta").first().textContent();
    const stated = Number(/(\d+) vragen/.exec(meta)[1]);
    assert.equal(count, stated, `the page says ${stated} questions and lists ${count}`);
    assert.equal(
      await page.locator("#quiz-static .quiz-static-question details.quiz-answer").count(),
      count,
      "every question has a <details> answer",
    );

    const first = questions.first().locator("details.quiz-answer");
    assert.equal(await first.locator(".quiz-feedback-list").isVisible(), false, "the answer is closed at first");
    await first.locator("summary").click();
    assert.ok(await first.locator(".quiz-feedback-list").isVisible(), "opening the details shows the answer");
    watcher.assertClean("quiz without JavaScript");
    await context.close();
  });

  test("search page points to the site map", async () => {
    const { context, page, watcher } = await env.newPage(NO_JS);
    await page.goto(env.target.url("zoeken.html?q=loverboy"));
    // innerText, because Playwright's text matching skips <noscript> content.
    const text = await page.locator("main").innerText();
    assert.match(text, /JavaScript/, `the search page says search needs JavaScript: "${text.replace(/\s+/g, " ")}"`);
    const link = page.locator("main a[href$='kaart.html']:visible");
    assert.ok((await link.count()) > 0, "the search page shows a link to kaart.html");
    await link.first().click();
    await page.waitForURL(/kaart\.html$/);
    assert.ok((await page.locator("main h1").textContent()).trim().length > 0, "kaart.html opens");
    watcher.assertClean("search without JavaScript");
    await context.close();
  });
});
