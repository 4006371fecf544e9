// The header configs shipped for static hosts send exactly the CSP the browser tests run under.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strictCsp } from './server.mjs';
import { test, repoRoot } from './harness.mjs';

const expected = strictCsp("'self' https://contoso.example");
const file = (name) => readFileSync(join(repoRoot, 'deploy', name), 'utf8');

test('nginx, Azure Static Web Apps and Netlify configs carry the tested CSP', () => {
  const nginx = file('nginx.conf').match(/Content-Security-Policy "([^"]+)"/)[1];
  const swa = JSON.parse(file('staticwebapp.config.json')).globalHeaders['Content-Security-Policy'];
  const netlify = file('_headers').match(/Content-Security-Policy: (.+)/)[1].trim();
  for (const [name, csp] of [['nginx', nginx], ['swa', swa], ['netlify', netlify]]) {
    assert.equal(csp, expected, name);
  }
});
