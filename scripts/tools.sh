#!/usr/bin/env bash
# Installs what building and testing Keyholder needs, skipping whatever is already there.
# Offline-safe: only crates.io, npm, Debian and rustup's own target are used. Never let Trunk download.
#   scripts/tools.sh build   -> wasm target, Trunk, wasm-bindgen-cli, wasm-opt (npm binaryen)
#   scripts/tools.sh test    -> the above plus Debian chromium, poppler-utils, nginx and the npm test libraries
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.22.1
WASM_BINDGEN_VERSION=0.2.130   # must equal the =-pinned wasm-bindgen crate in Cargo.toml
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '==> %s\n' "$*"; }

need_apt=()
mode=${1:-build}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding rustup target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION"; then
  say "installing trunk $TRUNK_VERSION (13-20 minutes on 2 cores; once per machine)"
  # LTO off for the tool itself only: cuts the build by a third and the binary works the same.
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install --locked trunk --version "$TRUNK_VERSION" --ignore-rust-version
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # Not --locked: its lock file pins a webpki-roots version the registry mirror doesn't carry.
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/@axe-core/playwright ]; then
  say "installing npm packages (binaryen wasm-opt, playwright-core, axe-core)"
  npm ci --no-audit --no-fund
fi

if [ "$mode" = test ]; then
  command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
  command -v pdftotext >/dev/null 2>&1 || need_apt+=(poppler-utils)
  # nginx: the deploy test serves dist/ through deploy/nginx.conf (as its own child process).
  [ -x /usr/sbin/nginx ] || need_apt+=(nginx)
  if [ ${#need_apt[@]} -gt 0 ]; then
    say "installing Debian packages: ${need_apt[*]}"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
    $SUDO apt-get update -qq
    # Never start a system service while installing (nginx's package would start one on port 80):
    # policy-rc.d answering 101 tells invoke-rc.d "not allowed". Only added if the system has none.
    added_policy=""
    if [ ! -e /usr/sbin/policy-rc.d ]; then
      printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
      $SUDO chmod +x /usr/sbin/policy-rc.d
      added_policy=1
    fi
    status=0
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" || status=$?
    if [ -n "$added_policy" ]; then $SUDO rm -f /usr/sbin/policy-rc.d; fi
    [ "$status" -eq 0 ] || exit "$status"
  fi
fi
say "tools ready"
