// Smoke test of the release build: the landing page renders, is accessible, loads nothing foreign.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { test, launch, appReady, assertClean, assertAccessible, screenshot } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('landing page explains both questions, promises privacy and offers Start', async () => {
  const { page, problems } = await browser.newPage();
  await appReady(page);
  const h1 = page.locator('h1');
  assert.equal(await h1.count(), 1, 'exactly one h1');
  assert.match(await h1.innerText(), /who holds the keys/i);
  const text = await page.locator('main').innerText();
  assert.match(text, /Key control/);
  assert.match(text, /Data residency/);
  assert.match(text, /Nothing you enter is sent anywhere/);
  assert.match(text, /What you will need/);
  const start = page.getByRole('button', { name: /start/i });
  assert.ok(await start.isVisible(), 'Start button visible');
  for (const role of ['banner', 'main', 'contentinfo']) {
    assert.equal(await page.getByRole(role).count(), 1, `one ${role} landmark`);
  }
  await assertAccessible(page, 'landing');
  await screenshot(page, 'landing-desktop');
  await page.setViewportSize({ width: 360, height: 800 });
  await screenshot(page, 'landing-phone');
  await assertClean(page, problems);
});

test('keyboard users see where focus is on the Start button', async () => {
  const { page, problems } = await browser.newPage();
  await appReady(page);
  const start = page.getByRole('button', { name: /start/i });
  await start.focus();
  const outline = await start.evaluate((el) => getComputedStyle(el).outlineStyle);
  assert.notEqual(outline, 'none', 'visible focus indicator');
  await assertClean(page, problems);
});
