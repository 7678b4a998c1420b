"use strict";

// Tests for the DOM-free parts of themes/default/static/js/search.js, on a
// small index written here in the format of src/search/export.rs. The
// parity with the Rust side on the real content is tested in tests/search.rs.
// Run with: node --test tests/js/

const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const BakenSearch = require(path.join(__dirname, "..", "..", "themes", "default", "static", "js", "search.js"));

const DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";

/** Encodes numbers as the Rust exporter does: base 32, last digit low. */
function encode(numbers) {
  return numbers.map((n) => {
    const digits = [];
    do {
      digits.unshift(n % 32);
      n = Math.floor(n / 32);
    } while (n > 0);
    return digits.map((d, i) => DIGITS.charAt(i === digits.length - 1 ? d : d + 32)).join("");
  }).join("");
}

const PLAN = {
  weightExact: 1, weightStem: 1, weightTruncated: 0.8, factorCompound: 0.5, weightTail: 0.5,
  weightPrefix: 0.5, weightFuzzy: 0.4, weightSynonym: 0.5, minPrefixChars: 3, maxPrefixForms: 8,
  minFuzzyChars: 5, maxFuzzyForms: 3, minPartChars: 4, maxTruncatedExtraChars: 4,
  minTailHeadChars: 3, maxSynonymWords: 3, wordListChars: 2, maxCompounds: 10,
};

/**
 * A fixture index of four documents. Stems follow the Dutch stemmer for
 * these words; postings are [gap, score * 1000] pairs.
 */
function fixtureFiles(prefix) {
  return {
    meta: {
      version: 1,
      count: 4,
      kinds: ["pagina", "partner", "signaal", "casus", "begrip", "quiz", "overig"],
      docKinds: "2423",
      termShards: "0 0l",
      wordLists: ["ar", "lo", "po", "ui", "we"],
      docsPerShard: 5,
      scoreScale: 1000,
      maxTokenBytes: 40,
      fold: { e: "éèêë", i: "íìîï", ss: "ß" },
      stopWords: ["bij", "de", "ik", "wie"],
      synonyms: [[["loverboy"], ["pooierboy"]]],
      plan: PLAN,
    },
    "t-0": {
      arbeidsuitbuit: { s: encode([1, 3000]), f: ["arbeidsuitbuiting"] },
      arbeidsuitbuiting: { e: encode([1, 3000]), m: "arbeidsuitbuit" },
      "constructor": { s: encode([3, 100]), f: [] },
    },
    "t-1": {
      loverboy: { s: encode([0, 5000, 2, 1000]), f: ["loverboy", "loverboys"], e: encode([0, 5000]) },
      loverboys: { e: encode([2, 1000]), m: "loverboy" },
      pooierboy: { s: encode([3, 2000]), f: ["pooierboy"], e: encode([3, 2000]) },
      uitbuit: { s: encode([0, 2000, 2, 2500]), f: ["uitbuiting"], c: ["arbeidsuitbuit"] },
      uitbuiting: { e: encode([0, 2000, 2, 2500]), m: "uitbuit" },
      webcam: { s: encode([2, 4000]), f: ["webcam"], e: encode([2, 4000]) },
    },
    "w-0": ["arbeidsuitbuiting", 14, 1],
    "w-1": ["loverboy", 8, 2, "loverboys", 8, 1],
    "w-2": ["pooierboy", 9, 1],
    "w-3": ["uitbuiting", 7, 2],
    "w-4": ["webcam", 6, 1],
    "d-0": [
      ["Loverboy", "signalen/loverboy.html", 2, "Een loverboy maakt een meisje verliefd."],
      ["Arbeidsuitbuiting", "begrippen.html#au", 4, "Arbeidsuitbuiting is uitbuiting op het werk."],
      ["Webcam", "signalen/webcam.html", 2, "Uitbuiting via de webcam door loverboys."],
      ["Pooierboy", "casussen/x.html", 3, "Een pooierboy is een loverboy."],
    ],
  };
}

/** Creates an engine whose loader registers fixture files and logs them. */
function fixtureEngine(loaded = []) {
  const files = fixtureFiles();
  return BakenSearch.createEngine({
    base: "index/",
    load(url, done) {
      const name = url.slice("index/".length, -".js".length);
      loaded.push(name);
      if (!Object.prototype.hasOwnProperty.call(files, name)) return done(new Error("missing " + name));
      BakenSearch.register(name, files[name]);
      done(null);
    },
  });
}

function search(engine, query) {
  let out;
  engine.search(query, (error, result) => {
    if (error) throw error;
    out = result;
  });
  return out;
}

function analyzer() {
  return new BakenSearch.Analyzer(fixtureFiles().meta);
}

test("analyze lowercases, folds and drops stop words", () => {
  assert.deepEqual(analyzer().analyze("Wie bel ik bij Casuïstiek?"), ["bel", "casuistiek"]);
  assert.deepEqual(analyzer().analyze("Straße CAFÉ"), ["strasse", "cafe"]);
});

test("analyze composes a letter and its combining mark", () => {
  assert.deepEqual(analyzer().analyze("casue\u0308"), ["casue"]);
});

test("analyze splits on punctuation and keeps digits", () => {
  assert.deepEqual(analyzer().analyze("TF-RIEC 088-9630320"), ["tf", "riec", "088", "9630320"]);
});

test("analyze drops tokens of forty bytes or more", () => {
  assert.deepEqual(analyzer().analyze("kort " + "a".repeat(40)), ["kort"]);
  assert.equal(analyzer().analyze("é".repeat(20)).length, 1, "folded to twenty ASCII bytes");
});

test("isOneEdit accepts one substitution, insertion, deletion or swap", () => {
  const chars = (s) => Array.from(s);
  assert.ok(BakenSearch.isOneEdit(chars("webcam"), chars("wepcam")));
  assert.ok(BakenSearch.isOneEdit(chars("webcam"), chars("webcamm")));
  assert.ok(BakenSearch.isOneEdit(chars("webcam"), chars("wbcam")));
  assert.ok(BakenSearch.isOneEdit(chars("webcam"), chars("wecbam")));
  assert.ok(!BakenSearch.isOneEdit(chars("webcam"), chars("webcam")));
  assert.ok(!BakenSearch.isOneEdit(chars("webcam"), chars("bewcam")));
});

test("decodePostings reads multi-digit numbers", () => {
  assert.deepEqual(BakenSearch.decodePostings(encode([0, 31, 32, 1234567])), [0, 31, 32, 1234567]);
});

test("decodeFrontCoded restores shared prefixes", () => {
  assert.deepEqual(BakenSearch.decodeFrontCoded("0 0arb 3eids 0b"), ["", "arb", "arbeids", "b"]);
});

test("compareCodePoints orders by code point, not UTF-16 unit", () => {
  assert.ok(BakenSearch.compareCodePoints("\uffff", "\u{1F600}") < 0);
  assert.ok(BakenSearch.compareCodePoints("ab", "abc") < 0);
});

test("known word matches exact form, stem and compounds", () => {
  const result = search(fixtureEngine(), "uitbuiting");
  const terms = result.clauses.map((c) => `${c.kind}:${c.term}:${c.weight}`);
  assert.deepEqual(terms, ["exact:uitbuiting:1", "stem:arbeidsuitbuit:0.5", "stem:uitbuit:1"]);
  assert.deepEqual(result.hits.map((h) => h.ord), [2, 0, 1]);
});

test("exact form ranks above another form of the stem", () => {
  const result = search(fixtureEngine(), "loverboy");
  assert.equal(result.hits[0].ord, 0);
  assert.ok(result.hits[0].score > result.hits[1].score * 2);
});

test("unknown inflection matches the known form it starts with", () => {
  const result = search(fixtureEngine(), "uitbuitingen");
  assert.ok(result.clauses.some((c) => c.term === "uitbuit" && c.weight === 0.8));
  assert.ok(!result.clauses.some((c) => c.kind === "exact"));
});

test("typo is corrected from five characters", () => {
  assert.ok(search(fixtureEngine(), "lovrboy").clauses.some((c) => c.term === "loverboy" && c.weight === 0.4));
  assert.equal(search(fixtureEngine(), "webcma").hits[0].ord, 2);
  assert.equal(search(fixtureEngine(), "wecm").hits.length, 0, "four characters get no correction");
});

test("last word matches as a prefix", () => {
  const result = search(fixtureEngine(), "arbeidsuit");
  assert.deepEqual(result.hits.map((h) => h.ord), [1]);
});

test("synonym expands pooierboy to loverboy", () => {
  const result = search(fixtureEngine(), "pooierboy");
  assert.ok(result.clauses.some((c) => c.term === "loverboy" && c.weight === 0.5));
  assert.equal(result.hits[0].ord, 3);
  assert.ok(result.hits.some((h) => h.ord === 0));
});

test("keys named like Object properties are not inherited", () => {
  const result = search(fixtureEngine(), "toString hasOwnProperty");
  assert.equal(result.hits.length, 0);
});

test("hits are counted per kind", () => {
  const result = search(fixtureEngine(), "loverboy");
  assert.deepEqual(result.counts, { signaal: 2, casus: 1 });
});

test("first query loads only the files it needs", () => {
  const loaded = [];
  search(fixtureEngine(loaded), "webcam");
  assert.deepEqual(loaded.sort(), ["meta", "t-1", "w-4"]);
});

test("describe returns title, URL, kind and text", () => {
  const engine = fixtureEngine();
  const result = search(engine, "webcam");
  let items;
  engine.describe(result.hits, (error, described) => {
    assert.equal(error, null);
    items = described;
  });
  assert.deepEqual(items.map((i) => [i.title, i.url, i.kind]), [["Webcam", "signalen/webcam.html", "signaal"]]);
});

test("snippet marks the forms of matched stems", () => {
  const engine = fixtureEngine();
  const result = search(engine, "loverboy");
  const parts = engine.snippet("Uitbuiting via de webcam door loverboys.", result.marks, 200);
  assert.deepEqual(parts.filter((p) => p.mark).map((p) => p.text), ["loverboys"]);
  assert.equal(parts.map((p) => p.text).join(""), "Uitbuiting via de webcam door loverboys.");
});

test("snippet starts near the first match in long text", () => {
  const engine = fixtureEngine();
  const result = search(engine, "webcam");
  const text = "woord ".repeat(60) + "een webcam hier " + "woord ".repeat(60);
  const parts = engine.snippet(text, result.marks, 100);
  assert.equal(parts[0].text, "\u2026 ");
  assert.ok(parts.some((p) => p.mark && p.text === "webcam"));
  assert.ok(parts.map((p) => p.text).join("").length < 120);
});

test("missing index file is reported as an error", () => {
  const engine = BakenSearch.createEngine({ base: "x/", load: (url, done) => done(new Error("not found: " + url)) });
  let reported;
  engine.search("loverboy", (error) => { reported = error; });
  assert.match(String(reported), /not found: x\/meta\.js/);
});

test("index of another format version is rejected", () => {
  const engine = BakenSearch.createEngine({
    base: "v/",
    load(url, done) {
      BakenSearch.register("meta", Object.assign({}, fixtureFiles().meta, { version: 99 }));
      done(null);
    },
  });
  let reported;
  engine.search("loverboy", (error) => { reported = error; });
  assert.match(String(reported), /versie 99/);
});
