// Subresource Integrity for host pages: scripts/sri.py prints the snippets for a build; their
// hashes match the bytes served, a host page using them verbatim loads both embeds under strict
// CSPs on two origins, and a tampered file is refused by the browser.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, launch, guard, assertClean, repoRoot, distDir } from './harness.mjs';
import { serve } from './server.mjs';
import { hostCsp } from './embed-servers.mjs';

let browser;
let widget; // the build (a copy: sri.py writes into it and a test tampers with it) on 127.0.0.1
let host; // the host pages on localhost: another origin
let work;
let hostDir;
let printed; // sri.py's output
let snippets; // { iframe, script } as printed

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'keyholder-sri-'));
  cpSync(distDir, work, { recursive: true });
  hostDir = mkdtempSync(join(tmpdir(), 'keyholder-sri-host-'));
  let hostOrigin = '';
  // The widget may be framed by the host page only; its port is known once the host is up.
  widget = await serve(work, { frameAncestors: () => hostOrigin });
  printed = execFileSync('python3', [join(repoRoot, 'scripts', 'sri.py'), work, '--base', widget.url], { encoding: 'utf8' });
  const tags = printed.match(/<script [^>]*><\/script>/g) ?? [];
  snippets = {
    iframe: tags.find((t) => t.includes('keyholder-embed.js')),
    script: tags.find((t) => t.includes('type="module"')),
  };
  host = await serve(hostDir, { headers: () => ({ 'Content-Security-Policy': hostCsp(new URL(widget.url).origin) }) });
  hostOrigin = `http://localhost:${host.port}`;
  // The snippets exactly as printed, in otherwise bare host pages.
  const page = (title, head, body) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>` +
    `<link rel="icon" href="data:,">${head}</head><body><main><h1>${title}</h1>${body}</main></body></html>`;
  writeFileSync(join(hostDir, 'iframe.html'), page('Host (iframe)', snippets.iframe,
    `<iframe data-keyholder title="Keyholder" src="${widget.url}?parent=${encodeURIComponent(hostOrigin)}"></iframe>`));
  writeFileSync(join(hostDir, 'script.html'), page('Host (script)', snippets.script, '<div data-keyholder data-brand="Host"></div>'));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await host?.close();
  await widget?.close();
  for (const dir of [work, hostDir]) if (dir) rmSync(dir, { recursive: true, force: true });
});

const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
const attr = (tag, name) => tag.match(new RegExp(`\\s${name}="([^"]*)"`))?.[1];
const hostUrl = (name) => `http://localhost:${host.port}/${name}`;

test('sri.py prints, for both embeds, an integrity that matches the file served and a pinned release-folder address', async () => {
  const manifest = JSON.parse(readFileSync(join(work, 'integrity.json'), 'utf8'));
  for (const [kind, tag] of Object.entries(snippets)) {
    assert.ok(tag, `a ${kind} snippet is printed:\n${printed}`);
    assert.equal(attr(tag, 'crossorigin'), 'anonymous', `${kind}: crossorigin (SRI on another origin needs CORS)`);
    const src = attr(tag, 'src');
    // Pinned: a file in the release folder, whose bytes never change under its name.
    assert.ok(src.startsWith(`${widget.url}r/${manifest.release}/`), `${kind}: ${src} is in the release folder`);
    const res = await fetch(src);
    assert.equal(res.status, 200, src);
    assert.equal(res.headers.get('access-control-allow-origin'), '*', `${kind}: CORS on ${src}`);
    assert.equal(attr(tag, 'integrity'), sri(Buffer.from(await res.arrayBuffer())), `${kind}: integrity of ${src}`);
    assert.equal(attr(tag, 'integrity'), manifest.files[src.slice(widget.url.length)], `${kind}: integrity.json agrees`);
  }
});

test('a host page with the printed iframe snippet loads the host script and the widget sizes its iframe', async () => {
  const page = await browser.context.newPage();
  const problems = await guard(page, [`http://localhost:${host.port}`, new URL(widget.url).origin]);
  await page.goto(hostUrl('iframe.html'));
  // keyholder-embed.js (run only if its integrity matched) applies the height the app posts.
  await page.waitForFunction(() => parseInt(document.querySelector('iframe[data-keyholder]').style.height, 10) > 150);
  await assertClean(page, problems);
  await page.close();
});

test('a host page with the printed script snippet mounts the widget under both strict CSPs', async () => {
  const page = await browser.context.newPage();
  const problems = await guard(page, [`http://localhost:${host.port}`, new URL(widget.url).origin]);
  await page.goto(hostUrl('script.html'));
  // The app's (its landing drawn before it may show first: tests/e2e/embed.test.mjs).
  await page.locator('[data-keyholder] .kh-app[data-ready] #kh-heading').waitFor();
  await page.getByRole('button', { name: 'Start now' }).waitFor();
  // The stylesheet came from the pinned release folder (boot.js's data-keyholder-base) and applies.
  const release = JSON.parse(readFileSync(join(work, 'integrity.json'), 'utf8')).release;
  const sheets = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.endsWith('.css')));
  assert.deepEqual(sheets, [`${widget.url}r/${release}/main.css`]);
  assert.equal(await page.locator('[data-keyholder] .kh-start').evaluate((e) => getComputedStyle(e).paddingLeft), '28px', 'main.css applies');
  await assertClean(page, problems);
  await page.close();
});

test('a tampered file is refused: neither embed runs it', async () => {
  const manifest = JSON.parse(readFileSync(join(work, 'integrity.json'), 'utf8'));
  const files = [`r/${manifest.release}/boot.js`, `r/${manifest.release}/keyholder-embed.js`].map((f) => join(work, f));
  const original = files.map((f) => readFileSync(f));
  try {
    // What a compromised CDN would do: same name, one more statement.
    files.forEach((f, i) => writeFileSync(f, Buffer.concat([original[i], Buffer.from('\nconsole.log("tampered");\n')])));
    for (const [name, blocked] of [['script.html', 'boot.js'], ['iframe.html', 'keyholder-embed.js']]) {
      const page = await browser.context.newPage();
      // The earlier tests left the genuine files in the HTTP cache, as `immutable` allows: fetch
      // from the server, as a first-time visitor of a tampered CDN would.
      const cdp = await browser.context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      const requested = [];
      page.on('request', (r) => requested.push(r.url()));
      const logs = [];
      page.on('console', (m) => logs.push(m.text()));
      const refused = page.waitForEvent('console', (m) => m.type() === 'error' && /integrity/i.test(m.text()) && m.text().includes(blocked));
      await page.goto(hostUrl(name));
      await refused;
      assert.ok(!logs.includes('tampered'), `${name}: the tampered ${blocked} never ran`);
      if (name === 'script.html') {
        assert.ok(!requested.some((u) => u.endsWith('keyholder-app.js')), 'the blocked module imported nothing');
        assert.equal(await page.locator('[data-keyholder] .kh-app').count(), 0, 'no widget mounted');
      } else {
        // The frame itself isn't covered by SRI and still loads; the blocked host script never sizes it.
        assert.equal(await page.evaluate(() => document.querySelector('iframe[data-keyholder]').style.height), '');
      }
      await page.close();
    }
  } finally {
    files.forEach((f, i) => writeFileSync(f, original[i]));
  }
});
