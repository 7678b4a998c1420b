"use strict";

// Measures the browser search engine under node on an exported index. It
// counts the bytes that a first query loads: the index files for the query
// plus the titles and snippets of the first ten results. It also times each
// query, cold (a fresh engine that still loads and parses files) and warm.
//
//   node examples/search_latency.js /tmp/search-real/public/assets/search
//
// The folder comes from examples/search_bench.rs. Files are read from disk
// and run with vm.runInThisContext, as a browser runs a <script> element.

const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const SEARCH_JS = path.join(__dirname, "..", "themes", "default", "static", "js", "search.js");
const QUERIES = [
  "loverboy", "arbeidsuitbuiting", "casuistiek", "AVIM telefoon", "zoco helmond",
  "uitbuitingen", "pooierboy", "wie bel ik bij arbeidsuitbuiting", "meldpunt",
  "bedenktijd", "zorgtafel bewaartermijn", "hennep", "webcam", "seizoenarbeiders stal",
  "anoniem melden", "TF-RIEC", "lovrboy", "arbeidsuitb", "huisvesting werkgever", "drugslab",
];
const WARM_ROUNDS = 25;
const RESULTS = 10;

/** Loads a fresh copy of search.js, so that nothing is cached between runs. */
function freshEngine(base, loaded) {
  delete require.cache[require.resolve(SEARCH_JS)];
  globalThis.BakenSearch = require(SEARCH_JS);
  const load = (file, done) => {
    const text = fs.readFileSync(file, "utf8");
    loaded.push({ file: path.basename(file), bytes: Buffer.byteLength(text) });
    vm.runInThisContext(text, { filename: file });
    done(null);
  };
  return BakenSearch.createEngine({ base: base + path.sep, load });
}

/** Runs one query and describes its first results; the loader is synchronous. */
function runQuery(engine, query) {
  let items = null;
  engine.search(query, (error, result) => {
    if (error) throw error;
    engine.describe(result.hits.slice(0, RESULTS), (error, described) => {
      if (error) throw error;
      described.forEach((item) => engine.snippet(item.text, result.marks, 220));
      items = described;
    });
  });
  return items;
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

function summary(times) {
  const sorted = times.slice().sort((a, b) => a - b);
  return { median: percentile(sorted, 0.5), p95: percentile(sorted, 0.95) };
}

function main() {
  const base = process.argv[2];
  if (!base) {
    console.error("usage: node examples/search_latency.js ASSET_DIR");
    process.exit(2);
  }

  // Cold: each query on a fresh engine, counting what it loads.
  const cold = [];
  const rows = [];
  for (const query of QUERIES) {
    const loaded = [];
    const engine = freshEngine(base, loaded);
    const started = process.hrtime.bigint();
    runQuery(engine, query);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    cold.push(ms);
    const bytes = loaded.reduce((sum, f) => sum + f.bytes, 0);
    rows.push({ query, files: loaded.length, kilobytes: Math.round(bytes / 102.4) / 10, ms: Math.round(ms * 10) / 10 });
  }
  console.table(rows);

  // Warm: one engine with every needed file loaded, each query many times.
  const engine = freshEngine(base, []);
  QUERIES.forEach((q) => runQuery(engine, q));
  const warm = [];
  for (let round = 0; round < WARM_ROUNDS; round++) {
    for (const query of QUERIES) {
      const started = process.hrtime.bigint();
      runQuery(engine, query);
      warm.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  }

  const firstLoad = rows.map((r) => r.kilobytes).sort((a, b) => a - b);
  const result = {
    queries: QUERIES.length,
    firstQueryKilobytes: { median: percentile(firstLoad, 0.5), max: firstLoad[firstLoad.length - 1] },
    coldMs: summary(cold),
    warmMs: summary(warm),
  };
  console.log(JSON.stringify(result, null, 2));
}

main();
