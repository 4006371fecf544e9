// A benchmark, not a test: when a script embed's first screen shows on an emulated phone, beside
// when the app is ready and beside a static page. `../shared/perf` can't time it: its observer
// looks for the marker in the top document, and the widget draws in a shadow root.
//
//   node scripts/embed_timing.mjs DIST [ROUNDS]     (DIST: a release build, e.g. dist/; 7 rounds)
//
// It serves a copy of DIST with two host pages beside it — one with a script embed (the sample
// host page's settings, examples/embed/script.html) and one static page of the same text without
// it — through ../shared/perf/serve.mjs with gzip, and visits each in turn, cache cleared and
// disabled, under the harness's phone profile (150 ms round trip, 1.6 Mbit/s down, CPU 4× slower).
// In the page, a task polled each animation frame notes (ms since navigation start):
// - `static`: the host page's heading laid out (the page without the widget);
// - `drawn`: the widget's drawn landing shown (first-screens.js, before the wasm);
// - `ready`: the app's root marked `data-ready` (it has taken over), and shown.
// Animation-frame times, not Element Timing (which doesn't report elements in a shadow root):
// the same clock for all three, a frame or so before the paint itself.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const [dist, rounds = '7'] = process.argv.slice(2);
if (!dist) {
  console.error('usage: node scripts/embed_timing.mjs DIST [ROUNDS]');
  process.exit(2);
}
const root = mkdtempSync(join(tmpdir(), 'kh-embed-timing-'));
cpSync(resolve(dist), root, { recursive: true });
const text = '<h1>Contoso Advisory</h1><p>Independent advice on Microsoft cloud sovereignty.</p><h2>Check your estate</h2>';
const head = '<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>host</title><link rel="icon" href="data:,">';
writeFileSync(join(root, 'host-static.html'), `${head}</head><body>${text}</body></html>`);
writeFileSync(join(root, 'host-script.html'), `${head}<script type="module" src="boot.js"></script></head><body>${text}
<div data-keyholder id="kh" data-brand="Contoso Advisory" data-accent="#7a1f5c" data-heading="3" data-cta="Talk to us about your keys" data-cta-href="https://contoso.example/contact"></div></body></html>`);

const server = spawn(process.execPath, [resolve('../shared/perf/serve.mjs'), '--root', root, '--port', '0', '--gzip'], { stdio: ['ignore', 'pipe', 'inherit'] });
const base = await new Promise((done) => server.stdout.once('data', (d) => done(String(d).split('\n')[0].trim())));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true });
const context = await browser.newContext({ viewport: { width: 412, height: 915 } });

/** Notes each moment once, polled every animation frame from the first script on. */
const watch = () => {
  const seen = (window.__kh = {});
  const shadow = () => document.querySelector('[data-keyholder]')?.shadowRoot;
  const shown = (el) => el && el.checkVisibility() && el.getBoundingClientRect().height > 0;
  const tick = () => {
    const now = performance.now();
    if (!seen.static && shown(document.querySelector('h1'))) seen.static = now;
    const drawn = shadow()?.querySelector('[data-kh-first] .kh-app');
    if (!seen.drawn && shown(drawn)) seen.drawn = now;
    // (Shown as well: where the stylesheet comes after the wasm, it shows the app a little later.)
    if (!seen.ready && shown(shadow()?.querySelector('.kh-app[data-ready]'))) seen.ready = now;
    if (!seen.ready || !seen.static) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
};

async function visit(file, wanted) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.clearBrowserCache');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.addInitScript(watch);
  await page.goto(`${base}${file}`);
  await page.waitForFunction((keys) => keys.every((k) => window.__kh[k]), wanted, { timeout: 60000, polling: 100 });
  const seen = await page.evaluate(() => window.__kh);
  await page.close();
  return seen;
}

const samples = { static: [], drawn: [], ready: [] };
try {
  for (let i = 0; i < Number(rounds); i++) {
    samples.static.push((await visit('host-static.html', ['static'])).static);
    const embed = await visit('host-script.html', ['static', 'drawn', 'ready']);
    samples.drawn.push(embed.drawn);
    samples.ready.push(embed.ready);
  }
} finally {
  await browser.close();
  server.kill();
  rmSync(root, { recursive: true, force: true });
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const floor = median(samples.static);
console.log(`script embed on an emulated phone, ${rounds} rounds, medians (ms since navigation start):`);
for (const [name, xs] of Object.entries(samples)) {
  console.log(`  ${name.padEnd(7)} ${Math.round(median(xs)).toString().padStart(6)}  ${(median(xs) / floor).toFixed(2)}× static  (${xs.map(Math.round).join(', ')})`);
}
