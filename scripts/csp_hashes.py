#!/usr/bin/env python3
"""Brings the deploy configs' CSP up to date with a build's inline script and style.

Usage: csp_hashes.py DIST            (checks: fails, naming the files, if one is out of date)
       csp_hashes.py DIST --write    (rewrites them)

Why: index.html carries its first paint's stylesheets and script inline (scripts/release_layout.py),
so the page paints from the HTML alone. The strict CSP allows exactly those by their SHA-256
(`script-src 'self' 'wasm-unsafe-eval' 'sha256-…'`, `style-src 'self' 'sha256-…'`), so the
hashes change whenever styles/*.css or first-screens.js do, and the deploy configs, and the
README's copy of the policy, must carry the new ones. `tests/e2e/deploy.test.mjs` fails on a
stale one (its `inlineHashes` in tests/e2e/headers.mjs computes the same). A host still sending
an older policy gets a working page, only slower: boot.js loads the refused parts as files.
"""
import base64
import hashlib
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FILES = ["deploy/_headers", "deploy/nginx.conf", "deploy/staticwebapp.config.json", "README.md"]
SCRIPT = re.compile(r"<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)</script>", re.I)
STYLE = re.compile(r"<style\b[^>]*>([\s\S]*?)</style>", re.I)


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def directives(html: str) -> dict[str, str]:
    """The `script-src` and `style-src` directives that allow `html`'s inline script and style."""
    return {
        "script-src": " ".join(["script-src 'self' 'wasm-unsafe-eval'"] + [sha256(t) for t in SCRIPT.findall(html)]),
        "style-src": " ".join(["style-src 'self'"] + [sha256(t) for t in STYLE.findall(html)]),
    }


def updated(text: str, wanted: dict[str, str]) -> str:
    """`text` with both directives replaced in each line that holds the widget's own policy."""
    out = []
    for line in text.splitlines(keepends=True):
        if "Content-Security-Policy" in line and "default-src 'self'" in line:
            for name, value in wanted.items():
                line = re.sub(name + r""" [^;"]*""", value, line)
        out.append(line)
    return "".join(out)


def main(argv: list[str]) -> int:
    args = [a for a in argv if a != "--write"]
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        html = open(os.path.join(args[0], "index.html"), encoding="utf-8").read()
    except OSError as e:
        print(f"csp_hashes: {e}", file=sys.stderr)
        return 1
    wanted = directives(html)
    stale = []
    for name in FILES:
        path = os.path.join(ROOT, name)
        text = open(path, encoding="utf-8").read()
        new = updated(text, wanted)
        if new == text:
            continue
        stale.append(name)
        if "--write" in argv:
            open(path, "w", encoding="utf-8").write(new)
    if stale and "--write" not in argv:
        print(f"csp_hashes: out of date for this build: {', '.join(stale)} — run "
              f"python3 scripts/csp_hashes.py {args[0]} --write", file=sys.stderr)
        return 1
    print(f"csp_hashes: {'updated ' + ', '.join(stale) if stale else 'up to date'} ({wanted['script-src']}; {wanted['style-src']})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
