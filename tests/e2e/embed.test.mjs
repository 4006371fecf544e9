// Embedding, on two origins with strict CSPs on both sides: the widget (dist/ on 127.0.0.1) in the
// sample consultancy page (examples/embed/ on localhost). The iframe follows its content's height;
// height messages reach only the configured origin; foreign messages are ignored; the opt-in
// verdicts carry figures, never answers (and the user is told); the host script ignores iframes
// and messages from any origin but its own; the script embed mounts in a shadow root that the
// host's CSS can't break and whose CSS doesn't leak, opens share links, and keeps answers where
// `data-storage` says; brand and theme reach the framed app and the PDF. No fixed sleeps: every
// "nothing happened" is checked after a later message that proves it would have.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { test, focusOn, launch, guard, assertClean, assertAccessible, screenshot, hold, holdWasm, repoRoot, outputDir } from './harness.mjs';
import { serveEmbed } from './embed-servers.mjs';

let browser;
let embed;
before(async () => { browser = await launch(); embed = await serveEmbed(); });
after(async () => { await embed?.close(); await browser?.close(); });

/**
 * The host page, guarded (every origin of the test allowed), recording what the host window
 * receives, as a first-time visitor (the host's storage is cleared before its scripts run).
 * `attributes` are set on the script embed's div as the parser inserts it (before any script of
 * the page runs, so before the app reads them). `refused` resolves with the first delivery Chromium
 * refuses because the target origin isn't this page's (or an Error if none came).
 */
async function hostPage(file, origin = embed.hostOrigin, attributes = null, prepare = async () => {}) {
  const page = await browser.context.newPage();
  await prepare(page);
  const problems = await guard(page, [embed.hostOrigin, embed.thirdOrigin, embed.widgetOrigin, embed.forgerOrigin]);
  if (attributes) {
    await page.addInitScript((set) => {
      if (window.top !== window) return;
      new MutationObserver((_, observer) => {
        const el = document.querySelector('#keyholder-inline');
        if (!el) return;
        for (const [name, value] of Object.entries(set)) el.setAttribute(name, value);
        observer.disconnect();
      }).observe(document, { childList: true, subtree: true });
    }, attributes);
  }
  const refused = page.waitForEvent('console', {
    predicate: (m) => /does not match the recipient window's origin/.test(m.text()),
    timeout: 20000,
  }).catch((e) => e);
  await page.addInitScript(() => {
    if (window.top !== window) return;
    localStorage.clear();
    sessionStorage.clear();
    window.__khMessages = [];
    window.__khVerdicts = [];
    addEventListener('message', (e) => {
      if (e.data && e.data.keyholder === 1) window.__khMessages.push({ origin: e.origin, keys: Object.keys(e.data), ...e.data });
    });
    addEventListener('keyholder:verdicts', (e) => window.__khVerdicts.push(e.detail));
  });
  await page.goto(`${origin}/${file}`);
  return { page, problems, refused };
}

const widgetFrame = (page) => page.frames().find((f) => f.url().startsWith(embed.widget.url));
const frameHeight = (page) => page.locator('#keyholder-frame').evaluate((f) => f.getBoundingClientRect().height);
const contentHeight = async (page) => (await widgetFrame(page)).evaluate(() => Math.ceil(document.querySelector('.kh-app').getBoundingClientRect().height));

/** Waits until the iframe is as tall as its content (which may still be settling), and returns that. */
async function heightFits(page) {
  for (let i = 0; i < 10; i++) {
    const inner = await contentHeight(page);
    const fitted = await page.waitForFunction(
      (h) => Math.abs(document.querySelector('#keyholder-frame').getBoundingClientRect().height - h) <= 1,
      inner, { timeout: 2000 }).then(() => true, () => false);
    if (fitted && (await contentHeight(page)) === inner) return inner;
  }
  assert.fail(`iframe ${await frameHeight(page)}px never fitted its content ${await contentHeight(page)}px`);
}


/** A share-link payload, made the way the app makes one (raw DEFLATE of the JSON without nulls). */
function payload(answers) {
  const json = JSON.stringify(answers, (_, v) => (v === null ? undefined : v));
  return '1' + deflateRawSync(Buffer.from(json)).toString('base64url');
}
const mixed = JSON.parse(readFileSync(join(repoRoot, 'examples', 'mixed-estate.json'), 'utf8'));

test('the iframe follows its content height as steps change, and the page is axe-clean', async () => {
  const { page, problems } = await hostPage('iframe.html');
  const frame = page.frameLocator('#keyholder-frame');
  await frame.getByRole('heading', { level: 1, name: /Who holds the keys/ }).waitFor();
  const landing = await heightFits(page);
  assert.ok(landing > 600, `landing is taller than the default 150px (${landing})`);
  await frame.getByRole('button', { name: 'Start now' }).click();
  await frame.getByText(/page 1 of/).waitFor();
  const question = await heightFits(page);
  assert.notEqual(question, landing, 'the height changed with the step');
  await frame.getByRole('link', { name: 'Back' }).click();
  await frame.getByRole('button', { name: 'Start now' }).waitFor();
  assert.equal(await heightFits(page), landing);
  // Every height message came from the widget's origin.
  const messages = await page.evaluate(() => window.__khMessages);
  assert.ok(messages.length >= 2 && messages.every((m) => m.origin === embed.widgetOrigin), JSON.stringify(messages.slice(0, 2)));
  await assertAccessible(page, 'host page with the iframe');
  await screenshot(page, 'embed-host');
  await assertClean(page, problems);
  await page.close();
});

test('height messages go only to the configured origin, and foreign messages are ignored', async () => {
  const { page, problems } = await hostPage('iframe.html');
  await page.frameLocator('#keyholder-frame').getByRole('heading', { level: 1 }).waitFor();
  await heightFits(page);
  const count = () => page.evaluate(() => window.__khMessages.filter((m) => m.type === 'height').length);
  const before = await count();
  // A message from another origin (the widget's own window, not the configured parent), then a
  // marker the widget echoes to this page. Messages between two windows arrive in order, so once
  // the echo is here, any answer to the foreign request would have arrived before it.
  await (await widgetFrame(page)).evaluate(() => {
    addEventListener('message', (e) => {
      if (e.data?.khMarker) parent.postMessage({ keyholder: 1, type: 'marker' }, '*');
    });
    window.postMessage({ keyholder: 1, type: 'request-height' }, '*');
    window.postMessage({ khMarker: 1 }, '*');
  });
  await page.waitForFunction(() => window.__khMessages.some((m) => m.type === 'marker'));
  assert.equal(await count(), before, 'a request from a foreign origin got no answer');
  // The configured parent asks: answered.
  await page.evaluate((o) => document.querySelector('#keyholder-frame').contentWindow.postMessage({ keyholder: 1, type: 'request-height' }, o), embed.widgetOrigin);
  await page.waitForFunction((n) => window.__khMessages.filter((m) => m.type === 'height').length > n, before);
  await assertClean(page, problems);
  await page.close();

  // The same page on another origin: the widget still posts only to the configured origin, so
  // this page hears nothing and its iframe keeps the default height.
  const other = await hostPage('iframe.html', embed.thirdOrigin);
  await other.page.frameLocator('#keyholder-frame').getByRole('heading', { level: 1 }).waitFor();
  // The widget has posted its height (to the configured origin) and Chromium refused to deliver it here.
  assert.ok(!(await other.refused instanceof Error), 'a height post was refused');
  assert.deepEqual(await other.page.evaluate(() => window.__khMessages), []);
  assert.equal(await frameHeight(other.page), 150);
  // Chromium reports each refused delivery on the console: that is the browser enforcing it.
  const rest = other.problems.filter((p) => !/target origin provided .* does not match the recipient window's origin/.test(p));
  assert.deepEqual(rest, []);
  await other.page.close();
});

test('the script embed mounts in its shadow root: host CSS stays out, app CSS stays in, the host address is untouched', async () => {
  const { page, problems } = await hostPage('script.html');
  const host = page.locator('#keyholder-inline');
  // The app's (its drawn landing may show first, and both are in the shadow root for a moment,
  // the app's hidden: src/main.rs).
  const title = host.locator('.kh-app[data-ready] h3#kh-heading');
  await title.waitFor();
  assert.match(await title.innerText(), /Who holds the keys/);
  assert.ok(await page.evaluate(() => !!document.querySelector('#keyholder-inline').shadowRoot), 'open shadow root');
  // Brand and theme from data attributes.
  assert.match(await host.locator('.kh-brand').innerText(), /Contoso Advisory/);
  assert.equal(await host.locator('.kh-header').evaluate((e) => getComputedStyle(e).backgroundColor), 'rgb(122, 31, 92)');
  assert.match(await host.locator('.kh-footer').innerText(), /Talk to us about your keys/);
  // The host's CSS doesn't reach in…
  const start = host.getByRole('button', { name: 'Start now' });
  const [bg, size] = await start.evaluate((e) => [getComputedStyle(e).backgroundColor, getComputedStyle(e).fontSize]);
  assert.equal(bg, 'rgb(122, 31, 92)');
  assert.notEqual(size, '30px');
  assert.equal(await title.evaluate((e) => getComputedStyle(e).textTransform), 'none');
  assert.equal(await host.locator('.kh-main').evaluate((e) => getComputedStyle(e).borderTopStyle), 'none');
  // …and the app's CSS doesn't leak out.
  assert.equal(await page.locator('.site-button').evaluate((e) => getComputedStyle(e).backgroundColor), 'rgb(255, 105, 180)');
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).marginTop), '8px');
  assert.equal(await page.locator('header.site h1').evaluate((e) => getComputedStyle(e).textTransform), 'uppercase');
  // Steps change in memory: the host's address, history length and title stay as they were.
  const [url, title0, length] = await page.evaluate(() => [location.href, document.title, history.length]);
  await start.click();
  await host.locator('#kh-heading', { hasText: 'About your tenant' }).waitFor();
  // Focus moves to the new heading, inside the shadow root (focusOn looks through shadow roots).
  await focusOn(page, 'kh-heading');
  assert.deepEqual(await page.evaluate(() => [location.href, document.title, history.length]), [url, title0, length]);
  await host.getByRole('link', { name: 'Back' }).click();
  await host.getByRole('button', { name: 'Start now' }).waitFor();
  assert.equal(await page.evaluate(() => location.href), url);
  await screenshot(page, 'embed-script', { fullPage: false, clip: await host.boundingBox() });
  await assertClean(page, problems);
  // Last: axe injects a <style> of its own into the shadow root, which this host's strict CSP
  // rightly refuses (a violation of the test tool's making, not the app's).
  await assertAccessible(page, 'host page with the script embed');
  await page.close();
});

test('until the app is in it, the script embed says it is loading where it draws nothing, and says so if it cannot start', async () => {
  let release;
  // A brand longer than the app takes: nothing drawn, the note instead (more in the table below).
  const { page, problems } = await hostPage('script.html', embed.hostOrigin, { 'data-brand': 'x'.repeat(61) }, async (p) => {
    release = await holdWasm(p);
    await whenEmbedRead(p);
  });
  const host = page.locator('#keyholder-inline');
  // The wasm is held back: the element says why it is empty instead of being a blank box.
  const note = host.getByRole('status');
  await note.filter({ hasText: 'Loading Keyholder…' }).waitFor();
  assert.equal(await drawnInHost(page), 'wait');
  release();
  await host.locator('.kh-app[data-ready] h3#kh-heading').waitFor();
  // Once the app is in, main.css hides the note (its slot): only the app is there to read.
  await note.filter({ hasText: 'Loading Keyholder…' }).waitFor({ state: 'hidden' });
  await assertClean(page, problems);
  await page.close();
  // The wasm can't be fetched: the element says the app couldn't start, and the landing drawn
  // before that goes (its controls would never answer).
  const failed = await hostPage('script.html', embed.hostOrigin, null, (p) => p.route('**/keyholder-app_bg.wasm', (route) => route.abort()));
  const inHost = failed.page.locator('#keyholder-inline');
  await inHost.getByRole('status').filter({ hasText: "Keyholder couldn't start" }).waitFor();
  await failed.page.waitForFunction(() => !document.querySelector('#keyholder-inline').shadowRoot?.querySelector('[data-kh-first]'));
  assert.equal(await inHost.getByRole('button', { name: 'Start now' }).count(), 0);
  await failed.page.close();
});

test('the script embed\'s entry point asks for the release\'s first files beside its boot.js, a round trip sooner, and each file once', async () => {
  // What the release's boot.js asks for first on a host page: the glue and wasm, and what draws
  // the landing (or, for a share link in the host's address, the report module and its prose).
  // The root's boot.js (a stub) asks for them with it, not once it has run. (The glue's snippet,
  // js/report.js, is imported by the glue: asked for beside it, not once the glue is read.)
  const app = ['keyholder-app.js', 'js/report.js', 'keyholder-app_bg.wasm'];
  const visits = [
    ['script.html', [...app, 'first-embed.js', 'first-screens.js', 'first-embed.json', 'main.css']],
    [`script.html#/share/${payload(mixed)}`, [...app, 'keyholder-report.js', 'js/deflate.js', 'keyholder-report_bg.wasm', 'report-prose.txt']],
  ];
  for (const [file, first] of visits) {
    const what = file.includes('#/share/') ? 'a share link' : 'the landing';
    const asked = [];
    let release;
    let allAsked;
    const whenAllAsked = new Promise((done) => { allAsked = done; });
    const { page, problems } = await hostPage(file, embed.hostOrigin, null, async (p) => {
      p.on('request', (r) => {
        const url = new URL(r.url());
        if (url.origin !== embed.widgetOrigin) return;
        asked.push(url.pathname);
        if (first.every((name) => asked.some((path) => path.endsWith(`/${name}`)))) allAsked();
      });
      release = await hold(p, 'r/*/boot.js');
    });
    // The release's boot.js is held back: everything it would ask for first is asked for already
    // (or, after a while with one still missing, the test says which).
    let late;
    const missing = () => first.filter((name) => !asked.some((path) => path.endsWith(`/${name}`)));
    await Promise.race([whenAllAsked, new Promise((_, fail) => {
      late = setTimeout(() => fail(new Error(`${what}: never asked for ${missing().join(', ')}`)), 20000);
    })]).finally(() => clearTimeout(late));
    // And nothing else: the stub's own file, the release's boot.js, and those.
    const releaseBoot = /^\/r\/[0-9a-f]+\/boot\.js$/;
    assert.ok(asked.some((path) => releaseBoot.test(path)), `${what}: the release's boot.js asked for`);
    const expected = (path) => path === '/boot.js' || releaseBoot.test(path) || first.some((name) => path.endsWith(`/${name}`));
    assert.deepEqual(asked.filter((path) => !expected(path)), [], `${what}: only the first files asked for`);
    release();
    const host = page.locator('#keyholder-inline');
    await host.locator('.kh-app[data-ready]').waitFor();
    if (first.includes('report-prose.txt')) {
      // The report itself, with its prose: every file asked for is used.
      await host.getByRole('button', { name: 'View it without saving' }).click();
      await host.getByRole('heading', { name: 'Your sovereignty report' }).waitFor();
      await host.locator('.kh-verdict-figure').first().waitFor();
    } else {
      await host.getByRole('button', { name: 'Start now' }).waitFor();
    }
    // Each file of the widget was fetched once: the stub's requests are the ones boot.js used.
    for (const path of new Set(asked)) {
      const times = asked.filter((p) => p === path).length;
      assert.equal(times, 1, `${what}: ${path} asked for ${times} times`);
    }
    await assertClean(page, problems);
    await page.close();
  }
});

// ---- The script embed's first screen before the app is there (issue 15): boot.js imports
// first-embed.js, which builds the landing from the release folder's first-embed.json in the
// host element's shadow root, dressed under the element's data- settings as the app dresses its own.

/** Marks the host page (`__khEmbedRead`) a task after first-embed.json was read: by then first-embed.js has acted on it. */
const whenEmbedRead = (page) => page.addInitScript(() => {
  if (window.top !== window) return;
  const json = Response.prototype.json;
  Response.prototype.json = function read() {
    const body = json.call(this);
    if (this.url.endsWith('/first-embed.json')) body.then(() => setTimeout(() => { window.__khEmbedRead = true; }));
    return body;
  };
});
/** The script embed's drawn landing on show (its `.kh-app`), or 'wait' where only the loading note shows. */
const drawnInHost = async (page) => {
  await page.waitForFunction(() => {
    const shadow = document.querySelector('#keyholder-inline').shadowRoot;
    const drawn = shadow?.querySelector('[data-kh-first]');
    return window.__khEmbedRead && (!shadow || (drawn && !drawn.hidden));
  });
  const drawn = await page.evaluate(() => !!document.querySelector('#keyholder-inline').shadowRoot);
  return drawn ? screenOf(page, '[data-kh-first] > .kh-app', '#keyholder-inline') : 'wait';
};

test('the script embed draws its landing under the host\'s settings before the app is there, and the app takes over with no change', async () => {
  const gif = 'data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==';
  // [attributes over examples/embed/script.html's own, whether the drawn landing wears them]
  const cases = [
    [{}, true],
    [{ 'data-storage': 'none', 'data-logo': gif, 'data-font': 'Georgia, serif', 'data-radius': '4px', 'data-heading': '1' }, true],
    // A parent and notify mean nothing on a host page: the app drops them.
    [{ 'data-storage': 'session', 'data-parent': embed.hostOrigin, 'data-notify': 'verdicts', 'data-cta-href': '/contact' }, true],
    [{ 'data-brand': '  Café & Co ' }, true],
    [{ 'data-accent': 'red' }, false],
    [{ 'data-heading': '9' }, false],
    [{ 'data-cta-href': 'javascript:alert(1)' }, false],
  ];
  for (const [attributes, wears] of cases) {
    let release;
    const { page, problems } = await hostPage('script.html', embed.hostOrigin, attributes, async (p) => {
      release = await holdWasm(p);
      await whenEmbedRead(p);
    });
    const drawn = await drawnInHost(page);
    const what = JSON.stringify(attributes);
    assert.equal(drawn !== 'wait', wears, `${what}: ${wears ? 'drawn' : 'the note'} expected`);
    if (wears) {
      assert.match(drawn.text, new RegExp(`the site you are on \\(${embed.hostOrigin}\\) can see what you enter`));
      assert.match(drawn.classes, /kh-embedded/);
      // Nothing else shows meanwhile: the loading note is out of sight, and no second copy.
      await page.locator('#keyholder-inline').getByRole('status').waitFor({ state: 'hidden' });
    }
    if (what === '{}') {
      // The sample host page's settings (examples/embed/script.html).
      assert.match(drawn.text, /^Contoso Advisory\s+· Keyholder\s/);
      assert.match(drawn.text, /Talk to us about your keys/);
      assert.equal(drawn.theme[0], '#7a1f5c');
      assert.match(drawn.headings[0], /^H3 kh-heading Who holds the keys/);
      await screenshot(page, 'embed-script-drawn', { fullPage: false, clip: await page.locator('#keyholder-inline').boundingBox() });
    }
    release();
    await page.locator('#keyholder-inline .kh-app[data-ready]').waitFor();
    if (wears) assert.deepEqual(await screenOf(page, '.kh-app[data-ready]', '#keyholder-inline'), drawn, `${what}: the app drew what was drawn`);
    assert.equal(await page.evaluate(() => document.querySelector('#keyholder-inline').shadowRoot.querySelectorAll('[data-kh-first]').length), 0);
    await page.locator('#keyholder-inline').getByRole('status').waitFor({ state: 'hidden' });
    await assertClean(page, problems);
    await page.close();
  }
});

test('"Start now" pressed in the script embed\'s drawn landing while the app loads lands on the first question, and the host\'s address never changes', async () => {
  let release;
  const { page, problems } = await hostPage('script.html', embed.hostOrigin, null, async (p) => {
    release = await holdWasm(p);
    await whenEmbedRead(p);
  });
  assert.notEqual(await drawnInHost(page), 'wait');
  const host = page.locator('#keyholder-inline');
  const [url, length] = await page.evaluate(() => [location.href, history.length]);
  // From the keyboard, as the app's link answers: Space on the link drawn as a button.
  await host.getByRole('button', { name: 'Start now' }).focus();
  await page.keyboard.press('Space');
  // Until the app is there, the landing says it is on its way.
  await host.getByRole('status').filter({ hasText: 'Loading Keyholder…' }).waitFor();
  assert.deepEqual(await page.evaluate(() => [location.href, history.length]), [url, length]);
  release();
  await host.locator('.kh-app[data-ready] #kh-heading', { hasText: 'About your tenant' }).waitFor();
  await focusOn(page, 'kh-heading');
  assert.deepEqual(await page.evaluate(() => [location.href, history.length]), [url, length]);
  assert.equal(await host.locator('.kh-first-note, [data-kh-first]').count(), 0);
  await assertClean(page, problems);
  await page.close();
  // Pressed, and then the visitor moves on in the host page: the app, once there, stays on its
  // landing and leaves the focus (and the page's scroll) where the visitor is.
  const later = await hostPage('script.html', embed.hostOrigin, null, async (p) => {
    release = await holdWasm(p);
    await whenEmbedRead(p);
  });
  assert.notEqual(await drawnInHost(later.page), 'wait');
  const inHost = later.page.locator('#keyholder-inline');
  await inHost.getByRole('button', { name: 'Start now' }).click();
  await inHost.getByRole('status').filter({ hasText: 'Loading Keyholder…' }).waitFor();
  await later.page.locator('.site-button').focus();
  await inHost.locator('.kh-first-note').waitFor({ state: 'detached' });
  release();
  await inHost.locator('.kh-app[data-ready]').waitFor();
  await inHost.locator('.kh-app[data-ready]').getByRole('button', { name: 'Start now' }).waitFor();
  assert.equal(await later.page.evaluate(() => document.activeElement.className), 'site-button');
  await assertClean(later.page, later.problems);
  await later.page.close();
});

test('the script embed shows the app only once its stylesheet is in, never unstyled, whether its landing was drawn or not; unstyled if it can\'t be had', async () => {
  // (Functions, not strings: the host page's CSP refuses eval.)
  const inShadow = (page, selector) => page.waitForFunction((sel) => !!document.querySelector('#keyholder-inline').shadowRoot?.querySelector(sel), selector);
  const seen = (page, selector) => page.evaluate((sel) => document.querySelector('#keyholder-inline').shadowRoot.querySelector(sel).checkVisibility(), selector);
  // [attributes, whether the landing is drawn]: the sample page's settings, and a setting the
  // drawing can't be sure of (boot.js's note shows instead).
  for (const [attributes, drawn] of [[null, true], [{ 'data-accent': 'red' }, false]]) {
    const what = JSON.stringify(attributes);
    let releaseCss;
    let releaseWasm;
    const { page, problems } = await hostPage('script.html', embed.hostOrigin, attributes, async (p) => {
      releaseCss = await hold(p, 'main.css');
      if (drawn) releaseWasm = await holdWasm(p);
    });
    const host = page.locator('#keyholder-inline');
    const note = host.getByRole('status').filter({ hasText: 'Loading Keyholder…' });
    await note.waitFor();
    if (drawn) {
      // The landing is built, and waits for the stylesheet too; then the app comes first.
      await inShadow(page, '[data-kh-first]');
      assert.equal(await seen(page, '[data-kh-first]'), false, 'the drawn landing shows before its stylesheet');
      releaseWasm();
    }
    // The app has taken over (ready) with its stylesheet still held back: unseen, the note still up.
    await inShadow(page, '[data-kh-mount] .kh-app[data-ready]');
    const appSeen = () => seen(page, '[data-kh-mount] .kh-app');
    assert.equal(await appSeen(), false, `${what}: the app shows before its stylesheet`);
    assert.ok(await note.isVisible(), `${what}: the note went before the app showed`);
    releaseCss();
    const app = host.locator('.kh-app[data-ready]');
    await app.getByRole('button', { name: 'Start now' }).waitFor();
    // Shown styled (main.css lays the app out as a column), alone: the note out of sight.
    assert.equal(await app.evaluate((el) => getComputedStyle(el).display), 'flex');
    assert.equal(await appSeen(), true);
    await note.waitFor({ state: 'hidden' });
    await assertClean(page, problems);
    await page.close();

    // The stylesheet can't be had (a 404; a host's CSP without the widget's origin in style-src
    // alike): the app shows unstyled rather than never, and the note goes.
    const broken = await hostPage('script.html', embed.hostOrigin, attributes, (p) => p.route('**/main.css', (route) => route.fulfill({ status: 404, body: '' })));
    const inHost = broken.page.locator('#keyholder-inline');
    await inHost.locator('.kh-app[data-ready]').getByRole('button', { name: 'Start now' }).waitFor();
    await inHost.getByRole('status').filter({ hasText: 'Loading Keyholder…' }).waitFor({ state: 'hidden' });
    assert.notEqual(await inHost.locator('.kh-app[data-ready]').evaluate((el) => getComputedStyle(el).display), 'flex');
    // Nothing else went wrong than the stylesheet's 404.
    assert.deepEqual(broken.problems.filter((p) => !/main\.css|404/.test(p)), [], what);
    await broken.page.close();
  }
});

test('opted-in verdicts reach the host as figures only, never answers, and the user is told', async () => {
  const { page, problems } = await hostPage('iframe.html');
  await page.frameLocator('#keyholder-frame').getByRole('heading', { level: 1 }).waitFor();
  const shares = `This page shares your two headline figures — not your answers — with ${embed.hostOrigin}.`;
  const privacy = await page.frameLocator('#keyholder-frame').locator('.kh-privacy').innerText();
  assert.ok(privacy.includes(shares), privacy);
  assert.doesNotMatch(privacy, /Nothing you enter is sent anywhere/);
  // Open a share link inside the iframe and make it this browser's assessment.
  await page.evaluate((p) => {
    const f = document.querySelector('#keyholder-frame');
    f.src = f.src.split('#')[0] + '#/share/' + p;
  }, payload(mixed));
  const frame = page.frameLocator('#keyholder-frame');
  await frame.getByRole('button', { name: 'Make it mine' }).click();
  await frame.getByRole('heading', { level: 1, name: 'Your sovereignty report' }).waitFor();
  await page.waitForFunction(() => window.__khVerdicts.length > 0);
  const [detail] = await page.evaluate(() => window.__khVerdicts);
  const figure = await frame.locator('.kh-verdict-figure').first().innerText();
  const gaps = await frame.locator('.kh-verdict-figure').nth(1).innerText();
  // The figure counts what can be under the key; the message keeps its documented fields.
  assert.ok(figure.startsWith(`${detail.key_control.customer_key} of `), `${figure} vs ${JSON.stringify(detail)}`);
  assert.ok(detail.key_control.in_scope >= Number(figure.match(/of (\d+)/)[1]));
  assert.ok(gaps.startsWith(String(detail.residency_gaps)));
  const message = (await page.evaluate(() => window.__khMessages)).find((m) => m.type === 'verdicts');
  assert.deepEqual(message.keys.sort(), ['key_control', 'keyholder', 'residency_gaps', 'type']);
  assert.ok(!JSON.stringify(message).includes('Fabrikam'), 'no names from the answers');
  // The report says so too, where the user sees the figures.
  assert.ok((await frame.getByRole('region', { name: 'Your answers in this browser' }).innerText()).includes(shares));
  await heightFits(page);
  await assertClean(page, problems);
  await page.close();
});

test('brand, theme and the default classification reach the framed app and its printed brief', async () => {
  const { page, problems } = await hostPage('iframe.html');
  const frame = page.frameLocator('#keyholder-frame');
  await frame.getByRole('heading', { level: 1 }).waitFor();
  await page.evaluate((p) => {
    const f = document.querySelector('#keyholder-frame');
    f.src = f.src.split('#')[0] + '#/share/' + p;
  }, payload(mixed));
  await frame.getByRole('button', { name: 'Make it mine' }).click();
  await frame.getByRole('heading', { level: 1, name: 'Your sovereignty report' }).waitFor();
  assert.match(await frame.locator('.kh-brand').innerText(), /Contoso Advisory/);
  assert.equal(await frame.locator('.kh-header').evaluate((e) => getComputedStyle(e).backgroundColor), 'rgb(0, 90, 78)');
  assert.equal(await frame.getByLabel('Client confidential').isChecked(), true, 'the brand default classification is chosen');
  assert.equal(await frame.getByRole('link', { name: 'Talk to us about your keys' }).getAttribute('href'), 'https://contoso.example/contact');
  await heightFits(page);
  await page.emulateMedia({ media: 'print' });
  const pdf = join(outputDir, 'brief-branded.pdf');
  await page.pdf({ path: pdf, printBackground: true });
  const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
  assert.match(text, /CLIENT CONFIDENTIAL/, 'the framed brief prints with its cover');
  assert.match(text, /Keyholder: /);
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, join(outputDir, 'brief-branded')]);
  await assertClean(page, problems);
  await page.close();
});

test('the host script ignores an injected iframe[data-keyholder] from another origin: no resize, no verdicts', async () => {
  const { page, problems } = await hostPage('iframe.html');
  await page.frameLocator('#keyholder-frame').getByRole('heading', { level: 1 }).waitFor();
  await heightFits(page);
  await page.evaluate((src) => {
    const f = document.createElement('iframe');
    Object.assign(f, { id: 'forged', title: 'forged', src });
    f.setAttribute('data-keyholder', '');
    document.querySelector('main').append(f);
  }, embed.forgerUrl);
  // Both forged messages reached this window: the recorder listened before the host script, in
  // the same dispatch, so the host script has seen them too.
  await page.waitForFunction((o) => window.__khMessages.filter((m) => m.origin === o).length >= 2, embed.forgerOrigin);
  assert.equal(await page.locator('#forged').evaluate((f) => f.getBoundingClientRect().height), 150);
  assert.deepEqual(await page.evaluate(() => window.__khVerdicts), []);
  await heightFits(page);
  await assertClean(page, problems);
  await page.close();
});

test('a share link opened on a script-embed host page says whose it is and shows the report without saving it', async () => {
  const { page, problems } = await hostPage(`script.html#/share/${payload(mixed)}`);
  const host = page.locator('#keyholder-inline');
  await host.getByRole('heading', { name: 'An assessment shared with you' }).waitFor();
  await host.getByRole('button', { name: 'View it without saving' }).click();
  await host.getByRole('heading', { name: 'Your sovereignty report' }).waitFor();
  assert.deepEqual(await page.evaluate(() => [Object.keys(localStorage), Object.keys(sessionStorage)]), [[], []]);
  assert.match(await host.locator('.kh-verdict-figure').first().innerText(), /^\d+ of \d+/);
  await assertClean(page, problems);
  await page.close();
});

test('script embed: data-storage="none" keeps answers out of the host\'s storage, "session" keeps them in sessionStorage only, and deleting clears them', async () => {
  const stored = (page) => page.evaluate(() => [Object.keys(localStorage), Object.keys(sessionStorage)]);
  for (const mode of ['none', 'session']) {
    const { page, problems } = await hostPage(`script.html#/share/${payload(mixed)}`, embed.hostOrigin, { 'data-storage': mode });
    const host = page.locator('#keyholder-inline');
    await host.getByRole('button', { name: 'Make it mine' }).click();
    await host.getByRole('heading', { name: 'Your sovereignty report' }).waitFor();
    // The app says where the answers are, and that the host page can see them.
    const notes = await host.getByRole('region', { name: 'Your answers in this browser' }).innerText();
    assert.ok(notes.includes(`the site you are on (${embed.hostOrigin}) can see what you enter`), notes);
    assert.match(notes, mode === 'none' ? /kept in memory only/ : /session storage/);
    assert.doesNotMatch(await host.locator('.kh-footer').innerText(), /Nothing you enter is sent anywhere/);
    if (mode === 'session') {
      await page.waitForFunction(() => sessionStorage.getItem('keyholder.answers') !== null);
      assert.deepEqual(await stored(page), [[], ['keyholder.answers']]);
      await host.getByRole('button', { name: 'Delete my answers from this browser' }).click();
      await host.getByRole('button', { name: 'Yes, delete my answers' }).click();
      await host.getByRole('heading', { name: 'Your answers have been deleted' }).waitFor();
      await host.getByRole('button', { name: 'Start now' }).waitFor();
    } else {
      // Another page drawn from the answers: the autosave that ran with them has long run.
      await host.getByRole('link', { name: 'Your assessment' }).click();
      await host.getByRole('heading', { name: 'Your assessment' }).waitFor();
    }
    assert.deepEqual(await stored(page), [[], []], mode);
    await assertClean(page, problems);
    await page.close();
  }
});

// ---- The iframe's first screen before the app is there (issue 15): drawn into the widget's
// index.html at build time and dressed by its inline script (first-screens.js) with the settings
// in the iframe's address, as the app dresses its own.

/**
 * What a screen shows, to compare the drawn one with the app's: its text, classes, theme,
 * headings, images and links. The skip link left out and a `first-` id read without it: the drawn
 * first question has neither (it shares the page with the drawn landing, crates/first-screen).
 */
const screenOf = (frame, selector, shadowHost = null) => frame.evaluate(([sel, hostSel]) => {
  const app = (hostSel ? document.querySelector(hostSel).shadowRoot : document)?.querySelector(sel);
  if (!app) return null;
  const style = getComputedStyle(app);
  return {
    text: app.innerText.replace(/^Skip to main content\n/, ''),
    classes: app.className,
    theme: ['accent', 'accent-contrast', 'text', 'muted', 'bg', 'surface', 'font', 'radius'].map((n) => style.getPropertyValue(`--kh-${n}`)),
    headings: [...app.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => `${h.tagName} ${h.id.replace(/^first-/, '')} ${h.textContent}`),
    images: [...app.querySelectorAll('img')].map((i) => `${i.className} ${i.getAttribute('src')} ${i.alt}`),
    links: [...app.querySelectorAll('a:not(.kh-skip)')].map((a) => `${a.className} ${a.getAttribute('href')} ${a.target} ${a.rel}`),
  };
}, [selector, shadowHost]);
/** The drawn screen on show: its `.kh-app`, or 'wait' where only "Loading Keyholder…" shows. */
const drawnScreen = async (frame) => {
  await frame.waitForFunction(() => document.documentElement.hasAttribute('data-kh-decided') && document.readyState !== 'loading');
  if (await frame.evaluate(() => document.documentElement.hasAttribute('data-kh-wait'))) return 'wait';
  const which = await frame.evaluate(() => [...document.querySelectorAll('[data-kh-first]')]
    .find((e) => e.offsetHeight > 0 && getComputedStyle(e).visibility === 'visible')?.dataset.khFirst);
  return which ? screenOf(frame, `[data-kh-first="${which}"] > .kh-app`) : 'nothing shown';
};
/** Every frame of the page starts as a first-time visitor's (nothing saved on the widget's origin). */
const freshFrames = (page) => page.addInitScript(() => {
  if (window.top === window) return;
  try {
    localStorage.clear();
    sessionStorage.clear();
  } catch {
    // This browser gives a third party's frame no storage: nothing is saved there.
  }
});

test('in the iframe, the first screen is drawn under the host\'s brand before the app is there, and the app takes over with no change', async () => {
  let release;
  const { page, problems } = await hostPage('iframe.html', embed.hostOrigin, null, async (p) => {
    release = await holdWasm(p);
    await freshFrames(p);
  });
  const frame = page.frameLocator('#keyholder-frame');
  await frame.getByRole('heading', { level: 1, name: /Who holds the keys/ }).waitFor();
  const widget = await widgetFrame(page);
  assert.equal(await widget.locator('.kh-app[data-ready]').count(), 0, 'the wasm is held back');
  const drawn = await drawnScreen(widget);
  assert.notEqual(drawn, 'wait', 'the drawn landing shows, not the loading note');
  // The sample host page's settings (examples/embed/iframe.html), worn by the drawn landing.
  assert.match(drawn.text, /^Contoso Advisory\s+· Keyholder\s/);
  assert.match(drawn.text, /Talk to us about your keys/);
  assert.match(drawn.text, /This page shares your two headline figures — not your answers — with http:\/\/localhost:\d+\./);
  assert.equal(drawn.theme[0], '#005a4e');
  assert.match(drawn.classes, /kh-embedded/);
  // The host script sizes the iframe to the drawn landing, as it does to the app.
  const height = await heightFits(page);
  assert.ok(height > 600, `the drawn landing is taller than the default 150px (${height})`);
  await screenshot(page, 'embed-iframe-drawn');
  release();
  await widget.locator('.kh-app[data-ready]').waitFor();
  assert.deepEqual(await screenOf(widget, '.kh-app[data-ready]'), drawn, 'the app drew what was drawn');
  assert.equal(await heightFits(page), height, 'the iframe kept its height');
  await assertClean(page, problems);
  await page.close();
});

/**
 * `count` queries of settings for the iframe, the same every run (a seeded generator): mostly
 * values the app accepts, some it refuses, some the drawn page can't be sure of (hidden
 * characters, a name twice, percent escapes that aren't), in any order and with a host's own.
 */
function generatedSettings(host, gif, count) {
  let seed = 15;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const pick = (list) => list[Math.floor(next() * list.length)];
  const colours = ['#005a4e', '#FFF', '#abcdef', '#12345', 'red', ' #000 ', '#0000001'];
  const texts = ['Contoso', '  Fabrikam Advisory  ', 'Café & Co', 'Ünïcödé 東京 🔑', 'x'.repeat(60), 'x'.repeat(61), '', 'A\u200bB', '\u00a0Nbsp\u00a0', 'Tab\there', 'Quote "it"'];
  const pools = {
    parent: [host, host, host + '/', 'HTTPS://Other.Example', 'https://h.example:8443', 'http://h.example:80', 'ftp://x.example', 'https://x.example/path', ` ${host} `],
    notify: ['verdicts', 'verdicts', 'answers'],
    brand: texts,
    cta: texts,
    classification: texts,
    'cta-href': ['https://contoso.example/contact', 'mailto:keys@contoso.example', '/contact', 'contact.html', 'javascript:alert(1)', '//evil.example', 'https://a b'],
    cta_href: ['https://contoso.example/contact', '/x'],
    logo: [gif, '/logo.png', 'logo.png', 'https://evil.example/l.png', 'data:text/html,x', '\\evil'],
    heading: ['1', '2', '3', '4', '04', '+2', '5', '0', 'two', ' 2 '],
    storage: ['local', 'session', 'none', 'disk', ' none '],
    accent: colours,
    'accent-contrast': colours,
    text: colours,
    muted: colours,
    bg: colours,
    surface: colours,
    font: ['Georgia, serif', '"Segoe UI", sans-serif', 'Comic Sans; color: red', ''],
    radius: ['4px', '0.5rem', '12.25px', '100px', '4 px', '.5rem'],
    utm_source: ['newsletter'],
  };
  const names = Object.keys(pools);
  const queries = [];
  for (let i = 0; i < count; i++) {
    const pairs = next() < 0.8 ? [['parent', pick(pools.parent)]] : [];
    const n = 1 + Math.floor(next() * 4);
    for (let j = 0; j < n; j++) {
      const name = pick(names);
      pairs.splice(Math.floor(next() * (pairs.length + 1)), 0, [name, pick(pools[name])]);
    }
    let query = new URLSearchParams(pairs).toString();
    // Now and then an escape that isn't one, or a plus sign for a space, as a person might type.
    if (next() < 0.1) query += '&brand=%zz';
    if (next() < 0.1) query = query.replace(/%20/g, '+');
    queries.push([query]);
  }
  return queries;
}

test('the drawn iframe screen is the app\'s under every setting it wears, and only says it is loading where it can\'t be sure', async () => {
  const host = embed.hostOrigin;
  const gif = 'data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==';
  const q = (o) => new URLSearchParams(o).toString();
  // [settings, whether the drawn screen wears them (else the note shows)]
  const cases = [
    [q({ parent: host, brand: 'Contoso Advisory', accent: '#005a4e', cta: 'Talk to us', 'cta-href': 'https://contoso.example/contact', classification: 'Client confidential', notify: 'verdicts' }), true],
    [q({ parent: host + '/', heading: '2', brand: '  Café & Co\u00a0', storage: 'session' }), true],
    [q({ parent: host, storage: 'none', font: 'Georgia, "Times New Roman", serif', radius: '4.5px', bg: '#fafafa', text: '#111', muted: '#555555', surface: '#fff', 'accent-contrast': '#000' }), true],
    [q({ parent: host, logo: gif, brand: 'Fabrikam', cta_href: '/contact', cta: 'Ask us' }), true],
    [q({ parent: host, cta: 'No link given' }), true],
    [q({ parent: 'HTTPS://Other.Example:443', notify: 'verdicts', heading: '+04' }), true],
    [q({ brand: 'Contoso', accent: '#aa0000', utm_source: 'newsletter' }), true], // no parent: the app drops them
    [q({ parent: host, utm_source: 'newsletter' }), true],
    [q({ parent: host, brand: 'x'.repeat(60) }), true],
    [q({ parent: host, brand: 'x'.repeat(61) }), false],
    [q({ parent: host, brand: 'Zero\u200bwidth' }), false],
    [q({ parent: host, brand: '\u202eevil' }), false],
    [q({ parent: host, accent: 'red' }), false],
    [`${q({ parent: host, brand: 'One' })}&brand=Two`, false],
    [q({ parent: host, heading: '5' }), false],
    [q({ parent: host, storage: 'disk' }), false],
    [q({ parent: host, logo: '//evil.example/logo.png' }), false],
    [q({ parent: host, 'cta-href': 'javascript:alert(1)', cta: 'Go' }), false],
    [q({ parent: host, notify: 'answers' }), false],
    // A byte-order mark (U+FEFF, a hidden character the app refuses and its trimming keeps).
    [q({ parent: host, brand: '\ufeffX' }), false],
    [q({ parent: '\ufeff' + host, brand: 'X' }), false],
    [q({ '\ufeffbrand': 'X', parent: host }), true], // not a setting's name: ignored by both
    // An origin normalised once, as the app does: `https://h.example:443`.
    [q({ parent: 'https://h.example:443:443', notify: 'verdicts' }), true],
    // The drawn first question on its own address, under a heading level.
    [q({ parent: host, heading: '3', accent: '#123456' }), true, '#/q/tenant'],
    // Then generated ones (`wears` undefined): whichever the drawn screen does, it is the app's.
    ...generatedSettings(host, gif, 60),
  ];
  /** The case's iframe in the host page (the last one gone), loaded as far as its HTML. */
  const load = async (page, query, fragment = '#/') => {
    const handle = await page.evaluateHandle((src) => {
      document.querySelector('#kh-case')?.remove();
      const f = Object.assign(document.createElement('iframe'), { id: 'kh-case', src, title: 'case' });
      document.body.append(f);
      return f;
    }, `${embed.widget.url}?${query}${fragment}`);
    const frame = await handle.asElement().contentFrame();
    await frame.waitForURL((u) => u.href.startsWith(embed.widget.url));
    await frame.waitForLoadState('domcontentloaded');
    return frame;
  };
  // A logo at a path of the widget's own (the dist has no image to point at).
  const logo = (p) => p.route('**/logo.png', (r) => r.fulfill({ contentType: 'image/gif', body: Buffer.from(gif.split(',')[1], 'base64') }));
  // First every drawn screen (the app never starts), then every app's.
  const held = await hostPage('iframe.html', host, null, async (p) => { await holdWasm(p); await freshFrames(p); await logo(p); });
  const drawn = [];
  for (const [query, , fragment] of cases) drawn.push(await drawnScreen(await load(held.page, query, fragment)));
  await held.page.close();
  const started = await hostPage('iframe.html', host, null, async (p) => { await freshFrames(p); await logo(p); });
  for (const [i, [query, wears, fragment]] of cases.entries()) {
    const frame = await load(started.page, query, fragment);
    await frame.locator('.kh-app[data-ready]').waitFor();
    const app = await screenOf(frame, '.kh-app[data-ready]');
    if (wears !== undefined) assert.equal(drawn[i] !== 'wait', wears, `${query}: ${wears ? 'drawn' : 'the note'} expected, got ${JSON.stringify(drawn[i]).slice(0, 200)}`);
    if (drawn[i] !== 'wait') assert.deepEqual(drawn[i], app, `${query}: the drawn screen is the app's`);
  }
  // The generated cases reach both sides: most dressed, some the note.
  const generated = drawn.filter((_, i) => cases[i][1] === undefined);
  const dressed = generated.filter((d) => d !== 'wait').length;
  assert.ok(dressed >= generated.length / 3 && dressed < generated.length, `${dressed} of ${generated.length} generated cases drawn`);
  await assertClean(started.page, started.problems);
  await started.page.close();
});
