#!/usr/bin/env bash
# Runs every test of Baken on a fresh machine: installs Chromium and the npm
# packages the browser suite needs when they are missing, then runs the Rust
# tests, the JavaScript unit tests and the browser suite against the real site.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Debian's Chromium drives the browser tests; it is not on a new machine.
if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing chromium from Debian's packages"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

# playwright-core and axe-core for the browser suite, from the lock file.
if [ -f tests/browser/package.json ]; then
  (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
fi

echo "== Rust tests"
cargo test --locked

echo "== JavaScript unit tests"
node --test tests/js/

echo "== Browser tests"
if [ -f tests/browser/package.json ]; then
  cargo run --locked --quiet -- build --out target/browser-site
  (cd tests/browser && BAKEN_SITE="$PWD/../../target/browser-site" node --test --test-concurrency=1)
fi
