// Screenshots of the key pages at phone and desktop width, written to
// tests/browser/screenshots/ for a person to look at, and a check that no
// page scrolls sideways at phone width.
"use strict";

const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { test } = require("node:test");

const { describeOnEachTarget, PHONE, DESKTOP } = require("./lib/browser");
const { WIZARD_OUTCOME } = require("./lib/pages");

const SCREENSHOT_DIR = path.join(__dirname, "screenshots");

const KEY_PAGES = [
  { name: "home", path: "index.html", ready: "main h1" },
  { name: "wizard-start", path: "meldroute/index.html", ready: ".wizard-panel #wizard-kop" },
  { name: "wizard-outcome", path: WIZARD_OUTCOME, ready: ".wizard-panel .wizard-steps" },
  { name: "partner", path: "partners/avim.html", ready: "main h1" },
  { name: "contactblad", path: "contactblad.html", ready: "main h1" },
  { name: "signalen", path: "signalen/index.html", ready: "main h1" },
  { name: "quiz-question", path: "quizzes/baliemedewerker.html", ready: "#quiz-app .quiz-question-title" },
  { name: "search-results", path: "zoeken.html?q=loverboy", ready: "[data-search-list] .search-result" },
  { name: "gemeenten", path: "gemeenten.html", ready: "main h1" },
];

const VIEWPORTS = [
  { name: "phone", size: PHONE, isMobile: true },
  { name: "desktop", size: DESKTOP, isMobile: false },
];

describeOnEachTarget("screenshots", (env) => {
  for (const viewport of VIEWPORTS) {
    test(`key pages at ${viewport.name} width`, async () => {
      fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const { context, page, watcher } = await env.newPage({
        viewport: viewport.size,
        isMobile: viewport.isMobile,
        hasTouch: viewport.isMobile,
        deviceScaleFactor: 1,
      });
      const overflowing = [];
      for (const entry of KEY_PAGES) {
        await page.goto(env.target.url(entry.path));
        await page.locator(entry.ready).first().waitFor();
        await page.screenshot({
          path: path.join(SCREENSHOT_DIR, `${entry.name}-${viewport.name}-${env.kind}.png`),
          fullPage: true,
        });
        const width = await page.evaluate(() => ({
          scroll: document.documentElement.scrollWidth,
          client: document.documentElement.clientWidth,
        }));
        if (width.scroll > width.client) {
          const wide = await page.evaluate((limit) => {
            const found = [];
            for (const element of document.querySelectorAll("main *, header *, footer *")) {
              const box = element.getBoundingClientRect();
              if (box.right > limit + 1 && getComputedStyle(element).position !== "fixed") {
                const name =
                  element.tagName.toLowerCase() +
                  (element.id ? `#${element.id}` : "") +
                  (element.className && typeof element.className === "string"
                    ? `.${element.className.trim().split(/\s+/).join(".")}`
                    : "");
                found.push(`${name} (right edge ${Math.round(box.right)} px)`);
              }
            }
            return found.slice(0, 5);
          }, width.client);
          overflowing.push(
            `${entry.path}: ${width.scroll} px wide in a ${width.client} px viewport; widest: ${wide.join(", ")}`,
          );
        }
      }
      if (viewport.name === "phone") {
        assert.deepEqual(overflowing, [], `pages that scroll sideways on a phone:\n  ${overflowing.join("\n  ")}`);
      }
      watcher.assertClean(`screenshots at ${viewport.name} width`);
      await context.close();
    });
  }
});
