// A plain static file server on loopback, as a user would deploy Keyholder: no build tool, no
// rewriting. It sends the headers of headers.mjs — the strict Content-Security-Policy (with Trusted
// Types), the caching split (release folders immutable, entry points revalidated), CORS only on
// what a script embed loads — so every browser test also proves the build runs under them.
//   node tests/e2e/server.mjs DIST PORT            (command line, used by `make serve`)
//   import { serve } from './server.mjs'           (tests: returns { url, close })
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { headersFor, inlineHashes } from './headers.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves `root` on 127.0.0.1:`port` (0 = any free port).
 * Every response carries `headersFor(its path)` from headers.mjs, its CSP naming `frameAncestors`
 * (the sites allowed to frame the widget, or a function giving them; 'self' if not given); `headers` (an object, or a
 * function of the file path) is added on top and wins, e.g. a host page's own CSP. `replace`
 * fills placeholders in HTML files.
 */
export async function serve(root, { port = 0, host = '127.0.0.1', frameAncestors, headers, replace } = {}) {
  const base = resolve(root);
  const extra = headers ?? {};
  const more = (path) => (typeof extra === 'function' ? extra(path) : extra);
  // The CSP allows the served index.html's inline script and style by their hashes, as the deploy
  // configs do (read on each request: a test may deploy another release into `root`).
  const csp = async () => ({ frameAncestors: typeof frameAncestors === 'function' ? frameAncestors() : frameAncestors, inline: inlineHashes(await readFile(join(base, 'index.html'), 'utf8').catch(() => '')) });
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://x');
      if (url.pathname === '/__blank__') {
        // An empty same-origin page the tests use to clear storage before the app loads.
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ...headersFor('__blank__', await csp()), ...more('') }).end('<!doctype html><title>blank</title><link rel="icon" href="data:,">');
        return;
      }
      let path = normalize(join(base, decodeURIComponent(url.pathname)));
      if (path !== base && !path.startsWith(base + sep)) {
        res.writeHead(403).end();
        return;
      }
      let info = await stat(path).catch(() => null);
      if (info?.isDirectory()) {
        path = join(path, 'index.html');
        info = await stat(path).catch(() => null);
      }
      if (!info) {
        // Never "immutable": a file missing now may be deployed later under the same name.
        res.writeHead(404, { 'Content-Type': 'text/plain', ...headersFor('404', await csp()), ...more(path) }).end('not found');
        return;
      }
      let body = await readFile(path);
      // Example pages name the widget's address as {{WIDGET}} and so on: filled in per run.
      if (replace && extname(path) === '.html') {
        body = Object.entries(replace).reduce((text, [k, v]) => text.replaceAll(k, v), body.toString());
      }
      const rel = relative(base, path).split(sep).join('/');
      // A validator, so `no-cache` entry points revalidate (304) as on a real host.
      const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
      const head = {
        'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream',
        ETag: etag,
        ...headersFor(rel, await csp()),
        ...more(path),
      };
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, head).end();
        return;
      }
      res.writeHead(200, head);
      res.end(body);
    } catch (err) {
      res.writeHead(500).end(String(err));
    }
  });
  await new Promise((ok) => server.listen(port, host, ok));
  const { port: actual } = server.address();
  return {
    url: `http://${host}:${actual}/`,
    port: actual,
    close: () => new Promise((ok) => server.close(ok)),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [root = 'dist', port = '8080'] = process.argv.slice(2);
  const { url } = await serve(root, { port: Number(port) });
  console.log(`serving ${root} at ${url}`);
}
