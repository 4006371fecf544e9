#!/usr/bin/env bash
# `make test`: install what is missing, then run every check. Stops at the first failure (non-zero exit).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
step() { printf '\n==> [%ss] %s\n' "$(( $(date +%s) - start ))" "$*"; }

step "tools"
bash scripts/tools.sh test
source scripts/env.sh

step "cargo fmt --check"
cargo fmt --all --check

step "cargo clippy (native, all targets)"
cargo clippy --workspace --all-targets -- -D warnings

step "cargo clippy (wasm32 app)"
cargo clippy -p keyholder-app --target wasm32-unknown-unknown -- -D warnings

step "cargo test (native: engine, catalogue, scenarios, components)"
cargo test --workspace

step "trunk build --release"
trunk build --release
# Subresource Integrity of this build: dist/integrity.json and the host snippets, printed.
python3 scripts/sri.py dist
# The CSP in deploy/ and the README allows index.html's inline script and style by their hashes:
# they must be this build's (scripts/csp_hashes.py dist --write brings them up to date).
python3 scripts/csp_hashes.py dist

step "size report"
# Regression gates, not the goal: the project's goal is 120 KB gzip for the first load, which this
# build does not meet yet (see docs/size.md). The report's prose is fetched when first needed and
# has a gate of its own. Raise either only with a measured reason (docs/size.md has each one).
python3 scripts/size_report.py dist --budget-kb 185 --later-budget-kb 264

step "browser tests (Playwright + Debian Chromium against the release dist/)"
npm run --silent e2e

step "all checks passed in $(( $(date +%s) - start ))s"
