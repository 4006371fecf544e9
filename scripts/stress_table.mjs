// Reads the JSON lines `make stress` collected (one file per run) and prints a per-test table of
// passes out of runs. Exits non-zero if any test failed in any run, or did not run every time.
import { readFileSync } from 'node:fs';

const files = process.argv.slice(2);
const runs = files.length;
const tests = new Map();
for (const [i, f] of files.entries()) {
  for (const line of readFileSync(f, 'utf8').split('\n').filter(Boolean)) {
    const r = JSON.parse(line);
    const key = `${r.file} › ${r.name}`;
    const t = tests.get(key) ?? { passes: 0, seen: 0, ms: [], errors: [] };
    t.seen += 1;
    if (r.passed) t.passes += 1; else t.errors.push(`run ${i + 1}: ${r.error}`);
    t.ms.push(r.ms);
    tests.set(key, t);
  }
}
const rows = [...tests.entries()].sort(([a], [b]) => a.localeCompare(b));
console.log(`\n| test | passed | slowest |\n|---|---|---|`);
for (const [name, t] of rows) {
  console.log(`| ${name.replace(/\|/g, '\\|')} | ${t.passes}/${runs} | ${(Math.max(...t.ms) / 1000).toFixed(1)} s |`);
}
const bad = rows.filter(([, t]) => t.passes !== runs);
for (const [name, t] of bad) console.log(`\n${name}: ${t.passes}/${runs}\n  ${t.errors.join('\n  ')}`);
console.log(`\n${rows.length} tests, ${runs} runs: ${bad.length ? `${bad.length} not ${runs}/${runs}` : `every test ${runs}/${runs}`}`);
process.exit(bad.length || rows.length === 0 ? 1 : 0);
