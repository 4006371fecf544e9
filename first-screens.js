// The first screens' behaviour until the app takes over. scripts/release_layout.py puts this,
// without its comments, inline in index.html's <head>, allowed by its hash in the CSP's script-src
// (deploy/, tests/e2e/headers.mjs): it runs before the first paint with no request of its own,
// which boot.js (a file, fetched after the HTML) could only do by holding the paint back a round
// trip. Where a CSP without that hash refused it, boot.js imports the release folder's copy of
// this file instead; so it is written to run both as a classic script and as a module.
//
// The first screens drawn into index.html at build time (crates/first-screen; styles/page.css
// shows the landing, or the first question on its own address) are what the app draws first for
// a first-time visitor with the default settings. Until the app replaces them:
// - where the app would draw something else (another route, answers saved in this browser,
//   settings the app reads in the address) only "Loading Keyholder…" shows (`data-kh-wait`):
//   nothing misleads;
// - a button pressed (it needs the app) is marked `data-kh-pressed` and a form isn't sent;
// and when the app has drawn its first screen it calls `__keyholderTakeOver` (src/browser.rs).
// The drawn screens' routes and the settings the app reads are on the root element
// (`data-kh-drawn`, `data-kh-settings`, written by scripts/first_screen.py): this runs before the
// body is parsed.
(() => {
  const root = document.documentElement;
  if (!root.hasAttribute('data-kh-drawn') || globalThis.__keyholderTakeOver) return;
  const drawn = root.dataset.khDrawn.split(' ');
  const settings = root.dataset.khSettings?.split(' ');
  let over = false;
  // The app's route in the address, read as src/route.rs `Route::parse` reads it: leading slashes
  // dropped, the query apart. (boot.js reads it the same way.)
  const routeOf = (fragment) => fragment.replace(/^\/+/, '').split('?')[0];
  // Answers saved in this browser (the key is src/browser.rs STORAGE_KEY).
  const saved = () => {
    try {
      return localStorage.getItem('keyholder.answers') !== null;
    } catch {
      return true;
    }
  };
  // Drawn here: the landing, or a screen whose id is exactly the address ('%' would be decoded
  // for :target, and isn't for the app's routes).
  const elsewhere = (fragment) => fragment.includes('%')
    || (!drawn.includes(fragment) && /^(tasks|check|report|import)$|^share\/|^q\//.test(routeOf(fragment)));
  // A setting the app reads in the address (the drawn page is for none); any other parameter (a
  // campaign's utm_source…) is the host's and changes nothing the app draws. (Without the list,
  // any parameter counts; every leading '?' goes, as the app's own reading drops them.)
  const configured = () => [...new URLSearchParams(location.search.replace(/^\?+/, '')).keys()]
    .some((name) => settings?.includes(name) ?? true);
  const settle = (event) => {
    if (over) return;
    const now = location.hash.slice(1);
    // The drawn question's own address: it shows at once (styles/page.css), not once the parser
    // has reached it and made it the :target — until then the landing would show.
    root.toggleAttribute('data-kh-at', drawn.includes(now));
    if (configured() || elsewhere(now) || saved()) root.setAttribute('data-kh-wait', '');
    // A drawn screen reached by a link: its heading takes the focus, as the app's would.
    else if (event) document.querySelector(`[data-kh-first]${drawn.includes(now) ? `[id="${CSS.escape(now)}"]` : ':not([id])'} h1`)?.focus({ preventScroll: true });
  };
  settle();
  addEventListener('hashchange', settle);
  // Decided: the drawn screens may show (styles/page.css), the note instead where data-kh-wait says.
  root.setAttribute('data-kh-decided', '');
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

  /** Gives `to` the state `from` has, through the events a person's input would fire. */
  const copy = (from, to) => {
    if (from.type === 'radio' || from.type === 'checkbox') {
      if (from.checked !== to.checked) to.click();
    } else if (from.value !== to.value) {
      to.value = from.value;
      to.dispatchEvent(new Event(from.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }));
    }
  };

  // The app's first screen is the shown one's twin (same components, same settings, no answers):
  // an element's counterpart is the element at the same place in the tree below the app's root
  // and the drawn screen's (the one element in its `data-kh-first` wrapper). The app is shown
  // (src/browser.rs take_over) and the drawn screens go in one task, before the next paint; each
  // answer copied, then the button pressed, a task apart, so the app has drawn the page with the
  // answers before it hears the next.
  globalThis.__keyholderTakeOver = (app) => {
    over = true;
    const shown = root.hasAttribute('data-kh-wait') ? null
      : [...document.querySelectorAll('[data-kh-first]')].find((e) => e.offsetHeight > 0)?.firstElementChild;
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
    for (const name of ['data-kh-wait', 'data-kh-at', 'data-kh-decided']) root.removeAttribute(name);
    focus?.focus({ preventScroll: true });
    const next = () => todo.length && (todo.shift()(), setTimeout(next));
    next();
  };
})();
