// Starts Keyholder. An external module (not Trunk's inline snippet) so a strict
// Content-Security-Policy without 'unsafe-inline' can run the app. In a script embed it also
// tells the host element where the widget's files are, so the app can load its stylesheet.
import init from './keyholder-app.js';

const base = new URL('./', import.meta.url).href;
for (const el of document.querySelectorAll('[data-keyholder]:not(iframe)')) {
  el.setAttribute('data-keyholder-base', base);
}
init({ module_or_path: new URL('./keyholder-app_bg.wasm', import.meta.url) });
