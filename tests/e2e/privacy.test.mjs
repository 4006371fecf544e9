// Privacy and trust on Keyholder's own page: the URL can't dress the genuine origin up as someone
// else (brand, call to action, theme count only in an embed), and the user can delete their
// answers from this browser, after a confirmation.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { join } from 'node:path';
import { test, focusOn, launch, assertClean, assertAccessible, repoRoot } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** A share-link payload, made the way the app makes one (raw DEFLATE of the JSON without nulls). */
function payload(answers) {
  const json = JSON.stringify(answers, (_, v) => (v === null ? undefined : v));
  return '1' + deflateRawSync(Buffer.from(json)).toString('base64url');
}
const mixed = JSON.parse(readFileSync(join(repoRoot, 'examples', 'mixed-estate.json'), 'utf8'));

test('the top-level page takes no brand, call to action, classification or theme from its URL', async () => {
  const query = '?brand=Evil&cta=Click&cta-href=https%3A%2F%2Fevil.example&classification=Evil+Corp'
    + '&accent=%23ff0000&parent=https%3A%2F%2Fevil.example&notify=verdicts';
  const { page, problems } = await browser.newPage(`${query}#/share/${payload(mixed)}`);
  await page.getByRole('button', { name: 'Make it mine' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your sovereignty report' }).waitFor();
  const text = await page.locator('body').innerText();
  assert.doesNotMatch(text, /Evil|Click/);
  assert.doesNotMatch(text, /shares your two headline figures/);
  assert.equal(await page.locator('a[href*="evil.example"]').count(), 0);
  assert.equal(await page.locator('.kh-brand').innerText(), 'Keyholder');
  assert.notEqual(await page.locator('.kh-header').evaluate((e) => getComputedStyle(e).backgroundColor), 'rgb(255, 0, 0)');
  assert.equal(await page.getByLabel('Evil Corp').count(), 0, 'no classification preset');
  await assertClean(page, problems);
  await page.close();
});

test('Delete my answers from this browser asks first, then clears storage and memory and returns to the landing page', async () => {
  const { page, problems } = await browser.newPage(`#/share/${payload(mixed)}`);
  await page.getByRole('button', { name: 'Make it mine' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your sovereignty report' }).waitFor();
  await page.waitForFunction(() => localStorage.getItem('keyholder.answers') !== null);
  const region = page.getByRole('region', { name: 'Your answers in this browser' });
  assert.match(await region.innerText(), /Nothing you enter is sent anywhere/);
  // Asked first; "No" changes nothing.
  await region.getByRole('button', { name: 'Delete my answers from this browser' }).click();
  await region.getByRole('heading', { name: 'Delete your answers?' }).waitFor();
  await focusOn(page, 'kh-confirm-title');
  await assertAccessible(page, 'report, confirming deletion');
  const before = await page.evaluate(() => localStorage.getItem('keyholder.answers'));
  await region.getByRole('button', { name: 'No, keep them' }).click();
  await region.getByRole('button', { name: 'Delete my answers from this browser' }).waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem('keyholder.answers')), before, '"No" keeps the saved answers');
  assert.equal(await page.getByRole('heading', { level: 1, name: 'Your sovereignty report' }).count(), 1, '"No" stays on the report');
  await region.getByRole('button', { name: 'Delete my answers from this browser' }).click();
  await region.getByRole('button', { name: 'Yes, delete my answers' }).click();
  // Back on the landing page, told it is done, as a first-time visitor.
  await page.getByRole('heading', { name: 'Your answers have been deleted' }).waitFor();
  await page.getByRole('button', { name: 'Start now' }).waitFor();
  await page.waitForURL(/#\/$/);
  assert.equal(await page.evaluate(() => localStorage.getItem('keyholder.answers')), null);
  assert.equal(await page.getByRole('navigation', { name: 'Assessment' }).count(), 0, 'no answers in memory either');
  await assertAccessible(page, 'landing after deletion');
  // The message goes once the user moves on.
  await page.getByRole('button', { name: 'Start now' }).click();
  await page.getByText(/page 1 of/).waitFor();
  await page.goBack();
  await page.getByRole('button', { name: 'Start now' }).waitFor();
  assert.equal(await page.getByRole('heading', { name: 'Your answers have been deleted' }).count(), 0);
  await assertClean(page, problems);
  await page.close();
});
