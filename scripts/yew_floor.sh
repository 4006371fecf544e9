#!/usr/bin/env bash
# The first load's floor: the gzip size of the smallest Yew apps (scripts/yew-floor), built exactly
# as Trunk builds Keyholder's first module (cargo's release profile, wasm-bindgen --target web,
# wasm-opt -Oz; on the same sources this pipeline gives the same bytes as Trunk's `dist/`), beside
# Keyholder's own first module built the same way. A measurement, not a test (docs/size.md). The glue
# is as wasm-bindgen writes it, before Trunk minifies it (the size report's glue is smaller).
#
#   scripts/yew_floor.sh
#
# Needs the pinned tools (`bash scripts/tools.sh`): wasm-bindgen and npm's binaryen.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

target="${CARGO_TARGET_DIR:-$PWD/target}/yew-floor"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The floor's own copy, built with the workspace's Cargo.lock so it gets the app's exact versions.
cp -r scripts/yew-floor "$work/crate"
cp Cargo.lock "$work/crate/"

# gzip -9 as scripts/size_report.py measures it (Python's zlib: a few bytes from GNU gzip's).
gz() { python3 -c 'import gzip, sys; print(len(gzip.compress(open(sys.argv[1], "rb").read(), 9, mtime=0)))' "$1"; }
# Builds one wasm as Trunk does and prints its wasm and glue sizes, gzip -9.
size() {
  local name=$1 wasm=$2
  # wasm-bindgen names its output after the input: app.wasm → app_bg.wasm and app.js.
  local out="$work/out" stem="$work/out/$(basename "$wasm" .wasm)"
  wasm-bindgen --target web --out-dir "$out" "$wasm"
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    "${stem}_bg.wasm" -o "$out/opt.wasm"
  printf '%-28s %8d %8d\n' "$name" "$(gz "$out/opt.wasm")" "$(gz "$stem.js")"
  rm -rf "$out"
}

printf '%-28s %8s %8s\n' "app (bytes of gzip -9)" "wasm" "glue"
for variant in bare hello form; do
  (cd "$work/crate" && CARGO_TARGET_DIR="$target" cargo build --quiet --release \
    --target wasm32-unknown-unknown --features "$variant")
  size "yew-floor, $variant" "$target/wasm32-unknown-unknown/release/yew-floor.wasm"
done
cargo build --quiet --release --target wasm32-unknown-unknown --bin keyholder-app
size "keyholder, first module" "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/keyholder-app.wasm"
