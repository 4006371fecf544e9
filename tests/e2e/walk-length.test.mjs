// Issue 14's estate, walked as a scripted user: three Power Platform environments (production in
// Europe under a key policy, a sandbox outside the policy, a developer environment in the US, not
// managed), Sales with forecasting, Customer Service, flows with HTTP triggers, one linked F&O
// environment with Finance, Supply Chain and Commerce, two scale units (Europe, US), Tax
// Calculation and Electronic Invoicing, a Key Vault key. The test reports the screens and answers
// it took (test-output/walk-length.json) and checks the answers saved are the ones the estate
// should give, so a shorter questionnaire still produces the same report.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test, launch, appReady, assertClean, outputDir, repoRoot, waitForStored } from './harness.mjs';
import { walk, rules, KEY_VAULT } from './walker.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

export const estate = {
  lists: { env: ['Prod', 'Sandbox', 'Dev'], fo: ['FO Prod'], csu: ['CSU Europe', 'CSU US'] },
  link: () => 'Prod',
  copyFrom: (caption) => (/: Sandbox /.test(caption) ? 'Prod' : null),
  answer: rules([
    [/Which Microsoft cloud/, 'Commercial (worldwide)'],
    [/home geography/, 'Europe'],
    [/Where must your data stay/, 'Within one named Power Platform geography (for example Europe only, or Germany only)'],
    [/^Which geography\?$/, 'Europe'],
    [/What type of environment/, 'Production', /: Prod /],
    [/What type of environment/, 'Sandbox', /: Sandbox /],
    [/What type of environment/, 'Developer', /: Dev /],
    [/Which region is it in/, 'United States', /: Dev /],
    [/Which region is it in|Which region is that policy in/, 'Europe'],
    [/Managed Environment\?/, 'Yes', /: (Prod|Sandbox) /],
    [/customer-managed key enterprise policy/, 'Yes', /: Prod /],
    [/What encryption status/, 'Encrypted'],
    [/^(Dynamics 365 Sales|Dynamics 365 Customer Service|Forecasting)$/, 'Yes', /: (Prod|Sandbox) /],
    [/^Power Automate flows$/, 'Yes'],
    [/^Finance and operations apps/, 'Yes'],
    [/^(Finance|Supply Chain Management|Commerce)$/, 'Yes'],
    [/How is it hosted/, 'Managed by Microsoft through Lifecycle Services'],
    [/Power Platform integration enabled/, 'Yes'],
    [/already on the Power Platform environment before it was linked/, 'No'],
    [/Data resident region/, 'Yes'],
    [/Lifecycle Services endpoint/, 'eu.lcs.dynamics.com'],
    [/^(Tax Calculation|Electronic Invoicing)$/, 'Yes'],
    [/Which geography is it deployed in/, 'Europe', /CSU Europe/],
    [/Which geography is it deployed in/, 'United States', /CSU US/],
    [/HTTP-, Teams- or V1/, 'Yes'],
    [/before your key was applied|before flows were moved|without Microsoft Entra sign-in/, null],
    ...KEY_VAULT,
    [/soft delete|purge protection|Reader on the enterprise policy/, 'Yes'],
    [/tested runbook/, null],
    [/Managed Environments\?|E5-family/, 'Yes'],
    [/./, 'No'],
  ]),
};

test('issue 14\'s estate: screens and answers it takes, and the same report as the 34-page questionnaire gave', async () => {
  const { page, problems } = await browser.newPage();
  await appReady(page);
  await page.getByRole('button', { name: 'Start now' }).click();
  await page.waitForURL(/#\/q\//);
  const stats = { screens: 0, answers: 0, typed: 0 };
  const visited = await walk(page, estate, { stats });
  mkdirSync(outputDir, { recursive: true });
  writeFileSync(join(outputDir, 'walk-length.json'), JSON.stringify({ ...stats, visited }, null, 2));
  console.log(`issue 14 estate: ${stats.screens} screens, ${stats.answers} answers, ${stats.typed} typed names`);
  await waitForStored(page, (a) => a?.environments?.length === 3);
  // The landing page's estimate is this walk: its pages (Check your answers aside) and answers,
  // and minutes at 10 seconds an answer or name and 15 a page.
  const pages = stats.screens - 1;
  const minutes = Math.round((stats.answers * 10 + stats.typed * 10 + pages * 15) / 60);
  await page.goto(browser.server.url + '#/');
  const landing = await page.locator('.kh-app').innerText();
  assert.ok(landing.includes(`took ${pages} pages and ${stats.answers} answers`), 'the landing page states this walk');
  assert.ok(landing.includes(`It takes about ${minutes} minutes`), `the landing page's minutes are the walk's (${minutes})`);
  // The same report as the answers the questionnaire of 34 pages gave (the fixture, saved from
  // that walk): asked differently, the estate must come out the same.
  const report = async (p) => {
    await p.goto(browser.server.url + '#/report');
    await p.locator('.kh-report').waitFor();
    return p.locator('.kh-report').innerText();
  };
  const walked = await report(page);
  const expected = readFileSync(join(repoRoot, 'tests', 'e2e', 'fixtures', 'issue-14-estate.json'), 'utf8');
  const { page: before } = await browser.newPage('__blank__');
  await before.evaluate((v) => localStorage.setItem('keyholder.answers', v), expected);
  assert.equal(walked, await report(before));
  assert.match(walked, /CSU US/);
  await assertClean(page, problems);
});
