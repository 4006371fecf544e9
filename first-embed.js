// The script embed's first screen until the app is there (issue 15). A script embed has no
// index.html, so nothing is drawn in its HTML: boot.js imports this on the host page, and it
// builds the landing in the host element's shadow root from the release folder's
// first-embed.json (crates/first-screen, scripts/first_screen.py), dressed under the element's
// `data-` settings as the app dresses its own, with first-screens.js's reader, dressing and
// take-over. Apart from first-screens.js because that is inline in Keyholder's own page, whose
// visitors needn't load what only a host page runs.
import './first-screens.js';

/**
 * A script embed's landing, drawn in `host`'s shadow root once first-embed.json and the app's
 * stylesheet are in — unless the app would draw something else (a share link in the host's
 * address, answers saved, a setting this can't be sure of), or has come first, or couldn't
 * start (`started`). Until the stylesheet is in, a slot shows boot.js's note (main.css hides it).
 */
export function draw(host, started) {
  const { read, saved, dress, make, listen, takeOver, over, stop } = globalThis.__keyholderFirst ?? {};
  if (!read) return;
  started.catch(stop);
  const base = host.dataset.keyholderBase;
  fetch(new URL('first-embed.json', base)).then((r) => (r.ok ? r.json() : null)).then((first) => {
    // Read now, as close as can be to when the app reads them (src/page.rs).
    const pairs = host.getAttributeNames().filter((n) => n.startsWith('data-')).map((n) => [n.slice(5), host.getAttribute(n)]);
    const s = first && read(first.dress, pairs, true);
    if (over() || !s || host.shadowRoot || location.hash.includes('/share/') || saved(s)) return;
    // Nothing reaches a parent from a script embed (src/page.rs).
    delete s.parent;
    delete s.notify;
    const build = ([tag, attributes, ...children]) => {
      const el = document.createElement(tag);
      for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
      el.append(...children.map((c) => (typeof c === 'string' ? c : build(c))));
      return el;
    };
    const screen = build(first.screen);
    screen.hidden = true;
    dress(screen.firstElementChild, s, first.dress, location.origin);
    const link = make('link', { rel: 'stylesheet', href: new URL('main.css', base).href });
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.append(document.createElement('slot'), link, screen);
    link.addEventListener('load', () => {
      if (!over()) screen.hidden = false;
    });
    // (For boot.js, which shows the app unstyled if its stylesheet can't be had.)
    link.addEventListener('error', () => link.setAttribute('data-kh-failed', ''));
    listen(shadow, true);
    // A link pressed counts until the visitor moves on in the host page: the app would then
    // move the focus (and scroll the page) back to its next page, away from where they are.
    // (Focus in the shadow root is the host's, to the page.)
    document.addEventListener('focusin', (e) => {
      if (e.target === host) return;
      for (const el of shadow.querySelectorAll('[data-kh-pressed], .kh-first-note')) {
        if (el.matches('.kh-first-note')) el.remove();
        else el.removeAttribute('data-kh-pressed');
      }
    });
    // (Called again as the app's frame remounts: by then the drawn screen is gone.)
    // The slot stays: main.css hides it, and shows the app, once it is in (src/main.rs).
    globalThis.__keyholderTakeOver = takeOver(shadow, () => (screen.isConnected && !screen.hidden ? screen.firstElementChild : null), '[data-kh-first]');
  }).catch(() => {
    // No landing to draw (the file missing or not JSON): boot.js's note stays until the app.
  });
}
