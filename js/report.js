// Fetches and starts the report module (keyholder-report.js and its wasm) from the app's release
// folder, once; later calls get the same module. A failed attempt is forgotten, and the next one
// asks for the files under a fresh URL, so "Try again" really fetches again (a browser may keep a
// failed module import for the page's life).
let started = null;
let attempts = 0;

export function loadReport(base) {
  if (!started) {
    const retry = attempts++ ? `?attempt=${attempts}` : '';
    // Absolute: a relative import() would resolve against this snippet's own folder.
    const folder = new URL(base || './', document.baseURI);
    started = import(new URL(`keyholder-report.js${retry}`, folder).href)
      .then(async (m) => {
        await m.default({ module_or_path: new URL(`keyholder-report_bg.wasm${retry}`, folder) });
        return m;
      });
    started.catch(() => { started = null; });
  }
  return started;
}
