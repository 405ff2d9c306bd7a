import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {test} from 'node:test';
import {HEADLINE_FAMILIES, headlineKeys} from '../../extension/content/headline.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const fam = (...names) => names.map((family) => ({family, rules: true, learned: false, messages: [0]}));

test('the headline follows the most serious family the verdict rests on', () => {
  assert.equal(headlineKeys({level: 'urgent', families: fam('grooming', 'coercion', 'demand')}).title, 'title_family_coercion');
  // Money and a deadline with no threat: a money scam, at any level, never "blackmail".
  assert.equal(headlineKeys({level: 'warning', families: fam('demand')}).title, 'title_family_demand');
  assert.equal(headlineKeys({level: 'urgent', families: fam('demand', 'distress')}).lead, 'lead_family_demand');
  assert.equal(headlineKeys({level: 'warning', families: fam('grooming', 'distress')}).title, 'title_family_grooming');
  // The person's own worried words alone are not called a scam.
  assert.equal(headlineKeys({level: 'caution', families: fam('distress')}).title, 'title_family_distress');
});

test('a family a rule found names the warning before one only the scorer read', () => {
  const verdict = {level: 'warning', families: [
    {family: 'coercion', rules: false, learned: true, messages: [1]},
    {family: 'demand', rules: true, learned: false, messages: [0, 1]},
  ]};
  assert.equal(headlineKeys(verdict).title, 'title_family_demand');
  assert.equal(headlineKeys({level: 'caution', families: [{family: 'grooming', rules: false, learned: true}]}).title, 'title_family_grooming');
});

test('a verdict without families (or with junk in them) falls back to the level', () => {
  assert.deepEqual(headlineKeys({level: 'caution'}), {family: null, title: 'title_caution', lead: 'lead_caution'});
  assert.equal(headlineKeys({level: 'warning', families: [null, {family: 7}, 'x']}).title, 'title_warning');
  assert.equal(headlineKeys({level: 'warning', families: fam('unknown')}).title, 'title_warning');
});

test('every headline has its title and a not-your-fault lead in every locale', () => {
  const dir = path.join(ROOT, 'extension/_locales');
  for (const locale of fs.readdirSync(dir)) {
    const m = JSON.parse(fs.readFileSync(path.join(dir, locale, 'messages.json'), 'utf8'));
    for (const f of HEADLINE_FAMILIES) {
      assert.ok(m[`title_family_${f}`]?.message, `${locale}: title_family_${f}`);
      assert.ok(m[`lead_family_${f}`]?.message, `${locale}: lead_family_${f}`);
    }
  }
  const en = JSON.parse(fs.readFileSync(path.join(dir, 'en/messages.json'), 'utf8'));
  for (const f of HEADLINE_FAMILIES) assert.match(en[`lead_family_${f}`].message, /^(None of this is your fault|You haven’t done anything wrong|This is not your fault)/, f);
});
