// Debian's Chromium driven by playwright-core, and a watcher for what a page
// of the site must never do. It records requests outside the site, console
// errors (Chromium logs CSP violations as console errors), uncaught
// exceptions and failed or 4xx/5xx subresource loads.
"use strict";

const assert = require("node:assert/strict");
const { describe, before, after } = require("node:test");
const { chromium } = require("playwright-core");

const { TARGET_KINDS, openSite } = require("./site");

const CHROMIUM_PATH = process.env.BAKEN_CHROMIUM || "/usr/bin/chromium";

const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

// Launches headless Chromium. Every test creates its own context, so no
// storage or cookie carries over from one test to the next.
function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

// Creates a fresh browser context with Dutch locale and the region's time
// zone, so that opening hours are read in Europe/Amsterdam time.
function newContext(browser, options = {}) {
  return browser.newContext({
    locale: "nl-NL",
    timezoneId: "Europe/Amsterdam",
    viewport: DESKTOP,
    ...options,
  });
}

// Chromium requests /favicon.ico from every http origin on its own, whatever
// the page links. The site has no icon, so that one 404 is not held against it.
function isFaviconProbe(address) {
  return /^https?:\/\/[^/]+\/favicon\.ico$/.test(address);
}

// Records the problems of every page in `context` (also pages it opens
// later). `target.isSiteUrl` decides which requests belong to the site.
// `allowStatus` lists request URLs (exact) whose 4xx response is expected,
// such as a deliberately missing page.
function watchContext(context, target, { allowStatus = [] } = {}) {
  const problems = [];
  const watchPage = (page) => {
    page.on("request", (request) => {
      const address = request.url();
      if (!target.isSiteUrl(address) && !address.startsWith("data:")) {
        problems.push(`request outside the site: ${request.method()} ${address}`);
      }
    });
    page.on("requestfailed", (request) => {
      const failure = request.failure();
      const reason = failure ? failure.errorText : "unknown error";
      // A navigation that replaces a page cancels its pending loads.
      if (reason === "net::ERR_ABORTED") {
        return;
      }
      problems.push(`request failed (${reason}): ${request.url()}`);
    });
    page.on("response", (response) => {
      const address = response.url();
      if (response.status() >= 400 && !allowStatus.includes(address) && !isFaviconProbe(address)) {
        problems.push(`HTTP ${response.status()} for ${address}`);
      }
    });
    page.on("console", (message) => {
      if (message.type() === "error") {
        const location = message.location();
        if (location && (isFaviconProbe(location.url) || allowStatus.includes(location.url))) {
          return;
        }
        const where = location && location.url ? ` (${location.url}:${location.lineNumber})` : "";
        problems.push(`console error on ${page.url()}: ${message.text()}${where}`);
      }
    });
    page.on("pageerror", (error) => {
      problems.push(`uncaught exception on ${page.url()}: ${error.message}`);
    });
  };
  context.pages().forEach(watchPage);
  context.on("page", watchPage);
  return {
    problems,
    assertClean(label = "the page") {
      assert.deepEqual(
        problems,
        [],
        `${label} made requests outside the site or logged errors:\n  ${problems.join("\n  ")}`,
      );
    },
  };
}

// Registers one `describe` block per way of opening the site (file:// and
// http), each with its own browser. `body(env)` registers the tests.
// `env.browser` and `env.target` are set before the first test runs.
// `env.newPage(options)` returns `{context, page, watcher}`: a page in a
// fresh context (options go to browser.newContext, plus `allowStatus`), and
// the watcher whose `assertClean()` the test calls at its end. `siteDir` is
// a folder, or a function that returns one when the tests start, for a site
// built in a `before` hook.
function describeOnEachTarget(title, body, { siteDir } = {}) {
  for (const kind of TARGET_KINDS) {
    describe(`${title} (${kind})`, () => {
      const env = {
        kind,
        browser: null,
        target: null,
        async newPage(options = {}) {
          const { allowStatus, ...contextOptions } = options;
          const context = await newContext(env.browser, contextOptions);
          const watcher = watchContext(context, env.target, { allowStatus });
          const page = await context.newPage();
          return { context, page, watcher };
        },
      };
      before(async () => {
        env.target = await openSite(kind, typeof siteDir === "function" ? siteDir() : siteDir);
        env.browser = await launchBrowser();
      });
      after(async () => {
        if (env.browser) {
          await env.browser.close();
        }
        if (env.target) {
          await env.target.close();
        }
      });
      body(env);
    });
  }
}

// Presses Tab (at most `maxPresses` times) until the focused element
// matches the CSS `selector` and, when given, contains `text`. Returns the
// number of presses, or throws with the list of elements that got focus.
async function tabUntil(page, { selector, text = null }, maxPresses = 80) {
  const passed = [];
  for (let presses = 1; presses <= maxPresses; presses += 1) {
    await page.keyboard.press("Tab");
    const state = await page.evaluate(
      ([expectedSelector, expectedText]) => {
        const element = document.activeElement;
        if (element === null || element === document.body) {
          return { matches: false, label: "body" };
        }
        const content = (element.textContent || element.value || "").replace(/\s+/g, " ").trim();
        const matches = element.matches(expectedSelector) && (expectedText === null || content.includes(expectedText));
        return { matches, label: `${element.tagName.toLowerCase()} "${content.slice(0, 40)}"` };
      },
      [selector, text],
    );
    if (state.matches) {
      return presses;
    }
    passed.push(state.label);
  }
  const description = text === null ? selector : `${selector} with text "${text}"`;
  throw new Error(`Tab never reached ${description} in ${maxPresses} presses. Focus passed: ${passed.join(", ")}`);
}

module.exports = {
  CHROMIUM_PATH,
  CHROMIUM_ARGS,
  PHONE,
  DESKTOP,
  launchBrowser,
  newContext,
  watchContext,
  describeOnEachTarget,
  tabUntil,
};
