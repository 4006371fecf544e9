// Keyholder iframe host script. MIT License. No dependencies. Sizes each <iframe data-keyholder>
// on this script's own origin to its content. A message counts only from that origin and from
// such an iframe's own window; numbers must be integers (height clamped to 100,000 px). Opted-in
// verdicts arrive as a `keyholder:verdicts` event on the iframe (figures only, never answers).
(() => {
  const me = document.currentScript && new URL(document.currentScript.src).origin;
  if (!me) return console.warn('keyholder-embed.js: load it with a classic <script src defer>');
  const ours = (f) => { try { return new URL(f.src, location.href).origin === me; } catch { return false; } };
  const frames = () => [...document.querySelectorAll('iframe[data-keyholder]')].filter(ours);
  const n = (v, max) => Number.isInteger(v) && v >= 0 && v <= max;
  addEventListener('message', (e) => {
    const d = e.data;
    if (e.origin !== me || !d || d.keyholder !== 1) return;
    const f = frames().find((f) => f.contentWindow === e.source);
    if (!f) return;
    const k = d.key_control;
    if (d.type === 'height' && n(d.height, 1e9) && d.height > 0) {
      f.style.height = Math.min(d.height, 100000) + 'px';
    } else if (d.type === 'verdicts' && k && n(k.in_scope, 1e6) && n(k.customer_key, k.in_scope) && n(d.residency_gaps, 1e6)) {
      const detail = { key_control: { customer_key: k.customer_key, in_scope: k.in_scope }, residency_gaps: d.residency_gaps };
      f.dispatchEvent(new CustomEvent('keyholder:verdicts', { detail, bubbles: true }));
    }
  });
  // Ask for the height now and once loaded, in case the first report came before this listened
  // (`defer`: a frame may have loaded and posted already).
  const ask = (f) => f.contentWindow?.postMessage({ keyholder: 1, type: 'request-height' }, me);
  const hook = () => frames().forEach((f) => { ask(f); f.addEventListener('load', () => ask(f)); });
  if (document.readyState === 'loading') addEventListener('DOMContentLoaded', hook); else hook();
})();
