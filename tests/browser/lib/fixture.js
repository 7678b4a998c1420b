// Builds variants of the real site with changed content, using the `baken`
// binary that `cargo build` leaves in target/debug.
"use strict";

const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { execFileSync } = require("node:child_process");

const REPO_DIR = path.resolve(__dirname, "..", "..", "..");
const BAKEN_BIN = process.env.BAKEN_BIN || path.join(REPO_DIR, "target", "debug", "baken");

// The parts of the repository that `baken build --root` reads.
const SITE_SOURCES = ["baken.yaml", "content", "quizzes", "themes"];

// Copies the site sources into a new temporary folder, lets `edit(root)`
// change them, builds the site into ROOT/public and returns
// `{root, siteDir, remove}`.
function buildFixtureSite(edit) {
  if (!fs.existsSync(BAKEN_BIN)) {
    throw new Error(
      `The baken binary is missing at ${BAKEN_BIN}. Run \`cargo build\` in ${REPO_DIR} first, or set BAKEN_BIN.`,
    );
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "baken-fixture-"));
  for (const entry of SITE_SOURCES) {
    const source = path.join(REPO_DIR, entry);
    if (fs.existsSync(source)) {
      fs.cpSync(source, path.join(root, entry), { recursive: true });
    }
  }
  edit(root);
  const siteDir = path.join(root, "public");
  execFileSync(BAKEN_BIN, ["build", "--quiet", "--root", root, "--out", siteDir], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  return {
    root,
    siteDir,
    remove: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}

// Sets `field: value` in the entry of municipality `gemeenteId` in
// content/gemeenten.yaml under `root`. Throws when the entry or the field
// is not found, so that a changed file layout fails loudly.
function setGemeenteField(root, gemeenteId, field, value) {
  const file = path.join(root, "content", "gemeenten.yaml");
  const lines = fs.readFileSync(file, "utf8").split("\n");
  const start = lines.findIndex((line) => line.trim() === `- id: ${gemeenteId}`);
  if (start === -1) {
    throw new Error(`Municipality ${gemeenteId} not found in ${file}`);
  }
  for (let i = start + 1; i < lines.length && !lines[i].trim().startsWith("- id:"); i += 1) {
    const match = new RegExp(`^(\\s*)${field}:`).exec(lines[i]);
    if (match) {
      lines[i] = `${match[1]}${field}: ${value}`;
      fs.writeFileSync(file, lines.join("\n"));
      return;
    }
  }
  throw new Error(`Field ${field} not found for municipality ${gemeenteId} in ${file}`);
}

module.exports = { REPO_DIR, BAKEN_BIN, buildFixtureSite, setGemeenteField };
