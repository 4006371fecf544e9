// The two origins of an embed: the widget (dist/ on 127.0.0.1) and a consultancy page
// (examples/embed/ on localhost), each with its own strict Content-Security-Policy.
//   node tests/e2e/embed-servers.mjs [WIDGET_PORT HOST_PORT]   (make embed-demo)
//   import { serveEmbed } from './embed-servers.mjs'            (tests)
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve, strictCsp } from './server.mjs';
import { repoRoot, distDir } from './harness.mjs';

/** The CSP a host page needs for both embeds of a widget at `widget` (an origin). */
export function hostCsp(widget) {
  return [
    "default-src 'self'",
    `script-src 'self' ${widget} 'wasm-unsafe-eval'`,
    `style-src 'self' ${widget}`,
    `connect-src 'self' ${widget}`,
    `img-src 'self' data: ${widget}`,
    `frame-src ${widget}`,
    "object-src 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/** Starts both servers. The host page is `host.url`; `third` is the same page on another origin. */
export async function serveEmbed({ widgetPort = 0, hostPort = 0 } = {}) {
  // The host port must be known before the widget's frame-ancestors can name it.
  const host = await serve(join(repoRoot, 'examples', 'embed'), { port: hostPort, headers: {} });
  const hostOrigin = `http://localhost:${host.port}`;
  const third = `http://127.0.0.1:${host.port}`;
  const widget = await serve(distDir, {
    port: widgetPort,
    headers: {
      'Content-Security-Policy': strictCsp(`${hostOrigin} ${third}`),
      // Module scripts and the wasm are fetched with CORS by a script-embed host.
      'Access-Control-Allow-Origin': '*',
    },
  });
  const widgetOrigin = new URL(widget.url).origin;
  await host.close();
  const page = await serve(join(repoRoot, 'examples', 'embed'), {
    port: host.port,
    headers: { 'Content-Security-Policy': hostCsp(widgetOrigin) },
    replace: { '{{WIDGET}}': widget.url, '{{HOST}}': encodeURIComponent(hostOrigin) },
  });
  return {
    widget,
    widgetOrigin,
    hostOrigin,
    thirdOrigin: third,
    hostUrl: `${hostOrigin}/`,
    close: async () => { await page.close(); await widget.close(); },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [w = '8081', h = '8082'] = process.argv.slice(2);
  const s = await serveEmbed({ widgetPort: Number(w), hostPort: Number(h) });
  console.log(`widget at ${s.widget.url}\nconsultancy page at ${s.hostUrl}`);
}
