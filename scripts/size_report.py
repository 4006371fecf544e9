#!/usr/bin/env python3
"""Prints raw and gzip -9 sizes of every file in a build folder and fails over a gzip budget.

Usage: size_report.py DIST [--budget-kb N] [--later-budget-kb M]
The gzip figure is what a CDN with compression serves, so the budgets are on gzip totals: N for
the first load (everything a visitor's browser fetches to start the app: Keyholder's page, and
the script embed, which loads main.css where the page has it inline), M for what the app
fetches only when first needed (the report's prose, report-prose.txt).
Files live in a release folder r/<hash>/ (scripts/release_layout.py): only the release the root
`boot.js` names is counted, so a deploy folder that keeps older releases reports this one alone.
`integrity.json` (build metadata, never loaded by the app) is left out, and a file identical to
one already counted (the pinned copy of keyholder-embed.js in the release folder) counts once: a
page loads one or the other.
"""
import argparse
import gzip
import hashlib
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
# The glues' names and the snippets each imports, as the release layout reads them.
from release_layout import FIRST_GLUE, REPORT_GLUE, glue_snippets  # noqa: E402  (beside this file)

SKIP = {"integrity.json"}
# Fetched by the app when a report is first shown, not to start it: the report module
# (src/bin/keyholder-report.rs) and the report's prose (crates/engine/src/prose.rs). The JS
# snippets the report module's glue imports (and the first load's doesn't) go with it.
LATER = {"report-prose.txt", "keyholder-report.js", "keyholder-report_bg.wasm"}
# Inline in index.html (scripts/release_layout.py): Keyholder's page gets them with its HTML. Their
# files serve the script embed, whose shadow root links main.css (and which has no index.html),
# and boot.js's fallback under a CSP without their hashes. So the page's first load counts
# index.html and not these, and the script embed's counts main.css and not index.html.
INLINE = {"page.css", "main.css", "first-screens.js"}
# The script embed loads these as files: its stylesheet, and first-screens.js, with which
# first-embed.js draws its landing from first-embed.json (those two only the script embed loads).
EMBED_LINKS = {"main.css", "first-screens.js"}
EMBED_ONLY = {"first-embed.js", "first-embed.json"}
# The root's boot.js is the script embed's entry point (a stub that loads the release's boot.js):
# Keyholder's own page loads the release's boot.js straight from index.html, never the stub.
EMBED_ENTRY = "boot.js"
PAGE = "index.html"


def current_release(dist: str):
    try:
        stub = open(os.path.join(dist, "boot.js"), encoding="utf-8").read()
    except OSError:
        return None
    found = re.findall(r"\./r/([0-9a-f]+)/boot\.js", stub)
    return found[0] if len(found) == 1 else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dist")
    parser.add_argument("--budget-kb", type=float, default=200.0)
    parser.add_argument("--later-budget-kb", type=float, default=32.0)
    args = parser.parse_args()

    release = current_release(args.dist)
    rows = []
    for root, _dirs, files in os.walk(args.dist):
        rel_root = os.path.relpath(root, args.dist).replace(os.sep, "/")
        if release and (rel_root == "r" or rel_root.startswith("r/")) and not (
                rel_root == f"r/{release}" or rel_root.startswith(f"r/{release}/")):
            continue  # an older release kept for open tabs: not part of this build
        for name in files:
            if name.startswith(".") or (rel_root == "." and name in SKIP):
                continue  # Trunk's lock file and build metadata, not loaded by the app
            path = os.path.join(root, name)
            data = open(path, "rb").read()
            rows.append((os.path.relpath(path, args.dist).replace(os.sep, "/"), len(data),
                         len(gzip.compress(data, 9, mtime=0)), hashlib.sha256(data).digest()))
    if not rows:
        print(f"size report: {args.dist} is empty", file=sys.stderr)
        return 1
    rows.sort()
    width = max(len(r[0]) for r in rows)
    print(f"{'file':<{width}}  {'raw':>10}  {'gzip -9':>10}")
    # Snippets only the report module imports load with it.
    folder = os.path.join(args.dist, "r", release) if release else args.dist
    report_only = set(glue_snippets(folder, REPORT_GLUE)) - set(glue_snippets(folder, FIRST_GLUE))
    prefix = f"r/{release}/" if release else ""
    seen = {}
    raw_total = gz_total = later_raw = later_gz = 0
    page = embed = (0, 0)  # what only the page, or only the script embed, loads first: raw, gzip
    for name, raw, gz, digest in rows:
        base = name.removeprefix(prefix)
        later = name.rsplit("/", 1)[-1] in LATER or base in report_only
        inline = base in INLINE and name != base
        note = f"  (copy of {seen[digest]}, counted once)" if digest in seen else ""
        note = note or ("  (loaded when first needed)" if later else "")
        note = note or ("  (inline in index.html; the script embed's file)" if inline and base in EMBED_LINKS else "")
        # (Without a release folder the root's boot.js is the page's own loader.)
        embed_only = base in EMBED_ONLY or (release is not None and name == EMBED_ENTRY)
        note = note or ("  (the script embed's only)" if embed_only else "")
        note = note or ("  (inline in index.html; a fallback)" if inline else "")
        print(f"{name:<{width}}  {raw:>10,}  {gz:>10,}{note}")
        if digest in seen:
            continue
        seen[digest] = name
        if later:
            later_raw += raw
            later_gz += gz
        elif name == PAGE:
            page = (raw, gz)
        elif inline or embed_only:
            if base in EMBED_LINKS or embed_only:
                embed = (embed[0] + raw, embed[1] + gz)
        else:
            raw_total += raw
            gz_total += gz
    embed_raw, embed_gz = raw_total + embed[0], gz_total + embed[1]
    raw_total, gz_total = raw_total + page[0], gz_total + page[1]
    print(f"{'LATER':<{width}}  {later_raw:>10,}  {later_gz:>10,}  ({later_gz / 1024:.1f} KB gzip when first needed, budget {args.later_budget_kb:.0f} KB)")
    print(f"{'EMBED':<{width}}  {embed_raw:>10,}  {embed_gz:>10,}  ({embed_gz / 1024:.1f} KB gzip first load of the script embed, budget {args.budget_kb:.0f} KB)")
    print(f"{'TOTAL':<{width}}  {raw_total:>10,}  {gz_total:>10,}  ({gz_total / 1024:.1f} KB gzip first load, budget {args.budget_kb:.0f} KB)")
    failed = 0
    for what, total in (("first load", gz_total), ("the script embed's first load", embed_gz)):
        if total > args.budget_kb * 1024:
            print(f"size report: FAIL — {what} {total / 1024:.1f} KB gzip exceeds the {args.budget_kb:.0f} KB budget", file=sys.stderr)
            failed = 1
    if later_gz > args.later_budget_kb * 1024:
        print(f"size report: FAIL — {later_gz / 1024:.1f} KB gzip loaded later exceeds the {args.later_budget_kb:.0f} KB budget", file=sys.stderr)
        failed = 1
    return failed


if __name__ == "__main__":
    sys.exit(main())
