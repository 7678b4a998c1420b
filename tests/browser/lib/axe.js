// Runs axe-core in a page and formats its violations for an assertion
// message.
"use strict";

const fs = require("node:fs");

const AXE_SOURCE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

// WCAG 2.0 and 2.1, levels A and AA.
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

// Runs axe on the whole document of `page` and returns its violations.
// The source is evaluated through the DevTools protocol, which the page's
// Content-Security-Policy does not govern, so the page keeps its real CSP.
async function findViolations(page) {
  const loaded = await page.evaluate(() => typeof window.axe === "object");
  if (!loaded) {
    await page.evaluate(AXE_SOURCE);
  }
  return page.evaluate(async (tags) => {
    // preload: false keeps axe from fetching the stylesheets again, which
    // the page's CSP (connect-src 'none') blocks and logs as an error.
    const results = await window.axe.run(document, {
      runOnly: { type: "tag", values: tags },
      resultTypes: ["violations"],
      preload: false,
    });
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => ({ target: node.target.join(" "), summary: node.failureSummary })),
    }));
  }, WCAG_TAGS);
}

// Formats violations as lines: rule id, impact, help, then each element with
// axe's summary of what is wrong.
function formatViolations(violations) {
  return violations
    .map((violation) => {
      const nodes = violation.nodes
        .slice(0, 8)
        .map((node) => `    - ${node.target}: ${node.summary.replace(/\s+/g, " ")}`)
        .join("\n");
      const more = violation.nodes.length > 8 ? `\n    … and ${violation.nodes.length - 8} more elements` : "";
      return `  [${violation.id}] (${violation.impact}) ${violation.help}\n${nodes}${more}`;
    })
    .join("\n");
}

module.exports = { WCAG_TAGS, findViolations, formatViolations };
