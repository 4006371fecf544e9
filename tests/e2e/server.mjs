// A plain static file server on loopback, as a user would deploy Keyholder: no build tool, no
// rewriting. It sends the strict Content-Security-Policy the app promises to run under, so every
// browser test also proves the build needs no inline script or style.
//   node tests/e2e/server.mjs DIST PORT            (command line, used by `make serve`)
//   import { serve } from './server.mjs'           (tests: returns { url, close })
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

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

/** The CSP Keyholder is built to run under (see README, "Embedding"). */
export function strictCsp(frameAncestors = "'self'") {
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "connect-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');
}

/**
 * Serves `root` on 127.0.0.1:`port` (0 = any free port).
 * `headers` (an object, or a function of the file path) is added to every response; by default it
 * is the strict CSP. `replace` fills placeholders in HTML files.
 */
export async function serve(root, { port = 0, host = '127.0.0.1', headers, replace } = {}) {
  const base = resolve(root);
  const extra = headers ?? { 'Content-Security-Policy': strictCsp() };
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://x');
      if (url.pathname === '/__blank__') {
        // An empty same-origin page the tests use to clear storage before the app loads.
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ...(typeof extra === 'function' ? extra('') : extra) }).end('<!doctype html><title>blank</title><link rel="icon" href="data:,">');
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
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
        return;
      }
      let body = await readFile(path);
      // Example pages name the widget's address as {{WIDGET}} and so on: filled in per run.
      if (replace && extname(path) === '.html') {
        body = Object.entries(replace).reduce((text, [k, v]) => text.replaceAll(k, v), body.toString());
      }
      res.writeHead(200, {
        'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream',
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
        ...(typeof extra === 'function' ? extra(path) : extra),
      });
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
