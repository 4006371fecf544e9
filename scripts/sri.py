#!/usr/bin/env python3
"""Writes DIST/integrity.json (sha384 Subresource Integrity of every served file) and prints the
host snippets for this release, with `integrity` and `crossorigin`.

Usage: sri.py DIST [--base URL]     (URL: where the widget is served; default the docs' example)

The snippets pin the files in the release folder `r/<hash>/` (see scripts/release_layout.py), not
the fixed-name entry points: a pinned file never changes, so its integrity never goes stale, while
`boot.js` and `keyholder-embed.js` at the root change with every release and would be refused by
a host page still carrying last release's hash. A pinned host stays on its release until it
updates the snippet, so a deploy keeps old release folders (deploy/README.md).
"""
import argparse
import base64
import hashlib
import json
import os
import re
import sys

SKIP = {"integrity.json"}


def sri(path: str) -> str:
    with open(path, "rb") as f:
        return "sha384-" + base64.b64encode(hashlib.sha384(f.read()).digest()).decode()


def release_of(dist: str) -> str:
    stub = open(os.path.join(dist, "boot.js"), encoding="utf-8").read()
    found = re.findall(r"""import\s*\(?\s*['"]\./r/([0-9a-f]+)/boot\.js['"]""", stub)
    if len(found) != 1:
        raise SystemExit(f"sri: {dist}/boot.js does not name one release folder (was the post_build hook run?)")
    return found[0]


def snippets(base: str, release: str, files: dict) -> dict:
    embed = f"r/{release}/keyholder-embed.js"
    boot = f"r/{release}/boot.js"
    return {
        "iframe": f'<script src="{base}{embed}" integrity="{files[embed]}" crossorigin="anonymous" defer></script>',
        "script": f'<script type="module" src="{base}{boot}" integrity="{files[boot]}" crossorigin="anonymous"></script>',
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dist")
    parser.add_argument("--base", default="https://keyholder.contoso.example/")
    args = parser.parse_args()
    base = args.base if args.base.endswith("/") else args.base + "/"

    release = release_of(args.dist)
    files = {}
    for root, dirs, names in os.walk(args.dist):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        rel_root = os.path.relpath(root, args.dist)
        # Only this release's folder: a deploy folder may also hold older releases (kept for open
        # tabs and pinned hosts); their hashes were printed when they were built.
        if rel_root.replace(os.sep, "/").startswith("r/") and not rel_root.replace(os.sep, "/").startswith(f"r/{release}"):
            continue
        for name in sorted(names):
            rel = os.path.normpath(os.path.join(rel_root, name)).replace(os.sep, "/")
            if name.startswith(".") or rel in SKIP:
                continue
            files[rel] = sri(os.path.join(root, name))
    for need in (f"r/{release}/boot.js", f"r/{release}/keyholder-embed.js"):
        if need not in files:
            raise SystemExit(f"sri: {need} missing from {args.dist}")

    out = snippets(base, release, files)
    with open(os.path.join(args.dist, "integrity.json"), "w", encoding="utf-8") as f:
        json.dump({"release": release, "files": files, "snippets": snippets("", release, files)}, f, indent=2)
        f.write("\n")
    print(f"Keyholder release {release}: Subresource Integrity written to {args.dist}/integrity.json")
    print("Host snippets for this release (served from " + base + "):")
    print("  iframe embed:")
    print("    " + out["iframe"])
    print("  script embed:")
    print("    " + out["script"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
