// The report module: the report (engine, rules, report screen, exports) is a second wasm module,
// fetched from the release folder only when a report is first shown. The questionnaire never
// loads it; a failed fetch says so, keeps the answers and tries again; and the two Yew apps (one
// per module, sharing the page) never take each other's clicks — in the page and in a script
// embed, whose links inside the report stay in the widget's own router.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { join } from 'node:path';
import { test, launch, appReady, assertClean, focusOn, waitForText, repoRoot, guard } from './harness.mjs';
import { serveEmbed } from './embed-servers.mjs';

let browser;
let embed;
before(async () => { browser = await launch(); embed = await serveEmbed(); });
after(async () => { await embed?.close(); await browser?.close(); });

const KEY = 'keyholder.answers';
const mixed = readFileSync(join(repoRoot, 'examples', 'mixed-estate.json'), 'utf8');
const isModule = (url) => /keyholder-report(_bg\.wasm|\.js)(\?|$)/.test(url);

test('the report module is fetched from the release folder only when a report is first shown; a failed fetch says so, keeps the answers and retries', async () => {
  const { page, problems } = await browser.newPage('__blank__');
  const fetched = [];
  page.on('request', (r) => { if (isModule(r.url())) fetched.push(r.url()); });
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, mixed]);
  await page.goto(browser.server.url + '#/');
  await appReady(page);
  await page.getByRole('button', { name: /Continue|Start now/ }).first().waitFor();
  await page.goto(browser.server.url + '#/check');
  await page.getByRole('heading', { level: 1, name: 'Check your answers' }).waitFor();
  assert.deepEqual(fetched, [], 'the landing page and the questionnaire never load the report module');

  // The wasm fails once: the page says so, offers to try again, and the answers stay.
  await page.route('**/keyholder-report_bg.wasm*', (route) => route.abort());
  await page.getByRole('link', { name: 'Report', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'We can\'t show the report just now' }).waitFor();
  await waitForText(page.getByRole('alert'), /the report could not be loaded\. Nothing you answered is lost/);
  await focusOn(page, 'kh-heading');
  const names = (text) => JSON.parse(text).environments.map((e) => e.name);
  assert.deepEqual(names(await page.evaluate((k) => localStorage.getItem(k), KEY)), names(mixed));

  await page.unroute('**/keyholder-report_bg.wasm*');
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your sovereignty report' }).waitFor();
  await focusOn(page, 'kh-heading');
  const release = /\/r\/[0-9a-f]{16}\/keyholder-report(_bg\.wasm|\.js)(\?attempt=\d+)?$/;
  assert.ok(fetched.every((u) => release.test(u)), fetched.join('\n'));
  assert.ok(fetched.filter((u) => u.includes('_bg.wasm')).length === 2, `the wasm asked for twice: ${fetched.join('\n')}`);

  // Two Yew apps share the page: each marks its own elements with its own number.
  const [outer, inner] = await page.evaluate(() => [
    document.querySelector('.kh-app').parentElement.__yew_subtree_id, document.querySelector('.kh-report-host').__yew_subtree_id]);
  assert.ok(Number.isInteger(outer) && Number.isInteger(inner) && outer !== inner, `app ${outer}, report ${inner}`);
  // A control inside the report is the report's (the what-if), a link in it goes to the app's
  // page, and the app's own controls around it still work.
  await page.getByLabel('Include in the what-if').first().check();
  await page.locator('#kh-whatif-figure').waitFor();
  await page.getByRole('link', { name: 'Back to your answers' }).click();
  await page.getByRole('heading', { level: 1, name: 'Check your answers' }).waitFor();
  await page.getByRole('link', { name: 'Report', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Your sovereignty report' }).waitFor();
  assert.equal(fetched.filter((u) => u.includes('_bg.wasm')).length, 2, 'shown again without fetching again');
  await page.getByRole('link', { name: 'Your assessment' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your assessment' }).waitFor();

  const refused = problems.filter((p) => p.includes('keyholder-report') || p.includes('net::ERR_FAILED') || p.includes('WebAssembly'));
  assert.ok(refused.length <= 2, refused.join('\n'));
  await assertClean(page, problems.filter((p) => !refused.includes(p)));
  await page.close();
});

test('in a script embed the report\'s links stay in the widget: the host\'s address never changes', async () => {
  const json = JSON.stringify(JSON.parse(mixed), (_, v) => (v === null ? undefined : v));
  const payload = '1' + deflateRawSync(Buffer.from(json)).toString('base64url');
  const page = await browser.context.newPage();
  const problems = await guard(page, [embed.hostOrigin, embed.widgetOrigin]);
  await page.goto(`${embed.hostOrigin}/script.html#/share/${payload}`);
  const host = page.locator('#keyholder-inline');
  await host.getByRole('button', { name: 'Make it mine' }).click();
  await host.getByRole('heading', { name: 'Your sovereignty report' }).waitFor();
  const [url, length] = await page.evaluate(() => [location.href, history.length]);
  await host.getByRole('link', { name: 'Back to your answers' }).click();
  await host.getByRole('heading', { name: 'Check your answers' }).waitFor();
  await focusOn(page, 'kh-heading');
  assert.deepEqual(await page.evaluate(() => [location.href, history.length]), [url, length]);
  await assertClean(page, problems);
  await page.close();
});
