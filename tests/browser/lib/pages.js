// One example of every kind of page the site has, as paths relative to the
// site root. The examples are real pages of the built site; a missing one
// fails the suite, so a renamed page is noticed.
"use strict";

const fs = require("node:fs");
const path = require("node:path");

const { SITE_DIR } = require("./site");

const PAGE_KINDS = [
  { kind: "home", path: "index.html" },
  { kind: "audience home", path: "medewerker.html" },
  { kind: "policy page", path: "beleid/interne-meldroute.html" },
  { kind: "information page", path: "waar-melden.html" },
  { kind: "partner", path: "partners/avim.html" },
  { kind: "partners index", path: "partners/index.html" },
  { kind: "contact sheet", path: "contactblad.html" },
  { kind: "signal catalogue", path: "signalen/index.html" },
  { kind: "signal", path: "signalen/loverboy.html" },
  { kind: "case index", path: "casussen/index.html" },
  { kind: "case", path: "casussen/arbeidsmigranten-in-stal.html" },
  { kind: "glossary", path: "begrippen.html" },
  { kind: "municipalities", path: "gemeenten.html" },
  { kind: "site map", path: "kaart.html" },
  { kind: "wizard", path: "meldroute/index.html" },
  { kind: "search", path: "zoeken.html" },
  { kind: "quiz index", path: "quizzes/index.html" },
  { kind: "quiz", path: "quizzes/baliemedewerker.html" },
  { kind: "not found", path: "404.html" },
];

// The wizard outcome used where one outcome stands for all.
const WIZARD_OUTCOME = "meldroute/index.html#stap-af-su";

function missingPageKinds(siteDir = SITE_DIR) {
  return PAGE_KINDS.filter((entry) => !fs.existsSync(path.join(siteDir, entry.path)));
}

module.exports = { PAGE_KINDS, WIZARD_OUTCOME, missingPageKinds };
