#!/usr/bin/env bash
# `make fuzz`: every test named fuzz_* in any crate of the workspace, with KH_FUZZ_CASES generated
# inputs per decoder (default 10,000), in a release build. Each such test prints one line
# `fuzz <decoder>: N inputs, A accepted, R rejected (typed), 0 panics`; they are gathered at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

export KH_FUZZ_CASES="${KH_FUZZ_CASES:-10000}"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

echo "fuzz: ${KH_FUZZ_CASES} inputs per decoder (release build)"
# pipefail keeps cargo's exit status through tee: a failing fuzz test fails make fuzz.
status=0
cargo test --workspace --release fuzz_ -- --nocapture --test-threads=2 2>&1 | tee "$log" || status=$?

echo
echo "== fuzz counts =="
if ! grep -E '^fuzz [A-Za-z0-9_]+: ' "$log"; then
  echo "no fuzz_* test printed a count line" >&2
  status=1
fi
exit "$status"
