// The first screens drawn into index.html at build time (crates/first-screen): the landing page
// and the first question are painted from the HTML alone, before any wasm has arrived; the app
// then replaces them with no layout shift, keeping the focus, the answers chosen and a button
// pressed meanwhile; and where the app would draw something else (a saved assessment, another
// route, a setting it can't be sure the app reads as it does) the page only says it is loading.
// The wasm is held back with a route that answers only when the test says so: no timing is
// assumed. (An iframe embed's settings dressing the drawn screens: tests/e2e/embed.test.mjs.)
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { test, launch, appReady, assertClean, assertAccessible, focusOn, waitForStored, screenshot, tabTo, hold, holdWasm, repoRoot, distDir, CHROMIUM_ARGS } from './harness.mjs';
import { serve } from './server.mjs';
import { headersFor, inlineHashes, strictCsp } from './headers.mjs';
import { createServer } from 'node:http';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const drawn = (page, which) => page.locator(`[data-kh-first="${which}"]`);


/**
 * Records layout shifts (the Layout Instability API) from the first paint on — all of them, even
 * those just after the test's own keys or clicks (the take-over is not the visitor's doing).
 */
async function recordShifts(page) {
  await page.addInitScript(() => {
    window.__khShifts = [];
    const keep = (list) => { for (const e of list.getEntries()) window.__khShifts.push(e.value); };
    window.__khShiftObserver = new PerformanceObserver(keep);
    window.__khShiftObserver.observe({ type: 'layout-shift', buffered: true });
  });
}
/** Starts the count again from now (after the test's own actions have moved the page). */
async function countShiftsFromHere(page) {
  await shifts(page);
  await page.evaluate(() => { window.__khShifts = []; });
}
/** The layout shift so far, after two more frames have been drawn and every entry delivered. */
const shifts = async (page) => {
  await twoFrames(page);
  return page.evaluate(() => {
    for (const e of window.__khShiftObserver.takeRecords()) window.__khShifts.push(e.value);
    return window.__khShifts.reduce((a, b) => a + b, 0);
  });
};
/** Two more frames drawn: whatever shows now has been painted at least once. */
const twoFrames = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/**
 * Where a screen's heading, main part and footer are on the page (inside `within`): the drawn screen
 * and the app's twin must match. (Layout shift entries can't tell: the take-over replaces nodes.)
 */
const layoutOf = (page, within) => page.evaluate((sel) => {
  const root = document.querySelector(sel);
  return ['h1', 'main', 'footer'].map((part) => {
    const r = root.querySelector(part)?.getBoundingClientRect();
    return r && [part, ...[r.x + scrollX, r.y + scrollY, r.width, r.height].map(Math.round)];
  });
}, within);

test('with JavaScript off, the landing page and the first question are there, and Start now leads to it', async () => {
  // A browser of its own: scripts can't be turned off in the shared profile's pages.
  const plain = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  const context = await plain.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  try {
    await noScript(await context.newPage());
  } finally {
    await plain.close();
  }
});

async function noScript(page) {
  await page.goto(browser.server.url + '#/');
  await page.getByRole('heading', { level: 1, name: /Who holds the keys to your Dynamics 365 data/ }).waitFor();
  assert.match(await page.locator('body').innerText(), /Your answers stay in your browser[\s\S]*What you will need/);
  assert.match(await page.locator('.kh-noscript').innerText(), /needs JavaScript and WebAssembly/);
  // One screen at a time, and the hidden one keeps no id of the shown one's.
  assert.equal(await drawn(page, 'question').isVisible(), false);
  // (No page.evaluate here: it waits for a script to run, and none does.)
  const ids = [...(await page.content()).matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]);
  assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), [], 'ids are unique');
  const start = page.getByRole('button', { name: 'Start now' });
  assert.equal(await start.getAttribute('href'), '#/q/tenant');
  await screenshot(page, 'first-screen-no-js');
  await start.click();
  await page.getByRole('heading', { level: 1, name: 'About your tenant' }).waitFor();
  assert.equal(await drawn(page, 'landing').isVisible(), false);
  assert.deepEqual(await page.getByRole('heading', { level: 1 }).boundingBox().then((b) => b.y < 200), true, 'the first question shows from its top');
  await screenshot(page, 'first-screen-no-js-question');
}

test('the drawn landing is the app\'s: the app takes over with no layout shift, keeping the focus', async () => {
  const { page, problems } = await browser.newPage('__blank__');
  const release = await holdWasm(page);
  await recordShifts(page);
  await page.goto(browser.server.url + '#/');
  await page.getByRole('heading', { level: 1, name: /Who holds the keys/ }).waitFor();
  assert.equal(await page.locator('.kh-app[data-ready]').count(), 0, 'the wasm is held back');
  const before = await drawn(page, 'landing').innerText();
  const laidOut = await layoutOf(page, '[data-kh-first="landing"]');
  // Laid out as the app's root is (main.css), not by the wrapper's rules.
  assert.equal(await drawn(page, 'landing').evaluate((e) => getComputedStyle(e.firstElementChild).display), 'flex');
  // Keyboard: Tab to "Start now" on the drawn page.
  await tabTo(page, () => document.activeElement?.textContent === 'Start now');
  const y = await page.evaluate(() => window.scrollY);
  // Counted from here: the Tab presses move the page themselves (the skip link shows, then hides).
  await countShiftsFromHere(page);
  release();
  await appReady(page);
  assert.equal(await page.locator('[data-kh-first], .kh-first-wait').count(), 0, 'the drawn screens are gone');
  assert.equal(await page.locator('.kh-app').innerText(), before, 'the app drew what was drawn');
  assert.deepEqual(await layoutOf(page, '.kh-app'), laidOut, 'laid out as it was drawn');
  await page.waitForFunction(() => document.activeElement?.textContent === 'Start now'
    && document.activeElement.closest('.kh-app[data-ready]') !== null);
  assert.equal(await page.evaluate(() => window.scrollY), y, 'the page did not move');
  assert.ok((await shifts(page)) < 0.001, `layout shift ${await shifts(page)}`);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'About your tenant' }).waitFor();
  await focusOn(page, 'kh-heading');
  await assertClean(page, problems);
  await page.close();
});

test('keyboard before the app is ready: the skip link moves the focus without changing the address, and Space follows Start now', async () => {
  const { page, problems } = await browser.newPage('__blank__');
  const release = await holdWasm(page);
  await page.goto(browser.server.url + '#/');
  await page.getByRole('heading', { level: 1, name: /Who holds the keys/ }).waitFor();
  await tabTo(page, () => document.activeElement?.classList.contains('kh-skip'), 1);
  await page.keyboard.press('Enter');
  await focusOn(page, 'main');
  assert.equal(new URL(page.url()).hash, '#/');
  await tabTo(page, () => document.activeElement?.textContent === 'Start now');
  await page.keyboard.press('Space');
  await page.getByRole('heading', { level: 1, name: 'About your tenant' }).waitFor();
  assert.equal(new URL(page.url()).hash, '#/q/tenant');
  assert.equal(await page.locator('.kh-app[data-ready]').count(), 0, 'the wasm is held back');
  release();
  await appReady(page);
  await page.getByRole('heading', { level: 1, name: 'About your tenant' }).waitFor();
  await assertClean(page, problems);
  await page.close();
});

test('Start now clicked before the app is ready shows the first question; answers chosen and Continue pressed meanwhile are kept', async () => {
  const { page, problems } = await browser.newPage('__blank__');
  const release = await holdWasm(page);
  await page.goto(browser.server.url);
  await page.getByRole('button', { name: 'Start now' }).click();
  // The drawn first question, shown by its address alone.
  await page.getByRole('heading', { level: 1, name: 'About your tenant' }).waitFor();
  assert.equal(await page.locator('.kh-app[data-ready]').count(), 0, 'the wasm is held back');
  assert.equal(new URL(page.url()).hash, '#/q/tenant');
  // Its heading has the focus, as the app's would after Start now.
  await focusOn(page, 'first-kh-heading');
  await page.getByLabel('Commercial (worldwide)').check();
  await page.getByLabel('What is your tenant\'s home geography?').selectOption({ label: 'Germany' });
  await page.getByLabel('No residency requirement').check();
  await page.getByLabel('None of these').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  // The form wasn't sent (no reload, same address); the button shows it is waiting.
  assert.equal(new URL(page.url()).hash, '#/q/tenant');
  assert.equal(await page.getByRole('button', { name: 'Continue' }).getAttribute('data-kh-pressed'), '');
  await screenshot(page, 'first-screen-pressed');
  await assertAccessible(page, 'the drawn first question, before the app');
  release();
  await appReady(page);
  // The app has the answers and pressed Continue: the next page, and the answers saved.
  await page.getByRole('heading', { level: 1, name: /environments/i }).waitFor();
  const saved = await waitForStored(page, (a) => a?.tenant?.cloud === 'commercial');
  assert.equal(saved.tenant.home_geo, 'germany', JSON.stringify(saved.tenant));
  // (No layout-shift check here: the app's Continue changes the page, as a person's would. The
  // next test checks the take-over of this page.)
  await assertClean(page, problems);
  await page.close();
});

test('the drawn first question, reached directly, is taken over with no layout shift and its choices kept', async () => {
  const { page, problems } = await browser.newPage('__blank__');
  const release = await holdWasm(page);
  await recordShifts(page);
  // By a campaign's link: a host's own parameters change nothing the app draws.
  await page.goto(browser.server.url + '?utm_source=newsletter#/q/tenant');
  await page.getByRole('heading', { level: 1, name: 'About your tenant' }).waitFor();
  await page.getByLabel('US Government (GCC, GCC High, DoD)').check();
  await page.getByText('How to find out').first().click();
  await page.locator('[data-kh-first="question"] details[open]').waitFor();
  // Counted from here: the clicks moved the page themselves (the panel opened).
  await countShiftsFromHere(page);
  const laidOut = await layoutOf(page, '[data-kh-first="question"]');
  assert.equal(await drawn(page, 'question').evaluate((e) => getComputedStyle(e.firstElementChild).display), 'flex');
  release();
  await appReady(page);
  assert.equal(await page.locator('[data-kh-first]').count(), 0);
  assert.deepEqual(await layoutOf(page, '.kh-app'), laidOut, 'laid out as it was drawn');
  assert.ok((await shifts(page)) < 0.001, `layout shift ${await shifts(page)}`);
  assert.equal(await page.getByLabel('US Government (GCC, GCC High, DoD)').isChecked(), true);
  assert.equal(await page.locator('details[open]').count(), 1, 'the open panel stays open');
  await waitForStored(page, (a) => a?.tenant?.cloud === 'us_government');
  await assertClean(page, problems);
  await page.close();
});

test('where the app would draw something else, the page only says it is loading until the app is there', async () => {
  const mixed = readFileSync(join(repoRoot, 'examples', 'mixed-estate.json'), 'utf8');
  const { page, problems } = await browser.newPage('__blank__');
  const release = await holdWasm(page);
  // A deep link: not a drawn screen.
  await page.goto(browser.server.url + '#/check');
  await page.getByRole('status').filter({ hasText: 'Loading Keyholder…' }).waitFor();
  assert.equal(await drawn(page, 'landing').isVisible(), false);
  // The control: the landing's own address, nothing saved — the drawn landing, not the note.
  // (Each load from another page: a change of the fragment alone would not load the page again.)
  const load = async (path) => {
    await page.goto(browser.server.url + '__blank__');
    await page.goto(browser.server.url + path);
  };
  await load('#/');
  await page.getByRole('button', { name: 'Start now' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.hasAttribute('data-kh-wait')), false);
  // A saved assessment: the landing would say "Continue where you left off", not "Start now".
  await page.evaluate((v) => localStorage.setItem('keyholder.answers', v), mixed);
  await load('#/');
  await page.getByRole('status').filter({ hasText: 'Loading Keyholder…' }).waitFor();
  assert.equal(await page.getByText('Start now').isVisible(), false);
  // The first question's route written another way the app reads (no leading slash): not the
  // drawn question's address, so not drawn.
  await page.evaluate(() => localStorage.clear());
  await load('#q/tenant');
  await page.getByRole('status').filter({ hasText: 'Loading Keyholder…' }).waitFor();
  // A host's own parameters (a campaign's): nothing the app reads, so the drawn landing shows.
  await load('?utm_source=newsletter&utm_medium=email#/');
  await page.getByRole('button', { name: 'Start now' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.hasAttribute('data-kh-wait')), false);
  // A brand outside an embed: the app ignores it (and says so in the console), so the drawn
  // landing is right, as Keyholder's own.
  await load('?utm_source=newsletter&brand=Contoso#/');
  await page.getByRole('button', { name: 'Start now' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.hasAttribute('data-kh-wait')), false);
  assert.equal(await drawn(page, 'landing').locator('.kh-brand').innerText(), 'Keyholder');
  // A setting the app reads on its own page, with a value the drawn page can't be sure the app
  // reads as it does (the app refuses it and keeps the answers in this browser's storage): the note.
  await load('?storage=disk#/');
  await page.getByRole('status').filter({ hasText: 'Loading Keyholder…' }).waitFor();
  await screenshot(page, 'first-screen-loading');
  release();
  await appReady(page);
  await page.getByRole('button', { name: 'Start now' }).waitFor();
  assert.equal(await page.locator('.kh-first-wait').count(), 0);
  assert.equal(await page.evaluate(() => document.documentElement.hasAttribute('data-kh-wait')), false);
  await assertClean(page, problems);
  await page.close();
});

test('a share link asks for the report module beside the first load, not after it', async () => {
  const mixed = JSON.parse(readFileSync(join(repoRoot, 'examples', 'mixed-estate.json'), 'utf8'));
  const link = '1' + deflateRawSync(Buffer.from(JSON.stringify(mixed, (_, v) => (v === null ? undefined : v)))).toString('base64url');
  const { page, problems } = await browser.newPage('__blank__');
  const release = await holdWasm(page);
  const asked = (name) => page.waitForRequest((r) => new URL(r.url()).pathname.endsWith(`/${name}`));
  const report = Promise.all(['keyholder-report.js', 'keyholder-report_bg.wasm', 'report-prose.txt'].map(asked));
  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await page.goto(`${browser.server.url}#/share/${link}`);
  // All three are on their way while the first load's wasm is still held back.
  await report;
  assert.equal(await page.locator('.kh-app[data-ready]').count(), 0, 'the wasm is held back');
  await page.getByRole('status').filter({ hasText: 'Loading Keyholder…' }).waitFor();
  release();
  await page.getByRole('heading', { level: 1, name: 'An assessment shared with you' }).waitFor();
  // The app used what was asked for: each file once.
  for (const name of ['keyholder-report.js', 'keyholder-report_bg.wasm', 'report-prose.txt']) {
    assert.equal(requests.filter((p) => p.endsWith(`/${name}`)).length, 1, `${name}: ${requests.join(' ')}`);
  }
  await assertClean(page, problems);
  await page.close();
});

test('the first load\'s glue and the snippet it imports are asked for together, each once', async () => {
  const { page, problems } = await browser.newPage('__blank__');
  // The glue is held back: the snippet it imports (wasm-bindgen's snippets/…/js/report.js) is
  // asked for all the same, from index.html's preloads, not once the glue has been read.
  const release = await hold(page, 'keyholder-app.js');
  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  const snippet = page.waitForRequest((r) => /\/r\/[0-9a-f]+\/snippets\/[^/]+\/js\/report\.js$/.test(new URL(r.url()).pathname));
  await page.goto(browser.server.url);
  await snippet;
  assert.equal(await page.locator('.kh-app[data-ready]').count(), 0, 'the glue is held back');
  release();
  await appReady(page);
  await page.getByRole('heading', { level: 1, name: /Who holds the keys/ }).waitFor();
  for (const name of ['keyholder-app.js', 'js/report.js', 'keyholder-app_bg.wasm']) {
    assert.equal(requests.filter((p) => p.endsWith(`/${name}`)).length, 1, `${name}: ${requests.join(' ')}`);
  }
  await assertClean(page, problems);
  await page.close();
});

/** "Start now" on the drawn landing, as main.css styles it (its padding), if it shows. */
const styledStart = (page) => page.locator('[data-kh-first="landing"] .kh-start').evaluate((e) => getComputedStyle(e).paddingLeft);

test('the first screen is painted from the HTML alone: with every other file held back, the landing shows styled, and a saved assessment still only the note', async () => {
  const { page, problems } = await browser.newPage('__blank__');
  await recordFrames(page);
  // Every file of the release (boot.js, glue, wasm, stylesheets) waits; only index.html comes.
  const release = await hold(page, 'r/**');
  // ('commit': the held module script holds DOMContentLoaded and load back.)
  await page.goto(browser.server.url + '#/', { waitUntil: 'commit' });
  await page.getByRole('button', { name: 'Start now' }).waitFor();
  assert.equal(await styledStart(page), '28px', 'the inline stylesheet applies');
  // The inline script decides before the paint: a saved assessment shows the note, not the landing.
  await page.evaluate((v) => localStorage.setItem('keyholder.answers', v), readFileSync(join(repoRoot, 'examples', 'mixed-estate.json'), 'utf8'));
  await page.goto(browser.server.url + '__blank__');
  await page.goto(browser.server.url + '#/', { waitUntil: 'commit' });
  await page.getByRole('status').filter({ hasText: 'Loading Keyholder…' }).waitFor();
  assert.deepEqual((await framesSeen(page)).shown, ['note'], 'in no frame did the landing show');
  release();
  await appReady(page);
  await page.getByRole('heading', { level: 1 }).filter({ hasText: /./ }).first().waitFor();
  assert.equal(await page.locator('[data-kh-first], .kh-first-wait').count(), 0);
  await assertClean(page, problems);
  await page.close();
});

/**
 * Records, in every frame drawn from now on (each document anew), which drawn screens show and
 * whether one showed unstyled; read with `framesSeen`.
 */
async function recordFrames(page) {
  await page.addInitScript(() => {
    window.__khFrames = { shown: [], unstyled: [], refused: [] };
    document.addEventListener('securitypolicyviolation', (e) => window.__khFrames.refused.push(e.violatedDirective));
    const look = () => {
      const styled = [...document.styleSheets].some((sheet) => sheet.href?.endsWith('/main.css') || sheet.ownerNode?.hasAttribute('data-kh-first-paint'));
      for (const el of document.querySelectorAll('[data-kh-first], .kh-first-wait')) {
        if (el.offsetHeight === 0) continue;
        const name = el.dataset.khFirst ?? 'note';
        if (!window.__khFrames.shown.includes(name)) window.__khFrames.shown.push(name);
        if (!styled) window.__khFrames.unstyled.push(name);
      }
      requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  });
}
const framesSeen = (page) => page.evaluate(() => window.__khFrames);
for (const [which, allowed] of [['no hash', { script: [], style: [] }], ['only the style\'s hash', 'style']]) {
  test(`under a CSP with ${which} (a deploy config not brought up to date) the page still starts: never unstyled, never misleading`, async () => {
    const inline = inlineHashes(readFileSync(join(distDir, 'index.html'), 'utf8'));
    const csp = strictCsp("'self'", allowed === 'style' ? { script: [], style: inline.style } : allowed);
    const stale = await serve(distDir, { headers: { 'Content-Security-Policy': csp } });
    const page = await browser.context.newPage();
    try {
      await recordFrames(page);
      const refused = allowed === 'style' ? ['script-src-elem'] : ['script-src-elem', 'style-src-elem'];
      const releaseWasm = await holdWasm(page);
      await page.goto(stale.url + '__blank__');
      await page.evaluate((v) => localStorage.setItem('keyholder.answers', v), readFileSync(join(repoRoot, 'examples', 'mixed-estate.json'), 'utf8'));
      // boot.js runs the refused script from its file. Until it has, nothing drawn shows (with the
      // style's hash, the inline stylesheet alone must not show the landing); then a saved
      // assessment gets the note, and the landing never showed.
      const releaseDecision = await hold(page, 'first-screens.js');
      const asked = page.waitForRequest((r) => r.url().endsWith('/first-screens.js'));
      await page.goto(stale.url + '#/', { waitUntil: 'commit' });
      await asked;
      await twoFrames(page);
      assert.deepEqual((await framesSeen(page)).shown, [], 'nothing drawn shows before the script has decided');
      releaseDecision();
      await page.getByRole('status').filter({ hasText: 'Loading Keyholder…' }).waitFor();
      const seen = await framesSeen(page);
      assert.deepEqual(seen.shown, ['note'], 'only the note ever showed');
      assert.deepEqual(seen.unstyled, []);
      assert.deepEqual([...new Set(seen.refused)].sort(), refused, 'what the policy refused');
      // Nothing saved: the drawn landing, styled. (With no hash, main.css alone shows nothing: the
      // page's stylesheet, held back here, is what shows a drawn screen.)
      await page.goto(stale.url + '__blank__');
      await page.evaluate(() => localStorage.clear());
      const releasePage = allowed === 'style' ? null : await hold(page, 'page.css');
      await page.goto(stale.url + '#/', { waitUntil: 'commit' });
      if (releasePage) {
        await page.waitForFunction(() => document.documentElement.hasAttribute('data-kh-decided')
          && [...document.styleSheets].some((sheet) => sheet.href?.endsWith('/main.css')));
        await twoFrames(page);
        assert.deepEqual((await framesSeen(page)).shown, [], 'main.css alone shows no drawn screen');
        releasePage();
      }
      await page.getByRole('button', { name: 'Start now' }).waitFor();
      assert.equal(await styledStart(page), '28px', 'main.css applies');
      // A setting the drawn screens wear, read from the script's file once the page is parsed:
      // dressed as the app will draw it (its top heading an h2), never shown as drawn for none.
      await page.goto(stale.url + '__blank__');
      await page.goto(stale.url + '?heading=2#/');
      await page.getByRole('heading', { level: 2, name: /Who holds the keys/ }).waitFor();
      assert.equal(await drawn(page, 'landing').locator('.kh-app').getAttribute('class'), 'kh-app kh-hl-2');
      assert.equal(await page.locator('[data-kh-first] h1').count(), 0, 'every heading one level down');
      await page.goto(stale.url + '__blank__');
      await page.goto(stale.url + '#/');
      await page.getByRole('button', { name: 'Start now' }).waitFor();
      releaseWasm();
      await appReady(page);
      assert.deepEqual((await framesSeen(page)).unstyled, [], 'no frame showed a drawn screen unstyled');
      await page.getByRole('button', { name: 'Start now' }).click();
      await page.waitForURL(/#\/q\/tenant$/);
      await focusOn(page, 'kh-heading');
      // The app can't take over before the script it hands over to is there: with the script's
      // file held back and the wasm in, the app doesn't start (given two seconds, far more than it
      // takes here); released, it takes over and nothing drawn is left behind.
      await page.goto(stale.url + '__blank__');
      await page.evaluate(() => localStorage.clear());
      const releaseScript = await hold(page, 'first-screens.js');
      const wasm = page.waitForResponse((r) => r.url().endsWith('/keyholder-app_bg.wasm'));
      await page.goto(stale.url + '#/', { waitUntil: 'commit' });
      await (await wasm).finished();
      const early = await page.locator('.kh-app[data-ready]').waitFor({ timeout: 2000 }).then(() => true, () => false);
      assert.equal(early, false, 'the app started before the script it hands over to');
      releaseScript();
      await appReady(page);
      assert.equal(await page.locator('[data-kh-first], .kh-first-wait').count(), 0, 'the drawn screens are gone');
      await page.getByRole('button', { name: 'Start now' }).waitFor();
    } finally {
      await page.close();
      await stale.close();
    }
  });
}

test('on the first question\'s address the question shows while the HTML is still arriving: the landing never shows first', async () => {
  // index.html in two parts: up to the drawn question, then, when the test says, the rest (the
  // question is the :target only once the parser has reached it). Other files from the usual server.
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const cut = html.indexOf('<div data-kh-first="question"');
  assert.ok(cut > 0, 'the drawn question is in index.html');
  let rest;
  const restSent = new Promise((r) => { rest = r; });
  const slow = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    if (path === '/') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ...headersFor('index.html', { inline: inlineHashes(html) }) });
      res.write(html.slice(0, cut));
      await restSent;
      res.end(html.slice(cut));
      return;
    }
    const from = await fetch(browser.server.url + path.slice(1));
    res.writeHead(from.status, Object.fromEntries(from.headers));
    res.end(Buffer.from(await from.arrayBuffer()));
  });
  await new Promise((ok) => slow.listen(0, '127.0.0.1', ok));
  const page = await browser.context.newPage();
  try {
    await page.goto(`http://127.0.0.1:${slow.address().port}/#/q/tenant`, { waitUntil: 'commit' });
    await page.waitForFunction(() => document.querySelector('[data-kh-first="landing"] .kh-start'));
    assert.equal(await drawn(page, 'landing').isVisible(), false, 'the landing is parsed and not shown');
    rest();
    await page.getByRole('heading', { level: 1, name: /About your tenant/ }).waitFor();
    assert.equal(await drawn(page, 'landing').isVisible(), false);
    await appReady(page);
  } finally {
    rest();
    await page.close();
    await new Promise((ok) => slow.close(ok));
  }
});
