// Site search with JavaScript: instant results under the header box, the
// keyboard path from the box to a result, and the results page zoeken.html.
"use strict";

const assert = require("node:assert/strict");
const { test } = require("node:test");

const { describeOnEachTarget, tabUntil } = require("./lib/browser");

// Queries typed in the header box, the page they are typed on, and the
// results a visitor expects first. `first` lists the acceptable first
// results; `within` lists results that must be among the box's options.
const BOX_CASES = [
  {
    query: "loverboy",
    on: "index.html",
    first: ["signalen/loverboy.html", "begrippen.html#loverboy"],
    within: ["signalen/loverboy.html", "begrippen.html#loverboy"],
  },
  {
    query: "arbeidsuitbuiting",
    on: "signalen/index.html",
    first: ["begrippen.html#au", "beleid/vormen.html", "beleid/vormen.html#arbeidsuitbuiting"],
    within: [],
  },
  { query: "AVIM", on: "partners/index.html", first: ["partners/avim.html"], within: ["partners/avim.html"] },
];

// Returns `address` relative to the site root, or the address itself when
// it lies outside the site.
function relativeAddress(target, address) {
  const relative = target.relative(address);
  return relative === null ? address : relative;
}

async function typeInHeaderBox(page, query) {
  await tabUntil(page, { selector: "#site-search-q" }, 10);
  await page.keyboard.type(query);
  await page.locator(".site-search__list:not([hidden]) .site-search__option").first().waitFor();
}

// Reads the options of the header box as {title, kind}.
function boxOptions(page) {
  return page.locator(".site-search__list .site-search__option").evaluateAll((options) =>
    options.map((option) => ({
      title: option.querySelector(".site-search__title").textContent,
      kind: (option.querySelector(".search-kind") || { textContent: "" }).textContent,
    })),
  );
}

// Follows option `index` (0-based) of the header box with ArrowDown and
// Enter, and returns the address it leads to, relative to the site root.
async function followOption(page, target, index) {
  for (let i = 0; i <= index; i += 1) {
    await page.keyboard.press("ArrowDown");
  }
  const selected = await page.locator("#site-search-q").getAttribute("aria-activedescendant");
  assert.ok(selected, "ArrowDown marks an option as active (aria-activedescendant)");
  await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
  return relativeAddress(target, page.url());
}

async function resultsPageLinks(page, target) {
  await page.locator("[data-search-list] .search-result a").first().waitFor();
  const hrefs = await page
    .locator("[data-search-list] .search-result h2 a")
    .evaluateAll((links) => links.map((link) => link.href));
  return hrefs.map((href) => relativeAddress(target, href));
}

describeOnEachTarget("search", (env) => {
  for (const searchCase of BOX_CASES) {
    test(`header box finds "${searchCase.query}"`, async () => {
      const { context, page, watcher } = await env.newPage();
      await page.goto(env.target.url(searchCase.on));
      await typeInHeaderBox(page, searchCase.query);
      const options = await boxOptions(page);
      const resultCount = options.length - 1;
      assert.ok(resultCount > 0, `"${searchCase.query}" shows no result in the header box`);
      assert.match(
        options[options.length - 1].title,
        /^Alle \d+ resultaten? voor/,
        "the last option opens all results",
      );

      const first = await followOption(page, env.target, 0);
      assert.ok(
        searchCase.first.includes(first),
        `the first result for "${searchCase.query}" is ${first} ("${options[0].title}"); expected one of ${searchCase.first.join(", ")}`,
      );

      if (searchCase.within.length > 0) {
        await page.goto(env.target.url(`zoeken.html?q=${encodeURIComponent(searchCase.query)}`));
        const top = (await resultsPageLinks(page, env.target)).slice(0, resultCount);
        for (const expected of searchCase.within) {
          assert.ok(
            top.includes(expected),
            `${expected} is not among the first ${resultCount} results for "${searchCase.query}": ${top.join(", ")}`,
          );
        }
      }
      watcher.assertClean(`search box "${searchCase.query}"`);
      await context.close();
    });
  }

  test("arbeidsuitbuiting lists the forms page early", async () => {
    const { context, page, watcher } = await env.newPage();
    await page.goto(env.target.url("zoeken.html?q=arbeidsuitbuiting"));
    const links = await resultsPageLinks(page, env.target);
    const position = links.findIndex((link) => link.replace(/#.*$/, "") === "beleid/vormen.html") + 1;
    const where = position === 0 ? `not among the ${links.length} results shown` : `result ${position}`;
    assert.ok(
      position >= 1 && position <= 6,
      `beleid/vormen.html, the page with the section "Arbeidsuitbuiting", is ${where}; ` +
        `the header box shows 6, so it should be among them. First results: ${links.slice(0, 6).join(", ")}`,
    );
    watcher.assertClean("search ranking of the forms page");
    await context.close();
  });

  test("Enter in the header box opens the results page", async () => {
    const { context, page, watcher } = await env.newPage();
    await page.goto(env.target.url("index.html"));
    await tabUntil(page, { selector: "#site-search-q" }, 10);
    await page.keyboard.type("loverboy");
    await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
    assert.match(
      page.url(),
      /zoeken\.html\?q=loverboy$/,
      `Enter submits the box to zoeken.html?q=loverboy, not ${page.url()}`,
    );
    const links = await resultsPageLinks(page, env.target);
    assert.ok(
      links.includes("signalen/loverboy.html"),
      `the results page lists signalen/loverboy.html: ${links.slice(0, 6).join(", ")}`,
    );
    watcher.assertClean("search box Enter");
    await context.close();
  });

  test("zoeken.html?q= shows ranked results", async () => {
    const { context, page, watcher } = await env.newPage();
    await page.goto(env.target.url("zoeken.html?q=AVIM"));
    const links = await resultsPageLinks(page, env.target);
    assert.equal(links[0], "partners/avim.html", `the first result for AVIM is ${links[0]}`);
    assert.equal(
      await page.locator("#search-page-q").inputValue(),
      "AVIM",
      "the query is filled in on the results page",
    );
    const status = await page.locator("[data-search-status]").textContent();
    assert.match(status, /\d+ resultaten? voor/, `the status names the number of results: "${status}"`);
    assert.ok((await page.locator("[data-search-list] mark").count()) > 0, "the snippets mark the words found");

    await page.locator("[data-search-list] .search-result h2 a").first().click();
    await page.waitForURL(/partners\/avim\.html$/);
    watcher.assertClean("search results page");
    await context.close();
  });

  test("query without results says so", async () => {
    const { context, page, watcher } = await env.newPage();
    await page.goto(env.target.url("zoeken.html?q=qqxyzzyqq"));
    await page.waitForFunction(() =>
      /Geen resultaten/.test(document.querySelector("[data-search-status]").textContent),
    );
    assert.equal(await page.locator("[data-search-list] li").count(), 0);
    assert.ok(await page.locator("[data-search-hint]").isVisible(), "a hint to other ways of finding pages is shown");
    watcher.assertClean("search without results");
    await context.close();
  });
});
