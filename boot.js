// Starts Keyholder. An external module (not Trunk's inline snippet) so a strict
// Content-Security-Policy without 'unsafe-inline' can run the app.
import init from './keyholder-app.js';

init({ module_or_path: new URL('./keyholder-app_bg.wasm', import.meta.url) });
