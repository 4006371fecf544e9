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
(() => {
  const root = document.documentElement;
  if (!root.hasAttribute('data-kh-drawn') || globalThis.__keyholderTakeOver) return;
  const drawn = root.dataset.khDrawn.split(' ');
  let spec = null;
  try {
    spec = JSON.parse(root.dataset.khDress);
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
  const pairs = location.search.replace(/^\?+/, '').split('&').filter((p) => p)
    .map((p) => (p.includes('=') ? [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)] : [p, '']).map(decode));
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
   */
  const settings = (() => {
    const ours = pairs.filter(([name]) => !spec || own(spec.settings, name));
    if (!spec) return ours.length ? null : {};
    if (ours.some(([, value]) => /[\p{C}\p{Zl}\p{Zp}\uFFFD]/u.test(value))) return null;
    // Brand, theme and the rest count only in a frame that names a valid parent.
    const embedded = framed && ours.some(([name, value]) => name === 'parent' && origin(value.trim()));
    const read = {};
    for (const [name, value] of ours) {
      const [kind, limit, embedOnly, slot] = spec.settings[name];
      if (embedOnly && !embedded) continue;
      if (own(read, slot)) return null;
      const v = CHECKS[kind](value.trim(), limit);
      if (v === undefined) return null;
      read[slot] = v;
    }
    return read;
  })();
  // Where the app keeps the answers under these settings (src/browser.rs `keep`).
  const store = () => {
    const where = settings?.storage;
    return where === 'none' ? null : where === 'session' ? sessionStorage : localStorage;
  };

  // Answers saved in this browser, where the app keeps them (the key is src/browser.rs STORAGE_KEY).
  // Storage this page may not use (a frame whose browser blocks a third party's) has nothing the
  // app could read either: it starts afresh.
  const saved = () => {
    try {
      return store()?.getItem('keyholder.answers') != null;
    } catch {
      return false;
    }
  };
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
    if (!settings || elsewhere(now) || saved()) root.setAttribute('data-kh-wait', '');
    // A drawn screen reached by a link: its heading takes the focus, as the app's would.
    // (Its id ends in kh-heading: the level may be another, under a host's `heading` setting.)
    else if (event) document.querySelector(`[data-kh-first]${drawn.includes(now) ? `[id="${CSS.escape(now)}"]` : ':not([id])'} [id$="kh-heading"]`)?.focus({ preventScroll: true });
  };
  /**
   * A drawn screen as the app draws it under these settings (src/ui/frame.rs, the landing's
   * privacy notes, the headings' level: src/ui/mod.rs `h`). Only a screen parsed to its end: the
   * parser would add to an element changed under it.
   */
  const dress = (screen) => {
    const app = screen.firstElementChild;
    const s = settings;
    if (s.parent) app.classList.add('kh-embedded');
    if (s.heading > 1) app.classList.add(`kh-hl-${s.heading}`);
    for (const name of Object.keys(spec.settings)) {
      if (spec.settings[name][0].match(/^(colour|font|length)$/) && s[name]) app.style.setProperty(`--kh-${name}`, s[name]);
    }
    const make = (tag, props, ...children) => {
      const el = Object.assign(document.createElement(tag), props);
      el.append(...children);
      return el;
    };
    const brand = app.querySelector('.kh-brand');
    brand?.replaceChildren(...(s.logo ? [make('img', { className: 'kh-logo', src: s.logo, alt: '' })] : []),
      ...(s.brand ? [s.brand, make('span', { className: 'kh-brand-sub' }, ' · Keyholder')] : ['Keyholder']));
    const notes = spec.privacy[`${s.storage ?? 'local'}|${s.notify && s.parent ? 1 : 0}`]
      .map((note) => note.replaceAll(spec.mark, s.parent));
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
  // unseen until then; the observer's callback runs before the browser paints what was parsed.
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
        dress(screen);
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
    if (sizes) sizes.disconnect();
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
