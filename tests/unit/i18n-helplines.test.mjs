// Choosing help lines for a person (shared/helplines.js): country from the setting or the
// browser's language, audience, international entries after local ones, crisis lines apart.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {test} from 'node:test';
import {fileURLToPath} from 'node:url';
import {countryFor, isHttps, linesFor} from '../../extension/shared/helplines.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const entries = JSON.parse(fs.readFileSync(path.join(ROOT, 'extension/data/helplines.json'), 'utf8')).entries;
const ids = (list) => list.map((e) => e.id);

test('country: the setting, else the browser language region, else international', () => {
  assert.equal(countryFor('GB', 'en-US'), 'GB');
  assert.equal(countryFor('', 'en-US'), 'US');
  assert.equal(countryFor('auto', 'pt_BR'), 'BR');
  assert.equal(countryFor('', 'es', ['es', 'es-MX']), 'MX');
  assert.equal(countryFor('', 'ar', ['ar']), 'INT');
  assert.equal(countryFor('gb', 'fr'), 'INT', 'only valid codes');
});

test('audience picks under-18 or adult services; everyone-lines for both', () => {
  const teen = linesFor(entries, 'GB', 'teen');
  assert.ok(ids(teen.crisis).includes('gb-childline'));
  assert.ok(ids(teen.rest).includes('int-take-it-down'));
  assert.ok(!ids(teen.rest).includes('int-stopncii'));
  const adult = linesFor(entries, 'GB', 'adult');
  assert.ok(!ids(adult.crisis).includes('gb-childline'));
  assert.ok(ids(adult.crisis).includes('gb-samaritans'));
  assert.ok(ids(adult.rest).includes('int-stopncii') && ids(adult.rest).includes('gb-revenge-porn-helpline'));
});

test('local lines come before international ones; unknown countries get the international list', () => {
  const us = linesFor(entries, 'US', 'teen');
  const all = [...us.crisis, ...us.rest];
  assert.ok(all.findIndex((e) => e.country === 'INT') > all.findIndex((e) => e.country === 'US'));
  assert.ok(us.hasLocal);
  const none = linesFor(entries, 'JP', 'teen');
  assert.equal(none.hasLocal, false);
  assert.ok([...none.crisis, ...none.rest].every((e) => e.country === 'INT'));
  assert.ok(none.rest.length > 0);
});

test('every country in the data has at least one crisis line for under-18s and for adults', () => {
  for (const c of new Set(entries.map((e) => e.country).filter((c) => c !== 'INT'))) {
    for (const who of ['teen', 'adult']) {
      const {crisis} = linesFor(entries, c, who);
      assert.ok(crisis.length > 0 || c === 'PT', `${c}/${who}: a crisis line`);
    }
  }
});

test('only https links open', () => {
  assert.ok(isHttps('https://www.childline.org.uk'));
  for (const bad of ['javascript:alert(1)', 'http://x.example', 'data:text/html,x', '', null]) assert.ok(!isHttps(bad), String(bad));
  for (const e of entries) if (e.url) assert.ok(isHttps(e.url), e.id);
});
