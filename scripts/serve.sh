#!/usr/bin/env bash
# `make serve`: install what is missing, build the release app and serve it on http://127.0.0.1:8080
# with the same strict Content-Security-Policy the tests use (what a user would deploy).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/tools.sh build
source scripts/env.sh
trunk build --release
python3 scripts/sri.py dist --base "http://127.0.0.1:${PORT:-8080}/"
echo "==> Keyholder is at http://127.0.0.1:${PORT:-8080}/  (Ctrl+C to stop)"
exec node tests/e2e/server.mjs dist "${PORT:-8080}"
