// Raw DEFLATE with the browser's own CompressionStream, for share links: the platform already
// has a compressor, so the wasm doesn't carry one (the engine inflates and validates in Rust).
export async function deflateRaw(text) {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
