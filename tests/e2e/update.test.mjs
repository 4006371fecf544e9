// An update deployed while a tab is open: release A is served, a user answers a few questions,
// release B (the same app with a bumped rules version) is deployed into the same folder the way
// deploy/README.md says (new release folder first, entry points last, old folders kept). The open
// tab keeps working (more answers, then the report), A's files still answer what a lazy load of A would ask for, a
// cached index.html of A still starts A, and a reload gets B with the answers kept.
//
// Release B, by default (cheap, < 1 s): A's build with the rules version patched in the wasm
// (same length) and the real post_build step (scripts/release_layout.py) run again — a new
// release folder, as a rebuild makes one. What that doesn't exercise: a B whose glue differs
// from A's. For that, a real rebuild (a copy of the workspace with the version bumped in the
// data file; ~30 s once warm, ~2 min the first time on a machine, so not in `make test`):
//   bash scripts/build_release_b.sh /tmp/keyholder-dist-b
//   KH_DIST_B=/tmp/keyholder-dist-b node --test tests/e2e/update.test.mjs
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, launch, guard, appReady, assertClean, repoRoot, distDir } from './harness.mjs';
import { serve } from './server.mjs';
import { IMMUTABLE } from './headers.mjs';

const KEY = 'keyholder.answers';
const ENTRY_POINTS = ['index.html', 'boot.js', 'keyholder-embed.js'];

/** The release folder a build's entry point names. */
const releaseOf = (dist) => readFileSync(join(dist, 'boot.js'), 'utf8').match(/\.\/r\/([0-9a-f]+)\/boot\.js/)[1];
/** The version B carries: A's with its last digit changed, so it has the same length. */
const bump = (v) => v.slice(0, -1) + ((Number(v.at(-1)) + 1) % 10);
const versionA = JSON.parse(readFileSync(join(repoRoot, 'crates', 'engine', 'data', 'catalogue.json'), 'utf8')).version;
const versionB = bump(versionA);

/** A's build with the rules version patched in the wasm, laid out again by the real post_build step. */
function synthesizeB(distA) {
  const stage = mkdtempSync(join(tmpdir(), 'keyholder-release-b-'));
  const rel = releaseOf(distA);
  // Undo the layout: the release folder's files (its boot.js is the source boot.js) and
  // index.html as Trunk wrote it.
  cpSync(join(distA, 'r', rel), stage, { recursive: true });
  writeFileSync(join(stage, 'index.html'), readFileSync(join(distA, 'index.html'), 'utf8').replaceAll(`./r/${rel}/`, './'));
  const [from, to] = [Buffer.from(versionA), Buffer.from(versionB)];
  let hits = 0;
  // The version is in the report module (and wherever else the first load shows it).
  for (const name of ['keyholder-app_bg.wasm', 'keyholder-report_bg.wasm']) {
    const wasmPath = join(stage, name);
    const wasm = readFileSync(wasmPath);
    for (let at = wasm.indexOf(from); at !== -1; at = wasm.indexOf(from, at + from.length)) {
      to.copy(wasm, at);
      hits += 1;
    }
    writeFileSync(wasmPath, wasm);
  }
  assert.ok(hits > 0, `rules version ${versionA} (crates/engine/data/catalogue.json) not found in ${distA}'s wasm: rebuild it`);
  execFileSync('python3', [join(repoRoot, 'scripts', 'release_layout.py'), stage], { stdio: 'pipe' });
  return stage;
}

/** Deploys `dist` into `served` as deploy/README.md says: release folder(s) first, entry points last. */
function deploy(dist, served) {
  for (const rel of readdirSync(join(dist, 'r'))) {
    cpSync(join(dist, 'r', rel), join(served, 'r', rel), { recursive: true, force: false, errorOnExist: false });
  }
  for (const name of ENTRY_POINTS) cpSync(join(dist, name), join(served, name));
}

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

let browser;
let server;
let served;
let distB;
let synthesized = false;

before(async () => {
  served = mkdtempSync(join(tmpdir(), 'keyholder-served-'));
  deploy(distDir, served); // release A
  if (process.env.KH_DIST_B) distB = process.env.KH_DIST_B;
  else { distB = synthesizeB(distDir); synthesized = true; }
  server = await serve(served);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(served, { recursive: true, force: true });
  if (synthesized) rmSync(distB, { recursive: true, force: true });
});

/** The rules version the report on screen was made with. */
async function reportVersion(page) {
  await page.locator('.kh-report').waitFor();
  const about = await page.locator('.kh-about').innerText();
  return about.match(/Rules version (\S+);/)?.[1];
}

/** Same-origin files the page has loaded (the document itself excluded). */
const loaded = (page) => page.evaluate(() => performance.getEntriesByType('resource')
  .map((e) => new URL(e.name)).filter((u) => u.origin === location.origin).map((u) => u.pathname.slice(1)));

test('a tab open across an update keeps working to the report, and a reload gets the new release with the answers kept', async () => {
  const relA = releaseOf(distDir);
  const relB = releaseOf(distB);
  assert.notEqual(relB, relA, 'a new build gets a new release folder');

  const page = await browser.context.newPage();
  const problems = await guard(page, new URL(server.url).origin);
  await page.goto(server.url);
  await appReady(page);
  await page.getByRole('button', { name: 'Start now' }).click();
  // A few answers in release A, autosaved.
  await page.locator('#kh-heading', { hasText: 'About your tenant' }).waitFor();
  await page.getByLabel('Commercial (worldwide)', { exact: true }).check();
  await page.locator('select.kh-select').first().selectOption({ label: 'Europe' });
  await page.waitForFunction((k) => /europe/i.test(localStorage.getItem(k) ?? ''), KEY);
  const filesA = await loaded(page);
  assert.ok(filesA.length >= 3 && filesA.every((f) => f.startsWith(`r/${relA}/`)), `A loads only its release folder: ${filesA}`);

  deploy(distB, served);

  // What a lazy load of the open tab would fetch: A's own bytes, still immutable, not B's.
  const fetched = await page.evaluate(async (files) => Promise.all(files.map(async (f) => {
    const res = await fetch(f, { cache: 'no-store' });
    const digest = await crypto.subtle.digest('SHA-256', await res.arrayBuffer());
    return [f, res.status, res.headers.get('cache-control'), [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')];
  })), filesA);
  for (const [f, status, cache, digest] of fetched) {
    assert.deepEqual([status, cache, digest], [200, IMMUTABLE, sha256(readFileSync(join(distDir, f)))], `A's ${f} after the update`);
  }

  // The open tab carries on in release A: more answers, a list item, then the report.
  await page.getByLabel('No residency requirement', { exact: true }).check();
  await page.getByLabel('None of these', { exact: true }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.locator('#kh-heading', { hasText: /environment/i }).waitFor();
  await page.locator('#kh-add-env').fill('Update test CRM');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.locator('.kh-list-name', { hasText: 'Update test CRM' }).waitFor();
  await page.waitForFunction((k) => (localStorage.getItem(k) ?? '').includes('Update test CRM'), KEY);
  await page.getByRole('link', { name: 'Report', exact: true }).click();
  assert.equal(await reportVersion(page), versionA, 'the open tab still runs release A');
  const saved = await page.evaluate((k) => JSON.parse(localStorage.getItem(k)), KEY);
  await assertClean(page, problems);

  // A reload gets release B, which reads the answers saved by A.
  await page.reload();
  await appReady(page);
  assert.equal(await reportVersion(page), versionB, 'the reload runs release B');
  const filesB = await loaded(page);
  assert.ok(filesB.length >= 3 && filesB.every((f) => f.startsWith(`r/${relB}/`)), `B loads only its release folder: ${filesB}`);
  assert.deepEqual(await page.evaluate((k) => JSON.parse(localStorage.getItem(k)), KEY), saved, 'B keeps the answers A saved');
  await page.getByRole('link', { name: 'Back to your answers' }).click();
  await page.getByRole('heading', { level: 1, name: 'Check your answers' }).waitFor();
  const summary = await page.locator('main').innerText();
  for (const text of ['Commercial (worldwide)', 'Europe', 'No residency requirement', 'Update test CRM']) {
    assert.ok(summary.includes(text), `B shows A's answer "${text}"`);
  }
  await assertClean(page, problems);
  await page.close();
});

test('a cached index.html of the old release still starts the old release, whole, after the update', async () => {
  // A browser or CDN that still holds A's index.html (e.g. within a stale-while-revalidate
  // window): it names A's release folder, which the deploy kept, so glue, wasm and CSS match.
  const staleHtml = readFileSync(join(distDir, 'index.html'));
  const page = await browser.context.newPage();
  const problems = await guard(page, new URL(server.url).origin);
  await page.route(server.url, async (route) => route.fulfill({ response: await route.fetch(), body: staleHtml }));
  await page.goto(`${server.url}#/report`);
  await appReady(page);
  assert.equal(await reportVersion(page), versionA);
  assert.ok((await loaded(page)).every((f) => f.startsWith(`r/${releaseOf(distDir)}/`)));
  await assertClean(page, problems);
  await page.close();
});
