// Asking less (issue 14), each point in a real browser: a "Select all that apply" group with
// "None of these" and "I'm not sure which", copying another environment's answers, the linked
// environment asked like any decisive question, and scale units answered beside their names.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, launch, appReady, assertClean, assertAccessible, focusOn, repoRoot, waitForStored, waitForText } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const KEY = 'keyholder.answers';
const estate = readFileSync(join(repoRoot, 'tests', 'e2e', 'fixtures', 'issue-14-estate.json'), 'utf8');

/** A page whose browser holds `answers` (an object), opened at `route`. */
async function withAnswers(answers, route) {
  const { page, problems } = await browser.newPage('__blank__');
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, JSON.stringify(answers)]);
  await page.goto(browser.server.url + route);
  await appReady(page);
  await page.locator('#kh-heading').waitFor();
  return { page, problems };
}

test('a "Select all that apply" group: ticks, "None of these", "I\'m not sure which" with where to look, and its error', async () => {
  const { page, problems } = await browser.newPage();
  await appReady(page);
  await page.getByRole('button', { name: 'Start now' }).click();
  await page.waitForURL(/#\/q\/tenant$/);
  const group = page.getByRole('group', { name: 'Which of these do you use besides Power Platform environments?' });
  // Nothing ticked: the group has its own message, linked from the summary to its first box.
  await page.getByRole('button', { name: 'Continue' }).click();
  await focusOn(page, 'kh-error-summary');
  const message = page.locator('#kh-error-summary a', { hasText: 'Select all that apply' });
  await message.click();
  await page.waitForFunction(() => document.activeElement?.id === 'q-fno-used')
    .catch(() => assert.fail('the group\'s error link never focused its first box'));
  // A tick is a "yes" at once; the others stay unanswered until Continue.
  await group.getByLabel(/^Finance and operations apps/).check();
  await waitForStored(page, (a) => a?.finance_operations?.used === 'yes' && a.business_central.used === null);
  // "None of these" clears the ticks: every box is a "no".
  await group.getByLabel('None of these').check();
  await waitForStored(page, (a) => a?.finance_operations?.used === 'no' && a.business_central.used === 'no' && a.finance_operations.hr_standalone === 'no');
  assert.equal(await group.getByLabel(/^Finance and operations apps/).isChecked(), false);
  // "I'm not sure which": every box left clear is "I don't know", and where to look is shown.
  await group.getByLabel(/I'm not sure which/).check();
  await waitForStored(page, (a) => a?.finance_operations?.used === 'unknown' && a.business_central.used === 'unknown');
  assert.equal(await group.getByLabel('None of these').isChecked(), false);
  const guide = group.locator('.kh-how-to-check');
  await waitForText(guide, /Business Central online: Business Central admin center/);
  // Ticking one box keeps the others unknown: the reader still learns where to look for them.
  await group.getByLabel('Business Central online').check();
  await waitForStored(page, (a) => a?.business_central?.used === 'yes' && a.finance_operations.used === 'unknown');
  assert.ok(await group.getByLabel(/I'm not sure which/).isChecked());
  await assertAccessible(page, 'checkbox group, not sure');
  // The rest of the page answered, Continue moves on.
  await page.getByLabel('Commercial (worldwide)').check();
  await page.locator('select').first().selectOption({ label: 'Europe' });
  await page.getByLabel('No residency requirement').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(/#\/q\/list-env$/);
  await assertClean(page, problems);
});

test('a later environment can start from an earlier one\'s answers, then change what differs', async () => {
  const answers = JSON.parse(estate);
  const sandbox = answers.environments[1];
  for (const k of Object.keys(sandbox)) if (!['id', 'name', 'apps'].includes(k)) sandbox[k] = null;
  for (const k of Object.keys(sandbox.apps)) sandbox.apps[k] = null;
  const { page, problems } = await withAnswers(answers, '#/q/env-2-setup');
  // The second environment offers every other one to start from.
  const copy = page.getByLabel("Start from another environment's answers (optional)");
  assert.deepEqual((await copy.locator('option').allInnerTexts()).map((t) => t.trim()), ['Prod', 'Dev']);
  await page.getByRole('button', { name: 'Copy its answers' }).click();
  const status = page.getByRole('status').filter({ hasText: 'Same answers as “Prod”' });
  await status.waitFor();
  const saved = await waitForStored(page, (a) => a?.environments?.[1]?.type === 'production');
  const { id, name, ...prod } = saved.environments[0];
  const { id: id2, name: name2, ...copied } = saved.environments[1];
  assert.deepEqual(copied, prod, 'every answer, not the name or id');
  assert.equal(name2, 'Sandbox');
  assert.ok(await page.getByLabel('Dynamics 365 Sales').isChecked(), 'the copied boxes are ticked');
  // Changing what differs: the page says so no longer.
  await page.getByLabel('Sandbox', { exact: true }).check();
  await status.waitFor({ state: 'detached' });
  await waitForStored(page, (a) => a?.environments?.[1]?.type === 'sandbox');
  await assertAccessible(page, 'copy from');
  await assertClean(page, problems);
});

test('the linked environment is asked, not pre-answered: "I don\'t know" is an answer, and Check your answers shows it', async () => {
  const answers = JSON.parse(estate);
  answers.finance_operations.environments[0].linked_environment = null;
  const { page, problems } = await withAnswers(answers, '#/q/fo-1-setup');
  const link = page.getByLabel('Which Power Platform environment is it linked to?');
  assert.equal(await link.evaluate((s) => s.selectedOptions[0].textContent), 'Choose…', 'nothing chosen for the user');
  // Right after the question it depends on.
  const order = await page.locator('fieldset legend, label.kh-label').allInnerTexts();
  const at = order.indexOf('Which Power Platform environment is it linked to?');
  assert.equal(order[at - 1], 'Is Power Platform integration enabled?');
  await page.getByRole('button', { name: 'Continue' }).click();
  await focusOn(page, 'kh-error-summary');
  assert.match(await page.locator('#kh-error-summary').innerText(), /Select the Power Platform environment it is linked to, or “I don't know”/);
  await link.selectOption({ label: "I don't know" });
  await waitForStored(page, (a) => a?.finance_operations?.environments?.[0]?.linked_environment === 'unknown');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(/#\/q\/fo-more$/);
  await page.goto(browser.server.url + '#/check');
  const row = page.locator('.kh-summary-row', { hasText: 'FO Prod: Which Power Platform environment is it linked to?' });
  assert.match(await row.innerText(), /I don't know/);
  await row.getByRole('link', { name: /Change/ }).click();
  await focusOn(page, 'kh-question-fo.linked_environment');
  await link.selectOption({ label: 'Prod' });
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(/#\/check\?at=fo-1-setup\.fo\.linked_environment$/);
  await focusOn(page, 'kh-change-fo-1-setup.fo.linked_environment');
  await waitForText(page.locator('.kh-summary-row', { hasText: 'FO Prod: Which Power Platform environment is it linked to?' }), /linked to\?\s*Prod\s*Change/);
  await assertClean(page, problems);
});

test('scale units are answered beside their names on the list page, each named for screen readers', async () => {
  const answers = JSON.parse(estate);
  answers.commerce.scale_units = [];
  const { page, problems } = await withAnswers(answers, '#/q/list-csu');
  await page.getByLabel('Scale unit name').fill('CSU Asia');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  const about = page.getByRole('group', { name: 'About CSU Asia' });
  await about.waitFor();
  await page.getByRole('button', { name: 'Continue' }).click();
  await focusOn(page, 'kh-error-summary');
  assert.match(await page.locator('#kh-error-summary').innerText(), /CSU Asia: Select an answer for “Which geography is it deployed in\?”/);
  await about.locator('select').selectOption({ label: 'Asia' });
  await about.getByLabel('No', { exact: true }).check();
  await waitForStored(page, (a) => a?.commerce?.scale_units?.[0]?.self_hosted === 'no');
  await assertAccessible(page, 'list with inline questions');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(/#\/q\/flows$/);
  await page.goto(browser.server.url + '#/check');
  assert.match(await page.locator('.kh-summary-row', { hasText: 'CSU Asia: Which geography is it deployed in?' }).innerText(), /Asia/);
  await assertClean(page, problems);
});
