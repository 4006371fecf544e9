// The two origins of an embed: the widget (dist/ on 127.0.0.1) and a consultancy page
// (examples/embed/ on localhost), each with its own strict Content-Security-Policy.
//   node tests/e2e/embed-servers.mjs [WIDGET_PORT HOST_PORT]   (make embed-demo)
//   import { serveEmbed } from './embed-servers.mjs'            (tests)
import { createServer } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve } from './server.mjs';
import { repoRoot, distDir } from './harness.mjs';

/** The CSP a host page needs for both embeds of a widget at `widget` (an origin); `frames` are
 * other origins the page may frame (the tests' forger). */
export function hostCsp(widget, frames = '') {
  return [
    "default-src 'self'",
    `script-src 'self' ${widget} 'wasm-unsafe-eval'`,
    `style-src 'self' ${widget}`,
    `connect-src 'self' ${widget}`,
    `img-src 'self' data: ${widget}`,
    `frame-src ${widget} ${frames}`.trim(),
    "object-src 'none'",
    "base-uri 'none'",
    // A host may enforce Trusted Types: the widget (and its drawn landing) never needs a policy.
    "require-trusted-types-for 'script'",
    "trusted-types 'none'",
  ].join('; ');
}

/**
 * A page on yet another origin that pretends to be the widget: framed as an
 * `iframe[data-keyholder]`, it posts a huge height and forged verdicts to its parent, with `*`, on
 * load and whenever it is messaged. No CSP: its inline script is the attack.
 */
async function serveForger() {
  const html = `<!doctype html><title>forger</title><link rel="icon" href="data:,"><script>
    const forge = () => {
      parent.postMessage({ keyholder: 1, type: 'height', height: 99999 }, '*');
      parent.postMessage({ keyholder: 1, type: 'verdicts', key_control: { customer_key: 99, in_scope: 99 }, residency_gaps: 0 }, '*');
    };
    forge();
    addEventListener('message', forge);
  </script>`;
  const server = createServer((req, res) => res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(html));
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((done) => server.close(done)) };
}

/** Starts both servers. The host page is `host.url`; `third` is the same page on another origin. */
export async function serveEmbed({ widgetPort = 0, hostPort = 0 } = {}) {
  // The host port must be known before the widget's frame-ancestors can name it.
  const host = await serve(join(repoRoot, 'examples', 'embed'), { port: hostPort, headers: {} });
  const hostOrigin = `http://localhost:${host.port}`;
  const third = `http://127.0.0.1:${host.port}`;
  const widget = await serve(distDir, {
    port: widgetPort,
    // CORS comes from the server's own header list, only on the files a script embed loads
    // (boot.js, the host script and the release folder), never on index.html.
    frameAncestors: `${hostOrigin} ${third}`,
  });
  const widgetOrigin = new URL(widget.url).origin;
  const forger = await serveForger();
  const forgerOrigin = new URL(forger.url).origin;
  await host.close();
  const page = await serve(join(repoRoot, 'examples', 'embed'), {
    port: host.port,
    headers: { 'Content-Security-Policy': hostCsp(widgetOrigin, forgerOrigin) },
    replace: { '{{WIDGET}}': widget.url, '{{HOST}}': encodeURIComponent(hostOrigin) },
  });
  return {
    widget,
    widgetOrigin,
    hostOrigin,
    thirdOrigin: third,
    forgerUrl: forger.url,
    forgerOrigin,
    hostUrl: `${hostOrigin}/`,
    close: async () => { await page.close(); await widget.close(); await forger.close(); },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [w = '8081', h = '8082'] = process.argv.slice(2);
  const s = await serveEmbed({ widgetPort: Number(w), hostPort: Number(h) });
  console.log(`widget at ${s.widget.url}\nconsultancy page at ${s.hostUrl}`);
}
