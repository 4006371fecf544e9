// Starts Keyholder: an external module, so a strict Content-Security-Policy (no 'unsafe-inline',
// Trusted Types) can run it. scripts/release_layout.py puts it in the release folder r/<hash>/
// beside the glue, wasm and stylesheets of its build; the root boot.js only imports it. In a script
// embed it tells the host element where the widget's files are (`data-keyholder-base`).
//
// index.html loads it with blocking="render": the first paint waits for this small file (fetched
// beside the stylesheets, which block it anyway) so the first screens drawn at build time are
// settled first. So the glue is imported after (index.html preloads it and the wasm).

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
for (const [name, rel] of [['keyholder-report.js', 'modulepreload'], ['keyholder-report_bg.wasm', 'preload'], ['report-prose.txt', 'preload']].slice(0, needs && needs + 1)) {
  const link = document.createElement('link');
  link.rel = rel;
  if (rel === 'preload') Object.assign(link, { as: 'fetch', crossOrigin: 'anonymous' });
  link.href = new URL(name, import.meta.url).href;
  document.head.append(link);
}
const started = import('./keyholder-app.js').then(({ default: init }) =>
  init({ module_or_path: new URL('./keyholder-app_bg.wasm', import.meta.url) }));
const FAILED = "Keyholder couldn't start. It needs JavaScript and WebAssembly turned on, and its files from this site: reload the page to try again.";
if (document.querySelector('[data-kh-first]')) firstScreens();
// A script embed's element (the first: the app mounts in that one, src/page.rs), until the app is
// in it (the shadow root it mounts in hides what is here): a note that it is loading rather than
// a blank box, and that it failed if it did — no app, or no shadow root to put it in. A host's
// own content in the element is left as it is.
const host = hosts[0];
if (host && host.childElementCount === 0 && host.textContent.trim() === '') {
  const note = document.createElement('p');
  note.setAttribute('role', 'status');
  note.textContent = 'Loading Keyholder…';
  host.append(note);
  started.then(() => { if (!host.shadowRoot) note.textContent = FAILED; }, () => { note.textContent = FAILED; });
}

/**
 * The first screens drawn into index.html at build time (crates/first-screen; styles/page.css
 * shows the landing, or the first question on its own address) are what the app draws first for
 * a first-time visitor with the default settings. Until the app replaces them:
 * - where the app would draw something else (another route, answers saved in this browser,
 *   settings the app reads in the address) only "Loading Keyholder…" shows (`data-kh-wait`):
 *   nothing misleads;
 * - a button pressed (it needs the app) is marked `data-kh-pressed` and a form isn't sent;
 * and when the app has drawn its first screen it calls `__keyholderTakeOver` (src/browser.rs).
 */
function firstScreens() {
  const root = document.documentElement;
  const drawn = [...document.querySelectorAll('[data-kh-first][id]')].map((e) => e.id);
  const saved = () => {
    try {
      return localStorage.getItem('keyholder.answers') !== null; // src/browser.rs STORAGE_KEY
    } catch {
      return true;
    }
  };
  // Drawn here: the landing, or a screen whose id is exactly the address ('%' would be decoded
  // for :target, and isn't for the app's routes).
  const elsewhere = (fragment) => fragment.includes('%')
    || (!drawn.includes(fragment) && /^(tasks|check|report|import)$|^share\/|^q\//.test(routeOf(fragment)));
  // A setting the app reads in the address (the drawn page is for none); any other parameter (a
  // campaign's utm_source…) is the host's and changes nothing the app draws.
  // (Without the list, any parameter counts.)
  const settings = document.querySelector('[data-kh-settings]')?.dataset.khSettings.split(' ');
  // (Every leading '?' goes, as the app's own reading drops them.)
  const configured = () => [...new URLSearchParams(location.search.replace(/^\?+/, '')).keys()]
    .some((name) => settings?.includes(name) ?? true);
  const settle = (event) => {
    if (!document.querySelector('[data-kh-first]')) return; // the app has taken over
    const now = location.hash.slice(1);
    if (configured() || elsewhere(now) || saved()) root.setAttribute('data-kh-wait', '');
    // A drawn screen reached by a link: its heading takes the focus, as the app's would.
    else if (event) document.querySelector(`[data-kh-first]${drawn.includes(now) ? `[id="${CSS.escape(now)}"]` : ':not([id])'} h1`)?.focus({ preventScroll: true });
  };
  settle();
  addEventListener('hashchange', settle);
  // No app, no page: a message says so instead of a page that looks usable and isn't.
  started.catch(() => {
    for (const el of document.querySelectorAll('[data-kh-first]')) el.remove();
    const note = document.querySelector('.kh-first-wait');
    if (note) note.textContent = FAILED;
    root.setAttribute('data-kh-wait', '');
  });
  const press = (button) => {
    if (!button?.closest('[data-kh-first]')) return;
    for (const el of document.querySelectorAll('[data-kh-pressed]')) el.removeAttribute('data-kh-pressed');
    button.setAttribute('data-kh-pressed', '');
  };
  document.addEventListener('click', (e) => {
    // The skip link moves the focus, as the app's does, without changing the address.
    const skip = e.target.closest?.('[data-kh-first] .kh-skip');
    if (skip) {
      e.preventDefault();
      skip.closest('[data-kh-first]').querySelector('main')?.focus();
    }
    press(e.target.closest?.('button'));
  }, true);
  // "Start now" is a link drawn as a button: Space follows it too, as the app's does.
  document.addEventListener('keydown', (e) => {
    if (e.key === ' ' && e.target.matches?.('[data-kh-first] a[role=button]')) {
      e.preventDefault();
      e.target.click();
    }
  }, true);
  document.addEventListener('submit', (e) => {
    if (!e.target.closest('[data-kh-first]')) return;
    e.preventDefault();
    press(e.submitter);
  }, true);

  // The app's first screen is the shown one's twin (same components, same settings, no answers):
  // an element's counterpart is the element at the same place in the tree. The app is shown
  // (src/browser.rs take_over) and the drawn screens go in one task, before the next paint; each
  // answer copied, then the button pressed, a task apart, so the app has drawn the page with the
  // answers before it hears the next.
  globalThis.__keyholderTakeOver = (app) => {
    const shown = root.hasAttribute('data-kh-wait') ? null
      : [...document.querySelectorAll('[data-kh-first]')].find((e) => e.offsetHeight > 0);
    const twin = (el) => {
      const path = [];
      for (let at = el; at !== shown; at = at.parentElement) path.unshift([...at.parentElement.children].indexOf(at));
      const there = path.reduce((at, i) => at?.children[i], app);
      return there?.tagName === el.tagName ? there : null;
    };
    const todo = [];
    let focus = null;
    if (shown) {
      for (const field of shown.querySelectorAll('input, select, textarea')) {
        const to = twin(field);
        if (to) todo.push(() => copy(field, to));
      }
      const pressed = shown.querySelector('[data-kh-pressed]');
      const button = pressed && twin(pressed);
      if (button) todo.push(() => button.click());
      // An open "How to find out" stays open (Yew doesn't manage `open`).
      for (const details of shown.querySelectorAll('details[open]')) {
        const to = twin(details);
        if (to) to.open = true;
      }
      if (shown.contains(document.activeElement)) focus = twin(document.activeElement);
    }
    for (const el of document.querySelectorAll('[data-kh-first], .kh-first-wait')) el.remove();
    root.removeAttribute('data-kh-wait');
    focus?.focus({ preventScroll: true });
    const next = () => todo.length && (todo.shift()(), setTimeout(next));
    next();
  };
}

/** Gives `to` the state `from` has, through the events a person's input would fire. */
function copy(from, to) {
  if (from.type === 'radio' || from.type === 'checkbox') {
    if (from.checked !== to.checked) to.click();
  } else if (from.value !== to.value) {
    to.value = from.value;
    to.dispatchEvent(new Event(from.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }));
  }
}
