// Crawls every *.html file of the built site. Each page loads its
// subresources without a 404, runs its scripts without errors and requests
// nothing outside the site. Its links point to pages and anchors that exist,
// and its tel: and mailto: addresses are ones a phone can use.
"use strict";

const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { test, before, after } = require("node:test");
const { fileURLToPath } = require("node:url");

const { describeOnEachTarget } = require("./lib/browser");
const { listHtmlPages } = require("./lib/site");

const PAGES = listHtmlPages();

// Returns the anchors and ids of the page on screen.
function readLinks(page) {
  return page.evaluate(() => ({
    ids: Array.from(document.querySelectorAll("[id]"), (element) => element.id),
    links: Array.from(document.querySelectorAll("a[href]"), (link) => ({
      raw: link.getAttribute("href"),
      resolved: link.href,
    })),
  }));
}

// Maps a resolved link into the site to its file (relative to the site
// root, "/" separated) and fragment, or returns null for a link elsewhere.
function siteLocation(target, address) {
  if (!target.isSiteUrl(address)) {
    return null;
  }
  const url = new URL(address);
  let relative;
  if (url.protocol === "file:") {
    relative = path.relative(target.root, fileURLToPath(url)).split(path.sep).join("/");
  } else {
    relative = decodeURIComponent(url.pathname).replace(/^\/+/, "");
  }
  if (relative === "" || relative.endsWith("/")) {
    relative += "index.html";
  }
  return { file: relative, fragment: decodeURIComponent(url.hash.replace(/^#/, "")) };
}

test("site has pages to crawl", () => {
  assert.ok(PAGES.length > 20, `only ${PAGES.length} HTML pages found`);
});

describeOnEachTarget("links", (env) => {
  // Filled once per target by the crawl in `before`.
  const crawl = { idsByFile: new Map(), links: [], statusProblems: [], watcher: null, context: null };

  before(async () => {
    const { context, page, watcher } = await env.newPage();
    crawl.context = context;
    crawl.watcher = watcher;
    for (const file of PAGES) {
      const response = await page.goto(env.target.url(file));
      if (response !== null && env.kind === "http" && response.status() !== 200) {
        crawl.statusProblems.push(`${file} answers with status ${response.status()}`);
      }
      const found = await readLinks(page);
      crawl.idsByFile.set(file, new Set(found.ids));
      for (const link of found.links) {
        crawl.links.push({ from: file, ...link });
      }
    }
  });

  after(async () => {
    if (crawl.context) {
      await crawl.context.close();
    }
  });

  test("every page loads its subresources and scripts cleanly", () => {
    assert.deepEqual(crawl.statusProblems, [], `pages that do not load:\n  ${crawl.statusProblems.join("\n  ")}`);
    crawl.watcher.assertClean(`crawl of ${PAGES.length} pages`);
  });

  test("links point to existing pages and anchors", () => {
    const broken = [];
    let checkedFragments = 0;
    for (const link of crawl.links) {
      if (/^(tel|mailto):/.test(link.raw)) {
        continue;
      }
      const location = siteLocation(env.target, link.resolved);
      if (location === null) {
        continue;
      }
      if (!fs.existsSync(path.join(env.target.root, location.file))) {
        broken.push(`${link.from}: ${link.raw} (no file ${location.file})`);
        continue;
      }
      // Wizard fragments "#stap-<id>:<answers>" are read by wizard.js, not by an id.
      const fragment = location.fragment.replace(/:[0-9.]+$/, "");
      const ids = crawl.idsByFile.get(location.file);
      if (fragment !== "" && ids !== undefined) {
        checkedFragments += 1;
        if (!ids.has(fragment)) {
          broken.push(`${link.from}: ${link.raw} (no id "${fragment}" in ${location.file})`);
        }
      }
    }
    assert.ok(checkedFragments > 0, "the crawl checked no link with a #fragment, so the anchor check did not run");
    const unique = [...new Set(broken)];
    assert.deepEqual(unique, [], `links to missing pages or anchors:\n  ${unique.join("\n  ")}`);
  });

  test("tel: and mailto: links are usable", () => {
    const bad = [];
    for (const link of crawl.links) {
      if (link.raw.startsWith("tel:") && !/^tel:\+?[0-9]+$/.test(link.raw)) {
        bad.push(`${link.from}: ${link.raw} (expected "tel:" and digits, such as tel:+31889630320)`);
      } else if (link.raw.startsWith("mailto:") && !/^mailto:[^@\s,;]+@[^@\s,;]+\.[a-z]{2,}$/i.test(link.raw)) {
        bad.push(`${link.from}: ${link.raw} (not one e-mail address)`);
      }
    }
    const unique = [...new Set(bad)];
    assert.deepEqual(unique, [], `tel: or mailto: links a phone cannot use:\n  ${unique.join("\n  ")}`);
  });
});
