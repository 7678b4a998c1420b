"use strict";

// Tests for the pure logic of the meldroute wizard: state, URL fragment,
// opening hours, municipality contacts and the text summary. The route below
// has the shape of the JSON that the build embeds in the wizard page.

const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const wizard = require(path.join(__dirname, "..", "..", "themes", "default", "static", "js", "wizard.js"));

const WEEKDAYS = ["ma", "di", "wo", "do", "vr"];

function buildRoute() {
  return {
    start: "wie-bent-u",
    checklist: [
      "Adresgegevens van de betrokkenen.",
      "Eerder opgelegde sancties op het adres."
    ],
    nodes: {
      "wie-bent-u": {
        id: "wie-bent-u",
        kind: "question",
        question: "Wie bent u?",
        help: "Kies wat het best past.",
        options: [
          { label: "Ik werk bij een gemeente", next: "soort-signaal" },
          { label: "Ik woon in de regio en maak me zorgen", next: "burger-gevaar" }
        ]
      },
      "soort-signaal": {
        id: "soort-signaal",
        kind: "question",
        question: "Hoe duidelijk is het signaal?",
        help: null,
        options: [
          { label: "Het is duidelijk mensenhandel", next: "welke-vorm" },
          { label: "Ik twijfel", next: "signaal-vaag" }
        ]
      },
      "welke-vorm": {
        id: "welke-vorm",
        kind: "question",
        question: "Om welke vorm van uitbuiting gaat het?",
        help: null,
        options: [
          { label: "Seksuele uitbuiting", next: "su-duidelijk" },
          { label: "Arbeidsuitbuiting", next: "au-duidelijk" }
        ]
      },
      "burger-gevaar": {
        id: "burger-gevaar",
        kind: "question",
        question: "Is iemand nu in gevaar?",
        help: null,
        options: [
          { label: "Ja, nu", next: "burger-acuut" },
          { label: "Nee, maar ik maak me zorgen", next: "burger-zorgen" }
        ]
      },
      "su-duidelijk": {
        id: "su-duidelijk",
        kind: "outcome",
        outcome: "Duidelijk signaal van seksuele uitbuiting",
        form: "SU",
        audience: "af",
        checklist: true,
        notes: ["De politie is 24 uur per dag bereikbaar."],
        steps: [
          { action: "bel-eerst", action_label: "Bel eerst", partner: "avim", role: null, text: "Bel het team AVIM." },
          { action: "daarna", action_label: "Daarna", partner: null, role: "zorgcoordinatie", text: "Meld het signaal bij de zorgcoördinator." },
          { action: "terugkoppeling", action_label: "Terugkoppeling", partner: null, role: "af", text: "Vraag om een terugkoppeling." }
        ]
      },
      "au-duidelijk": {
        id: "au-duidelijk",
        kind: "outcome",
        outcome: "Duidelijk signaal van arbeidsuitbuiting",
        form: "AU",
        audience: "af",
        checklist: true,
        notes: [],
        steps: [
          { action: "tegelijk", action_label: "Tegelijk", partner: "iszw", role: null, text: "Meld het bij de Inspectie SZW." },
          { action: "tegelijk", action_label: "Tegelijk", partner: null, role: "zorgcoordinatie", text: "Meld het bij de zorgcoördinator." }
        ]
      },
      "signaal-vaag": {
        id: "signaal-vaag",
        kind: "outcome",
        outcome: "Het signaal blijft vaag",
        form: null,
        audience: "medewerker",
        checklist: false,
        notes: [],
        steps: [
          { action: "meld", action_label: "Meld", partner: null, role: "af", text: "Geef het signaal door aan de aandachtsfunctionaris." }
        ]
      },
      "burger-acuut": {
        id: "burger-acuut",
        kind: "outcome",
        outcome: "Er is nu gevaar",
        form: null,
        audience: "burger",
        checklist: false,
        notes: [],
        steps: [
          { action: "bel-112", action_label: "Bel 112", partner: null, role: null, text: "Bel direct 112." }
        ]
      },
      "burger-zorgen": {
        id: "burger-zorgen",
        kind: "outcome",
        outcome: "U maakt zich zorgen",
        form: null,
        audience: "burger",
        checklist: false,
        notes: [],
        steps: [
          { action: "meld-anoniem", action_label: "Meld anoniem", partner: "iszw", role: null, text: "U kunt anoniem melden." },
          { action: "vraag-advies", action_label: "Vraag advies", partner: null, role: "wijkagent", text: "Praat met de wijkagent." }
        ]
      }
    },
    partners: {
      avim: {
        id: "avim",
        name: "Politie, team AVIM",
        abbreviation: "AVIM",
        url: "partners/avim.html",
        contacts: [
          {
            id: "frontoffice", label: "Frontoffice team mensenhandel", phone: "088-9630320", tel: "+31889630320",
            email: null, website: null, blank: false,
            hours: [{ days: WEEKDAYS, from: "08:00", to: "16:30" }],
            outside_hours_of: null, anonymous: false, note: null
          },
          {
            id: null, label: "Buiten kantooruren", phone: "0900-8844", tel: "+319008844",
            email: null, website: null, blank: false, hours: [],
            outside_hours_of: "frontoffice", anonymous: false, note: null
          },
          {
            id: null, label: "E-mail", phone: null, tel: null,
            email: "mensenhandel.avim.oost-brabant@politie.nl", website: null, blank: false, hours: [],
            outside_hours_of: null, anonymous: false, note: null
          }
        ]
      },
      iszw: {
        id: "iszw",
        name: "Inspectie SZW",
        abbreviation: "ISZW",
        url: "partners/iszw.html",
        contacts: [
          {
            id: null, label: "Team Spoedeisende inzet", phone: "070-3334180", tel: "+31703334180",
            email: null, website: null, blank: false, hours: [],
            outside_hours_of: null, anonymous: false, note: null
          },
          {
            id: null, label: "Anoniem melden", phone: "0800-5151", tel: "+318005151",
            email: null, website: null, blank: false, hours: [],
            outside_hours_of: null, anonymous: true, note: null
          }
        ]
      },
      "zoco-helmond": {
        id: "zoco-helmond",
        name: "Gemeente Helmond, zorgcoördinatie",
        abbreviation: null,
        url: "partners/zoco-helmond.html",
        contacts: [
          {
            id: null, label: "GO-Team", phone: "14 0492", tel: "140492",
            email: "meldpuntmensenhandel@helmond.nl", website: null, blank: false, hours: [],
            outside_hours_of: null, anonymous: false, note: "Kies optie 2."
          }
        ]
      },
      lumens: {
        id: "lumens",
        name: "Lumens",
        abbreviation: null,
        url: "partners/lumens.html",
        contacts: [
          {
            id: null, label: "Zorgcoördinatie", phone: "040-2193388", tel: "+31402193388",
            email: "zorgcoördinatie-mp@lumenswerkt.nl", website: null, blank: false, hours: [],
            outside_hours_of: null, anonymous: false, note: null
          }
        ]
      },
      "mo-den-bosch": {
        id: "mo-den-bosch",
        name: "Maatschappelijke Opvang Den Bosch",
        abbreviation: "MO",
        url: "partners/mo-den-bosch.html",
        contacts: [
          {
            id: null, label: "Zorgcoördinatie", phone: "073-6139225", tel: "+31736139225",
            email: "info@modenbosch.nl", website: null, blank: false, hours: [],
            outside_hours_of: null, anonymous: false, note: null
          }
        ]
      },
      aandachtsfunctionaris: {
        id: "aandachtsfunctionaris",
        name: "Aandachtsfunctionaris mensenhandel",
        abbreviation: "AF",
        url: "partners/aandachtsfunctionaris.html",
        contacts: [
          {
            id: null, label: "Aandachtsfunctionaris van uw gemeente", phone: null, tel: null,
            email: null, website: null, blank: true, hours: [],
            outside_hours_of: null, anonymous: false, note: null
          }
        ]
      },
      wijkagent: {
        id: "wijkagent",
        name: "Politie, wijkagent",
        abbreviation: null,
        url: "partners/wijkagent.html",
        contacts: [
          {
            id: null, label: "Wijkagent", phone: "0900-8844", tel: "+319008844",
            email: null, website: null, blank: false, hours: [],
            outside_hours_of: null, anonymous: false, note: null
          }
        ]
      }
    },
    roles: {
      zorgcoordinatie: ["zoco-helmond", "lumens", "mo-den-bosch"],
      zvh: [],
      af: ["aandachtsfunctionaris"],
      wijkagent: ["wijkagent"]
    },
    gemeenten: [
      { id: "asten", name: "Asten", af: null, wijkagent: null, zorgcoordinatie: null, zvh: null },
      {
        id: "helmond",
        name: "Helmond",
        af: {
          id: null, label: "Aandachtsfunctionaris mensenhandel", phone: "14 0492", tel: "140492",
          email: "af@example.nl", website: null, blank: false, hours: [],
          outside_hours_of: null, anonymous: false, note: null
        },
        wijkagent: null,
        zorgcoordinatie: "zoco-helmond",
        zvh: null
      }
    ]
  };
}

// Local-time dates: 6 January 2026 is a Tuesday, 10 January 2026 a Saturday.
const TUESDAY_10 = new Date(2026, 0, 6, 10, 0);
const TUESDAY_1629 = new Date(2026, 0, 6, 16, 29);
const TUESDAY_1630 = new Date(2026, 0, 6, 16, 30);
const TUESDAY_17 = new Date(2026, 0, 6, 17, 0);
const TUESDAY_0759 = new Date(2026, 0, 6, 7, 59);
const SATURDAY_10 = new Date(2026, 0, 10, 10, 0);

function stateAt(route, answers) {
  return answers.reduce((state, index) => wizard.choose(route, state, index), wizard.createState(route));
}

function contactByLabel(contacts, label) {
  return contacts.find((contact) => contact.label === label);
}

// ---------------------------------------------------------------------------
// State machine

test("new state starts at the start node", () => {
  const route = buildRoute();
  const state = wizard.createState(route);
  assert.equal(wizard.currentNodeId(state), "wie-bent-u");
  assert.deepEqual(state.trail, ["wie-bent-u"]);
  assert.deepEqual(state.answers, []);
});

test("choose follows the option", () => {
  const route = buildRoute();
  const state = wizard.choose(route, wizard.createState(route), 0);
  assert.equal(wizard.currentNodeId(state), "soort-signaal");
  assert.deepEqual(state.trail, ["wie-bent-u", "soort-signaal"]);
  assert.deepEqual(state.answers, [0]);
});

test("choose leaves the old state unchanged", () => {
  const route = buildRoute();
  const first = wizard.createState(route);
  wizard.choose(route, first, 1);
  assert.deepEqual(first.trail, ["wie-bent-u"]);
  assert.deepEqual(first.answers, []);
});

test("choose reaches an outcome", () => {
  const route = buildRoute();
  const state = stateAt(route, [0, 0, 0]);
  assert.equal(wizard.currentNodeId(state), "su-duidelijk");
});

test("choose rejects a missing option", () => {
  const route = buildRoute();
  const state = wizard.createState(route);
  assert.throws(() => wizard.choose(route, state, 2), RangeError);
  assert.throws(() => wizard.choose(route, state, -1), RangeError);
  assert.throws(() => wizard.choose(route, state, 0.5), RangeError);
});

test("choose rejects an outcome node", () => {
  const route = buildRoute();
  const state = stateAt(route, [0, 0, 0]);
  assert.throws(() => wizard.choose(route, state, 0), RangeError);
});

test("back returns to the previous question", () => {
  const route = buildRoute();
  const state = wizard.back(stateAt(route, [0, 0, 1]));
  assert.equal(wizard.currentNodeId(state), "welke-vorm");
  assert.deepEqual(state.answers, [0, 0]);
});

test("back at the start stays at the start", () => {
  const route = buildRoute();
  const start = wizard.createState(route);
  const state = wizard.back(start);
  assert.equal(wizard.currentNodeId(state), "wie-bent-u");
  assert.deepEqual(state.answers, []);
});

test("restart clears all answers", () => {
  const route = buildRoute();
  const state = wizard.restart(route, stateAt(route, [1, 0]));
  assert.equal(wizard.currentNodeId(state), "wie-bent-u");
  assert.deepEqual(state.answers, []);
});

test("answersGiven lists questions and labels", () => {
  const route = buildRoute();
  const answers = wizard.answersGiven(route, stateAt(route, [0, 1]));
  assert.equal(answers.length, 2);
  assert.equal(answers[0].question, "Wie bent u?");
  assert.equal(answers[0].label, "Ik werk bij een gemeente");
  assert.equal(answers[1].question, "Hoe duidelijk is het signaal?");
  assert.equal(answers[1].label, "Ik twijfel");
});

// ---------------------------------------------------------------------------
// URL fragment

test("fragment of the start has no answers", () => {
  const route = buildRoute();
  assert.equal(wizard.formatFragment(wizard.createState(route)), "stap-wie-bent-u");
});

test("fragment lists 1-based answers", () => {
  const route = buildRoute();
  assert.equal(wizard.formatFragment(stateAt(route, [0, 0, 1])), "stap-au-duidelijk:1.1.2");
});

test("parseFragment reads id and answers", () => {
  assert.deepEqual(wizard.parseFragment("#stap-au-duidelijk:1.1.2"), { id: "au-duidelijk", answers: [0, 0, 1] });
  assert.deepEqual(wizard.parseFragment("stap-wie-bent-u"), { id: "wie-bent-u", answers: null });
});

test("parseFragment rejects malformed text", () => {
  const malformed = [
    "", "#", "#inhoud", "#stap-", "#stap-Wie", "#stap-a:", "#stap-a:0", "#stap-a:1..2",
    "#stap-a:1.x", "#stap-a--b", "#stap-a:1:2", "#stap-%E0%A4%A", "#pad-1.2"
  ];
  for (const text of malformed) {
    assert.equal(wizard.parseFragment(text), null, text);
  }
});

test("restore round-trips every reachable state", () => {
  const route = buildRoute();
  const paths = [[], [0], [1], [0, 0], [0, 1], [0, 0, 0], [0, 0, 1], [1, 0], [1, 1]];
  for (const answers of paths) {
    const state = stateAt(route, answers);
    const restored = wizard.restoreState(route, "#" + wizard.formatFragment(state));
    assert.deepEqual(restored, state, answers.join("."));
  }
});

test("restore without answers takes shortest path", () => {
  const route = buildRoute();
  const state = wizard.restoreState(route, "#stap-au-duidelijk");
  assert.deepEqual(state.trail, ["wie-bent-u", "soort-signaal", "welke-vorm", "au-duidelijk"]);
  assert.deepEqual(state.answers, [0, 0, 1]);
});

test("restore of invalid fragments gives start", () => {
  const route = buildRoute();
  const invalid = [
    "",
    "#inhoud",
    "#stap-bestaat-niet",
    "#stap-bestaat-niet:1",
    "#stap-constructor",
    "#stap-au-duidelijk:1.1.3",
    "#stap-au-duidelijk:1.1.1",
    "#stap-au-duidelijk:1.1",
    "#stap-au-duidelijk:1.1.2.1",
    "#stap-soort-signaal:9",
    "#stap-wie-bent-u:1"
  ];
  for (const fragment of invalid) {
    const state = wizard.restoreState(route, fragment);
    assert.deepEqual(state, wizard.createState(route), fragment);
  }
});

// ---------------------------------------------------------------------------
// Opening hours and the number to call

test("frontoffice open on Tuesday 10:00", () => {
  const contacts = buildRoute().partners.avim.contacts;
  const frontoffice = contactByLabel(contacts, "Frontoffice team mensenhandel");
  const outside = contactByLabel(contacts, "Buiten kantooruren");
  assert.equal(wizard.contactStatus(frontoffice, contacts, TUESDAY_10), "open");
  assert.equal(wizard.contactStatus(outside, contacts, TUESDAY_10), "closed");
  assert.equal(wizard.chooseNumberToCall(contacts, TUESDAY_10, false).phone, "088-9630320");
});

test("frontoffice closed on Saturday 10:00", () => {
  const contacts = buildRoute().partners.avim.contacts;
  const frontoffice = contactByLabel(contacts, "Frontoffice team mensenhandel");
  const outside = contactByLabel(contacts, "Buiten kantooruren");
  assert.equal(wizard.contactStatus(frontoffice, contacts, SATURDAY_10), "closed");
  assert.equal(wizard.contactStatus(outside, contacts, SATURDAY_10), "open");
  assert.equal(wizard.chooseNumberToCall(contacts, SATURDAY_10, false).phone, "0900-8844");
});

test("frontoffice closed on Tuesday 17:00", () => {
  const contacts = buildRoute().partners.avim.contacts;
  const frontoffice = contactByLabel(contacts, "Frontoffice team mensenhandel");
  const outside = contactByLabel(contacts, "Buiten kantooruren");
  assert.equal(wizard.isReachable(frontoffice, contacts, TUESDAY_17), false);
  assert.equal(wizard.isReachable(outside, contacts, TUESDAY_17), true);
  assert.equal(wizard.chooseNumberToCall(contacts, TUESDAY_17, false).phone, "0900-8844");
});

test("opening hours exclude the closing minute", () => {
  const contacts = buildRoute().partners.avim.contacts;
  const frontoffice = contactByLabel(contacts, "Frontoffice team mensenhandel");
  assert.equal(wizard.isReachable(frontoffice, contacts, TUESDAY_1629), true);
  assert.equal(wizard.isReachable(frontoffice, contacts, TUESDAY_1630), false);
  assert.equal(wizard.isReachable(frontoffice, contacts, TUESDAY_0759), false);
});

test("hours past midnight wrap to next day", () => {
  const night = { id: "nacht", label: "Nachtdienst", phone: "1", hours: [{ days: ["vr"], from: "22:00", to: "06:00" }] };
  assert.equal(wizard.isReachable(night, [night], new Date(2026, 0, 9, 23, 0)), true, "Friday 23:00");
  assert.equal(wizard.isReachable(night, [night], new Date(2026, 0, 10, 5, 59)), true, "Saturday 05:59");
  assert.equal(wizard.isReachable(night, [night], new Date(2026, 0, 10, 6, 0)), false, "Saturday 06:00");
  assert.equal(wizard.isReachable(night, [night], new Date(2026, 0, 9, 5, 0)), false, "Friday 05:00");
});

test("contact without hours is always reachable", () => {
  const contacts = buildRoute().partners.lumens.contacts;
  assert.equal(wizard.contactStatus(contacts[0], contacts, SATURDAY_10), "always");
  assert.equal(wizard.isReachable(contacts[0], contacts, SATURDAY_10), true);
});

test("unknown outside_hours_of counts as reachable", () => {
  const contact = { id: null, label: "Piket", phone: "1", hours: [], outside_hours_of: "bestaat-niet" };
  assert.equal(wizard.contactStatus(contact, [contact], TUESDAY_10), "always");
});

test("circular outside_hours_of does not loop", () => {
  const first = { id: "een", label: "Een", phone: "1", hours: [], outside_hours_of: "twee" };
  const second = { id: "twee", label: "Twee", phone: "2", hours: [], outside_hours_of: "een" };
  const status = wizard.contactStatus(first, [first, second], TUESDAY_10);
  assert.ok(["open", "closed", "always"].includes(status));
});

test("anonymous line chosen only for anonymous report", () => {
  const contacts = buildRoute().partners.iszw.contacts;
  assert.equal(wizard.chooseNumberToCall(contacts, TUESDAY_10, false).phone, "070-3334180");
  assert.equal(wizard.chooseNumberToCall(contacts, TUESDAY_10, true).phone, "0800-5151");
});

test("no number to call without phones", () => {
  const contacts = buildRoute().partners.aandachtsfunctionaris.contacts;
  assert.equal(wizard.chooseNumberToCall(contacts, TUESDAY_10, false), null);
});

test("formatDays writes runs and single days", () => {
  assert.equal(wizard.formatDays(WEEKDAYS), "ma t/m vr");
  assert.equal(wizard.formatDays(["za", "zo"]), "za, zo");
  assert.equal(wizard.formatDays(["vr", "ma", "wo"]), "ma, wo, vr");
  assert.equal(wizard.formatDays(["ma", "di", "wo", "vr"]), "ma t/m wo, vr");
});

test("formatHours describes both AVIM numbers", () => {
  const contacts = buildRoute().partners.avim.contacts;
  assert.equal(wizard.formatHours(contacts[0], contacts), "ma t/m vr 08:00–16:30");
  assert.equal(wizard.formatHours(contacts[1], contacts), "buiten de openingstijden van Frontoffice team mensenhandel");
  assert.equal(wizard.formatHours(contacts[2], contacts), null);
});

// ---------------------------------------------------------------------------
// Municipality choice

test("partner step ignores the municipality", () => {
  const route = buildRoute();
  const step = route.nodes["su-duidelijk"].steps[0];
  const resolved = wizard.resolveStep(route, step, "asten", TUESDAY_10);
  assert.equal(resolved.notice, null);
  assert.equal(resolved.groups.length, 1);
  assert.equal(resolved.groups[0].title, "Politie, team AVIM");
  assert.equal(resolved.groups[0].url, "partners/avim.html");
  assert.equal(resolved.groups[0].callNow.phone, "088-9630320");
  assert.equal(resolved.groups[0].contacts[0].status, "open");
  assert.equal(resolved.groups[0].contacts[1].status, "closed");
  assert.equal(resolved.groups[0].contacts[2].status, null, "an e-mail contact has no phone status");
});

test("filled-in partner role uses that partner", () => {
  const route = buildRoute();
  const step = route.nodes["su-duidelijk"].steps[1];
  const resolved = wizard.resolveStep(route, step, "helmond", TUESDAY_10);
  assert.equal(resolved.notice, null);
  assert.equal(resolved.groups.length, 1);
  assert.equal(resolved.groups[0].partnerId, "zoco-helmond");
  assert.equal(resolved.groups[0].callNow.phone, "14 0492");
});

test("filled-in contact role uses that contact", () => {
  const route = buildRoute();
  const step = route.nodes["su-duidelijk"].steps[2];
  const resolved = wizard.resolveStep(route, step, "helmond", TUESDAY_10);
  assert.equal(resolved.notice, null);
  assert.equal(resolved.groups.length, 1);
  assert.equal(resolved.groups[0].title, "Aandachtsfunctionaris mensenhandel, gemeente Helmond");
  assert.equal(resolved.groups[0].contacts[0].contact.email, "af@example.nl");
});

test("blank municipality role lists all partners", () => {
  const route = buildRoute();
  const step = route.nodes["su-duidelijk"].steps[1];
  const resolved = wizard.resolveStep(route, step, "asten", TUESDAY_10);
  assert.match(resolved.notice, /^Voor Asten is dit nog niet ingevuld\./);
  assert.deepEqual(resolved.groups.map((group) => group.partnerId), ["zoco-helmond", "lumens", "mo-den-bosch"]);
});

test("blank contact role lists the role partner", () => {
  const route = buildRoute();
  const step = route.nodes["signaal-vaag"].steps[0];
  const resolved = wizard.resolveStep(route, step, "asten", TUESDAY_10);
  assert.match(resolved.notice, /^Voor Asten is dit nog niet ingevuld\./);
  assert.deepEqual(resolved.groups.map((group) => group.partnerId), ["aandachtsfunctionaris"]);
  assert.equal(resolved.groups[0].callNow, null);
});

test("no municipality chosen asks for one", () => {
  const route = buildRoute();
  const step = route.nodes["su-duidelijk"].steps[1];
  for (const gemeenteId of [null, "", "bestaat-niet"]) {
    const resolved = wizard.resolveStep(route, step, gemeenteId, TUESDAY_10);
    assert.match(resolved.notice, /^Kies uw gemeente\./, String(gemeenteId));
    assert.equal(resolved.groups.length, 3, String(gemeenteId));
  }
});

test("bel-112 step gets the emergency number", () => {
  const route = buildRoute();
  const step = route.nodes["burger-acuut"].steps[0];
  const resolved = wizard.resolveStep(route, step, null, SATURDAY_10);
  assert.equal(resolved.groups.length, 1);
  assert.equal(resolved.groups[0].callNow.tel, "112");
});

test("findGemeente returns null for unknown id", () => {
  const route = buildRoute();
  assert.equal(wizard.findGemeente(route, "helmond").name, "Helmond");
  assert.equal(wizard.findGemeente(route, "bestaat-niet"), null);
});

// ---------------------------------------------------------------------------
// Citizen path

test("citizen path covers citizen nodes only", () => {
  const route = buildRoute();
  assert.equal(wizard.isCitizenNode(route, "wie-bent-u"), false);
  assert.equal(wizard.isCitizenNode(route, "soort-signaal"), false);
  assert.equal(wizard.isCitizenNode(route, "burger-gevaar"), true);
  assert.equal(wizard.isCitizenNode(route, "burger-zorgen"), true);
  assert.equal(wizard.isCitizenNode(route, "su-duidelijk"), false);
});

test("quick exit offered after citizen choice", () => {
  const route = buildRoute();
  assert.equal(wizard.offersQuickExit(route, wizard.createState(route)), false);
  assert.equal(wizard.offersQuickExit(route, stateAt(route, [1])), true);
  assert.equal(wizard.offersQuickExit(route, stateAt(route, [1, 1])), true);
  assert.equal(wizard.offersQuickExit(route, stateAt(route, [0, 0, 0])), false);
});

// ---------------------------------------------------------------------------
// Text summary

test("summary lists answers, steps and checklist", () => {
  const route = buildRoute();
  const text = wizard.summaryText(route, stateAt(route, [0, 0, 0]), "helmond", TUESDAY_10);
  assert.match(text, /^Gemeente: Helmond$/m);
  assert.match(text, /^- Wie bent u\? Ik werk bij een gemeente$/m);
  assert.match(text, /^- Hoe duidelijk is het signaal\? Het is duidelijk mensenhandel$/m);
  assert.match(text, /^- Om welke vorm van uitbuiting gaat het\? Seksuele uitbuiting$/m);
  assert.match(text, /^Uitkomst: Duidelijk signaal van seksuele uitbuiting$/m);
  assert.match(text, /^Vorm: seksuele uitbuiting \(SU\)$/m);
  assert.match(text, /^1\. Bel eerst: Bel het team AVIM\.$/m);
  assert.match(text, /^ {3}- Frontoffice team mensenhandel: 088-9630320 \(ma t\/m vr 08:00–16:30\)$/m);
  assert.match(text, /^2\. Daarna: Meld het signaal bij de zorgcoördinator\.$/m);
  assert.match(text, /^ {3}Gemeente Helmond, zorgcoördinatie$/m);
  assert.match(text, /^3\. Terugkoppeling: Vraag om een terugkoppeling\.$/m);
  assert.match(text, /^- De politie is 24 uur per dag bereikbaar\.$/m);
  assert.match(text, /^Checklist voor de aandachtsfunctionaris:$/m);
  assert.match(text, /^\[ \] Adresgegevens van de betrokkenen\.$/m);
  assert.match(text, /^\[ \] Eerder opgelegde sancties op het adres\.$/m);
});

test("summary leaves out the time of day", () => {
  const route = buildRoute();
  const state = stateAt(route, [0, 0, 0]);
  const tuesday = wizard.summaryText(route, state, "helmond", TUESDAY_10);
  const saturday = wizard.summaryText(route, state, "helmond", SATURDAY_10);
  assert.equal(tuesday, saturday);
  assert.doesNotMatch(tuesday, /nu bereikbaar/);
});

test("summary names a blank municipality entry", () => {
  const route = buildRoute();
  const text = wizard.summaryText(route, stateAt(route, [0, 0, 1]), "asten", TUESDAY_10);
  assert.match(text, /^Gemeente: Asten$/m);
  assert.match(text, /^ {3}Voor Asten is dit nog niet ingevuld\./m);
  assert.match(text, /^ {3}Lumens$/m);
  assert.match(text, /^ {3}Maatschappelijke Opvang Den Bosch$/m);
});

test("summary without checklist omits it", () => {
  const route = buildRoute();
  const text = wizard.summaryText(route, stateAt(route, [0, 1]), null, TUESDAY_10);
  assert.match(text, /^Gemeente: niet gekozen$/m);
  assert.match(text, /^Uitkomst: Het signaal blijft vaag$/m);
  assert.doesNotMatch(text, /Checklist/);
});

test("summary before an outcome names next question", () => {
  const route = buildRoute();
  const text = wizard.summaryText(route, stateAt(route, [0]), null, TUESDAY_10);
  assert.match(text, /^- Wie bent u\? Ik werk bij een gemeente$/m);
  assert.match(text, /^Nog geen uitkomst\. Volgende vraag: Hoe duidelijk is het signaal\?$/m);
  assert.doesNotMatch(text, /Uitkomst:/);
});

// ---------------------------------------------------------------------------
// Page setup

test("init without wizard element does nothing", () => {
  const emptyDocument = { querySelector: () => null, getElementById: () => null };
  assert.equal(wizard.init(emptyDocument, {}), null);
});

test("init with invalid route data does nothing", () => {
  const container = {};
  const pageWithBadData = {
    querySelector: () => container,
    getElementById: () => ({ textContent: "{niet geldig" })
  };
  assert.equal(wizard.init(pageWithBadData, {}), null);
  const pageWithoutStart = {
    querySelector: () => container,
    getElementById: () => ({ textContent: JSON.stringify({ start: "x", nodes: {} }) })
  };
  assert.equal(wizard.init(pageWithoutStart, {}), null);
});
