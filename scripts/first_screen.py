#!/usr/bin/env python3
"""Draws the app's first screens into index.html (run by release_layout.py, Trunk's post_build hook).

Usage: first_screen.py [STAGING_DIR]      (default: $TRUNK_STAGING_DIR, as Trunk's hook sets it)

Why: without it a visitor sees a blank page until the wasm has arrived and compiled (over two
seconds on a phone). `crates/first-screen` renders the landing page and the first question with
the app's own components (Yew SSR, natively) and prints them; this puts them at the start of the
`<body>`, so the browser paints them from the HTML alone. The app replaces them when it starts.
Which one shows is the stylesheet's business (styles/page.css) and first-screens.js's (see both),
which reads the root element's attributes this writes (`data-kh-drawn`, `data-kh-dress`).

A script embed has no index.html of its own: its landing and dressing go to `first-embed.json`
beside it (the landing as a tree of `[tag, {attributes}, ...children]`, text as strings), from
which first-embed.js builds it in the host's shadow root with DOM calls, never by parsing HTML
(which a host page's Trusted Types would refuse).
"""
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser

MARK = '<div data-kh-first="landing"'
EMBED_MARK = "\n--kh-script-embed--\n"
EMBED_FILE = "first-embed.json"
VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class Tree(HTMLParser):
    """HTML (as Yew's SSR writes it: every element closed) to `[tag, {attributes}, ...children]`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.top: list = ["", {}]
        self.open: list = [self.top]

    def handle_starttag(self, tag, attrs):
        if tag in ("svg", "math"):
            # first-embed.js builds elements in the HTML namespace, and this parser lower-cases
            # attribute names (`viewBox`): neither would draw right.
            raise ValueError(f"<{tag}> can't be drawn from the tree")
        element = [tag, {name: value or "" for name, value in attrs}]
        self.open[-1].append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if len(self.open) < 2 or self.open[-1][0] != tag:
            raise ValueError(f"</{tag}> closes <{self.open[-1][0]}>")
        self.open.pop()

    def handle_data(self, data):
        self.open[-1].append(data)


def tree(html: str) -> list:
    """The one element `html` is, as a tree (ValueError if it isn't one well-formed element)."""
    parser = Tree()
    parser.feed(html)
    parser.close()
    if len(parser.open) != 1 or len(parser.top) != 3 or not isinstance(parser.top[2], list):
        raise ValueError("not one element")
    return parser.top[2]
ROOT = re.compile(r"(<html\b[^>]*)>")


def main(argv: list[str]) -> int:
    stage = argv[0] if argv else os.environ.get("TRUNK_STAGING_DIR")
    path = os.path.join(stage or "", "index.html")
    if not stage or not os.path.isfile(path):
        print("first_screen: no index.html in the staging folder (run as Trunk's post_build hook)", file=sys.stderr)
        return 1
    html = open(path, encoding="utf-8").read()
    if MARK in html:
        # Laid out again (tests/e2e/update.test.mjs re-runs the layout on a built index.html).
        print(f"first_screen: {path} already has its first screens")
        return 0
    source = os.environ.get("TRUNK_SOURCE_DIR") or os.getcwd()
    # A native build: whatever target Trunk's own cargo run had is not this one's.
    env = {k: v for k, v in os.environ.items() if k != "CARGO_BUILD_TARGET"}
    drawn = subprocess.run(
        ["cargo", "run", "--quiet", "--locked", "-p", "keyholder-first-screen"],
        cwd=source, env=env, capture_output=True, encoding="utf-8",
    )
    if drawn.returncode != 0 or MARK not in drawn.stdout:
        print(f"first_screen: keyholder-first-screen failed:\n{drawn.stderr}", file=sys.stderr)
        return 1
    page, _, embed = drawn.stdout.partition(EMBED_MARK)
    dressing, _, landing = embed.partition("\n")
    try:
        first_embed = {"dress": json.loads(dressing), "screen": tree(landing.strip())}
    except ValueError as e:
        print(f"first_screen: the script embed's part of keyholder-first-screen's output: {e}", file=sys.stderr)
        return 1
    # Its first line: the root element's attributes (first-screens.js reads them before the body).
    attributes, _, body = page.partition("\n")
    if not attributes.startswith("data-kh-drawn=") or html.count("<body>") != 1 or len(ROOT.findall(html)) != 1:
        print(f"first_screen: expected one <html> and one <body> in {path}, and the root's attributes first", file=sys.stderr)
        return 1
    html = ROOT.sub(lambda m: f"{m.group(1)} {attributes.strip()}>", html, count=1)
    html = html.replace("<body>", "<body>" + body.strip(), 1)
    open(path, "w", encoding="utf-8").write(html)
    with open(os.path.join(stage, EMBED_FILE), "w", encoding="utf-8") as out:
        json.dump(first_embed, out, ensure_ascii=False, separators=(",", ":"))
    print(f"first_screen: {len(drawn.stdout.encode())} bytes of first screens in index.html")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
