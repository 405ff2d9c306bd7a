// Lints extension/sites.json: the per-site chat knowledge is data, so it gets the checks a
// reviewer would otherwise do by eye (house style habit 3).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const data = JSON.parse(fs.readFileSync(path.join(root, 'extension/sites.json'), 'utf8'));
const sites = data.sites;
const { document } = parseHTML('<!doctype html><html><body><div></div></body></html>');

const SELECTOR_FIELDS = ['thread', 'message', 'text', 'exclude', 'outgoing', 'incoming', 'author', 'self', 'bubble', 'idSelector', 'time', 'media', 'peerName', 'peerLink'];
const KNOWN_FIELDS = new Set([
  'id', 'name', 'confidence', 'hosts', 'paths', 'matches', 'pierce', 'thread', 'message', 'text', 'exclude', 'direction',
  'outgoing', 'incoming', 'author', 'authorInherit', 'self', 'selfLabels', 'oneToOne', 'bubble', 'idAttr', 'idSelector',
  'time', 'timeAttr', 'media', 'peerName', 'peerNameAttr', 'peerNamePattern', 'peerLink', 'conversationKey', 'cues', 'sources', 'notes',
]);
const CUE_KINDS = ['stranger', 'known', 'newThread', 'history'];
const CUE_LANGS = ['*', 'en', 'es', 'fr', 'de', 'pt', 'it', 'ar'];

function selectorParses(sel) {
  try {
    document.querySelector(sel);
    return true;
  } catch {
    return false;
  }
}

function regexCompiles(re) {
  try {
    new RegExp(re);
    return true;
  } catch {
    return false;
  }
}

function keySpecs(site) {
  return Array.isArray(site.conversationKey) ? site.conversationKey : [site.conversationKey];
}

/** Does a WebExtension match pattern (https://host/path) cover this host? */
function patternCovers(pattern, host) {
  const m = /^https:\/\/([^/]+)\/.*$/.exec(pattern);
  if (!m) return false;
  const h = m[1];
  if (h === host) return true;
  if (h.startsWith('*.')) return host === h.slice(2) || host.endsWith(h.slice(1));
  return false;
}

test('sites.json has version 1, a sites array and a generic entry', () => {
  assert.equal(data.version, 1);
  assert.ok(Array.isArray(sites) && sites.length >= 17);
  assert.equal(typeof data.generic, 'object');
});

test('entries are sorted by id and ids are unique, lower-case slugs', () => {
  const ids = sites.map((s) => s.id);
  assert.deepEqual(ids, [...ids].sort(), 'sort the entries by id');
  assert.equal(new Set(ids).size, ids.length, 'duplicate id');
  for (const id of ids) assert.match(id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
});

test('every entry uses only documented fields and has the required ones', () => {
  for (const s of sites) {
    for (const k of Object.keys(s)) assert.ok(KNOWN_FIELDS.has(k), `${s.id}: unknown field ${k} (document it in docs/sites.md and adapter.js first)`);
    for (const k of ['id', 'name', 'hosts', 'matches', 'thread', 'message', 'direction', 'conversationKey', 'sources', 'notes']) {
      assert.ok(s[k] !== undefined && s[k] !== '', `${s.id}: missing ${k}`);
    }
    assert.ok(['attr', 'layout', 'author'].includes(s.direction), `${s.id}: direction`);
    if (s.direction === 'attr') assert.ok(s.outgoing, `${s.id}: attr direction needs outgoing`);
    if (s.direction === 'author') assert.ok(s.author, `${s.id}: author direction needs author`);
    assert.ok(['source-verified', 'partial', 'inferred'].includes(s.confidence), `${s.id}: confidence`);
  }
});

test('hosts are unique across entries unless both entries are split by paths', () => {
  const byHost = new Map();
  for (const s of sites) {
    assert.ok(Array.isArray(s.hosts) && s.hosts.length, `${s.id}: hosts`);
    for (const h of s.hosts) {
      assert.match(h, /^[a-z0-9.-]+$/, `${s.id}: host ${h}`);
      if (!byHost.has(h)) byHost.set(h, []);
      byHost.get(h).push(s);
    }
  }
  for (const [h, list] of byHost) {
    if (list.length < 2) continue;
    for (const s of list) assert.ok(Array.isArray(s.paths) && s.paths.length, `host ${h} is shared: ${s.id} needs paths`);
  }
});

test('every host appears in a match pattern, and patterns are https match patterns', () => {
  for (const s of sites) {
    for (const p of s.matches) assert.match(p, /^https:\/\/(\*|\*\.[a-z0-9.-]+|[a-z0-9.-]+)\/.*$/, `${s.id}: pattern ${p}`);
    for (const h of s.hosts) assert.ok(s.matches.some((p) => patternCovers(p, h)), `${s.id}: no match pattern for ${h}`);
  }
});

test('every selector parses', () => {
  const check = (owner, field, sel) => {
    if (sel === undefined || sel === '') return;
    assert.equal(typeof sel, 'string', `${owner}.${field} must be a string`);
    assert.ok(selectorParses(sel), `${owner}.${field}: selector does not parse: ${sel}`);
  };
  for (const s of sites) {
    for (const f of SELECTOR_FIELDS) check(s.id, f, s[f]);
    for (const spec of keySpecs(s)) if (spec.source === 'selector') check(s.id, 'conversationKey.selector', spec.selector);
  }
  for (const f of [...SELECTOR_FIELDS, 'composer']) check('generic', f, data.generic[f]);
});

test('every regular expression compiles', () => {
  for (const s of sites) {
    for (const p of s.paths || []) assert.ok(regexCompiles(p), `${s.id}: paths ${p}`);
    if (s.peerNamePattern) assert.ok(regexCompiles(s.peerNamePattern), `${s.id}: peerNamePattern`);
    for (const spec of keySpecs(s)) {
      assert.ok(['path', 'hash', 'search', 'selector'].includes(spec.source), `${s.id}: key source ${spec.source}`);
      if (spec.source !== 'selector') assert.ok(spec.pattern, `${s.id}: ${spec.source} key needs a pattern`);
      if (spec.pattern) {
        assert.ok(regexCompiles(spec.pattern), `${s.id}: key pattern ${spec.pattern}`);
        assert.ok(/\((?!\?)/.test(spec.pattern), `${s.id}: key pattern needs a capturing group`);
      }
    }
  }
});

test('every entry cites at least one public https source', () => {
  for (const s of [...sites, { id: 'generic', ...data.generic }]) {
    assert.ok(Array.isArray(s.sources) && s.sources.length >= 1, `${s.id}: sources`);
    for (const u of s.sources) assert.match(u, /^https:\/\/[^\s]+$/, `${s.id}: source ${u}`);
  }
});

test('every entry has a self-contained fixture page with the test hook', () => {
  for (const s of sites) {
    const file = path.join(root, 'tests/fixtures/sites', `${s.id}.html`);
    assert.ok(fs.existsSync(file), `missing fixture ${file}`);
    const html = fs.readFileSync(file, 'utf8');
    assert.ok(html.includes('window.__fixture'), `${s.id}: fixture lacks window.__fixture`);
    assert.doesNotMatch(html, /<script[^>]+\bsrc=/i, `${s.id}: external script`);
    assert.doesNotMatch(html, /<link\b/i, `${s.id}: external stylesheet`);
    assert.doesNotMatch(html, /\bsrc="(?!data:|blob:)/i, `${s.id}: images must be data: or blob: URLs`);
    assert.doesNotMatch(html, /url\(\s*['"]?https?:/i, `${s.id}: external CSS resource`);
    assert.doesNotMatch(html, /\.innerHTML\s*=/, `${s.id}: fixture scripts build markup with createElement/textContent`);
  }
});

test('docs/sites.md mentions every entry', () => {
  const doc = fs.readFileSync(path.join(root, 'docs/sites.md'), 'utf8');
  for (const s of sites) assert.ok(doc.includes(`\`${s.id}\``), `docs/sites.md: no section for ${s.id}`);
});

test('stranger and new-thread cues: known kinds, selectors that parse, patterns that compile in every listed language', () => {
  for (const s of [...sites, { id: 'generic', ...data.generic }]) {
    if (s.cues === undefined) continue;
    assert.equal(typeof s.cues, 'object', `${s.id}.cues`);
    for (const [kind, specs] of Object.entries(s.cues)) {
      assert.ok(CUE_KINDS.includes(kind), `${s.id}.cues: unknown kind ${kind} (see extension/content/cues.js)`);
      assert.ok(Array.isArray(specs) && specs.length, `${s.id}.cues.${kind}: a non-empty list`);
      for (const spec of specs) {
        assert.deepEqual(Object.keys(spec).filter((k) => !['selector', 'text'].includes(k)), [], `${s.id}.cues.${kind}: fields`);
        assert.ok(typeof spec.selector === 'string' && selectorParses(spec.selector), `${s.id}.cues.${kind}: selector ${spec.selector}`);
        if (spec.text === undefined) continue;
        const langs = Object.keys(spec.text);
        assert.ok(langs.includes('en') || langs.includes('*'), `${s.id}.cues.${kind}: an English (or "*") pattern`);
        for (const [lang, re] of Object.entries(spec.text)) {
          assert.ok(CUE_LANGS.includes(lang), `${s.id}.cues.${kind}: language ${lang}`);
          assert.ok(typeof re === 'string' && re.length <= 300, `${s.id}.cues.${kind}.${lang}: a pattern of at most 300 characters`);
          assert.doesNotThrow(() => new RegExp(re, 'iu'), `${s.id}.cues.${kind}.${lang}: ${re}`);
        }
      }
    }
  }
});
