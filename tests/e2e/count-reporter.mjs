// A node:test reporter for `make stress`: one JSON line per finished test (file, name, pass/fail,
// duration), so runs of the same suite can be counted test by test.
import { relative } from 'node:path';

export default async function* countReporter(source) {
  const filesWithTests = new Set();
  // Tests are declared through harness.mjs's `test`, so their own `file` is the harness: name
  // them by the test file the runner is in (files run one at a time, `--test-concurrency=1`).
  let current = null;
  for await (const event of source) {
    if (event.type === 'test:dequeue' && event.data.name?.endsWith('.mjs')) current = event.data.name;
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { name, nesting, file, details } = event.data;
    // The runner also reports each file as a test of its own: it counts only when the file failed
    // before any of its tests reported (it didn't load, a `before` hook threw), which would
    // otherwise hide its tests from the table.
    const isFile = name.endsWith('.mjs');
    if (!isFile) filesWithTests.add(file);
    if (isFile && (event.type === 'test:pass' || filesWithTests.has(file ?? name))) continue;
    yield JSON.stringify({
      file: relative(process.cwd(), isFile ? name : (file?.endsWith('harness.mjs') && current) || file || name),
      name: isFile ? '(the file as a whole)' : name,
      nesting,
      passed: event.type === 'test:pass',
      ms: Math.round(details?.duration_ms ?? 0),
      error: event.type === 'test:fail' ? String(details?.error?.cause?.message ?? details?.error?.message ?? '').slice(0, 300) : undefined,
    }) + '\n';
  }
}
