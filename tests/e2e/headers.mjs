// The one source of truth for the HTTP headers Keyholder is served with. The local test server
// (server.mjs) sends exactly these; the deploy test checks nginx (live), Azure Static Web Apps and
// Netlify (parsed) against them. Paths are relative to the dist folder, without a leading slash.
import { createHash } from 'node:crypto';

/** Release folders: content-addressed, never change (see scripts/release_layout.py). */
export const RELEASE_DIR = 'r/';
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Entry points are revalidated on every load, so an update reaches everyone at once. */
export const REVALIDATE = 'no-cache';
/** Sent by the deploy configs only: they serve HTTPS (a plain-http loopback server has no use for it). */
export const HSTS = 'max-age=63072000; includeSubDomains';

/**
 * Powerful features the app never uses, denied to it and to anything it frames. Only features
 * Chromium knows: an unknown one is a console error on every load.
 */
export const PERMISSIONS_POLICY = [
  'accelerometer', 'autoplay', 'camera', 'display-capture', 'encrypted-media', 'geolocation',
  'gyroscope', 'hid', 'magnetometer', 'microphone', 'midi', 'payment', 'publickey-credentials-get',
  'screen-wake-lock', 'serial', 'usb', 'xr-spatial-tracking',
].map((f) => `${f}=()`).join(', ');

/**
 * The hashes of a page's inline script and style (index.html's first paint, put inline by
 * scripts/release_layout.py; scripts/csp_hashes.py computes the same), as CSP sources:
 * `{ script: ["'sha256-…'"], style: ["'sha256-…'"] }`.
 */
export function inlineHashes(html) {
  const hash = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
  // (The HTML parser turns CR LF into LF before the browser hashes, as Python's text mode does.)
  const bodies = (re) => [...html.replace(/\r\n?/g, '\n').matchAll(re)].map((m) => hash(m[1]));
  return {
    script: bodies(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/gi),
    style: bodies(/<style\b[^>]*>([\s\S]*?)<\/style>/gi),
  };
}

/**
 * The CSP Keyholder is built to run under (see README, "Embedding"). `inline` names the hashes of
 * the page's inline script and style (`inlineHashes`), the only inline code it allows.
 */
export function strictCsp(frameAncestors = "'self'", inline = { script: [], style: [] }) {
  return [
    "default-src 'self'",
    ["script-src 'self' 'wasm-unsafe-eval'", ...inline.script].join(' '),
    ["style-src 'self'", ...inline.style].join(' '),
    "connect-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "worker-src 'none'",
    "require-trusted-types-for 'script'",
    "trusted-types 'none'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');
}

/** Files a script-embed host page loads from another origin: they need CORS and cross-origin CORP. */
export function isEmbeddable(path) {
  return path.startsWith(RELEASE_DIR) || path === 'boot.js' || path === 'keyholder-embed.js';
}

/** Files that never change under their name. */
export function isImmutable(path) {
  return path.startsWith(RELEASE_DIR);
}

/**
 * Every header (but Content-Type) a successful response for `path` carries. `frameAncestors` is
 * the CSP's list of sites allowed to frame the widget; `inline` the hashes of index.html's inline
 * script and style (`inlineHashes`); `tls` adds HSTS, as the deploy configs do.
 */
export function headersFor(path, { frameAncestors = "'self'", inline, tls = false } = {}) {
  const embeddable = isEmbeddable(path);
  return {
    'Content-Security-Policy': strictCsp(frameAncestors, inline),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': embeddable ? 'cross-origin' : 'same-origin',
    'Permissions-Policy': PERMISSIONS_POLICY,
    'Cache-Control': isImmutable(path) ? IMMUTABLE : REVALIDATE,
    ...(embeddable ? { 'Access-Control-Allow-Origin': '*' } : {}),
    ...(tls ? { 'Strict-Transport-Security': HSTS } : {}),
  };
}

/** The frame-ancestors the shipped deploy configs carry (a placeholder the deployer replaces). */
export const DEPLOY_FRAME_ANCESTORS = "'self' https://contoso.example";
