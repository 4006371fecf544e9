#!/usr/bin/env bash
# Builds "release B" for tests/e2e/update.test.mjs from a real rebuild: a temporary copy of the
# workspace with the rules version bumped in crates/engine/data/catalogue.json (last digit + 1,
# as the test expects), in its own target dir (target/release-b, kept between runs).
# Why not share target/ and why a fixed copy location: the engine's build script finds its data
# with env!("CARGO_MANIFEST_DIR"), baked in when the script is compiled, so a build script
# compiled for /work/main reads /work/main's data even when built from a copy (release B would be
# byte-identical to A), and one compiled for a temporary copy fails once that copy is gone.
#   bash scripts/build_release_b.sh [OUT]      (default /tmp/keyholder-dist-b)
#   KH_DIST_B=/tmp/keyholder-dist-b node --test tests/e2e/update.test.mjs
# Not part of `make test` (the test patches the version into a copy of the build instead, ~1 s):
# a real rebuild costs a full release link of the app.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
out=${1:-/tmp/keyholder-dist-b}
copy=$root/target/release-b/src
rm -rf "$copy"; mkdir -p "$copy"
# tar keeps modification times, so only the edited data file (and what depends on it) rebuilds.
tar --exclude=./target --exclude=./dist --exclude=./node_modules --exclude=./.git --exclude=./test-output -cf - . | tar -xf - -C "$copy"
python3 - "$copy/crates/engine/data/catalogue.json" <<'PY'
import json, re, sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
version = json.loads(text)["version"]
bumped = version[:-1] + str((int(version[-1]) + 1) % 10)
text, n = re.subn(r'("version"\s*:\s*")' + re.escape(version) + '"', lambda m: m.group(1) + bumped + '"', text, count=1)
assert n == 1, "no version in catalogue.json"
open(path, "w", encoding="utf-8").write(text)
print(f"release B: rules version {version} -> {bumped}")
PY
source scripts/env.sh
cd "$copy"
# The engine's build script binary bakes in its manifest dir: rebuild it for this copy (cheap).
CARGO_TARGET_DIR="$root/target/release-b" flock /tmp/kh-build.lock \
  cargo clean --offline --release -p keyholder-engine --target wasm32-unknown-unknown >/dev/null 2>&1 || true
CARGO_TARGET_DIR="$root/target/release-b" flock /tmp/kh-build.lock \
  cargo clean --offline --release -p keyholder-engine >/dev/null 2>&1 || true
CARGO_TARGET_DIR="$root/target/release-b" flock /tmp/kh-build.lock trunk build --release --dist "$out"
a=$(sed -n "s#.*\./r/\([0-9a-f]*\)/boot\.js.*#\1#p" "$root/dist/boot.js" 2>/dev/null || true)
b=$(sed -n "s#.*\./r/\([0-9a-f]*\)/boot\.js.*#\1#p" "$out/boot.js")
if [ "$a" = "$b" ]; then echo "release B ($b) is the same release as dist/: the version bump did not reach the build" >&2; exit 1; fi
echo "release B in $out"
