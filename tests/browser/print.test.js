// Printing: the contact sheet fits one A4 page, and printed pages leave out
// the site's header, menu and footer.
"use strict";

const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { test } = require("node:test");

const { describeOnEachTarget } = require("./lib/browser");
const { countPdfPages } = require("./lib/pdf");
const { WIZARD_OUTCOME } = require("./lib/pages");

const SCREENSHOT_DIR = path.join(__dirname, "screenshots");

describeOnEachTarget("print", (env) => {
  test("contact sheet fits one A4 page", async () => {
    const { context, page, watcher } = await env.newPage();
    await page.goto(env.target.url("contactblad.html"));
    await page.emulateMedia({ media: "print" });
    for (const selector of [".site-header", ".site-nav", ".site-footer", ".no-print"]) {
      assert.equal(await page.locator(selector).first().isVisible(), false, `${selector} is hidden in print`);
    }
    assert.ok(await page.locator(".sheet__table").isVisible(), "the table of numbers prints");

    const pdf = await page.pdf({ format: "A4" });
    const pages = countPdfPages(pdf);
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    fs.writeFileSync(path.join(SCREENSHOT_DIR, `contactblad-${env.kind}.pdf`), pdf);
    assert.equal(pages, 1, `contactblad.html prints on ${pages} A4 pages; it should fit one`);
    watcher.assertClean("contact sheet print");
    await context.close();
  });

  test("wizard outcome prints without site chrome", async () => {
    const { context, page, watcher } = await env.newPage();
    await page.goto(env.target.url(WIZARD_OUTCOME));
    await page.locator(".wizard-panel .wizard-steps").waitFor();
    await page.emulateMedia({ media: "print" });
    for (const selector of [".site-header", ".site-footer"]) {
      assert.equal(await page.locator(selector).first().isVisible(), false, `${selector} is hidden in print`);
    }
    assert.ok(await page.locator(".wizard-panel .wizard-steps").isVisible(), "the steps of the outcome print");
    const pdf = await page.pdf({ format: "A4" });
    assert.ok(countPdfPages(pdf) >= 1, "page.pdf() returns at least one page");
    watcher.assertClean("wizard print");
    await context.close();
  });
});
