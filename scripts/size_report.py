#!/usr/bin/env python3
"""Prints raw and gzip -9 sizes of every file in a build folder and fails over a gzip budget.

Usage: size_report.py DIST [--budget-kb N]
The gzip figure is what a CDN with compression serves, so the budget is on the gzip total.
"""
import argparse
import gzip
import os
import sys


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dist")
    parser.add_argument("--budget-kb", type=float, default=200.0)
    args = parser.parse_args()

    rows = []
    for root, _dirs, files in os.walk(args.dist):
        for name in files:
            if name.startswith("."):
                continue  # Trunk's lock file, not served content
            path = os.path.join(root, name)
            data = open(path, "rb").read()
            rows.append((os.path.relpath(path, args.dist), len(data), len(gzip.compress(data, 9, mtime=0))))
    if not rows:
        print(f"size report: {args.dist} is empty", file=sys.stderr)
        return 1
    rows.sort()
    width = max(len(r[0]) for r in rows)
    print(f"{'file':<{width}}  {'raw':>10}  {'gzip -9':>10}")
    for name, raw, gz in rows:
        print(f"{name:<{width}}  {raw:>10,}  {gz:>10,}")
    raw_total = sum(r[1] for r in rows)
    gz_total = sum(r[2] for r in rows)
    print(f"{'TOTAL':<{width}}  {raw_total:>10,}  {gz_total:>10,}  ({gz_total / 1024:.1f} KB gzip, budget {args.budget_kb:.0f} KB)")
    if gz_total > args.budget_kb * 1024:
        print(f"size report: FAIL — {gz_total / 1024:.1f} KB gzip exceeds the {args.budget_kb:.0f} KB budget", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
