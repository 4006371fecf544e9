#!/usr/bin/env python3
"""Moves a Trunk build into an immutable, content-addressed release folder (Trunk post_build hook).

Usage: release_layout.py [STAGING_DIR]      (default: $TRUNK_STAGING_DIR, as Trunk's hook sets it)

Why: with fixed file names a browser or CDN can pair last week's JS glue with this week's wasm after
an update, and the app dies. After this step a build looks like

    index.html            entry point (fixed name, revalidated on every load)
    boot.js               entry point for script embeds (fixed name): imports r/<hash>/boot.js
    keyholder-embed.js    iframe host script (fixed name)
    r/<hash>/             everything else: boot.js, keyholder-app.js, keyholder-app_bg.wasm,
                          the report module (keyholder-report.js, keyholder-report_bg.wasm),
                          main.css, page.css, keyholder-embed.js, report-prose.txt — never
                          changes, cached for a year

`<hash>` is a digest of the folder's contents, so a release folder's files never change and two
releases never share a folder. Each entry point names one whole folder, so the glue, the wasm and
the stylesheet it loads always come from the same build. Inside the folder the files keep the
names the source uses (`boot.js` imports `./keyholder-app.js`; the script embed's stylesheet is
`<data-keyholder-base>main.css`, and `data-keyholder-base` is the folder): nothing in `src/` or
`boot.js` needs to know the hash.

First it draws the app's first screens into index.html (scripts/first_screen.py), and puts what
their first paint needs inline in its <head> (the stylesheets and first-screens.js), so the paint
waits for no other file; the CSP allows them by their hashes (scripts/csp_hashes.py).

It also brings in the report's prose, `report-prose.txt` (see crates/engine/src/prose.rs): the
engine's build script writes it beside the wasm build's artefacts, and the app fetches it from its
release folder when a report is first shown. Of the files found there, the one whose digest this
wasm carries is taken, so a release never pairs the wasm with another build's prose.

Re-running this on an already laid-out folder fails rather than nesting releases.
"""
import glob
import hashlib
import os
import re
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import first_screen  # noqa: E402  (beside this file)

RELEASES = "r"
# Entry points stay at the root under fixed names: hosts and the iframe's src link to them.
ROOT_ONLY = {"index.html"}
# Fixed-name copies kept at the root as well as in the release folder (SRI snippets pin the copy
# in the release folder, whose content can never change under them).
ROOT_AND_RELEASE = {"keyholder-embed.js"}
ENTRY_MODULE = "boot.js"
# The first load's wasm and the report module's (the one that reads the prose).
WASMS = ["keyholder-app_bg.wasm", "keyholder-report_bg.wasm"]
# The first load's glue: the JS snippets it imports (wasm-bindgen's `snippets/…`) are asked for
# beside it (index.html's and the stub's preloads), not once it has arrived and been read.
FIRST_GLUE = "keyholder-app.js"
# The report module's glue: its snippets go with it in the stub's preloads for a share link.
REPORT_GLUE = "keyholder-report.js"
PROSE = "report-prose.txt"
# What the first paint needs, put inline in index.html's <head> so it needs no other file: the
# page's stylesheet and the app's (in this order), and the first screens' script (all three as
# Trunk minified them). Each stays in the release folder too (the script embed's shadow root
# links main.css; boot.js falls back to the files where a CSP without their hashes refused the
# inline copies).
INLINE_STYLES = ["page.css", "main.css"]
INLINE_SCRIPT = "first-screens.js"
# Scripts Trunk copies as they are: the entry module, and the script embed's drawn landing.
COPIED_SCRIPTS = [ENTRY_MODULE, "first-embed.js"]

STUB = """\
// Keyholder script-embed entry point (a fixed name: host pages link here). It only loads this
// release's own folder, whose files never change; see deploy/README.md.
import('./{rel}boot.js');
// Beside that folder's boot.js it asks at once for what boot.js will ask for first (a round trip
// sooner than once boot.js has arrived and run): what draws the landing or, where the address
// holds a share link, the report module (with the snippets it imports) and its prose, as boot.js
// decides (its `needs` and `embedFiles`); then the glue, the wasm and the snippets the glue
// imports. The same URLs and request modes as boot.js's own requests, so the browser uses these
// responses. In that order:
// on a host with six connections (HTTP/1.1), boot.js and the landing's files are not queued
// behind the 164 KB wasm, nor share the link with it (on the emulated phone the landing shows
// 0.2 s sooner this way than with all of them asked for together), and the wasm, which the app
// waits for longest, is not queued behind a snippet of 0.5 KB needed only once the glue is in.
const r = new URL('./{rel}', import.meta.url);
// (The landing's files only where boot.js will find an element to draw it in: with none there, as
// on a page that adds the element later, it mounts the app on the page and draws nothing.)
const files = location.hash.startsWith('#/share/')
  ? [['keyholder-report.js', 'modulepreload'], ['keyholder-report_bg.wasm', 'fetch'], ['report-prose.txt', 'fetch']{report_snippets}]
  : document.querySelector('[data-keyholder]:not(iframe)')
    ? [['first-embed.js', 'modulepreload'], ['first-screens.js', 'modulepreload'], ['first-embed.json', 'fetch'], ['main.css', 'style']]
    : [];
files.push(['keyholder-app.js', 'modulepreload'], ['keyholder-app_bg.wasm', 'fetch']{snippets});
for (const [name, as] of files) {{
  const link = document.createElement('link');
  link.rel = as === 'modulepreload' ? as : 'preload';
  if (as === 'style') link.as = as;
  else if (as === 'fetch') Object.assign(link, {{ as, crossOrigin: 'anonymous' }});
  link.href = new URL(name, r).href;
  document.head.append(link);
}}
"""


def without_comments(js: str) -> str:
    """`js` without its whole-line comments (`// …` lines and `/* … */` blocks that start a line)
    and without its lines' indentation.

    boot.js is copied as written (Trunk minifies only what it bundles), and its comments are most
    of its size: this keeps them in the source and out of the first load (first-screens.js, which
    Trunk minifies, goes through it too, for a debug build's sake). Only whole lines and leading
    blanks go, so no string or code can be cut (a `//` inside a line, as in a URL, stays); a
    template literal spanning lines would lose its blanks, so one fails the build (ValueError)."""
    out, in_block = [], False
    for line in js.splitlines():
        bare = line.strip()
        if in_block:
            in_block = "*/" not in bare
            continue
        if bare.startswith("/*"):
            in_block = "*/" not in bare
            continue
        if bare.startswith("//") or not bare:
            continue
        if line.count("`") % 2:
            raise ValueError(f"a template literal spans lines at: {bare}")
        out.append(line.lstrip())
    return "\n".join(out) + "\n"


def link_to(name: str) -> re.Pattern:
    """A `<link>` tag whose href is `name` (Trunk minifies index.html: quotes are optional)."""
    return re.compile(r"""<link\b[^>]*\shref=["']?(?:\./)?""" + re.escape(name) + r"""(?=["'\s>])[^>]*>""")


def inline_first_paint(stage: str) -> str | None:
    """Puts the stylesheets and first-screens.js inline in index.html; an error message if it can't."""
    html_path = os.path.join(stage, "index.html")
    html = open(html_path, encoding="utf-8").read()
    if "<style data-kh-first-paint>" in html:
        return None  # laid out again (tests/e2e/update.test.mjs): already inline
    css = []
    for name in INLINE_STYLES:
        links = link_to(name).findall(html)
        if len(links) != 1:
            return f"expected one <link> to {name} in index.html, found {len(links)}"
        css.append(open(os.path.join(stage, name), encoding="utf-8").read().strip())
        html = html.replace(links[0], "", 1)
    script_path = os.path.join(stage, INLINE_SCRIPT)
    if not os.path.isfile(script_path):
        return f"{INLINE_SCRIPT} missing from {stage}"
    # Trunk's tag for it (Trunk minified it): the inline copy replaces it.
    tags = re.findall(r"""<script\b[^>]*\ssrc=["']?(?:\./)?""" + re.escape(INLINE_SCRIPT) + r"""(?=["'\s>])[^>]*>\s*</script>""", html)
    if len(tags) != 1:
        return f"expected one <script> of {INLINE_SCRIPT} in index.html, found {len(tags)}"
    html = html.replace(tags[0], "", 1)
    try:
        script = without_comments(open(script_path, encoding="utf-8").read())
    except ValueError as e:
        return f"{INLINE_SCRIPT}: {e}"
    # The fallback copy is what boot.js imports: the same text.
    open(script_path, "w", encoding="utf-8").write(script)
    style = "\n".join(css)
    # Either closing tag inside would end the element early (neither file has a reason to hold one).
    if "</style" in style.lower() or "</script" in script.lower() or "<!--" in script:
        return "a stylesheet or first-screens.js holds a closing tag: it can't go inline"
    # Trunk leaves its `rel=rust` link in the page (scripts are not injected): nothing reads it.
    html = re.sub(r"""<link\b[^>]*\srel=["']?rust(?=["'\s>])[^>]*>""", "", html)
    # At the end of the <head>: the preloads (glue, wasm) and boot.js come first in the HTML, so
    # the browser asks for them before these ~6 KB gzip have arrived.
    if html.count("</head>") != 1:
        return "expected one </head> in index.html"
    html = html.replace("</head>", f"<script>{script}</script><style data-kh-first-paint>{style}</style></head>", 1)
    open(html_path, "w", encoding="utf-8").write(html)
    return None


def glue_snippets(stage: str, glue: str = FIRST_GLUE) -> list[str]:
    """The snippet files a wasm-bindgen glue imports (`./snippets/…`), in its order."""
    try:
        text = open(os.path.join(stage, glue), encoding="utf-8").read()
    except OSError:
        return []
    return list(dict.fromkeys(re.findall(r"""(?:from|import)\s*["'`]\./(snippets/[^"'`]+)["'`]""", text)))


def preload_snippets(stage: str, snippets: list[str]) -> str | None:
    """Names the glue's snippets in index.html's preloads, after the glue's own; an error message
    if index.html doesn't preload the glue."""
    html_path = os.path.join(stage, "index.html")
    html = open(html_path, encoding="utf-8").read()
    links = "".join(f"<link rel=modulepreload href=./{name}>" for name in snippets)
    if links in html:
        return None  # laid out again (tests/e2e/update.test.mjs): already named
    glue = [tag for tag in link_to(FIRST_GLUE).findall(html) if "modulepreload" in tag]
    if len(glue) != 1:
        return f"expected one modulepreload of {FIRST_GLUE} in index.html, found {len(glue)}"
    html = html.replace(glue[0], glue[0] + links, 1)
    open(html_path, "w", encoding="utf-8").write(html)
    return None


def digest(folder: str, names: list[str]) -> str:
    h = hashlib.sha256()
    for name in sorted(names):
        with open(os.path.join(folder, name), "rb") as f:
            h.update(name.encode() + b"\0" + hashlib.sha256(f.read()).digest())
    return h.hexdigest()[:16]


def files_under(folder: str) -> list[str]:
    out = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith("."):
                out.append(os.path.relpath(os.path.join(root, name), folder).replace(os.sep, "/"))
    return out


def prose_digest(path: str) -> str | None:
    """The digest in a prose file's header (`keyholder-prose 1 <digest> <count>`), if well formed."""
    try:
        with open(path, encoding="utf-8") as f:
            head = f.readline().split()
    except (OSError, ValueError):
        return None
    ok = len(head) == 4 and head[0] == "keyholder-prose" and re.fullmatch(r"[0-9a-f]{16}", head[2])
    return head[2] if ok else None


def bring_prose(stage: str) -> str | None:
    """Copies this build's report-prose.txt into the staging folder; an error message if none fits."""
    wasm = b""
    for name in WASMS:
        if os.path.isfile(os.path.join(stage, name)):
            with open(os.path.join(stage, name), "rb") as f:
                wasm += f.read() + b"\0"
    fits = lambda path: (d := prose_digest(path)) is not None and d.encode() in wasm
    staged = os.path.join(stage, PROSE)
    if os.path.isfile(staged):
        # Laying out a folder that already holds its prose (the tests re-run this step): it must
        # still be this wasm's.
        return None if fits(staged) else f"{PROSE} in {stage} belongs to another build"
    source = os.environ.get("TRUNK_SOURCE_DIR") or os.getcwd()
    target = os.path.abspath(os.environ.get("CARGO_TARGET_DIR") or os.path.join(source, "target"))
    # The profile folder's copy, then every build script's own OUT_DIR copy (never overwritten by
    # another checkout sharing the target folder).
    candidates = glob.glob(os.path.join(target, "wasm32-unknown-unknown", "*", PROSE))
    candidates += glob.glob(os.path.join(target, "wasm32-unknown-unknown", "*", "build", "keyholder-engine-*", "out", PROSE))
    for path in sorted(candidates, key=os.path.getmtime, reverse=True):
        if fits(path):
            shutil.copyfile(path, staged)
            return None
    return f"no {PROSE} for this wasm under {target}/wasm32-unknown-unknown/ (built by crates/engine/build.rs)"


def main() -> int:
    stage = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("TRUNK_STAGING_DIR")
    if not stage or not os.path.isfile(os.path.join(stage, "index.html")):
        print("release_layout: no index.html in the staging folder (run as Trunk's post_build hook)", file=sys.stderr)
        return 1
    if os.path.exists(os.path.join(stage, RELEASES)):
        print(f"release_layout: {stage} already has a {RELEASES}/ folder", file=sys.stderr)
        return 1
    if not os.path.isfile(os.path.join(stage, ENTRY_MODULE)):
        print(f"release_layout: {ENTRY_MODULE} missing from {stage}", file=sys.stderr)
        return 1

    # The first screens go into index.html before it is laid out (Trunk runs the hooks of one
    # stage at the same time, so this can't be a hook of its own).
    if first_screen.main([stage]) != 0:
        return 1
    problem = inline_first_paint(stage)
    snippets = glue_snippets(stage)
    report_snippets = glue_snippets(stage, REPORT_GLUE)
    if snippets and not problem:
        problem = preload_snippets(stage, snippets)
    if problem:
        print(f"release_layout: {problem}", file=sys.stderr)
        return 1

    if any(os.path.isfile(os.path.join(stage, name)) for name in WASMS):
        problem = bring_prose(stage)
        if problem:
            print(f"release_layout: {problem}", file=sys.stderr)
            return 1

    # Copied as written (Trunk minifies only what it bundles): their comments stay in the source.
    for name in COPIED_SCRIPTS:
        path = os.path.join(stage, name)
        if not os.path.isfile(path):
            continue
        with open(path, encoding="utf-8") as f:
            js = f.read()
        try:
            js = without_comments(js)
        except ValueError as e:
            print(f"release_layout: {name}: {e}", file=sys.stderr)
            return 1
        with open(path, "w", encoding="utf-8") as f:
            f.write(js)

    moved = [n for n in files_under(stage) if n not in ROOT_ONLY]
    release = digest(stage, moved)
    rel = f"{RELEASES}/{release}/"
    target = os.path.join(stage, RELEASES, release)
    for name in moved:
        dest = os.path.join(target, name)
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        if name in ROOT_AND_RELEASE:
            shutil.copyfile(os.path.join(stage, name), dest)
        else:
            os.replace(os.path.join(stage, name), dest)
    # Remove folders emptied by the move (e.g. wasm-bindgen's snippets/).
    for root, dirs, _files in os.walk(stage, topdown=False):
        for d in dirs:
            path = os.path.join(root, d)
            if not os.listdir(path):
                os.rmdir(path)

    # index.html names the release folder's files (Trunk minifies it, so quotes are optional; the
    # stylesheets are inline now, so only the module and the preloads are named).
    html_path = os.path.join(stage, "index.html")
    html = open(html_path, encoding="utf-8").read()
    for name in moved:
        if name in ROOT_AND_RELEASE:
            continue
        pattern = re.compile(r"""(\s(?:href|src)=)(["']?)(?:\./)?""" + re.escape(name) + r"""(?=["'\s>])""")
        html, n = pattern.subn(lambda m: f"{m.group(1)}{m.group(2)}./{rel}{name}", html)
        if name == ENTRY_MODULE:
            if n != 1:
                print(f"release_layout: expected index.html to refer to {name} once, found {n}", file=sys.stderr)
                return 1
    open(html_path, "w", encoding="utf-8").write(html)

    # The fixed-name module for script embeds: a small stub, so it stays tiny and the release
    # folder's boot.js (which finds its files next to itself) is the only loader there is; the stub
    # only asks for that folder's first files sooner.
    with open(os.path.join(stage, ENTRY_MODULE), "w", encoding="utf-8") as f:
        preloads = lambda names: "".join(f", ['{name}', 'modulepreload']" for name in names)
        f.write(without_comments(STUB.format(rel=rel, snippets=preloads(snippets), report_snippets=preloads(report_snippets))))
    print(f"release_layout: release {release} in {RELEASES}/{release}/ ({len(moved)} files)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
