#!/usr/bin/env bash
# Instructions per evaluation of the engine benchmark's estate (20 environments, a full report with
# every action's measured effect), as docs/performance.md quotes them. A measurement, not a test.
#
#   scripts/engine_instructions.sh          # opt-level 3, as `cargo bench` builds (Cargo.toml)
#   OPT=z scripts/engine_instructions.sh    # as the wasm's release build
#
# It builds examples/evaluate_loop.rs in its own target folder (the workspace's builds are left
# alone), runs it under `valgrind --tool=cachegrind` for 50 and for 150 evaluations and prints the
# difference divided by 100: the estate's set-up and the catalogue's one-time load cancel out.
# Needs valgrind (Debian: `apt-get install valgrind`; installed here if missing, as root).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

opt="${OPT:-3}"
if ! command -v valgrind >/dev/null; then
  if [[ $(id -u) -eq 0 ]]; then
    apt-get install -y -qq valgrind >/dev/null
  else
    echo "engine_instructions: valgrind is missing (apt-get install valgrind)" >&2
    exit 1
  fi
fi
target="${CARGO_TARGET_DIR:-target}/instructions-o$opt"
CARGO_PROFILE_RELEASE_OPT_LEVEL="$opt" CARGO_TARGET_DIR="$target" \
  cargo build --quiet --release -p keyholder-engine --example evaluate_loop
loop="$target/release/examples/evaluate_loop"
count() {
  valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null "$loop" "$1" 2>&1 \
    | awk '/I *refs:/ { gsub(",", "", $NF); print $NF }'
}
low=$(count 50)
high=$(count 150)
echo "instructions per evaluation (opt-level $opt): $(( (high - low) / 100 ))"
