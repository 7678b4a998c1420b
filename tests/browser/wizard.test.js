// The reporting route (meldroute/index.html) with JavaScript: the partners of
// each outcome, history and reload, the chosen municipality, opening hours
// at a fixed clock and keyboard use.
"use strict";

const assert = require("node:assert/strict");
const { describe, test, before, after } = require("node:test");

const { describeOnEachTarget, tabUntil } = require("./lib/browser");
const { buildFixtureSite, setGemeenteField } = require("./lib/fixture");

const WIZARD = "meldroute/index.html";

const AF_ROLE = "Ik ben aandachtsfunctionaris mensenhandel en heb een signaal gekregen";
const CLEAR_SIGNAL = "Ja, het gaat duidelijk om mensenhandel";
const CITIZEN_ROLE = "Ik woon in de regio en maak me zorgen";
const NO_DANGER = "Nee, of ik weet het niet zeker";

const FORMS = [
  {
    code: "SU",
    option: "Seksuele uitbuiting (SU)",
    outcome: "Duidelijk signaal van seksuele uitbuiting",
    first: "partners/avim.html",
  },
  {
    code: "AU",
    option: "Arbeidsuitbuiting (AU)",
    outcome: "Duidelijk signaal van arbeidsuitbuiting",
    first: "partners/iszw.html",
  },
  {
    code: "CU",
    option: "Criminele uitbuiting (CU)",
    outcome: "Duidelijk signaal van criminele uitbuiting",
    first: "partners/avim.html",
  },
  {
    code: "OV",
    option: "Gedwongen orgaanverwijdering (OV)",
    outcome: "Duidelijk signaal van gedwongen orgaanverwijdering",
    first: "partners/avim.html",
  },
];

const AVIM_OFFICE = "088-9630320";
const AVIM_AFTER_HOURS = "0900-8844";

async function heading(page) {
  return (await page.locator("#wizard-kop").textContent()).trim();
}

// Clicks the option with exactly `label` in the wizard panel and waits for
// the next step.
async function choose(page, label) {
  const before = await heading(page);
  await page.locator(".wizard-panel a.wizard-option", { hasText: label }).click();
  await page.waitForFunction(
    (previous) => document.getElementById("wizard-kop").textContent.trim() !== previous,
    before,
  );
}

async function openWizard(page, target) {
  await page.goto(target.url(WIZARD));
  await page.locator(".wizard-panel #wizard-kop").waitFor();
}

async function openFormOutcome(page, target, form) {
  await openWizard(page, target);
  await choose(page, AF_ROLE);
  await choose(page, CLEAR_SIGNAL);
  await choose(page, form.option);
  assert.equal(await heading(page), form.outcome);
}

// Returns the partner links of the outcome in the order listed, as paths
// relative to the site root ("partners/avim.html").
async function partnerOrder(page) {
  const hrefs = await page
    .locator(".wizard-panel .wizard-steps .wizard-partner a")
    .evaluateAll((links) => links.map((link) => link.getAttribute("href")));
  return hrefs.map((href) => href.replace(/^(\.\.\/)+/, ""));
}

// Reads the zorgcoördinatie hosts from the municipalities page, which names
// them independently of the wizard's data.
async function zorgcoordinatieHosts(page, target) {
  await page.goto(target.url("gemeenten.html"));
  const hosts = await page
    .locator("main p", { hasText: "zorgcoördinatie mensenhandel in de regio" })
    .locator("a")
    .evaluateAll((links) => links.map((link) => link.getAttribute("href")));
  assert.ok(hosts.length > 0, "gemeenten.html names no zorgcoördinatie host");
  return hosts;
}

// Returns the wizard step (li.wizard-step) whose text starts with `action`.
function stepWithAction(page, action) {
  return page
    .locator(".wizard-panel li.wizard-step")
    .filter({ has: page.locator(".wizard-action", { hasText: action }) });
}

describeOnEachTarget("wizard", (env) => {
  for (const form of FORMS) {
    test(`${form.code} outcome lists partners in policy order`, async () => {
      const { context, page, watcher } = await env.newPage();
      const hosts = await zorgcoordinatieHosts(page, env.target);
      await openFormOutcome(page, env.target, form);

      const order = await partnerOrder(page);
      assert.equal(
        order[0],
        form.first,
        `${form.code}: the first partner is ${order[0]}; expected ${form.first}. Order: ${order.join(", ")}`,
      );
      for (const host of hosts) {
        const index = order.indexOf(host);
        assert.ok(
          index > 0,
          `${form.code}: zorgcoördinatie host ${host} is missing or first. Order: ${order.join(", ")}`,
        );
      }
      if (form.code === "AU") {
        assert.ok(
          !order.includes("partners/avim.html"),
          `AU: the outcome lists AVIM, the policy names Inspectie SZW. Order: ${order.join(", ")}`,
        );
      }
      const feedbackIndex = order.indexOf("partners/aandachtsfunctionaris.html");
      assert.ok(
        feedbackIndex > order.indexOf(hosts[hosts.length - 1]),
        `${form.code}: feedback to the reporter comes last. Order: ${order.join(", ")}`,
      );
      watcher.assertClean(`wizard ${form.code}`);
      await context.close();
    });
  }

  test("back, forward and reload keep the step", async () => {
    const { context, page, watcher } = await env.newPage();
    await openFormOutcome(page, env.target, FORMS[0]);
    const outcomeUrl = page.url();
    assert.match(outcomeUrl, /#stap-af-su/, "the address names the outcome step");

    await page.reload();
    await page.locator(".wizard-panel #wizard-kop").waitFor();
    assert.equal(await heading(page), FORMS[0].outcome, "reload keeps the outcome");

    await page.goBack();
    await page.waitForFunction(() => document.getElementById("wizard-kop").textContent.includes("Om welke vorm"));
    assert.equal(
      await heading(page),
      "Om welke vorm van uitbuiting gaat het?",
      "the browser's Back goes to the previous question",
    );

    await page.goForward();
    await page.waitForFunction(
      (title) => document.getElementById("wizard-kop").textContent.trim() === title,
      FORMS[0].outcome,
    );

    await page.locator(".wizard-panel button", { hasText: "Terug" }).click();
    await page.waitForFunction(() => document.getElementById("wizard-kop").textContent.includes("Om welke vorm"));
    await page.reload();
    await page.locator(".wizard-panel #wizard-kop").waitFor();
    assert.equal(
      await heading(page),
      "Om welke vorm van uitbuiting gaat het?",
      "reload after Terug keeps the question",
    );

    await page.locator(".wizard-panel button", { hasText: "Opnieuw" }).click();
    await page.waitForFunction(() => document.getElementById("wizard-kop").textContent.trim() === "Wie bent u?");
    watcher.assertClean("wizard history");
    await context.close();
  });

  test("blank municipality names itself and all hosts", async () => {
    const { context, page, watcher } = await env.newPage();
    const hosts = await zorgcoordinatieHosts(page, env.target);
    await openFormOutcome(page, env.target, FORMS[0]);

    const step = stepWithAction(page, "Daarna");
    await assert.doesNotReject(step.first().waitFor(), "the SU outcome has a 'Daarna' step for the zorgcoördinator");
    const noticeBefore = (await step.locator(".wizard-notice").textContent()).trim();
    assert.match(noticeBefore, /Kies uw gemeente/, "without a municipality the step asks for one");

    const select = page.locator("#wizard-gemeente-keuze");
    await select.selectOption({ label: "Oss" });
    const notice = (await step.locator(".wizard-notice").textContent()).trim();
    assert.match(notice, /Oss/, `the notice names the chosen municipality: "${notice}"`);
    assert.match(notice, /nog niet ingevuld/, `the notice says the entry is blank: "${notice}"`);

    const listed = await step
      .locator(".wizard-partner a")
      .evaluateAll((links) => links.map((link) => link.getAttribute("href").replace(/^(\.\.\/)+/, "")));
    assert.deepEqual(
      [...listed].sort(),
      [...hosts].sort(),
      "the blank step lists every zorgcoördinatie host of the region",
    );

    await page.reload();
    await page.locator(".wizard-panel #wizard-kop").waitFor();
    assert.equal(
      await page.locator("#wizard-gemeente-keuze").inputValue(),
      "oss",
      "the chosen municipality survives a reload",
    );
    watcher.assertClean("wizard municipality");
    await context.close();
  });

  const clockCases = [
    { name: "Tuesday 10:00", time: "2025-01-07T10:00:00+01:00", callNow: AVIM_OFFICE, closed: AVIM_AFTER_HOURS },
    { name: "Tuesday 17:00", time: "2025-01-07T17:00:00+01:00", callNow: AVIM_AFTER_HOURS, closed: AVIM_OFFICE },
    { name: "Saturday 10:00", time: "2025-01-11T10:00:00+01:00", callNow: AVIM_AFTER_HOURS, closed: AVIM_OFFICE },
  ];
  for (const clockCase of clockCases) {
    test(`AVIM number to call on ${clockCase.name}`, async () => {
      const { context, page, watcher } = await env.newPage();
      await page.clock.setFixedTime(new Date(clockCase.time));
      await openFormOutcome(page, env.target, FORMS[0]);

      const avim = page
        .locator(".wizard-panel .wizard-group")
        .filter({ has: page.locator(".wizard-partner a[href$='partners/avim.html']") });
      const callNow = (await avim.locator(".wizard-call-now").textContent()).replace(/\s+/g, " ");
      assert.match(
        callNow,
        new RegExp(`Bel nu: ${clockCase.callNow}`),
        `at ${clockCase.name} the line to call is: "${callNow}"`,
      );

      const reachable = avim.locator(".wizard-contact", { hasText: clockCase.callNow });
      assert.equal(
        await reachable.locator(".wizard-now").textContent(),
        "nu bereikbaar",
        `${clockCase.callNow} is marked reachable`,
      );
      const closed = avim.locator(".wizard-contact", { hasText: clockCase.closed });
      assert.equal(
        await closed.locator(".wizard-closed").count(),
        1,
        `${clockCase.closed} is marked as not reachable now`,
      );
      assert.equal(await closed.locator(".wizard-now").count(), 0, `${clockCase.closed} is not marked reachable`);
      watcher.assertClean(`wizard clock ${clockCase.name}`);
      await context.close();
    });
  }

  test("call links are dialable tel: addresses", async () => {
    const { context, page, watcher } = await env.newPage();
    await openFormOutcome(page, env.target, FORMS[0]);
    const hrefs = await page
      .locator(".wizard-panel a[href^='tel:']")
      .evaluateAll((links) => links.map((link) => link.getAttribute("href")));
    assert.ok(hrefs.length > 0, "the SU outcome has tel: links");
    const broken = hrefs.filter((href) => !/^tel:\+?[0-9]+$/.test(href));
    assert.deepEqual(
      broken,
      [],
      `tel: links that a phone cannot dial (expected "tel:" and digits, such as tel:+31889630320): ${broken.join(", ")}`,
    );
    watcher.assertClean("wizard tel links");
    await context.close();
  });

  test("keyboard alone reaches every kind of step", async () => {
    const { context, page, watcher } = await env.newPage();
    await openWizard(page, env.target);

    // Follows an option by Tab and Enter, and checks that the option shows a
    // focus ring and that focus moves to the new step's heading.
    const follow = async (label, expectedHeading) => {
      await tabUntil(page, { selector: ".wizard-panel a.wizard-option", text: label }, 60);
      const ring = await page.evaluate(() => {
        const style = getComputedStyle(document.activeElement);
        return {
          outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
          shadow: style.boxShadow !== "none",
        };
      });
      assert.ok(ring.outline || ring.shadow, `the focused option "${label}" shows no focus indicator`);
      await page.keyboard.press("Enter");
      await page.waitForFunction(
        (title) => document.getElementById("wizard-kop").textContent.trim() === title,
        expectedHeading,
      );
      const focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
      assert.equal(focused, "wizard-kop", `after choosing "${label}" focus moves to the heading of the next step`);
    };
    // Activates a button by Tab and the given key (Enter or Space).
    const press = async (label, key, expectedHeading) => {
      await tabUntil(page, { selector: ".wizard-panel button", text: label }, 150);
      await page.keyboard.press(key);
      await page.waitForFunction(
        (title) => document.getElementById("wizard-kop").textContent.trim() === title,
        expectedHeading,
      );
    };

    await follow(AF_ROLE, "Is het signaal duidelijk nadat u het heeft verrijkt?");
    await follow(CLEAR_SIGNAL, "Om welke vorm van uitbuiting gaat het?");
    await follow(FORMS[0].option, FORMS[0].outcome);
    await press("Terug", "Space", "Om welke vorm van uitbuiting gaat het?");
    await follow(FORMS[1].option, FORMS[1].outcome);
    await press("Opnieuw", "Enter", "Wie bent u?");
    await follow(CITIZEN_ROLE, "Is er nu direct gevaar voor iemand?");
    await follow(NO_DANGER, "Meld uw zorgen");
    watcher.assertClean("wizard keyboard");
    await context.close();
  });

  test("Escape on the citizen path leaves for the neutral page", async () => {
    const { context, page, watcher } = await env.newPage();
    await openWizard(page, env.target);
    await choose(page, CITIZEN_ROLE);
    await assert.doesNotReject(
      page.locator(".wizard-panel button.wizard-exit:not([hidden])").waitFor(),
      "the citizen path shows Snel weg",
    );
    await page.keyboard.press("Escape");
    await page.waitForURL(/snel-weg\.html$/);
    assert.equal(await page.title(), "Het weer");
    watcher.assertClean("wizard quick exit");
    await context.close();
  });
});

describe("wizard with a filled-in municipality", () => {
  let fixture = null;
  before(() => {
    fixture = buildFixtureSite((root) => setGemeenteField(root, "eindhoven", "zorgcoordinatie", "lumens"));
  });
  after(() => {
    if (fixture) {
      fixture.remove();
    }
  });

  describeOnEachTarget(
    "fixture site",
    (env) => {
      test("chosen municipality names its zorgcoördinatie", async () => {
        const { context, page, watcher } = await env.newPage();
        await openFormOutcome(page, env.target, FORMS[0]);
        await page.locator("#wizard-gemeente-keuze").selectOption({ label: "Eindhoven" });

        const step = stepWithAction(page, "Daarna");
        const listed = await step
          .locator(".wizard-partner a")
          .evaluateAll((links) => links.map((link) => link.getAttribute("href")));
        assert.deepEqual(
          listed,
          ["../partners/lumens.html"],
          `for Eindhoven the step names only Lumens, not: ${listed.join(", ")}`,
        );
        assert.equal(await step.locator(".wizard-notice").count(), 0, "a filled-in municipality shows no blank notice");

        await page.locator("#wizard-gemeente-keuze").selectOption({ label: "Oss" });
        const others = await step.locator(".wizard-partner a").count();
        assert.ok(others > 1, "a municipality still blank lists every host again");
        watcher.assertClean("wizard filled-in municipality");
        await context.close();
      });
    },
    { siteDir: () => fixture.siteDir },
  );
});
