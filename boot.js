// Starts Keyholder. An external module (not Trunk's inline snippet) so a strict
// Content-Security-Policy without 'unsafe-inline' or Trusted Types exceptions can run the app.
// The build (scripts/release_layout.py) puts this file in the release folder `r/<hash>/` next to
// the glue, the wasm and the stylesheets of the same build, so the relative names below always
// pair files of one release; the fixed-name `boot.js` at the root only imports this one.
// In a script embed it also tells the host element where the widget's files are
// (`data-keyholder-base`, the release folder), so the app loads `main.css` and the report's text
// from the same release.
//
// index.html loads it with blocking="render": the first paint waits for this small file (fetched
// beside the stylesheets, which block it anyway) so the first screens drawn at build time are
// settled before anything is painted. So it imports the app's glue only after that (index.html
// preloads the glue and the wasm, so they are on their way meanwhile).

const base = new URL('./', import.meta.url).href;
const hosts = document.querySelectorAll('[data-keyholder]:not(iframe)');
for (const el of hosts) {
  el.setAttribute('data-keyholder-base', base);
}
// On Keyholder's own page (and in an iframe) the app finds its release folder on the root element:
// it fetches the report's text (report-prose.txt) from there when a report is first shown.
if (hosts.length === 0) document.documentElement.setAttribute('data-keyholder-base', base);
firstScreens();
import('./keyholder-app.js').then(({ default: init }) =>
  init({ module_or_path: new URL('./keyholder-app_bg.wasm', import.meta.url) }));

/**
 * The first screens drawn into index.html at build time (crates/first-screen; styles/page.css
 * shows the landing, or the first question on its own address) are what the app draws first for
 * a first-time visitor with the default settings. Until the app replaces them:
 * - when the app would draw something else — another route, answers saved in this browser, a
 *   host's settings in the address (brand, parent, storage…) — only "Loading Keyholder…" shows
 *   (`data-kh-wait`), so nothing drawn for someone else can mislead;
 * - a button pressed (it needs the app) is marked `data-kh-pressed`, and a form isn't sent:
 *   the app presses it again when it takes over (src/first_screen.rs). Links work as they are.
 */
function firstScreens() {
  if (!document.querySelector('[data-kh-first]')) return;
  // Routes drawn: the landing ('' or '/') and each screen whose id is its route.
  const drawn = new Set(['', '/']);
  for (const el of document.querySelectorAll('[data-kh-first][id]')) drawn.add(el.id);
  const saved = () => {
    try {
      // src/browser.rs STORAGE_KEY.
      return localStorage.getItem('keyholder.answers') !== null;
    } catch {
      return true;
    }
  };
  const settle = () => {
    if (!document.querySelector('[data-kh-first]')) return; // the app has taken over
    const route = decodeURIComponent(location.hash.slice(1));
    // '#main' (the skip link) is a place on this page, not a route of the app.
    const elsewhere = (route === '' || route.startsWith('/')) && !drawn.has(route);
    if (location.search !== '' || elsewhere || saved()) {
      document.documentElement.setAttribute('data-kh-wait', '');
    }
  };
  settle();
  addEventListener('hashchange', settle);
  const press = (button) => button?.closest('[data-kh-first]') && button.setAttribute('data-kh-pressed', '');
  document.addEventListener('click', (e) => press(e.target.closest?.('button')), true);
  document.addEventListener('submit', (e) => {
    if (!e.target.closest('[data-kh-first]')) return;
    e.preventDefault();
    press(e.submitter ?? e.target.querySelector('button[type=submit]'));
  }, true);
}
