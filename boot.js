// Starts Keyholder: an external module, so a strict Content-Security-Policy (no 'unsafe-inline',
// Trusted Types) can run it. scripts/release_layout.py puts it in the release folder r/<hash>/
// beside the glue, wasm and stylesheets of its build; the root boot.js imports it, asking for the
// files it asks for first beside it (a round trip sooner: their lists here and there agree). In a
// script embed it tells the host element where the widget's files are (`data-keyholder-base`).
//
// index.html loads it as a module (run once the HTML is parsed, not holding the first paint back):
// the first paint needs only the HTML, whose inline script and style (first-screens.js and the
// stylesheets) settle which drawn screen shows. index.html preloads the glue and wasm it imports.

const base = new URL('./', import.meta.url).href;
const hosts = document.querySelectorAll('[data-keyholder]:not(iframe)');
for (const el of hosts) el.setAttribute('data-keyholder-base', base);
// On Keyholder's own page (and in an iframe) the app finds its release folder on the root element.
if (hosts.length === 0) document.documentElement.setAttribute('data-keyholder-base', base);
// The app's route in the address, read as src/route.rs `Route::parse` reads it: leading slashes
// dropped, the query apart. Anything it doesn't name is the landing page.
const routeOf = (fragment) => fragment.replace(/^\/+/, '').split('?')[0];
const raw = location.hash.slice(1);
const path = routeOf(raw);
// A report or a share link needs the report module and its prose as well (an import page only
// the module): asked for now, beside the first load, rather than once the app has started and
// drawn that route. The same URLs and request modes as the app's own requests (js/report.js,
// browser::load_prose), so the browser uses these responses. (A script embed opens only a share
// link from its host's address.)
const needs = hosts.length ? (raw.startsWith('/share/') ? 2 : 0)
  : /^(report$|share\/)/.test(path) ? 2 : path === 'import' ? 1 : 0;
// A script embed's landing, drawn by first-embed.js from first-embed.json before the app is in.
const drawEmbed = hosts.length > 0 && needs === 0;
const preloads = [['keyholder-report.js', 'modulepreload'], ['keyholder-report_bg.wasm', 'preload'], ['report-prose.txt', 'preload']].slice(0, needs && needs + 1);
// (Its stylesheet too, asked for now rather than once the landing is built: a round trip sooner.)
// And a script embed's wasm, which has no index.html to preload it: asked for now rather than once
// the glue has loaded and asks (on the emulated phone, 0.6 s sooner).
// (The root boot.js, scripts/release_layout.py's STUB, asks for these first files too, before this
// has arrived: its lists must stay those of this file; tests/e2e/embed.test.mjs checks both.)
const embedFiles = drawEmbed ? [['first-screens.js', 'modulepreload'], ['first-embed.json', 'preload'], ['main.css', 'preload']] : [];
if (hosts.length) embedFiles.push(['keyholder-app_bg.wasm', 'preload']);
for (const [name, rel] of [...embedFiles, ...preloads]) {
  const link = document.createElement('link');
  link.rel = rel;
  if (name === 'main.css') link.as = 'style';
  else if (rel === 'preload') Object.assign(link, { as: 'fetch', crossOrigin: 'anonymous' });
  link.href = new URL(name, import.meta.url).href;
  document.head.append(link);
}
// Keyholder's own page (or the iframe), with the first screens drawn into it at build time.
const drawnPage = hosts.length === 0 && document.documentElement.hasAttribute('data-kh-drawn');
// Their script is inline in index.html; where a CSP without its hash refused it, its copy here
// runs instead, before the app starts: the app hands over to it (firstScreens below).
// (Without it nothing would remove the drawn screens, hidden, whose ids the app's repeat.)
const firstScript = drawnPage && !globalThis.__keyholderTakeOver
  ? import('./first-screens.js').catch(() => { for (const el of document.querySelectorAll('[data-kh-first]')) el.remove(); })
  : null;
const started = Promise.all([import('./keyholder-app.js'), firstScript]).then(([{ default: init }]) =>
  init({ module_or_path: new URL('./keyholder-app_bg.wasm', import.meta.url) }));
const FAILED = "Keyholder couldn't start. It needs JavaScript and WebAssembly turned on, and its files from this site: reload the page to try again.";
if (drawnPage) firstScreens();
// A script embed's element (the first: the app mounts in that one, src/page.rs), until the app is
// in it (the shadow root it mounts in hides what is here): a note that it is loading rather than
// a blank box, and that it failed if it did — no app, or no shadow root to put it in. A host's
// own content in the element is left as it is. Meanwhile first-embed.js may draw the landing in
// the shadow root (a slot there shows the note until main.css hides it); if the app fails, it goes.
const host = hosts[0];
if (host) {
  const empty = host.childElementCount === 0 && host.textContent.trim() === '';
  const note = document.createElement('p');
  note.setAttribute('role', 'status');
  note.textContent = 'Loading Keyholder…';
  if (empty) host.append(note);
  const failed = () => {
    note.textContent = FAILED;
    host.shadowRoot?.replaceChildren(document.createElement('slot'));
  };
  started.then(() => {
    const shadow = host.shadowRoot;
    const mount = shadow?.querySelector('[data-kh-mount]');
    if (!mount) return failed();
    // main.css shows the app (src/main.rs); where it can't be had (a 404, a host's CSP without
    // this origin in style-src) the app shows unstyled rather than never. (Its error comes in a
    // later task than this: the app made its link as it started; first-embed.js marks its own.)
    const link = shadow.querySelector('link[rel=stylesheet]');
    const unstyled = () => {
      mount.hidden = false;
      for (const slot of shadow.querySelectorAll('slot')) slot.remove();
    };
    if (link?.hasAttribute('data-kh-failed')) unstyled();
    else link?.addEventListener('error', unstyled);
  }, failed);
  if (drawEmbed) import('./first-embed.js').then((m) => m.draw(host, started), () => {});
}

/**
 * The first screens' script and style are inline in index.html (first-screens.js, the two
 * stylesheets), allowed by their hashes in the CSP, so the first paint needs no other file. Under
 * a CSP without those hashes (a deploy config not brought up to date) the browser refuses them:
 * then their copies in the release folder come instead — later, but never unstyled (the drawn
 * screens are `hidden` until the page's stylesheet shows them, after the app's) and never lying
 * (they show only once the script has decided what may). And if the app can't start, a message
 * says so instead of a page that looks usable and isn't.
 */
function firstScreens() {
  const root = document.documentElement;
  if (!document.querySelector('style[data-kh-first-paint]')?.sheet) {
    const link = (name, rel) => {
      const el = document.createElement('link');
      el.rel = rel;
      if (rel === 'preload') el.as = 'style';
      el.href = new URL(name, import.meta.url).href;
      document.head.append(el);
      return el;
    };
    // Both asked for at once; the page's applied once the app's is in.
    link('page.css', 'preload');
    const app = link('main.css', 'stylesheet');
    new Promise((done) => {
      app.addEventListener('load', done);
      app.addEventListener('error', done);
    }).then(() => link('page.css', 'stylesheet'));
  }
  started.catch(() => {
    for (const el of document.querySelectorAll('[data-kh-first]')) el.remove();
    const note = document.querySelector('.kh-first-wait');
    if (note) {
      note.textContent = FAILED;
      note.hidden = false;
    }
    root.setAttribute('data-kh-wait', '');
  });
}
