// Starts Keyholder. An external module (not Trunk's inline snippet) so a strict
// Content-Security-Policy without 'unsafe-inline' or Trusted Types exceptions can run the app.
// The build (scripts/release_layout.py) puts this file in the release folder `r/<hash>/` next to
// the glue, the wasm and the stylesheets of the same build, so the relative names below always
// pair files of one release; the fixed-name `boot.js` at the root only imports this one.
// In a script embed it also tells the host element where the widget's files are
// (`data-keyholder-base`, the release folder), so the app loads `main.css` and the report's text
// from the same release.
import init from './keyholder-app.js';

const base = new URL('./', import.meta.url).href;
const hosts = document.querySelectorAll('[data-keyholder]:not(iframe)');
for (const el of hosts) {
  el.setAttribute('data-keyholder-base', base);
}
// On Keyholder's own page (and in an iframe) the app finds its release folder on the root element:
// it fetches the report's text (report-prose.txt) from there when a report is first shown.
if (hosts.length === 0) document.documentElement.setAttribute('data-keyholder-base', base);
init({ module_or_path: new URL('./keyholder-app_bg.wasm', import.meta.url) });
