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
// - settings in the address (an iframe embed's brand, theme, call to action…) dress the drawn
//   screens as the app dresses its own (`dress`), before they are painted;
// - where the app would draw something else (another route, answers saved in this browser, a
//   setting this can't be sure the app reads as it does) only "Loading Keyholder…" shows
//   (`data-kh-wait`): nothing misleads;
// - a button pressed (it needs the app) is marked `data-kh-pressed` and a form isn't sent;
// and when the app has drawn its first screen it calls `__keyholderTakeOver` (src/browser.rs).
// The drawn screens' routes and the settings the app reads are on the root element
// (`data-kh-drawn`, `data-kh-dress`, written by scripts/first_screen.py): this runs before the
// body is parsed.
//
// A script embed has no index.html: there boot.js imports first-embed.js, which imports this file
// and draws the landing in the host element's shadow root with its reader, dressing and take-over
// (`__keyholderFirst`).
(() => {
  const root = document.documentElement;
  const page = root.hasAttribute('data-kh-drawn');
  if (globalThis.__keyholderTakeOver || globalThis.__keyholderFirst) return;
  let spec = null;
  try {
    spec = page ? JSON.parse(root.dataset.khDress) : null;
  } catch {
    // No table (a page laid out by an older build): every setting means the note.
  }
  let over = false;
  // The app's route in the address, read as src/route.rs `Route::parse` reads it: leading slashes
  // dropped, the query apart. (boot.js reads it the same way.)
  const routeOf = (fragment) => fragment.replace(/^\/+/, '').split('?')[0];

  // ---- The settings in the address, read as src/config.rs reads them (`from_query_in`). Every
  // check here accepts only what the app's accepts, never more: a value it can't be sure of gives
  // the note instead of a screen that might not be the app's (tests/e2e/embed.test.mjs
  // holds a table of both kinds and compares each drawn screen with the app's).
  /** `decode`: percent escapes as bytes, `+` a space, an invalid escape kept as typed. */
  const decode = (text) => {
    const bytes = new TextEncoder().encode(text);
    const out = [];
    const hex = (b) => (b === undefined ? -1 : '0123456789abcdef'.indexOf(String.fromCharCode(b).toLowerCase()));
    for (let i = 0; i < bytes.length;) {
      const [h, l] = [hex(bytes[i + 1]), hex(bytes[i + 2])];
      if (bytes[i] === 0x25 && h >= 0 && l >= 0) {
        out.push(h * 16 + l);
        i += 3;
      } else {
        out.push(bytes[i] === 0x2b ? 0x20 : bytes[i]);
        i += 1;
      }
    }
    // (A leading byte-order mark kept, as Rust's `from_utf8_lossy` keeps it: it is then refused.)
    return new TextDecoder('utf-8', { ignoreBOM: true }).decode(new Uint8Array(out));
  };
  /** `origin`: `http(s)://host[:port]` as a browser spells it, or null. (ASCII-only lower case, as Rust's.) */
  const origin = (raw) => {
    let v = raw.replace(/[A-Z]/g, (c) => c.toLowerCase());
    if (v.endsWith('/')) v = v.slice(0, -1);
    const at = v.indexOf('://');
    const scheme = at < 0 ? '' : v.slice(0, at);
    const byDefault = { https: ':443', http: ':80' }[scheme];
    if (!byDefault) return null;
    let rest = v.slice(at + 3);
    if (rest.endsWith(byDefault)) rest = rest.slice(0, -byDefault.length);
    const colon = rest.indexOf(':');
    const [host, port] = colon < 0 ? [rest, '0'] : [rest.slice(0, colon), rest.slice(colon + 1)];
    return /^[a-z0-9][a-z0-9.-]*$/.test(host) && /^[0-9]{1,5}$/.test(port) ? `${scheme}://${rest}` : null;
  };
  // `url_like` (nothing hidden, no white space) and `same_origin_path` (never another origin).
  const urlLike = (v) => v !== '' && !/\p{Zs}/u.test(v);
  const samePath = (v) => {
    try {
      return urlLike(v) && !v.includes(':') && !v.startsWith('//') && !v.includes('\\')
        && new URL(v, location.href).origin === location.origin;
    } catch {
      return false;
    }
  };
  /** A valid setting's value (trimmed), or undefined. */
  const CHECKS = {
    origin: (v) => origin(v) ?? undefined,
    notify: (v) => (v === 'verdicts' ? v : undefined),
    text: (v, limit) => ([...v].length >= 1 && [...v].length <= limit ? v : undefined),
    logo: (v) => (/^data:image\/[\x21-\x7e]*$/.test(v) && v.length <= 100000) || samePath(v) ? v : undefined,
    href: (v) => (/^(https:\/\/|mailto:)/.test(v) && urlLike(v)) || samePath(v) ? v : undefined,
    heading: (v) => (/^\+?0*[1-4]$/.test(v) ? Number(v) : undefined),
    storage: (v) => (['local', 'session', 'none'].includes(v) ? v : undefined),
    colour: (v) => (/^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(v) ? v : undefined),
    font: (v) => (/^[A-Za-z0-9 ,"'-]{1,120}$/.test(v) ? v : undefined),
    length: (v) => (/^[0-9]{1,2}(\.[0-9]{1,2})?(px|rem)$/.test(v) ? v : undefined),
  };
  const framed = window.top !== window;
  // (Not `Object.hasOwn`: Safari has it only from 15.4, and this must never stop on an older one.)
  const own = (object, key) => Object.prototype.hasOwnProperty.call(object, key);
  /**
   * The settings the app will draw the first screens with (`{}`: none of them), or null where
   * this can't be sure: a setting given twice, a value the checks here don't accept, a hidden
   * character or a line break anywhere (past which the two languages' trimming could differ).
   * `all`: every setting counts (a script embed's, `from_pairs`), not only a frame's.
   */
  const read = (spec, pairs, all) => {
    const ours = pairs.filter(([name]) => !spec || own(spec.settings, name));
    if (!spec) return ours.length ? null : {};
    if (ours.some(([, value]) => /[\p{C}\p{Zl}\p{Zp}\uFFFD]/u.test(value))) return null;
    // Brand, theme and the rest count only in a frame that names a valid parent.
    const embedded = all || (framed && ours.some(([name, value]) => name === 'parent' && origin(value.trim())));
    const out = {};
    for (const [name, value] of ours) {
      const [kind, limit, embedOnly, slot] = spec.settings[name];
      if (embedOnly && !embedded) continue;
      if (own(out, slot)) return null;
      const v = CHECKS[kind](value.trim(), limit);
      if (v === undefined) return null;
      out[slot] = v;
    }
    return out;
  };
  // Answers saved in this browser, where the app keeps them under these settings (src/browser.rs
  // `keep`; the key is its STORAGE_KEY). Storage this page may not use (a frame whose browser
  // blocks a third party's) has nothing the app could read either: it starts afresh.
  const saved = (settings) => {
    const where = settings?.storage;
    try {
      return (where === 'none' ? null : where === 'session' ? sessionStorage : localStorage)?.getItem('keyholder.answers') != null;
    } catch {
      return false;
    }
  };
  const make = (tag, props, ...children) => {
    const el = Object.assign(document.createElement(tag), props);
    el.append(...children);
    return el;
  };
  /**
   * A drawn screen's `.kh-app` as the app draws it under settings `s` (src/ui/frame.rs, the
   * landing's privacy notes, the headings' level: src/ui/mod.rs `h`), `named` in the privacy
   * notes where the table has its mark (the parent's origin, or a script embed's host page's).
   */
  const dress = (app, s, spec, named) => {
    if (s.parent) app.classList.add('kh-embedded');
    if (s.heading > 1) app.classList.add(`kh-hl-${s.heading}`);
    for (const name of Object.keys(spec.settings)) {
      if (spec.settings[name][0].match(/^(colour|font|length)$/) && s[name]) app.style.setProperty(`--kh-${name}`, s[name]);
    }
    const brand = app.querySelector('.kh-brand');
    brand?.replaceChildren(...(s.logo ? [make('img', { className: 'kh-logo', src: s.logo, alt: '' })] : []),
      ...(s.brand ? [s.brand, make('span', { className: 'kh-brand-sub' }, ' · Keyholder')] : ['Keyholder']));
    const notes = spec.privacy[`${s.storage ?? 'local'}|${s.notify && s.parent ? 1 : 0}`]
      .map((note) => note.replaceAll(spec.mark, named));
    const footer = app.querySelector('.kh-footer-inner');
    footer?.firstElementChild?.replaceChildren(notes.join(' '));
    if (footer && s.cta && s['cta-href']) {
      footer.append(make('p', { className: 'kh-cta' },
        make('a', { className: 'kh-button', href: s['cta-href'], target: '_top', rel: 'noopener' }, s.cta)));
    }
    const privacy = app.querySelector('.kh-privacy');
    if (privacy) {
      for (const p of privacy.querySelectorAll(':scope > p')) p.remove();
      privacy.append(...notes.map((note) => make('p', {}, note)));
    }
    const shift = (s.heading ?? 1) - 1;
    for (const h of shift ? app.querySelectorAll('h1, h2, h3, h4, h5, h6') : []) {
      const to = document.createElement(`h${Math.min(Number(h.tagName[1]) + shift, 6)}`);
      for (const { name, value } of h.attributes) to.setAttribute(name, value);
      to.append(...h.childNodes);
      h.replaceWith(to);
    }
  };

  /**
   * Until the app is there, in `scope` (the page, or a script embed's shadow root): a button
   * pressed (it needs the app) is marked `data-kh-pressed` and a form isn't sent. `inMemory`: the
   * app's links are followed in memory (a script embed must not change its host's address), so a
   * link to one of its routes is pressed too, and a note says the app is on its way.
   */
  const listen = (scope, inMemory) => {
    const press = (el) => {
      if (!el?.closest('[data-kh-first]')) return;
      for (const p of scope.querySelectorAll('[data-kh-pressed]')) p.removeAttribute('data-kh-pressed');
      el.setAttribute('data-kh-pressed', '');
    };
    scope.addEventListener('click', (e) => {
      // The skip link moves the focus, as the app's does, without changing the address.
      const skip = e.target.closest?.('[data-kh-first] .kh-skip');
      if (skip) {
        e.preventDefault();
        skip.closest('[data-kh-first]').querySelector('main')?.focus();
      }
      const link = inMemory && e.target.closest?.('[data-kh-first] a[href^="#/"]');
      if (link) {
        e.preventDefault();
        press(link);
        if (!scope.querySelector('.kh-first-note')) link.after(make('p', { className: 'kh-first-note', role: 'status' }, 'Loading Keyholder…'));
      }
      press(e.target.closest?.('button'));
    }, true);
    // "Start now" is a link drawn as a button: Space follows it too, as the app's does.
    scope.addEventListener('keydown', (e) => {
      if (e.key === ' ' && e.target.matches?.('[data-kh-first] a[role=button]')) {
        e.preventDefault();
        e.target.click();
      }
    }, true);
    scope.addEventListener('submit', (e) => {
      if (!e.target.closest('[data-kh-first]')) return;
      e.preventDefault();
      press(e.submitter);
    }, true);
  };

  /** Gives `to` the state `from` has, through the events a person's input would fire. */
  const copy = (from, to) => {
    if (from.type === 'radio' || from.type === 'checkbox') {
      if (from.checked !== to.checked) to.click();
    } else if (from.value !== to.value) {
      to.value = from.value;
      to.dispatchEvent(new Event(from.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }));
    }
  };

  /**
   * `__keyholderTakeOver` for `scope`, whose drawn screen on show `shown()` gives (its `.kh-app`,
   * or nothing). The app's first screen is its twin (same components, same settings, no
   * answers): an element's counterpart is the element at the same place in the tree below the
   * app's root and the drawn screen's. The app is shown (src/browser.rs take_over) and the drawn
   * screens go in one task, before the next paint; each answer copied, then the button pressed,
   * a task apart, so the app has drawn the page with the answers before it hears the next.
   */
  const takeOver = (scope, shown, gone) => (app) => {
    over = true;
    for (const note of scope.querySelectorAll('.kh-first-note')) note.remove();
    const from = shown();
    const twin = (el) => {
      const path = [];
      for (let at = el; at !== from; at = at.parentElement) path.unshift([...at.parentElement.children].indexOf(at));
      const there = path.reduce((at, i) => at?.children[i], app);
      return there?.tagName === el.tagName ? there : null;
    };
    const todo = [];
    let focus = null;
    if (from) {
      for (const field of from.querySelectorAll('input, select, textarea')) {
        const to = twin(field);
        if (to) todo.push(() => copy(field, to));
      }
      const pressed = from.querySelector('[data-kh-pressed]');
      const button = pressed && twin(pressed);
      if (button) todo.push(() => button.click());
      // An open "How to find out" stays open (Yew doesn't manage `open`).
      for (const details of from.querySelectorAll('details[open]')) {
        const to = twin(details);
        if (to) to.open = true;
      }
      if (from.contains(scope.activeElement)) focus = twin(scope.activeElement);
    }
    for (const el of scope.querySelectorAll(gone)) el.remove();
    focus?.focus({ preventScroll: true });
    const next = () => todo.length && (todo.shift()(), setTimeout(next));
    next();
  };

  if (!page) {
    // A script embed's host page: first-embed.js draws the landing there with these.
    globalThis.__keyholderFirst = { read, saved, dress, make, listen, takeOver, over: () => over, stop: () => { over = true; } };
    return;
  }

  // ---- Keyholder's own page, or an iframe: the screens are drawn in it.
  const drawn = root.dataset.khDrawn.split(' ');
  const pairs = location.search.replace(/^\?+/, '').split('&').filter((p) => p)
    .map((p) => (p.includes('=') ? [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)] : [p, '']).map(decode));
  const settings = read(spec, pairs, false);
  // Drawn here: the landing, or a screen whose id is exactly the address ('%' would be decoded
  // for :target, and isn't for the app's routes).
  const elsewhere = (fragment) => fragment.includes('%')
    || (!drawn.includes(fragment) && /^(tasks|check|report|import)$|^share\/|^q\//.test(routeOf(fragment)));
  const settle = (event) => {
    if (over) return;
    const now = location.hash.slice(1);
    // The drawn question's own address: it shows at once (styles/page.css), not once the parser
    // has reached it and made it the :target — until then the landing would show.
    root.toggleAttribute('data-kh-at', drawn.includes(now));
    if (!settings || elsewhere(now) || saved(settings)) root.setAttribute('data-kh-wait', '');
    // A drawn screen reached by a link: its heading takes the focus, as the app's would.
    // (Its id ends in kh-heading: the level may be another, under a host's `heading` setting.)
    else if (event) document.querySelector(`[data-kh-first]${drawn.includes(now) ? `[id="${CSS.escape(now)}"]` : ':not([id])'} [id$="kh-heading"]`)?.focus({ preventScroll: true });
  };
  // In an iframe with a parent to tell (src/embed.rs): the drawn screen's height, as the app
  // posts its own, so the host script sizes the iframe to it now, not once the app is there.
  const postHeight = () => {
    const height = Math.max(0, ...[...document.querySelectorAll('[data-kh-first] > .kh-app')]
      .map((app) => app.getBoundingClientRect().height));
    if (!over && height > 0) window.parent.postMessage({ keyholder: 1, type: 'height', height: Math.ceil(height) }, settings.parent);
  };
  const sizes = settings?.parent && framed && new ResizeObserver(postHeight);
  if (sizes) {
    addEventListener('message', (e) => {
      if (e.origin === settings.parent && e.data?.keyholder === 1 && e.data.type === 'request-height') postHeight();
    });
  }
  // Each drawn screen is dressed once the parser is past it (its next element is there), and kept
  // unseen until then (the parser would add to an element changed under it); the observer's
  // callback runs before the browser paints what was parsed.
  if (settings && Object.keys(settings).length) {
    const done = new Set();
    const each = () => {
      for (const screen of document.querySelectorAll('[data-kh-first]')) {
        if (done.has(screen)) continue;
        if (!screen.nextElementSibling && document.readyState === 'loading') {
          screen.style.visibility = 'hidden';
          continue;
        }
        done.add(screen);
        dress(screen.firstElementChild, settings, spec, settings.parent);
        screen.style.removeProperty('visibility');
        if (sizes) sizes.observe(screen.firstElementChild);
      }
    };
    // (Run from its file, where a CSP refused the inline copy, the page is parsed already.)
    if (document.readyState === 'loading') {
      const watch = new MutationObserver(each);
      watch.observe(root, { childList: true, subtree: true });
      document.addEventListener('DOMContentLoaded', () => {
        each();
        watch.disconnect();
      });
    } else {
      each();
    }
  }
  settle();
  addEventListener('hashchange', settle);
  // Decided: the drawn screens may show (styles/page.css), the note instead where data-kh-wait says.
  root.setAttribute('data-kh-decided', '');
  listen(document, false);
  const take = takeOver(document, () => (root.hasAttribute('data-kh-wait') ? null
    : [...document.querySelectorAll('[data-kh-first]')].find((e) => e.offsetHeight > 0)?.firstElementChild), '[data-kh-first], .kh-first-wait');
  globalThis.__keyholderTakeOver = (app) => {
    if (sizes) sizes.disconnect();
    // (After: which drawn screen shows, for `take` to find, depends on these.)
    take(app);
    for (const name of ['data-kh-wait', 'data-kh-at', 'data-kh-decided']) root.removeAttribute(name);
  };
})();
