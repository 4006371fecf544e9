// The shipped deploy configs serve the app with the header set of headers.mjs (the one the local
// test server sends and every browser test runs under).
// - nginx for real: Debian's nginx (scripts/tools.sh test installs it) serves the build through
//   deploy/nginx.conf itself — only `listen`, `root` and the certificate lines are swapped for a
//   loopback port — as a child process; Chromium loads the app through it.
// - Azure Static Web Apps and Netlify/Cloudflare have no local server: their configs are parsed
//   and each file of the build must get exactly the same headers from them.
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { test, launch, guard, appReady, assertClean, repoRoot, distDir } from './harness.mjs';
import { headersFor, inlineHashes, DEPLOY_FRAME_ANCESTORS } from './headers.mjs';

const file = (name) => readFileSync(join(repoRoot, 'deploy', name), 'utf8');
// The CSP allows this build's inline script and style by their hashes; a config that carries
// other hashes is out of date.
const inline = inlineHashes(readFileSync(join(distDir, 'index.html'), 'utf8'));
const expected = (path) => headersFor(path, { frameAncestors: DEPLOY_FRAME_ANCESTORS, inline, tls: true });
const STALE = `out of date? python3 scripts/csp_hashes.py ${distDir} --write brings the deploy configs and the README up to this build's hashes`;

/** Every file of the build, as paths relative to dist/ ('/' stands for the folder's index.html). */
function builtFiles() {
  const out = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(relative(distDir, full).split(sep).join('/'));
    }
  };
  walk(distDir);
  assert.ok(out.some((p) => p.startsWith('r/')), `${distDir} has no release folder r/<hash>/: built without the post_build hook?`);
  return out;
}

const MIME = {
  html: /^text\/html\b/,
  js: /^(text|application)\/javascript\b/,
  css: /^text\/css\b/,
  wasm: /^application\/wasm$/, // exactly: WebAssembly.instantiateStreaming insists
  json: /^application\/json\b/,
};

// --- nginx -----------------------------------------------------------------------------------

const freePort = () => new Promise((ok, fail) => {
  const probe = createServer().once('error', fail).listen(0, '127.0.0.1', () => {
    const { port } = probe.address();
    probe.close(() => ok(port));
  });
});

/** Replaces `re` in `text`, insisting on `count` matches, so a reworded template fails loudly. */
function swap(text, re, by, count = 1) {
  const found = text.match(new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g'))?.length ?? 0;
  assert.equal(found, count, `deploy/nginx.conf: expected ${count} match(es) of ${re}`);
  return text.replace(new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g'), by);
}

let nginx; // { url, child, prefix, log }
let browser;

before(async () => {
  const bin = ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/local/nginx/sbin/nginx']
    .find((p) => { try { execFileSync(p, ['-v'], { stdio: 'ignore' }); return true; } catch { return false; } });
  assert.ok(bin, 'nginx is not installed: run `bash scripts/tools.sh test` (Debian package nginx)');
  const port = await freePort();
  const prefix = mkdtempSync(join(tmpdir(), 'keyholder-nginx-'));
  mkdirSync(join(prefix, 'conf'));
  mkdirSync(join(prefix, 'logs'));
  // deploy/nginx.conf says `include mime.types;`: relative to the main config's folder, as in /etc/nginx.
  copyFileSync('/etc/nginx/mime.types', join(prefix, 'conf', 'mime.types'));
  let site = file('nginx.conf');
  site = swap(site, /^\s*listen 443 ssl;$/m, `    listen 127.0.0.1:${port};`);
  site = swap(site, /^\s*root [^;]+;$/m, `    root ${distDir};`);
  site = swap(site, /^\s*ssl_certificate(_key)? [^;]+;\n/m, '', 2);
  writeFileSync(join(prefix, 'conf', 'keyholder.conf'), site);
  // One process, in the foreground, logging to stderr: a child of this test, never a service.
  writeFileSync(join(prefix, 'conf', 'nginx.conf'), [
    'daemon off;', 'master_process off;', 'worker_processes 1;', `pid ${join(prefix, 'nginx.pid')};`,
    'error_log stderr warn;', 'events { worker_connections 64; }',
    'http { access_log off; include keyholder.conf; }', '',
  ].join('\n'));
  const log = [];
  const child = spawn(bin, ['-p', prefix, '-c', join(prefix, 'conf', 'nginx.conf'), '-e', 'stderr'], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (d) => log.push(String(d)));
  child.stderr.on('data', (d) => log.push(String(d)));
  const exited = new Promise((ok) => child.once('exit', (code) => ok(`nginx exited (${code}): ${log.join('')}`)));
  const url = `http://127.0.0.1:${port}/`;
  // Ready when it answers; fails at once if nginx rejects the config.
  const ready = (async () => {
    for (;;) {
      try { await fetch(url); return null; } catch { await new Promise((ok) => setTimeout(ok, 20)); }
    }
  })();
  const failure = await Promise.race([ready, exited]);
  assert.equal(failure, null, failure);
  nginx = { url, child, prefix, log };
  browser = await launch();
});

after(async () => {
  await browser?.close();
  if (nginx) {
    const gone = new Promise((ok) => nginx.child.once('exit', ok));
    nginx.child.kill('SIGTERM');
    await gone;
    rmSync(nginx.prefix, { recursive: true, force: true });
  }
});

test('nginx serves the app through deploy/nginx.conf: Chromium renders it with no CSP or Trusted Types violation', async () => {
  const page = await browser.context.newPage();
  const problems = await guard(page, new URL(nginx.url).origin);
  await page.goto(nginx.url);
  await appReady(page);
  await page.getByRole('button', { name: 'Start now' }).click();
  await page.waitForURL(/#\/q\//);
  await page.locator('#kh-heading').waitFor();
  await assertClean(page, problems);
  // nginx warns (stderr) on a duplicate MIME type or an ignored directive: the config must load clean.
  assert.deepEqual(nginx.log.join('').split('\n').filter((l) => /\[(warn|emerg|alert|crit|error)\]/.test(l)), []);
  await page.close();
});

test('nginx sends every file of the build with the headers of headers.mjs and the right MIME type', async () => {
  for (const path of [...builtFiles(), '']) {
    const res = await fetch(nginx.url + path);
    assert.equal(res.status, 200, `/${path}`);
    const want = expected(path || 'index.html');
    for (const [name, value] of Object.entries(want)) {
      assert.equal(res.headers.get(name), value, `/${path}: ${name} (${STALE})`);
    }
    if (!('Access-Control-Allow-Origin' in want)) {
      assert.equal(res.headers.get('access-control-allow-origin'), null, `/${path}: no CORS outside what an embed loads`);
    }
    const ext = (path || 'index.html').split('.').pop();
    assert.match(res.headers.get('content-type') ?? '', MIME[ext] ?? /./, `/${path}: Content-Type`);
    await res.arrayBuffer();
  }
});

test('the local test server (make serve, every browser test) sends the same headers for every file of the build', async () => {
  const local = browser.server; // launch()'s server.mjs on distDir, default headers
  for (const path of [...builtFiles(), '']) {
    const res = await fetch(local.url + path);
    assert.equal(res.status, 200, `/${path}`);
    const want = headersFor(path || 'index.html', { inline }); // no HSTS: plain http on loopback
    for (const [name, value] of Object.entries(want)) {
      assert.equal(res.headers.get(name), value, `local /${path}: ${name}`);
    }
    if (!('Access-Control-Allow-Origin' in want)) assert.equal(res.headers.get('access-control-allow-origin'), null, `local /${path}`);
    // Revalidation works: the validator it sends gets a 304.
    const again = await fetch(local.url + path, { headers: { 'If-None-Match': res.headers.get('etag') } });
    assert.equal(again.status, 304, `local /${path}: revalidates`);
    await res.arrayBuffer();
  }
});

test('nginx: a missing release file is a plain 404, never cached as immutable nor answered with index.html', async () => {
  const res = await fetch(`${nginx.url}r/0000000000000000/keyholder-app.js`);
  assert.equal(res.status, 404);
  assert.equal(res.headers.get('cache-control'), 'no-cache');
  assert.doesNotMatch(await res.text(), /keyholder/i);
});

// --- Azure Static Web Apps and Netlify / Cloudflare Pages, parsed ----------------------------

/** SWA: globalHeaders, then the first matching route's headers on top (docs: route wins). */
function swaHeaders(config, urlPath) {
  const route = (config.routes ?? []).find((r) => (r.route.endsWith('*')
    ? urlPath.startsWith(r.route.slice(0, -1)) : urlPath === r.route));
  return { ...config.globalHeaders, ...(route?.headers ?? {}) };
}

/** _headers: every matching rule applies. Fails if two rules set one header for the same path. */
function netlifyHeaders(text, urlPath) {
  const rules = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    if (!/^\s/.test(line)) rules.push({ path: line.trim(), headers: [] });
    else {
      const at = line.indexOf(':');
      rules.at(-1).headers.push([line.slice(0, at).trim(), line.slice(at + 1).trim()]);
    }
  }
  const out = {};
  for (const rule of rules) {
    const re = new RegExp(`^${rule.path.split('*').map((s) => s.replace(/[.?+^$()[\]{}|\\]/g, '\\$&')).join('.*')}$`);
    if (!re.test(urlPath)) continue;
    for (const [name, value] of rule.headers) {
      // Netlify lets the later rule win, Cloudflare joins the values: only one rule may set it.
      assert.ok(!(name in out), `_headers sets ${name} twice for ${urlPath}`);
      out[name] = value;
    }
  }
  return out;
}

test('Azure Static Web Apps and Netlify/Cloudflare configs give every file of the build the same headers as nginx and the test server', () => {
  const swa = JSON.parse(file('staticwebapp.config.json'));
  const netlify = file('_headers');
  // No SPA fallback (routes live in the fragment): it would answer a missing release file with
  // index.html under a year-long immutable cache.
  assert.equal(swa.navigationFallback, undefined, 'SWA: no navigationFallback');
  assert.equal(swa.mimeTypes?.['.wasm'], 'application/wasm');
  for (const path of [...builtFiles(), '']) {
    const want = expected(path || 'index.html');
    assert.deepEqual(swaHeaders(swa, `/${path}`), want, `SWA /${path} (${STALE})`);
    assert.deepEqual(netlifyHeaders(netlify, `/${path}`), want, `_headers /${path} (${STALE})`);
  }
});

test('the README documents the widget CSP the servers send', () => {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const csp = headersFor('index.html', { frameAncestors: '<sites allowed to frame it>', inline })['Content-Security-Policy'];
  assert.ok(readme.includes(`Content-Security-Policy: ${csp}`), `README "Embedding" shows the CSP of headers.mjs (${STALE})`);
});
