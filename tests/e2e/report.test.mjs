// The report and what leaves it: the printed brief (PDF text checked with pdftotext), the JSON /
// CSV / Markdown downloads, the share link round trip, the what-if control, and imports — including
// malformed files and links that must leave the current answers untouched.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { test, launch, appReady, assertClean, assertAccessible, screenshot, repoRoot, outputDir, focusOn, waitForText, waitForStored } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const KEY = 'keyholder.answers';
const mixed = readFileSync(join(repoRoot, 'examples', 'mixed-estate.json'), 'utf8');
const starting = readFileSync(join(repoRoot, 'examples', 'just-starting.json'), 'utf8');

/** A page whose browser already holds `answers` (text), opened at `route`. */
async function withAnswers(answers, route = '#/report') {
  const { page, problems } = await browser.newPage('__blank__');
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, answers]);
  await page.goto(browser.server.url + route);
  await appReady(page);
  await page.waitForSelector('h1');
  return { page, problems };
}

const stored = (page) => page.evaluate((k) => localStorage.getItem(k), KEY);

async function download(page, button) {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button }).click(),
  ]);
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
}

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

test('the report shows three verdicts, blockers, matrix, limits, what is not assessed, sources, and passes axe at desktop and phone width', async () => {
  const { page, problems } = await withAnswers(mixed);
  await page.getByRole('heading', { level: 1, name: 'Your sovereignty report' }).waitFor();
  for (const h of ['Key control', 'Data residency', 'Operator access', 'Component by component', 'What to do next',
    'What CMK does not do', 'Not assessed by this tool', 'Sources', 'About these facts']) {
    await page.getByRole('heading', { name: h, exact: true }).waitFor();
  }
  // What CMK does not do names data in use, legal demands and the lock-out that revoking causes.
  const limits = await page.locator('section[aria-labelledby="kh-limits"]').innerText();
  for (const said of ['unencrypted', 'legal demands', 'deleted after 7 days']) {
    assert.ok(limits.includes(said), `What CMK does not do says ${said}`);
  }
  assert.match(await page.locator('.kh-about').innerText(), /not a guarantee/);
  await assertAccessible(page, 'report');
  await screenshot(page, 'report-desktop', { fullPage: false });
  await page.setViewportSize({ width: 375, height: 800 });
  await screenshot(page, 'report-phone', { fullPage: false });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scroll');
  await assertClean(page, problems);
  await page.close();
});

test('the report\'s text is fetched from the release folder only when a report is first shown; a failed fetch says so, keeps the answers and retries', async () => {
  const { page, problems } = await browser.newPage('__blank__');
  const fetched = [];
  page.on('request', (r) => { if (r.url().includes('report-prose')) fetched.push(r.url()); });
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, mixed]);
  await page.goto(browser.server.url + '#/check');
  await appReady(page);
  await page.getByRole('heading', { level: 1, name: 'Check your answers' }).waitFor();
  assert.deepEqual(fetched, [], 'the questionnaire never loads the report text');

  // The network fails once: the page says so, offers to try again, and the answers stay.
  await page.route('**/report-prose.txt', (route) => route.abort());
  await page.goto(browser.server.url + '#/report');
  await page.getByRole('heading', { level: 1, name: 'We can\'t show the report just now' }).waitFor();
  await waitForText(page.getByRole('alert'), /Nothing you answered is lost\. Check your connection/);
  await focusOn(page, 'kh-heading');
  const names = (text) => JSON.parse(text).environments.map((e) => e.name);
  assert.deepEqual(names(await stored(page)), names(mixed));

  await page.unroute('**/report-prose.txt');
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your sovereignty report' }).waitFor();
  await page.getByRole('heading', { name: 'Operator access', exact: true }).waitFor();
  // The heading that arrived late has the focus a page change gives.
  await focusOn(page, 'kh-heading');
  const release = /\/r\/[0-9a-f]{16}\/report-prose\.txt$/;
  assert.ok(fetched.length === 2 && fetched.every((u) => release.test(u)), fetched.join(', '));
  // The refused request (one console line at most) is this test's doing; anything else is a problem.
  const refused = problems.filter((p) => p.includes('report-prose') || p.includes('net::ERR_FAILED'));
  assert.ok(refused.length <= 1, refused.join('\n'));
  await assertClean(page, problems.filter((p) => !refused.includes(p)));
  await page.close();
});

test('the printed brief carries the cover, both verdicts, every in-scope component and the sources', async () => {
  const { page, problems } = await withAnswers(mixed);
  await page.getByLabel('Organisation (optional)').fill('Fabrikam Holdings');
  await page.getByLabel('Organisation (optional)').press('Tab');
  await page.getByLabel('Prepared by (optional)').fill('Avery Consultant');
  await page.getByLabel('Prepared by (optional)').press('Tab');
  await page.getByLabel('Confidential', { exact: true }).check();
  await page.waitForFunction((k) => (localStorage.getItem(k) || '').includes('Avery Consultant'), KEY);

  const components = await page.locator('.kh-matrix-table tbody th[scope=row]').evaluateAll((ths) =>
    ths.map((th) => th.childNodes[0].textContent.trim()));
  const sources = await page.locator('.kh-source-list strong').allInnerTexts();
  assert.ok(components.length > 10 && sources.length > 5);

  await page.emulateMedia({ media: 'print' });
  const pdfPath = join(outputDir, 'brief.pdf');
  await page.pdf({ path: pdfPath, preferCSSPageSize: true, printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  const text = execFileSync('pdftotext', ['-raw', pdfPath, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  const firstPage = execFileSync('pdftotext', ['-f', '1', '-l', '1', pdfPath, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  for (const field of ['Fabrikam Holdings', 'Avery Consultant', 'CONFIDENTIAL', today(), 'Rules version']) {
    assert.ok(firstPage.includes(field), `cover on page 1 shows ${field}`);
  }
  for (const verdict of ['Key control', 'Data residency', 'Operator access', 'Executive summary']) {
    assert.ok(firstPage.includes(verdict), `page 1 has ${verdict}`);
  }
  // Page 1 stands alone: the verdicts, the picture with its legend and "Do this first"; the
  // appendix follows, and the whole brief of the mixed estate fits six pages.
  for (const part of ['Your estate at a glance', 'Not applicable', 'Do this first', 'Resolve a Warning encryption status']) {
    assert.ok(firstPage.includes(part), `page 1 has ${part}`);
  }
  const pages = Number(execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' }).match(/Pages:\s+(\d+)/)[1]);
  assert.ok(pages <= 6, `the mixed estate's brief prints on ${pages} pages (goal: 6 at most)`);
  const second = execFileSync('pdftotext', ['-f', '2', '-l', '2', pdfPath, '-'], { encoding: 'utf8' });
  assert.match(second, /Appendix: the findings in detail/);
  for (const c of components) assert.ok(text.includes(c), `PDF lists ${c}`);
  for (const s of sources) assert.ok(text.includes(s), `PDF cites ${s}`);
  for (const gone of ['Print / Save as PDF', 'Copy share link', 'Include in the what-if', 'Skip to main content']) {
    assert.ok(!text.includes(gone), `no controls on paper: ${gone}`);
  }
  // Every page carries the classification and its number.
  for (let n = 1; n <= pages; n++) {
    const pageText = execFileSync('pdftotext', ['-f', String(n), '-l', String(n), pdfPath, '-'], { encoding: 'utf8' });
    assert.ok(pageText.includes('Confidential'), `page ${n} carries the classification`);
    assert.ok(pageText.includes(`Page ${n} of ${pages}`), `page ${n} is numbered`);
  }
  // Page 1 as an image, to look at (test-output/brief-page-1.png).
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '2', pdfPath, join(outputDir, 'brief-page')]);
  await assertClean(page, problems);
  await page.close();
});

test('a half-finished assessment is a draft on screen, on every printed page and in every export, and no verdict reads as met', async () => {
  const { page, problems } = await withAnswers(starting);
  await page.getByRole('heading', { level: 1, name: 'Your sovereignty report' }).waitFor();
  const note = page.locator('.kh-draft');
  await waitForText(note, /Draft — \d+ questions unanswered\./);
  const draft = (await note.innerText()).match(/Draft — \d+ questions unanswered\./)[0];
  const verdicts = await page.locator('.kh-verdicts').innerText();
  assert.ok(!/met by your answers|Met:|No residency gap/.test(verdicts), verdicts);
  assert.ok(verdicts.includes(draft.replace(/\.$/, '')), 'the key-control verdict says it is a draft');

  await page.emulateMedia({ media: 'print' });
  const pdfPath = join(outputDir, 'draft.pdf');
  await page.pdf({ path: pdfPath, preferCSSPageSize: true, printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  const pages = Number(execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' }).match(/Pages:\s+(\d+)/)[1]);
  for (let n = 1; n <= pages; n++) {
    const text = execFileSync('pdftotext', ['-f', String(n), '-l', String(n), pdfPath, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    assert.ok(text.includes(draft), `printed page ${n} says it is a draft`);
  }

  const md = await download(page, 'Download brief (Markdown)');
  assert.ok(md.text.includes(`**${draft.replace(/\.$/, '')}.**`), 'the Markdown brief says it is a draft');
  const csv = await download(page, 'Download findings (CSV)');
  assert.ok(parseCsv(csv.text.slice(1)).some((r) => r[0] === 'draft' && r[1] === draft.replace(/\.$/, '')), 'the CSV has a draft row');
  const json = JSON.parse((await download(page, 'Download answers and report (JSON)')).text);
  assert.ok(json.report.draft > 0, 'the JSON export carries the count');
  await assertClean(page, problems);
  await page.close();
});

test('JSON, CSV and Markdown downloads hold the right content under dated names', async () => {
  const { page, problems } = await withAnswers(mixed);
  const rows = await page.locator('.kh-matrix-table tbody tr:not(.kh-group)').count();

  const json = await download(page, 'Download answers and report (JSON)');
  assert.equal(json.name, `keyholder-assessment-${today()}.json`);
  const exported = JSON.parse(json.text);
  assert.equal(exported.keyholder_export, 1);
  assert.equal(exported.answers.schema_version, 4, 'answers migrated to the current version');
  assert.deepEqual(exported.answers.environments.map((e) => e.name), JSON.parse(mixed).environments.map((e) => e.name));
  assert.equal(exported.report.components.length, rows);
  const figure = await page.locator('.kh-verdict-figure').first().innerText();
  const k = exported.report.key_control;
  assert.ok(figure.startsWith(`${k.customer_key} of ${k.in_scope - k.never}`), figure);

  const csv = await download(page, 'Download findings (CSV)');
  assert.equal(csv.name, `keyholder-findings-${today()}.csv`);
  assert.ok(csv.text.startsWith('\uFEFF'), 'a byte-order mark, so Excel reads UTF-8 in every locale');
  const records = parseCsv(csv.text.slice(1));
  assert.deepEqual(records[0], ['Kind', 'Item', 'Where', 'Kind of place', 'Status or level', 'Why', 'Evidence', 'Rules', 'Sources', 'Source links', 'Facts as of']);
  assert.equal(records.filter((r) => r[0] === 'component').length, rows, 'one row per component finding');
  for (const kind of ['component', 'residency', 'operator access', 'limit', 'risk', 'action', 'verify']) {
    assert.ok(records.some((r) => r[0] === kind), `the CSV has ${kind} rows`);
  }
  assert.ok(records.every((r) => r.length === 11), 'every row has 11 fields: commas inside reasons are quoted');
  assert.ok(records.some((r) => r[5].includes(',')), 'some reasons contain commas');
  const sandbox = records.find((r) => r[0] === 'component' && r[1].startsWith('Dataverse') && r[2].startsWith('US Sandbox'));
  assert.equal(sandbox[4], 'Microsoft key');

  const md = await download(page, 'Download brief (Markdown)');
  assert.equal(md.name, `keyholder-brief-${today()}.md`);
  assert.match(md.text, /^# Sovereignty report/);
  assert.match(md.text, /## What CMK does not do/);
  assert.match(md.text, /## Sources/);
  await assertClean(page, problems);
  await page.close();
});

test('a share link carries the answers, opens the same report, and asks before replacing work in progress', async () => {
  // A five-environment estate: the mixed example plus two more environments.
  const five = JSON.parse(mixed);
  for (const n of [4, 5]) five.environments.push({ ...five.environments[0], id: `extra-${n}`, name: `Extra ${n}` });
  assert.equal(five.environments.length, 5);
  const { page, problems } = await withAnswers(JSON.stringify(five));
  const figure = await page.locator('.kh-verdict-figure').first().innerText();
  await page.getByLabel('Organisation (optional)').fill('Northwind Traders');
  await page.getByLabel('Organisation (optional)').press('Tab');
  await waitForStored(page, (a) => a?.brief?.organisation === 'Northwind Traders');
  const link = await makeShareLink(page);
  assert.match(link, /#\/share\/1[A-Za-z0-9_-]+$/);
  const payload = link.split('#')[1].length;
  console.log(`share link for a 5-environment estate: ${link.length} characters (fragment ${payload})`);
  writeFileSync(join(outputDir, 'share-link-length.txt'), `${link.length}\n`);
  assert.ok(link.length < 2000, `fits a chat message (${link.length})`);
  await assertClean(page, problems);
  await page.close();

  // A first-time visitor: told whose assessment it is; viewing it saves nothing.
  const fresh = await browser.newPage(link.slice(browser.server.url.length));
  await appReady(fresh.page);
  await fresh.page.getByRole('heading', { level: 1, name: 'An assessment shared with you' }).waitFor();
  await focusOn(fresh.page, 'kh-heading');
  const whose = await fresh.page.locator('.kh-summary-list').innerText();
  assert.match(whose, /Organisation\s+Northwind Traders/);
  assert.match(whose, /5 Power Platform environments/);
  await assertAccessible(fresh.page, 'shared assessment');
  await fresh.page.getByRole('button', { name: 'View it without saving' }).click();
  await focusOn(fresh.page, 'kh-viewing-title');
  await fresh.page.getByRole('heading', { level: 1, name: 'Your sovereignty report' }).waitFor();
  assert.equal(await fresh.page.locator('.kh-verdict-figure').first().innerText(), figure);
  assert.equal(await fresh.page.getByLabel('Organisation (optional)').count(), 0, 'no cover details to edit');
  assert.equal(await fresh.page.getByRole('button', { name: 'Delete my answers from this browser' }).count(), 0);
  // A later change would have saved by now: the first page drawn from the answers (autosave
  // runs in an effect) shows none were kept.
  await fresh.page.getByRole('link', { name: 'Close it' }).click();
  await fresh.page.getByRole('button', { name: 'Start now' }).waitFor();
  assert.equal(await stored(fresh.page), null, 'viewing keeps nothing');
  // "Make it mine" keeps it, and the payload leaves the address bar.
  await fresh.page.goto(link);
  await fresh.page.getByRole('button', { name: 'Make it mine' }).click();
  await fresh.page.getByRole('heading', { level: 1, name: 'Your sovereignty report' }).waitFor();
  await fresh.page.waitForFunction(() => location.hash === '#/report').catch(() =>
    assert.fail('the payload never left the address bar'));
  await waitForStored(fresh.page, (a) => a?.environments?.length === 5);
  await assertClean(fresh.page, fresh.problems);
  await fresh.page.close();

  // Someone with answers in progress: viewing leaves them as they are…
  const viewer = await withAnswers(starting, link.slice(link.indexOf('#')));
  const own = await stored(viewer.page);
  await viewer.page.getByRole('button', { name: 'View it without saving' }).click();
  await viewer.page.getByRole('heading', { level: 1, name: 'Your sovereignty report' }).waitFor();
  assert.match(await viewer.page.getByRole('region', { name: 'You are viewing a shared assessment' }).innerText(), /your own answers are as you left them/);
  // From the viewed report, the import page is the import page (nothing of the link stays).
  await viewer.page.getByRole('link', { name: 'Import answers from a file or a share link' }).click();
  await viewer.page.getByRole('heading', { level: 1, name: 'Import answers' }).waitFor();
  await viewer.page.goBack();
  await viewer.page.getByRole('heading', { level: 1, name: 'An assessment shared with you' }).waitFor();
  await viewer.page.getByRole('button', { name: 'View it without saving' }).click();
  await viewer.page.getByRole('link', { name: 'Back to your own assessment' }).click();
  await viewer.page.getByRole('heading', { level: 1, name: 'Your assessment' }).waitFor();
  assert.equal(await stored(viewer.page), own, 'viewing never touches your own answers');
  await assertClean(viewer.page, viewer.problems);
  await viewer.page.close();

  // …and "Make it mine" asks first; "Keep" changes nothing, "Replace" replaces.
  const busy = await withAnswers(starting, link.slice(link.indexOf('#')));
  await busy.page.getByRole('button', { name: 'Make it mine' }).click();
  await busy.page.getByRole('heading', { name: 'Replace your answers?' }).waitFor();
  await assertAccessible(busy.page, 'replace confirmation');
  const before = await stored(busy.page);
  const entries = await busy.page.evaluate(() => history.length);
  await busy.page.getByRole('button', { name: 'Keep my answers' }).click();
  await busy.page.getByText('Nothing was changed').waitFor();
  // Off the link's address without a new history entry: Back doesn't open it again.
  await busy.page.waitForFunction(() => location.hash === '#/import');
  assert.equal(await busy.page.evaluate(() => history.length), entries);
  assert.equal(await stored(busy.page), before);
  await busy.page.goto(link);
  await busy.page.getByRole('button', { name: 'Make it mine' }).click();
  await busy.page.getByRole('button', { name: 'Replace my answers' }).click();
  await busy.page.getByRole('heading', { level: 1, name: 'Your sovereignty report' }).waitFor();
  await waitForStored(busy.page, (a) => a?.environments?.length === 5);
  await assertClean(busy.page, busy.problems);
  await busy.page.close();
});

test('the estate picture shows every place by component in colour and shape, scrolls in its own box on a phone, and prints on the brief', async () => {
  const { page, problems } = await withAnswers(mixed);
  const picture = page.getByRole('img', { name: 'Your estate at a glance' });
  await picture.waitFor();
  const text = await page.locator('.kh-picture-svg').evaluate((svg) => svg.textContent);
  for (const place of ['Fabrikam CRM', 'US Sandbox', 'FO-PROD', 'Tenant']) assert.ok(text.includes(place), place);
  for (const label of ['Customer key', 'Partial', 'Verify', 'Microsoft key', 'Blocked', 'Not applicable']) assert.ok(text.includes(label), label);
  // Each cell says what it is without colour: a tooltip naming the component, place and status.
  const cell = await page.locator('.kh-picture-svg g > title').first().textContent();
  assert.match(cell, /^.+ — .+: (Customer key|Partial|Verify|Microsoft key|Blocked|Not applicable)$/);
  // Colours come from the stylesheet (a strict CSP allows no style attribute).
  assert.equal(await page.locator('.kh-picture-svg [style]').count(), 0);
  await page.setViewportSize({ width: 375, height: 800 });
  const box = page.getByRole('region', { name: /Estate picture/ });
  await page.waitForFunction(() => { const b = document.querySelector('.kh-picture-box'); return b.scrollWidth > b.clientWidth; });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'the page itself never scrolls sideways');
  await box.focus();
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.querySelector('.kh-picture-box').scrollLeft > 0);
  await screenshot(page, 'picture-phone', { fullPage: false });
  await assertAccessible(page, 'report with the picture on a phone');
  await page.setViewportSize({ width: 1280, height: 900 });
  const pdfPath = join(outputDir, 'picture.pdf');
  writeFileSync(pdfPath, await page.pdf({ format: 'A4', printBackground: true }));
  const printed = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
  assert.match(printed, /Your estate at a glance/);
  assert.match(printed, /Not applicable/);
  assert.match(printed, /US Sandbox/);
  await assertClean(page, problems);
  await page.close();
});

test('progress since an earlier assessment: a known earlier export names the moves, dates and rules versions, prints, and a malformed file changes nothing', async () => {
  const { page, problems } = await withAnswers(mixed);
  const headline = await page.locator('.kh-verdict-figure').first().innerText();
  const saved = await stored(page);
  const section = page.getByRole('region', { name: 'Progress since an earlier assessment' });
  const input = section.getByLabel('An earlier Keyholder JSON file');
  // A malformed file: the import's message, nothing else changes.
  await input.setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"keyholder_export": 1, "answers": ') });
  await waitForText(section.getByRole('alert'), /The file broken\.json can't be compared: /);
  assert.equal(await page.locator('.kh-verdict-figure').first().innerText(), headline);
  assert.equal(await stored(page), saved);
  // Last quarter's export: the production environment wasn't in the key policy yet.
  const then = JSON.parse(mixed);
  then.environments[0].cmk_policy = 'no';
  const earlier = { keyholder_export: 1, exported_on: '2026-08-14', answers: then, report: { rules_version: '2026.08.1' } };
  await input.setInputFiles({ name: 'q3.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(earlier)) });
  const result = section.locator('.kh-compare-result');
  await waitForText(result, /Compared with q3\.json, the assessment of 2026-08-14/);
  const text = await result.innerText();
  assert.match(text, /written under rules version 2026\.08\.1/);
  assert.match(text, /Dataverse \(database, files, audit, search\) — Fabrikam CRM \(environment\): Microsoft key → Partial/);
  assert.match(text, /Answers that changed[\s\S]*Fabrikam CRM/);
  assert.equal(await section.getByRole('alert').count(), 0, 'the earlier error is gone');
  assert.equal(await stored(page), saved, 'comparing never changes the answers');
  // On paper with the brief; the file picker stays off it.
  const pdfPath = join(outputDir, 'progress.pdf');
  writeFileSync(pdfPath, await page.pdf({ format: 'A4', printBackground: true }));
  const printed = execFileSync('pdftotext', ['-raw', pdfPath, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  assert.match(printed, /Progress since an earlier assessment/);
  assert.match(printed, /Microsoft key → Partial/);
  assert.doesNotMatch(printed, /An earlier Keyholder JSON file/);
  // And as Markdown.
  const [download] = await Promise.all([page.waitForEvent('download'), section.getByRole('button', { name: 'Download the comparison (Markdown)' }).click()]);
  const md = readFileSync(await download.path(), 'utf8');
  assert.match(md, /^# What changed since the last assessment/);
  assert.match(md, /Microsoft key → Partial/);
  await assertAccessible(page, 'report with a comparison');
  await section.getByRole('button', { name: 'Remove the comparison' }).click();
  await result.waitFor({ state: 'detached' });
  await assertClean(page, problems);
  await page.close();
});

test('the what-if control shows coverage as if the chosen actions were done', async () => {
  const { page, problems } = await withAnswers(mixed);
  const today = await page.locator('.kh-verdict-figure').first().innerText();
  const [now, total] = today.match(/(\d+) of (\d+)/).slice(1).map(Number);
  await page.getByText('No action chosen').waitFor();
  // The US sandbox needs two actions together: neither alone moves it (the report says so by
  // listing no gain under either), both together do.
  const managed = page.locator('.kh-actions > li', { hasText: 'Turn on Managed Environments' });
  const policy = page.locator('.kh-actions > li', { hasText: 'Add the environment to your CMK enterprise policy' });
  await managed.getByLabel('Include in the what-if').check();
  const figure = page.locator('#kh-whatif-figure');
  // One action alone moves no component here: the figure appears, with today's numbers, and the
  // panel says what it does change (Lockbox needs a Managed Environment), with residency beside.
  await waitForText(figure, new RegExp(`^${now} of ${total}`));
  const panel = page.locator('.kh-whatif');
  await waitForText(panel, /Would close: operator-access gap in US Sandbox \(environment\): Customer Lockbox is enforced only on Managed Environments/);
  assert.doesNotMatch(await panel.innerText(), /Would move to your key/);
  assert.match(await panel.innerText(), /Residency gaps: \d+ today, \d+ after\./);
  // Once ticked, the panel stays in view at the foot of the screen, beside the box just ticked.
  assert.equal(await panel.evaluate((e) => getComputedStyle(e).position), 'sticky');
  const [boxBottom, viewport] = await panel.evaluate((e) => [e.getBoundingClientRect().bottom, innerHeight]);
  assert.ok(boxBottom <= viewport + 1, `the what-if is in view (${boxBottom} ≤ ${viewport})`);
  await policy.getByLabel('Include in the what-if').check();
  await page.waitForFunction((n) => !document.querySelector('#kh-whatif-figure').innerText.startsWith(`${n} of`), now);
  // (What can be under the key may grow too: a component that follows the environment joins it.)
  const [after, total2] = (await figure.innerText()).match(/(\d+) of (\d+)/).slice(1).map(Number);
  assert.ok(total2 >= total, `what-if out of ${total2}, today ${total}`);
  assert.ok(after > now, `what-if ${after} > today ${now}`);
  assert.match(await page.locator('.kh-whatif').innerText(), /Would move to your key: .*Dataverse.* in US Sandbox \(environment\)/);
  // A figure that rises or a finding that appears is named, never left unexplained.
  const effect = await page.locator('.kh-whatif').innerText();
  const verify = effect.match(/still to verify: (\d+) \(today (\d+)\)/).slice(1).map(Number);
  if (verify[0] > verify[1]) assert.match(effect, /→ Verify: the change rests on a fact or an answer still to confirm/);
  // The headline verdict itself is unchanged: the what-if is a view, not an answer.
  assert.equal(await page.locator('.kh-verdict-figure').first().innerText(), today);
  await managed.getByLabel('Include in the what-if').uncheck();
  await policy.getByLabel('Include in the what-if').uncheck();
  await page.getByText('No action chosen').waitFor();
  // Moving an environment is residency, not key control: the what-if closes its gap.
  const move = page.locator('.kh-actions > li', { hasText: 'Move or re-home environments outside your required geography' });
  await move.getByLabel('Include in the what-if').check();
  await waitForText(page.locator('.kh-whatif'), /Would close: residency gap in US Sandbox \(environment\)/);
  assert.match(await page.locator('.kh-whatif').innerText(), /Residency gaps: 2 today, 1 after\./);
  await move.getByLabel('Include in the what-if').uncheck();
  await page.getByText('No action chosen').waitFor();
  // An action the report can't measure says so rather than showing an unexplained figure.
  const alerting = page.locator('.kh-actions > li', { hasText: 'Review cross-region data movement for generative AI' });
  await alerting.getByLabel('Include in the what-if').check();
  await waitForText(page.locator('.kh-whatif'), /No figure in this report changes with this action alone: it is good practice the report can't measure/);
  await alerting.getByLabel('Include in the what-if').uncheck();
  await page.getByText('No action chosen').waitFor();
  await assertAccessible(page, 'what-if');
  await assertClean(page, problems);
  await page.close();
});

const v2 = JSON.stringify({ ...JSON.parse(starting), schema_version: 2 });
const malformed = [
  ['not JSON', 'hello, this is a text file', /not a Keyholder answers file/],
  ['an empty file', '', /not a Keyholder answers file/],
  ['a JSON array', '[1, 2, 3]', /expected a JSON object/],
  ['no schema_version', '{"tenant": {}}', /no `schema_version`/],
  ['a newer schema', '{"schema_version": 99}', /format version 99, newer than this Keyholder supports/],
  ['schema version 0', '{"schema_version": 0}', /never existed/],
  ['an unknown field', '{"schema_version": 2, "surprise": true}', /unknown field `surprise`/],
  ['a tampered value', '{"schema_version": 2, "tenant": {"cloud": "mars"}}', /mars/],
  ['duplicate ids', '{"schema_version": 2, "environments": [{"id": "a", "name": "A"}, {"id": "a", "name": "B"}]}', /share the id `a`/],
  ['a dangling link', '{"schema_version": 2, "environments": [], "business_central": {"environments": [{"id": "b", "name": "B", "linked_environment": "ghost"}]}}', /`ghost`/],
  ['an export without answers', '{"keyholder_export": 1, "report": {}}', /export without its `answers`/],
  ['an overlong organisation', `{"schema_version": 2, "brief": {"organisation": "${'x'.repeat(150)}"}}`, /at most 100 characters/],
  ['over 1 MB', `{"schema_version": 2, "pad": "${'x'.repeat(1100 * 1024)}"}`, /the limit is 1 MB/],
];

test('malformed imports get a clear message and leave the current answers untouched', async () => {
  const { page, problems } = await withAnswers(mixed, '#/import');
  await page.getByRole('heading', { level: 1, name: 'Import answers' }).waitFor();
  const before = await stored(page);
  for (const [what, content, message] of malformed) {
    // Each file has its own name, so the summary is known to be this file's and not the last one's.
    const name = `answers-${malformed.findIndex(([w]) => w === what)}.json`;
    await page.locator('#kh-import-file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(content) });
    const summary = page.locator('#kh-error-summary');
    const text = await waitForText(summary, new RegExp(`The file ${name.replace('.', '\\.')} can't be imported`));
    assert.match(text, message, `${what}: ${text}`);
    await focusOn(page, 'kh-error-summary');
    assert.match(await page.title(), /Import answers/);
    assert.equal(await stored(page), before, `${what}: answers untouched`);
  }
  await assertAccessible(page, 'import error');
  await screenshot(page, 'import-error', { fullPage: false });

  const links = [
    ['a truncated link', (l) => l.slice(0, Math.floor(l.length * 0.6)), /incomplete or damaged/],
    ['a wrong prefix', (l) => l.replace('#/share/1', '#/share/9'), /doesn't start like a Keyholder link/],
    ['an altered character', (l) => l.replace(/.$/, '$'), /characters a link can't hold/],
  ];
  // Make a real link to damage, from the report's own button.
  await page.goto(browser.server.url + '#/report');
  const link = await makeShareLink(page);
  await page.goto(browser.server.url + '#/import');
  await page.getByRole('heading', { level: 1, name: 'Import answers' }).waitFor();
  for (const [what, damage, message] of links) {
    await page.getByLabel('A share link').fill(damage(link));
    await page.getByRole('button', { name: 'Open link' }).click();
    // The summary of the previous link (or file) may still be up: wait for this link's message.
    await waitForText(page.locator('#kh-error-summary'), message);
    assert.equal(await stored(page), before, `${what}: answers untouched`);
  }
  // A followed link that is damaged: the same message, on the page it opens.
  await page.goto(damageLink(link));
  await page.getByRole('heading', { level: 1, name: 'Open a shared assessment' }).waitFor();
  await waitForText(page.locator('#kh-error-summary'), /incomplete or damaged/);
  assert.equal(await stored(page), before);
  await assertClean(page, problems);
  await page.close();
});

/** RFC 4180, enough to check the export: quoted fields, doubled quotes, CRLF records. */
function parseCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; }
    else field += c;
  }
  return rows;
}

/** Presses "Copy share link" and waits for the link (the browser compresses it asynchronously). */
async function makeShareLink(page) {
  await page.getByRole('button', { name: 'Copy share link' }).click();
  const box = page.getByLabel('Share link');
  await box.waitFor();
  await page.waitForFunction(() => /#\/share\/1./.test(document.querySelector('#kh-share')?.value ?? ''));
  return box.inputValue();
}

function damageLink(link) {
  return link.slice(0, link.length - 12);
}

test('a version 1 file imports (migrated), after a yes when answers are in progress', async () => {
  const { page, problems } = await withAnswers(v2, '#/import');
  await page.locator('#kh-import-file').setInputFiles({ name: 'mixed-estate.json', mimeType: 'application/json', buffer: Buffer.from(mixed) });
  await page.getByRole('heading', { name: 'Replace your answers?' }).waitFor();
  assert.match(await page.locator('.kh-panel').innerText(), /the file mixed-estate\.json/);
  await page.getByRole('button', { name: 'Replace my answers' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your sovereignty report' }).waitFor();
  const count = JSON.parse(mixed).environments.length;
  const saved = await waitForStored(page, (a) => a?.environments?.length === count);
  assert.equal(saved.schema_version, 4);
  await assertClean(page, problems);
  await page.close();
});
