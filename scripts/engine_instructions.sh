#!/usr/bin/env bash
# Instructions per evaluation of the engine benchmark's estate (20 environments, a full report with
# every action's measured effect), as docs/performance.md quotes them. A measurement, not a test.
#
#   scripts/engine_instructions.sh          # opt-level 3, as Cargo.toml's bench profile
#   OPT=z scripts/engine_instructions.sh    # opt-level "z", as the wasm's release build
#
# It builds examples/evaluate_loop.rs in its own target folder (the workspace's builds are left
# alone), runs it under `valgrind --tool=cachegrind` for a few and for many evaluations and prints
# the difference per evaluation: the estate's set-up and the catalogue's one-time load cancel out.
# (The example is built with the release profile, `panic = "abort"` included, which `cargo bench`
# ignores: no evaluation panics, but code built to unwind may differ slightly, so the count is this
# loop's, close to but not exactly the benchmark's.)
# Needs valgrind: `apt-get install valgrind`.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

opt="${OPT:-3}"
few=50
many=150
if ! command -v valgrind >/dev/null; then
  echo "engine_instructions: valgrind is missing (apt-get install valgrind)" >&2
  exit 1
fi
target="${CARGO_TARGET_DIR:-target}/instructions-o$opt"
CARGO_PROFILE_RELEASE_OPT_LEVEL="$opt" CARGO_TARGET_DIR="$target" \
  cargo build --quiet --release -p keyholder-engine --example evaluate_loop
loop="$target/release/examples/evaluate_loop"
# Cachegrind's summary line: "I refs: 123,456,789" (older versions pad it: "I   refs:").
count() {
  valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null "$loop" "$1" 2>&1 \
    | awk '/I *refs:/ { gsub(",", "", $NF); print $NF }'
}
low=$(count "$few")
high=$(count "$many")
if ! [[ $low =~ ^[0-9]+$ && $high =~ ^[0-9]+$ ]]; then
  echo "engine_instructions: no 'I refs' count from cachegrind (got '$low' and '$high')" >&2
  exit 1
fi
echo "instructions per evaluation (opt-level $opt): $(( (high - low) / (many - few) ))"
