// Lints the help data in extension/data/: help lines, reporting guides, advice paths.
// Plain `node --test`, no dependencies. Run: node --test tests/unit/data.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dataDir = fileURLToPath(new URL('../../extension/data/', import.meta.url));
const load = (name) => JSON.parse(readFileSync(dataDir + name, 'utf8'));

const helplines = load('helplines.json').entries;
const sites = load('reporting.json').sites;
const advice = load('advice.json').paths;

const REQUIRED_COUNTRIES = ['GB', 'US', 'CA', 'AU', 'IE', 'NZ', 'INT'];
const AUDIENCES = ['under18', 'adult', 'everyone'];
const KINDS = ['report', 'support', 'crisis', 'takedown', 'police'];
const SITE_IDS = ['instagram', 'messenger', 'facebook', 'whatsapp', 'snapchat', 'discord', 'x',
  'telegram', 'tiktok', 'reddit', 'tinder', 'bumble', 'grindr', 'okcupid', 'hinge', 'feeld', 'random-chat'];
const PATH_IDS = ['threatened', 'sent', 'paid', 'unsure', 'friend', 'crisis'];
const ACTIONS = ['save_evidence', 'open_help', 'open_report', 'block_guide', 'open_takedown', 'open_crisis'];
const BANNED = ['should have', 'why did you', 'never send', 'be more careful', 'mistake', 'commit suicide'];

// "Today" for the freshness check; end of the current UTC day so a date checked today passes.
const endOfToday = new Date();
endOfToday.setUTCHours(23, 59, 59, 999);

function isHttps(value) {
  if (typeof value !== 'string') return false;
  try { return new URL(value).protocol === 'https:'; } catch { return false; }
}

function isValidPastDate(value) {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(value + 'T00:00:00Z');
  // Reject dates like 2026-02-30 that Date silently rolls over.
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value && d <= endOfToday;
}

function assertUniqueIds(list, label) {
  const seen = new Set();
  for (const { id } of list) {
    assert.ok(!seen.has(id), `${label}: duplicate id ${id}`);
    seen.add(id);
  }
}

// Every string anywhere in a JSON value, with its path, for the wording checks.
function* strings(value, path = '') {
  if (typeof value === 'string') yield [path, value];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* strings(v, `${path}[${i}]`);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* strings(v, `${path}.${k}`);
}

test('every help line has the required fields, well formed', () => {
  assert.ok(helplines.length > 0);
  for (const e of helplines) {
    const at = `helpline ${e.id}`;
    for (const field of ['id', 'country', 'name', 'audience', 'url', 'what', 'source', 'checked']) {
      assert.equal(typeof e[field], 'string', `${at}: ${field} missing`);
      assert.ok(e[field].trim().length > 0, `${at}: ${field} empty`);
    }
    assert.match(e.id, /^[a-z0-9-]+$/, `${at}: id should be lower-case words joined by -`);
    assert.ok(e.country === 'INT' || /^[A-Z]{2}$/.test(e.country), `${at}: country ${e.country}`);
    assert.ok(AUDIENCES.includes(e.audience), `${at}: audience ${e.audience}`);
    assert.ok(Array.isArray(e.kind) && e.kind.length > 0, `${at}: kind must be a non-empty list`);
    for (const k of e.kind) assert.ok(KINDS.includes(k), `${at}: kind ${k}`);
    assert.ok(isHttps(e.url), `${at}: url must be https`);
    assert.ok(isHttps(e.source), `${at}: source must be https`);
    assert.ok(isValidPastDate(e.checked), `${at}: checked ${e.checked} must be a real date, not in the future`);
    for (const opt of ['phone', 'text', 'hours', 'note']) {
      if (opt in e) assert.ok(typeof e[opt] === 'string' && e[opt].trim(), `${at}: ${opt} empty`);
    }
  }
});

test('help line ids are unique', () => assertUniqueIds(helplines, 'helplines'));

test('each required country has under-18, adult and crisis help', () => {
  for (const c of REQUIRED_COUNTRIES) {
    const here = helplines.filter((e) => e.country === c);
    assert.ok(here.some((e) => e.audience === 'under18'), `${c}: no under18 entry`);
    assert.ok(here.some((e) => e.audience === 'adult' || e.audience === 'everyone'), `${c}: no adult/everyone entry`);
    assert.ok(here.some((e) => e.kind.includes('crisis')), `${c}: no crisis entry`);
  }
});

test('every reporting guide has https links, steps, source and date', () => {
  for (const s of sites) {
    const at = `site ${s.id}`;
    assert.equal(typeof s.name, 'string', `${at}: name`);
    assert.ok(isHttps(s.report), `${at}: report must be https`);
    assert.ok(isHttps(s.block), `${at}: block must be https`);
    assert.ok(isHttps(s.source), `${at}: source must be https`);
    assert.ok(isValidPastDate(s.checked), `${at}: checked ${s.checked}`);
    assert.ok(Array.isArray(s.steps) && s.steps.length >= 2 && s.steps.length <= 4, `${at}: 2-4 steps`);
    for (const step of s.steps) assert.ok(typeof step === 'string' && step.trim(), `${at}: empty step`);
  }
  assertUniqueIds(sites, 'sites');
  for (const id of SITE_IDS) assert.ok(sites.some((s) => s.id === id), `no reporting guide for ${id}`);
});

test('all advice paths are present with well-formed steps', () => {
  assertUniqueIds(advice, 'advice');
  for (const id of PATH_IDS) assert.ok(advice.some((p) => p.id === id), `advice path ${id} missing`);
  for (const p of advice) {
    assert.ok(p.title?.trim() && p.lead?.trim(), `${p.id}: title and lead`);
    assert.ok(Array.isArray(p.steps) && p.steps.length > 0, `${p.id}: steps`);
    assertUniqueIds(p.steps, `advice ${p.id}`);
    for (const step of p.steps) {
      assert.ok(typeof step.text === 'string' && step.text.trim(), `${p.id}/${step.id}: empty text`);
      if ('action' in step) assert.ok(ACTIONS.includes(step.action), `${p.id}/${step.id}: action ${step.action}`);
    }
    // Rubric 5: one primary action stands out.
    assert.equal(p.steps.filter((s) => s.primary).length, 1, `${p.id}: exactly one primary step`);
  }
});

test('each lead says it is not their fault, not to blame, or not in trouble', () => {
  for (const p of advice) assert.match(p.lead, /fault|blame|trouble/i, `${p.id}: lead`);
});

test('the crisis path leads with help and presence, never a demand to report first', () => {
  const crisis = advice.find((p) => p.id === 'crisis');
  assert.match(crisis.lead, /not alone/i);
  assert.equal(crisis.steps[0].action, 'open_help', 'first crisis step opens the crisis line');
  assert.ok(!crisis.steps.some((s) => s.action === 'open_report'), 'no report step in crisis mode');
});

test('no exclamation marks and no blaming phrases in any user-facing text', () => {
  const texts = [
    ...strings(advice, 'advice'),
    ...strings(sites.map(({ steps, name }) => ({ name, steps })), 'sites'),
    ...strings(helplines.map(({ name, what }) => ({ name, what })), 'helplines'),
  ];
  for (const [path, text] of texts) {
    assert.ok(!text.includes('!'), `${path}: exclamation mark in "${text}"`);
    const lower = text.toLowerCase();
    for (const phrase of BANNED) assert.ok(!lower.includes(phrase), `${path}: "${phrase}" in "${text}"`);
  }
});
