// Shared fixture for every browser test: Debian Chromium driven by playwright-core, the release
// dist/ on a loopback static server, and guards that fail a test when the page requests anything
// outside its own origin, logs a console error, throws, or trips the Content-Security-Policy.
import { chromium } from 'playwright-core';
import { test as nodeTest } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { serve } from './server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = join(here, '..', '..');
/** The release build under test; `KH_DIST` points elsewhere (e.g. a second build in the update test). */
export const distDir = process.env.KH_DIST ?? join(repoRoot, 'dist');
/** Screenshots, PDFs and downloads land here; git ignores it. */
export const outputDir = join(repoRoot, 'test-output');
mkdirSync(outputDir, { recursive: true });

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/**
 * Starts a server on dist/ and a fresh Chromium profile. Returns helpers; call `close()` in `after`.
 */
export async function launch({ serverOptions } = {}) {
  const server = await serve(distDir, serverOptions);
  const userDataDir = mkdtempSync(join(tmpdir(), 'keyholder-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  record(context);
  return {
    server,
    context,
    /**
     * Opens a guarded page (see `guard`) on an empty local storage: tests share one browser
     * profile, and each must start as a first-time visitor.
     */
    async newPage(path = '') {
      const page = await context.newPage();
      // Clear storage from a same-origin page that isn't the app (the server's empty `__blank__`),
      // so no app code can race to autosave between the clear and the first load.
      await page.goto(server.url + '__blank__');
      await page.evaluate(() => localStorage.clear());
      const problems = await guard(page, new URL(server.url).origin);
      await page.goto(server.url + path);
      return { page, problems };
    },
    async close() {
      await context.close();
      await server.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Records every request to another origin, console error, uncaught exception and CSP violation.
 * Returns the live list; `assertClean(problems)` fails the test if anything landed in it.
 */
export async function guard(page, origin) {
  const problems = [];
  const allowed = [origin].flat();
  page.on('request', (req) => {
    const url = req.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (!allowed.includes(new URL(url).origin)) problems.push(`foreign request: ${url}`);
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`uncaught: ${err.message}`));
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`http ${res.status()}: ${res.url()}`);
  });
  // CSP violations are not always console errors; count them from inside the page, from the
  // first script on (init scripts run before the document's own and aren't subject to its CSP).
  await page.addInitScript(() => {
    window.__khCsp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__khCsp.push(`${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber} ${e.sample}`));
  });
  return problems;
}

/** Fails with every recorded problem listed, including CSP violations seen by the page and its frames. */
export async function assertClean(page, problems) {
  const csp = [];
  for (const frame of page.frames()) {
    csp.push(...await frame.evaluate(() => window.__khCsp || []).catch(() => []));
  }
  assert.deepEqual([...problems, ...csp.map((v) => `csp violation: ${v}`)], []);
}

/** Runs axe-core on the current page; fails listing each violation and its first target. */
export async function assertAccessible(page, label) {
  const results = await new AxeBuilder({ page }).analyze();
  const found = results.violations.map(
    (v) => `${label}: ${v.id} (${v.impact}) ${v.help} @ ${v.nodes[0]?.target?.join(' ')}`);
  assert.deepEqual(found, []);
}

/** Waits until the Yew app has taken over: its frame carries the `data-ready` mark. */
export async function appReady(page) {
  await page.waitForSelector('.kh-app[data-ready] main', { timeout: 15000 });
}

/** Saves a screenshot into test-output/. */
export async function screenshot(page, name, options = {}) {
  await page.screenshot({ path: join(outputDir, `${name}.png`), fullPage: true, ...options });
}

// --- Evidence of a failure ------------------------------------------------------------------------
// Every page of every context launched here keeps its console; when a test made with `test` below
// fails, each open page leaves a screenshot and that console in test-output/failures/<test>/.
const contexts = new Set();
const consoles = new WeakMap();

/** Starts recording the console of every page `context` opens (its own and those of its frames). */
export function record(context) {
  contexts.add(context);
  context.on('close', () => contexts.delete(context));
  const watch = (page) => {
    const lines = [];
    consoles.set(page, lines);
    const stamp = () => new Date().toISOString().slice(11, 23);
    page.on('console', (m) => lines.push(`${stamp()} ${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => lines.push(`${stamp()} uncaught: ${e.message}`));
    page.on('framenavigated', (f) => lines.push(`${stamp()} navigated${f === page.mainFrame() ? '' : ' (frame)'}: ${f.url()}`));
    page.on('requestfailed', (r) => lines.push(`${stamp()} request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  };
  context.pages().forEach(watch);
  context.on('page', watch);
}

const slug = (name) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80);

const openPages = () => [...contexts].flatMap((c) => c.pages());

async function keepEvidence(name, error, earlier) {
  const dir = join(outputDir, 'failures', slug(name));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'error.txt'), `${error?.stack ?? error}\n`);
  let n = 0;
  for (const page of openPages().filter((p) => !earlier.has(p))) {
    n += 1;
    const lines = consoles.get(page) ?? [];
    writeFileSync(join(dir, `page-${n}-console.txt`), [`url: ${page.url()}`, ...lines].join('\n') + '\n');
    await page.screenshot({ path: join(dir, `page-${n}.png`), fullPage: true, timeout: 5000 }).catch(() => {});
  }
  process.stderr.write(`  evidence of the failure kept in ${dir}\n`);
}

/**
 * `node:test`'s `test`, plus evidence on failure: every page the test opened (pages stay open
 * until their context closes) is photographed, with its console, before the failure is reported.
 */
export function test(name, options, fn) {
  const body = typeof options === 'function' ? options : fn;
  const opts = typeof options === 'function' ? {} : options;
  return nodeTest(name, opts, async (t) => {
    const earlier = new Set(openPages());
    try {
      await body(t);
    } catch (error) {
      await keepEvidence(name, error, earlier);
      throw error;
    }
  });
}

// --- Waiting for conditions -----------------------------------------------------------------------
// The app reacts to an action on a later frame (a route change renders, then an effect moves focus
// and sets the title; autosave runs in an effect). Tests wait for the condition, never assert at
// once and never sleep.

/** Waits until the element with `id` has focus (in the page, or inside a script embed's shadow root). */
export async function focusOn(page, id, timeout = 10000) {
  await page.waitForFunction((want) => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el?.id === want;
  }, id, { timeout }).catch(async () => {
    const now = await page.evaluate(() => {
      const el = document.activeElement;
      return el ? `${el.tagName.toLowerCase()}#${el.id} "${(el.textContent || '').trim().slice(0, 40)}"` : 'nothing';
    });
    assert.fail(`focus never reached #${id} (it is on ${now}) at ${page.url()}`);
  });
}

/**
 * Holds back the requests whose path ends in `path` (a glob: `r/**` is every file of a release)
 * until the returned `release()` is called.
 */
export async function hold(page, path) {
  let release;
  const gate = new Promise((r) => { release = r; });
  // (A request of a page navigated away meanwhile can no longer be continued: nothing to do.)
  await page.route(`**/${path}`, async (route) => { await gate; await route.continue().catch(() => {}); });
  return release;
}

/** Holds the first load's wasm until `release()` is called. */
export const holdWasm = (page) => hold(page, 'keyholder-app_bg.wasm');

/**
 * Presses Tab until `predicate` (run in the page) holds for the focused element; fails after
 * `limit` presses. After each press it waits for the focus to have moved before testing it.
 */
export async function tabTo(page, predicate, limit = 40) {
  for (let i = 0; i < limit; i++) {
    await page.evaluate(() => { window.__khTabFrom = document.activeElement; });
    await page.keyboard.press('Tab');
    await page.waitForFunction(() => document.activeElement !== window.__khTabFrom, null, { timeout: 5000 });
    if (await page.evaluate(predicate)) return;
  }
  assert.fail(`no element answering ${predicate} within ${limit} Tab presses`);
}

/** Waits until `locator`'s text matches `pattern`; returns the text, or fails showing the last text seen. */
export async function waitForText(locator, pattern, timeout = 10000) {
  try {
    await locator.filter({ hasText: pattern }).first().waitFor({ timeout });
  } catch {
    const last = await locator.first().innerText({ timeout: 1000 }).catch(() => '(not on the page)');
    assert.fail(`text never matched ${pattern}; last seen: ${JSON.stringify(last.slice(0, 400))}`);
  }
  return locator.filter({ hasText: pattern }).first().innerText();
}

/** Waits until the answers saved in localStorage satisfy `predicate(parsed)`; returns them. */
export async function waitForStored(page, predicate, key = 'keyholder.answers', timeout = 10000) {
  const deadline = Date.now() + timeout;
  let raw = null;
  for (;;) {
    raw = await page.evaluate((k) => localStorage.getItem(k), key);
    let parsed;
    try { parsed = raw === null ? null : JSON.parse(raw); } catch { parsed = undefined; }
    if (predicate(parsed, raw)) return parsed;
    if (Date.now() > deadline) assert.fail(`saved answers never reached the expected state; last: ${String(raw).slice(0, 300)}`);
    await page.waitForTimeout(50); // poll interval
  }
}
