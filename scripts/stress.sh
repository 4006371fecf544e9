#!/usr/bin/env bash
# `make stress N=5`: the whole browser suite N times on ONE build, then a per-test pass count.
# A test that is not N/N is flaky: a bug to fix the day it is seen. Uses dist/ (built here) unless
# KH_DIST names another build. Per-run results: test-output/stress/run-<i>.jsonl.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
bash scripts/tools.sh test
source scripts/env.sh
if [ -z "${KH_DIST:-}" ]; then
  trunk build --release
fi
out=test-output/stress
rm -rf "$out"; mkdir -p "$out"
for i in $(seq 1 "$runs"); do
  printf '\n==> stress run %s of %s\n' "$i" "$runs"
  # A failing run is counted, not fatal: the table below is the verdict.
  node --test --test-concurrency=1 \
    --test-reporter=dot --test-reporter-destination=stdout \
    --test-reporter=./tests/e2e/count-reporter.mjs --test-reporter-destination="$out/run-$i.jsonl" \
    tests/e2e/ || true
done
node scripts/stress_table.mjs "$out"/run-*.jsonl | tee "$out/table.md"
