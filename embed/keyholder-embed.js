// Keyholder iframe host script (MIT, no dependencies): sizes every <iframe data-keyholder> to its
// content. Only messages from the iframe's own window and origin count. Opted-in verdicts arrive
// as a `keyholder:verdicts` event on the iframe (figures only; the answers never leave the iframe).
(() => {
  const origin = (f) => new URL(f.src, location.href).origin;
  const frames = () => document.querySelectorAll('iframe[data-keyholder]');
  addEventListener('message', (e) => {
    const d = e.data;
    if (!d || d.keyholder !== 1) return;
    for (const f of frames()) {
      if (e.source !== f.contentWindow || e.origin !== origin(f)) continue;
      if (d.type === 'height' && d.height > 0 && d.height < 100000) {
        f.style.height = Math.ceil(d.height) + 'px';
      } else if (d.type === 'verdicts') {
        const detail = { key_control: d.key_control, residency_gaps: d.residency_gaps };
        f.dispatchEvent(new CustomEvent('keyholder:verdicts', { detail, bubbles: true }));
      }
    }
  });
  // Ask for the height once the iframe has loaded, in case its first report came before this
  // script listened (load with `defer`, so this runs before the iframe's load event).
  const ask = (f) => f.contentWindow?.postMessage({ keyholder: 1, type: 'request-height' }, origin(f));
  const hook = () => frames().forEach((f) => f.addEventListener('load', () => ask(f)));
  if (document.readyState === 'loading') addEventListener('DOMContentLoaded', hook); else hook();
})();
