// Unit tests for extension/shared/policy.js and extension/managed_schema.json.
// Run: node --test tests/unit/   (no dependencies)
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import {
  DEFAULT_SETTINGS, SETTINGS_VERSION, SITE_IDS, POLICY_KEYS, USER_KEYS, AUDIENCES,
  UI_LANGUAGES, SENSITIVITIES, LIMITS, GECKO_ID, defaultSettings, validatePolicy,
  validateUserSettings, mergeSettings, isEditable, migrateSettings, policyFromFirefox,
  normalizeMatchPattern, normalizeHttpsUrl,
} from '../../extension/shared/policy.js';

const root = new URL('../../', import.meta.url);
const readJson = (rel) => JSON.parse(readFileSync(new URL(rel, root), 'utf8'));

const CONTACT = { name: 'Ms Rivera', text: 'We can help.', phone: '+1 555 0100', email: 'help@school.example', url: 'https://school.example/help' };

// ---------------------------------------------------------------- per key --
// For each key: values that must be accepted (input → stored value) and
// values that must be rejected. A rejected key must leave the other keys.
const KEY_CASES = {
  audience: {
    valid: [['teen', 'teen'], ['adult', 'adult'], [' Adult ', 'adult'], ['TEEN', 'teen']],
    invalid: ['kid', '', 'teen adult', 1, true, [], {}, ['teen'], 'x'.repeat(100000)],
  },
  country: {
    valid: [['US', 'US'], ['gb', 'GB'], [' de ', 'DE'], ['', ''], ['UK', 'GB'], ['br', 'BR']],
    invalid: ['USA', 'U', 'ZZ', 'XX', '12', 'United States', 44, null, [], {}, 'u\u0000s'],
  },
  uiLanguage: {
    valid: [['auto', 'auto'], ['en', 'en'], ['es', 'es'], ['fr', 'fr'], ['de', 'de'], ['pt', 'pt'], ['it', 'it'], ['ar', 'ar'], ['FR', 'fr']],
    invalid: ['nl', 'en-US', 'english', '', 0, false, ['en']],
  },
  sites: {
    valid: [
      [{ instagram: false }, { instagram: false }],
      [{ tinder: true, grindr: false }, { tinder: true, grindr: false }],
      [{}, {}],
      [Object.fromEntries(SITE_IDS.map((id) => [id, false])), Object.fromEntries(SITE_IDS.map((id) => [id, false]))],
    ],
    invalid: [[], 'instagram', true, { myspace: true }, { instagram: 'false' }, { instagram: 0 }, { instagram: null }],
  },
  extraSites: {
    valid: [
      [[], []],
      [['https://chat.example.org/*'], ['https://chat.example.org/*']],
      [['*://*.Example.NET/messages/*', 'HTTP://a.b/'], ['*://*.example.net/messages/*', 'http://a.b/']],
      [['https://a.example/*', 'https://a.example/*'], ['https://a.example/*']],
    ],
    invalid: ['https://chat.example.org/*', {}, 5, ['not a pattern'], ['<all_urls>'], [42]],
  },
  sensitivity: {
    valid: [['low', 'low'], ['normal', 'normal'], ['high', 'high'], ['High', 'high']],
    invalid: ['standard', 'fewer', 'max', 2, '', null],
  },
  showLearnMore: {
    valid: [[true, true], [false, false]],
    invalid: ['true', 'false', 1, 0, null, [], {}],
  },
  imagePause: {
    valid: [[true, true], [false, false]],
    invalid: ['false', 0, null, {}],
  },
  schoolContact: {
    valid: [
      [CONTACT, CONTACT],
      [{ phone: '116 111' }, { name: '', text: '', phone: '116 111', email: '', url: '' }],
      [{ email: 'dsl@school.example' }, { name: '', text: '', phone: '', email: 'dsl@school.example', url: '' }],
      [{ url: 'https://School.Example' }, { name: '', text: '', phone: '', email: '', url: 'https://school.example/' }],
      [{ name: '  Mr   Lee\n', phone: '(020) 7946-0958' }, { name: 'Mr Lee', text: '', phone: '(020) 7946-0958', email: '', url: '' }],
    ],
    invalid: [
      'Ms Rivera', [], true, {}, { name: 'Only a name' }, { text: 'Only text' },
      { url: 'http://school.example' }, { url: 'javascript:alert(1)' }, { url: 'https://user:pw@school.example/' },
      { email: 'not an email' }, { email: 'a@b' }, { phone: 'call me' }, { phone: '12' },
    ],
  },
  lockSettings: {
    valid: [[true, true], [false, false]],
    invalid: ['yes', 1, null, {}],
  },
  skipFirstRunConsent: {
    valid: [[true, true], [false, false]],
    invalid: ['true', 1, [], null],
  },
};

// Another key that is always valid, to show a bad key does not sink the rest.
const companion = (key) => (key === 'showLearnMore' ? { sensitivity: 'high' } : { showLearnMore: false });

describe('every policy key', () => {
  test('the case table covers exactly the policy keys', () => {
    assert.deepEqual(Object.keys(KEY_CASES).sort(), [...POLICY_KEYS].sort());
  });

  for (const [key, { valid, invalid }] of Object.entries(KEY_CASES)) {
    describe(key, () => {
      for (const [input, expected] of valid) {
        test(`accepts ${JSON.stringify(input).slice(0, 60)}`, () => {
          const { policy } = validatePolicy({ [key]: input });
          assert.deepEqual(policy[key], expected);
        });
      }
      for (const input of invalid) {
        test(`rejects ${JSON.stringify(input)?.slice(0, 60)} with a note; other keys survive`, () => {
          const other = companion(key);
          const { policy, notes } = validatePolicy({ ...other, [key]: input });
          assert.equal(Object.hasOwn(policy, key), false, `policy.${key} should be absent`);
          assert.ok(notes.some((n) => n.includes(`"${key}"`)), `a note names ${key}: ${notes}`);
          for (const [k, v] of Object.entries(other)) assert.equal(policy[k], v);
        });
      }
      test('missing → default in the merged settings', () => {
        const { settings, managed } = mergeSettings({}, companion(key));
        assert.ok(!managed.includes(key));
        if (Object.hasOwn(DEFAULT_SETTINGS, key)) assert.deepEqual(settings[key], DEFAULT_SETTINGS[key]);
      });
      if (USER_KEYS.includes(key)) {
        test('the user may set it with the same rules', () => {
          const [input, expected] = valid[0];
          assert.deepEqual(validateUserSettings({ [key]: input }).settings[key], expected);
          const bad = validateUserSettings({ [key]: invalid[0], ...companion(key) });
          assert.equal(Object.hasOwn(bad.settings, key), false);
          assert.ok(bad.notes.some((n) => n.includes(`"${key}"`)));
        });
      } else {
        test('the user may not set it (policy only)', () => {
          const [input] = valid[0];
          const { settings, notes } = validateUserSettings({ [key]: input });
          assert.equal(Object.hasOwn(settings, key), false);
          assert.ok(notes.some((n) => n.includes('only be set by a school policy')));
        });
      }
    });
  }
});

describe('validatePolicy details', () => {
  test('no policy at all is normal and silent', () => {
    for (const raw of [undefined, null]) assert.deepEqual(validatePolicy(raw), { policy: {}, notes: [] });
    assert.deepEqual(validatePolicy({}), { policy: {}, notes: [] });
  });

  test('unknown keys are ignored with a note', () => {
    const { policy, notes } = validatePolicy({ audience: 'adult', reportTo: 'https://evil.example', Audience: 'teen' });
    assert.deepEqual(policy, { audience: 'adult' });
    assert.equal(notes.length, 2);
    assert.match(notes[0], /unknown key "reportTo" ignored/);
  });

  test('a sites entry that is bad drops only that site', () => {
    const { policy, notes } = validatePolicy({ sites: { instagram: false, tinder: 'no', myspace: true } });
    assert.deepEqual(policy.sites, { instagram: false });
    assert.equal(notes.length, 2);
  });

  test('a bad extraSites entry drops only that entry', () => {
    const { policy, notes } = validatePolicy({ extraSites: ['https://ok.example/*', 'ftp://x.example/*', 'https://ok2.example/chat'] });
    assert.deepEqual(policy.extraSites, ['https://ok.example/*', 'https://ok2.example/chat']);
    assert.equal(notes.length, 1);
    assert.match(notes[0], /extraSites"\[1\]/);
  });

  test('a bad contact field drops only that field', () => {
    const { policy, notes } = validatePolicy({ schoolContact: { ...CONTACT, url: 'http://insecure.example', fax: '1' } });
    assert.deepEqual(policy.schoolContact, { ...CONTACT, url: '' });
    assert.equal(notes.length, 2);
  });

  test('contact strings are trimmed, cleaned and capped', () => {
    const long = 'A'.repeat(500);
    const { policy, notes } = validatePolicy({ schoolContact: { name: long, text: `  hi\u202e there\u0000 ${long}`, phone: '999' } });
    assert.equal(policy.schoolContact.name.length, LIMITS.contactName);
    assert.ok(policy.schoolContact.text.length <= LIMITS.contactText);
    assert.ok(policy.schoolContact.text.startsWith('hi there '));
    assert.equal(notes.filter((n) => n.includes('shortened')).length, 2);
  });

  test('capping never leaves half a surrogate pair', () => {
    const name = 'a'.repeat(LIMITS.contactName - 1) + '😀😀';
    const { policy } = validatePolicy({ schoolContact: { name, phone: '999' } });
    assert.ok(!/[\ud800-\udbff]$/.test(policy.schoolContact.name));
  });

  test('strings past the raw limit are rejected before any work', () => {
    const { policy, notes } = validatePolicy({ schoolContact: { name: 'x'.repeat(LIMITS.rawString + 1), phone: '999' } });
    assert.equal(policy.schoolContact.name, '');
    assert.match(notes[0], /too long/);
  });

  test('notes quote bad values briefly and safely', () => {
    const { notes } = validatePolicy({ audience: `evil\u202e${'z'.repeat(1000)}` });
    assert.equal(notes.length, 1);
    assert.ok(notes[0].length < 200);
    assert.ok(!notes[0].includes('\u202e'));
  });

  test('notes are capped', () => {
    const raw = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`k${i}`, i]));
    const { notes } = validatePolicy(raw);
    assert.equal(notes.length, LIMITS.notes + 1);
    assert.match(notes.at(-1), /more note\(s\) omitted/);
  });

  test('a complete valid policy produces no notes', () => {
    const raw = {
      audience: 'teen', country: 'US', uiLanguage: 'en', sites: { tinder: false }, extraSites: ['https://chat.example.org/*'],
      sensitivity: 'high', lockSettings: true, schoolContact: CONTACT, showLearnMore: false, skipFirstRunConsent: true,
    };
    const { policy, notes } = validatePolicy(raw);
    assert.deepEqual(notes, []);
    assert.deepEqual(policy, raw);
  });

  test('validation is idempotent', () => {
    const once = validatePolicy({ audience: ' Adult', country: 'uk', schoolContact: { name: ' A ', url: 'https://X.example' } }).policy;
    assert.deepEqual(validatePolicy(once), { policy: once, notes: [] });
  });
});

describe('match patterns', () => {
  const ok = [
    ['https://chat.example.org/*', 'https://chat.example.org/*'],
    ['*://*/*', '*://*/*'],
    ['http://*.example.com/', 'http://*.example.com/'],
    ['https://xn--bcher-kva.example/chat/*', 'https://xn--bcher-kva.example/chat/*'],
    ['https://localhost/*', 'https://localhost/*'],
    ['HTTPS://Chat.Example.ORG/Path/*', 'https://chat.example.org/Path/*'],
  ];
  const bad = [
    '<all_urls>', 'chat.example.org', 'https://chat.example.org', 'ftp://a.example/*', 'file:///tmp/*',
    'https://*.*.example/*', 'https://ex*ample.com/*', 'https://a.example:8080/*', 'https://user@a.example/*',
    'https://[::1]/*', 'https://-bad.example/*', 'https://a..example/*', 'https://a.example/ space',
    'https://a.example/\u0000', `https://${'a'.repeat(300)}.example/*`, `https://a.example/${'x'.repeat(600)}`, '', 7, null,
  ];
  for (const [input, expected] of ok) test(`valid: ${input}`, () => assert.equal(normalizeMatchPattern(input), expected));
  for (const input of bad) test(`invalid: ${JSON.stringify(input).slice(0, 50)}`, () => assert.equal(normalizeMatchPattern(input), null));
});

describe('https URLs', () => {
  for (const u of ['https://school.example', 'https://school.example/help?x=1#y']) test(`valid: ${u}`, () => assert.ok(normalizeHttpsUrl(u)));
  for (const u of ['http://school.example', 'javascript:alert(1)', 'data:text/html,hi', 'https://', 'https://a b.example', 'https://u:p@x.example', '//school.example', 'school.example', 5]) {
    test(`invalid: ${u}`, () => assert.equal(normalizeHttpsUrl(u), null));
  }
});

// ------------------------------------------------------------ merging --

describe('mergeSettings', () => {
  test('no user settings, no policy → defaults', () => {
    for (const [u, p] of [[undefined, undefined], [null, null], [{}, {}]]) {
      const m = mergeSettings(u, p);
      assert.deepEqual(m, { settings: defaultSettings(), managed: [], managedSites: [], locked: false, skipFirstRunConsent: false });
    }
  });

  test('defaults < user < policy', () => {
    const m = mergeSettings({ audience: 'adult', sensitivity: 'low', country: 'FR' }, { sensitivity: 'high' });
    assert.equal(m.settings.audience, 'adult');
    assert.equal(m.settings.country, 'FR');
    assert.equal(m.settings.sensitivity, 'high');
    assert.equal(m.settings.uiLanguage, 'auto');
    assert.deepEqual(m.managed, ['sensitivity']);
    assert.equal(m.locked, false);
  });

  test('sites merge per site', () => {
    const m = mergeSettings({ sites: { discord: false, tinder: false } }, { sites: { tinder: true, grindr: false } });
    assert.equal(m.settings.sites.discord, false); // user
    assert.equal(m.settings.sites.tinder, true); // policy beats user
    assert.equal(m.settings.sites.grindr, false); // policy
    assert.equal(m.settings.sites.instagram, true); // default
    assert.deepEqual(Object.keys(m.settings.sites), [...SITE_IDS]);
    assert.deepEqual(m.managedSites, ['grindr', 'tinder']); // SITE_IDS order
    assert.deepEqual(m.managed, ['sites']);
  });

  test('extraSites from a policy replace the user list', () => {
    const m = mergeSettings({ extraSites: ['https://mine.example/*'] }, { extraSites: ['https://school.example/*'] });
    assert.deepEqual(m.settings.extraSites, ['https://school.example/*']);
    assert.deepEqual(mergeSettings({ extraSites: ['https://mine.example/*'] }, { extraSites: [] }).settings.extraSites, []);
  });

  test('schoolContact comes only from the policy', () => {
    assert.equal(mergeSettings({ schoolContact: CONTACT }, {}).settings.schoolContact, null);
    assert.deepEqual(mergeSettings({}, { schoolContact: CONTACT }).settings.schoolContact, CONTACT);
  });

  test('lockSettings: user choices are not used, everything read-only', () => {
    const user = { audience: 'adult', sensitivity: 'low', sites: { discord: false } };
    const m = mergeSettings(user, { lockSettings: true, country: 'US' });
    assert.equal(m.locked, true);
    assert.equal(m.settings.audience, 'teen');
    assert.equal(m.settings.sensitivity, 'normal');
    assert.equal(m.settings.sites.discord, true);
    assert.equal(m.settings.country, 'US');
    assert.deepEqual(m.managed, ['country']);
    for (const k of USER_KEYS) assert.equal(isEditable(m, k), false, k);
    assert.equal(isEditable(m, 'sites', 'discord'), false);
  });

  test('lockSettings false or invalid does not lock', () => {
    assert.equal(mergeSettings({ audience: 'adult' }, { lockSettings: false }).settings.audience, 'adult');
    assert.equal(mergeSettings({}, { lockSettings: 'yes' }).locked, false);
  });

  test('isEditable: managed keys and managed sites are read-only, others editable', () => {
    const m = mergeSettings({}, { audience: 'teen', sites: { tinder: false } });
    assert.equal(isEditable(m, 'audience'), false);
    assert.equal(isEditable(m, 'sensitivity'), true);
    assert.equal(isEditable(m, 'sites', 'tinder'), false);
    assert.equal(isEditable(m, 'sites', 'discord'), true);
    assert.equal(isEditable(m, 'sites', 'myspace'), false);
    assert.equal(isEditable(m, 'schoolContact'), false);
    assert.equal(isEditable(m, 'lockSettings'), false);
    assert.equal(isEditable(null, 'audience'), false);
  });

  test('skipFirstRunConsent is reported from the policy only', () => {
    assert.equal(mergeSettings({}, { skipFirstRunConsent: true }).skipFirstRunConsent, true);
    assert.equal(mergeSettings({ skipFirstRunConsent: true }, {}).skipFirstRunConsent, false);
    assert.ok(!('skipFirstRunConsent' in mergeSettings({}, { skipFirstRunConsent: true }).settings));
  });

  test('invalid policy values fall back to the user value', () => {
    const m = mergeSettings({ sensitivity: 'low' }, { sensitivity: 'extreme' });
    assert.equal(m.settings.sensitivity, 'low');
    assert.deepEqual(m.managed, []);
  });

  test('the result does not share objects with the inputs or defaults', () => {
    const policy = { extraSites: ['https://a.example/*'], schoolContact: CONTACT };
    const m = mergeSettings({}, policy);
    m.settings.extraSites.push('x');
    m.settings.sites.instagram = false;
    m.settings.schoolContact.name = 'changed';
    assert.deepEqual(policy.extraSites, ['https://a.example/*']);
    assert.equal(CONTACT.name, 'Ms Rivera');
    assert.equal(DEFAULT_SETTINGS.sites.instagram, true);
    assert.ok(Object.isFrozen(DEFAULT_SETTINGS) && Object.isFrozen(DEFAULT_SETTINGS.sites));
  });
});

// ------------------------------------------------------------ migration --

describe('migrateSettings', () => {
  const cases = [
    { name: 'nothing stored', stored: undefined, settings: { version: 1 }, from: null, changed: false },
    { name: 'v0 with v1 names', stored: { audience: 'adult', country: 'DE' }, settings: { version: 1, audience: 'adult', country: 'DE' }, from: 0, changed: true },
    {
      name: 'v0 legacy names',
      stored: { language: 'fr', disabledSites: ['tinder', 'myspace'], sensitivity: 2 },
      settings: { version: 1, uiLanguage: 'fr', sites: { tinder: false }, sensitivity: 'high' },
      from: 0, changed: true, notes: 1,
    },
    { name: 'v0 explicit version 0', stored: { version: 0, sensitivity: 0 }, settings: { version: 1, sensitivity: 'low' }, from: 0, changed: true },
    { name: 'v0 bad values dropped', stored: { audience: 'kid', uiLanguage: 'de' }, settings: { version: 1, uiLanguage: 'de' }, from: 0, changed: true, notes: 1 },
    { name: 'v1 stays', stored: { version: 1, sensitivity: 'low', sites: { x: false } }, settings: { version: 1, sensitivity: 'low', sites: { x: false } }, from: 1, changed: false },
    { name: 'v1 with a bad value', stored: { version: 1, sensitivity: 'max', audience: 'adult' }, settings: { version: 1, audience: 'adult' }, from: 1, changed: true, notes: 1 },
    { name: 'v1 with policy-only key', stored: { version: 1, lockSettings: false }, settings: { version: 1 }, from: 1, changed: true, notes: 1 },
    {
      name: 'future version keeps known keys, does not ask to overwrite',
      stored: { version: 7, audience: 'adult', newThing: { deep: true }, sites: { tinder: false, newsite: true } },
      settings: { version: 1, audience: 'adult', sites: { tinder: false } },
      from: 7, changed: false,
    },
    { name: 'version as a string is unversioned', stored: { version: '1', audience: 'adult' }, settings: { version: 1, audience: 'adult' }, from: 0, changed: true },
    {
      name: 'v0 shell shape (standard/fewer, auto, extraOrigins)',
      stored: { audience: 'adult', sensitivity: 'fewer', country: 'auto', sites: { tinder: false }, extraOrigins: ['https://chat.example.org/*'] },
      settings: { version: 1, audience: 'adult', sensitivity: 'low', country: '', sites: { tinder: false }, extraSites: ['https://chat.example.org/*'] },
      from: 0, changed: true,
    },
    {
      name: 'v0 shell shape defaults',
      stored: { audience: 'teen', sensitivity: 'standard', country: 'GB', sites: {}, extraOrigins: [] },
      settings: { version: 1, audience: 'teen', sensitivity: 'normal', country: 'GB', sites: {}, extraSites: [] },
      from: 0, changed: true,
    },
    {
      name: 'v0 shell shape: extraSites already there wins over extraOrigins',
      stored: { extraOrigins: ['https://old.example/*'], extraSites: ['https://new.example/*'] },
      settings: { version: 1, extraSites: ['https://new.example/*'] },
      from: 0, changed: true,
    },
    { name: 'not an object', stored: 'corrupt', settings: { version: 1 }, from: null, changed: true, notes: 1 },
    { name: 'an array', stored: [1, 2], settings: { version: 1 }, from: null, changed: true, notes: 1 },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const r = migrateSettings(c.stored);
      assert.deepEqual(r.settings, c.settings);
      assert.equal(r.from, c.from);
      assert.equal(r.changed, c.changed);
      if (c.notes !== undefined) assert.ok(r.notes.length >= c.notes, String(r.notes));
      assert.equal(r.settings.version, SETTINGS_VERSION);
    });
  }
  test('migration is idempotent', () => {
    const once = migrateSettings({ language: 'es', disabledSites: ['x'] }).settings;
    const twice = migrateSettings(once);
    assert.deepEqual(twice.settings, once);
    assert.equal(twice.changed, false);
  });
  test('migrated settings merge cleanly', () => {
    const { settings } = migrateSettings({ language: 'es' });
    assert.equal(mergeSettings(settings, {}).settings.uiLanguage, 'es');
  });
});

// ------------------------------------------------------------ Firefox --

describe('policyFromFirefox', () => {
  const section = { audience: 'adult', skipFirstRunConsent: true };
  test('the 3rdparty section as storage.managed gives it: as-is', () => {
    assert.deepEqual(policyFromFirefox(section).policy, section);
  });
  test('a whole policies.json or its 3rdparty part is unwrapped', () => {
    const doc = { policies: { '3rdparty': { Extensions: { [GECKO_ID]: section, 'other@x': { audience: 'teen' } } } } };
    assert.deepEqual(policyFromFirefox(doc).policy, section);
    assert.deepEqual(policyFromFirefox(doc.policies['3rdparty']).policy, section);
    assert.deepEqual(policyFromFirefox(doc, 'other@x').policy, { audience: 'teen' });
    assert.deepEqual(policyFromFirefox(doc, 'missing@x').policy, {});
  });
  test('a JSON string is parsed', () => {
    assert.deepEqual(policyFromFirefox(JSON.stringify(section)).policy, section);
    assert.deepEqual(policyFromFirefox('{not json').policy, {});
  });
});

// ------------------------------------------------------------ hostile input --

function hostileInputs() {
  const cyclic = { audience: 'teen' };
  cyclic.self = cyclic;
  cyclic.sites = cyclic;
  const sparse = [];
  sparse.length = 2 ** 32 - 1;
  const throwingGetter = {};
  Object.defineProperty(throwingGetter, 'audience', { enumerable: true, get() { throw new Error('boom'); } });
  const throwingProxy = new Proxy({}, { ownKeys() { throw new Error('no'); }, getPrototypeOf() { throw new Error('no'); } });
  const lyingProxy = new Proxy({ audience: 'teen' }, { get() { return 'adult'; } });
  const deep = {};
  let d = deep;
  for (let i = 0; i < 10000; i += 1) { d.sites = {}; d = d.sites; }
  return [
    undefined, null, 0, -1, NaN, Infinity, true, false, '', 'x'.repeat(5_000_000), Symbol('s'), 10n,
    () => {}, [], [1, 2, 3], sparse, new Date(), /re/, new Map([['audience', 'adult']]), Object.create(null),
    Object.create({ audience: 'adult' }), cyclic, throwingGetter, throwingProxy, lyingProxy, deep,
    JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "audience": "adult"}'),
    JSON.parse('{"sites": {"__proto__": {"polluted": true}, "constructor": true, "instagram": false}}'),
    JSON.parse('{"schoolContact": {"__proto__": {"phone": "999"}, "name": "n"}}'),
    { audience: 'teen', [Symbol('k')]: 'v' },
    { extraSites: sparse }, { extraSites: Array(1000).fill('https://a.example/*') },
    { sites: Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`s${i}`, true])) },
    { schoolContact: { name: { toString() { throw new Error('x'); } }, phone: 999 } },
    { country: { length: 2, toUpperCase() { return 'US'; } } },
    Object.fromEntries(Array.from({ length: 10000 }, (_, i) => [`key${i}`, 'x'.repeat(100)])),
    { version: 1e308 }, { version: -1 }, { version: 2 ** 53 }, { version: null },
  ];
}

describe('hostile inputs never throw', () => {
  const fns = {
    validatePolicy: (x) => { const r = validatePolicy(x); assert.ok(r.policy && Array.isArray(r.notes)); },
    validateUserSettings: (x) => { const r = validateUserSettings(x); assert.ok(r.settings && Array.isArray(r.notes)); },
    'mergeSettings(x, x)': (x) => { const r = mergeSettings(x, x); assert.equal(typeof r.locked, 'boolean'); assert.equal(Object.keys(r.settings.sites).length, SITE_IDS.length); },
    'mergeSettings({}, x)': (x) => { mergeSettings({}, x); },
    migrateSettings: (x) => { const r = migrateSettings(x); assert.equal(r.settings.version, SETTINGS_VERSION); },
    policyFromFirefox: (x) => { policyFromFirefox(x); },
    normalizeMatchPattern: (x) => { normalizeMatchPattern(x); },
    'isEditable': (x) => { isEditable(x, 'audience'); isEditable(x, 'sites', x); },
  };
  for (const [name, fn] of Object.entries(fns)) {
    test(name, () => {
      for (const input of hostileInputs()) {
        assert.doesNotThrow(() => fn(input), `${name} threw on ${typeof input}`);
      }
      assert.equal({}.polluted, undefined, 'Object.prototype was polluted');
      assert.equal(Object.prototype.polluted, undefined);
    });
  }
  test('prototype-pollution keys are unknown keys, never applied', () => {
    const { policy, notes } = validatePolicy(JSON.parse('{"__proto__": {"lockSettings": true}, "constructor": 1, "audience": "adult"}'));
    assert.deepEqual(Object.keys(policy), ['audience']);
    assert.equal(policy.lockSettings, undefined);
    assert.equal(notes.length, 2);
    assert.equal(mergeSettings({}, JSON.parse('{"__proto__": {"lockSettings": true}}')).locked, false);
  });
  test('an object inheriting valid keys gives nothing (own keys only)', () => {
    assert.deepEqual(validatePolicy(Object.create({ audience: 'adult' })).policy, {});
  });
  test('huge inputs stay fast', () => {
    const t = Date.now();
    validatePolicy({ extraSites: Array(1_000_000).fill('https://a.example/*'), schoolContact: { name: 'x'.repeat(10_000_000), phone: '999' } });
    assert.ok(Date.now() - t < 2000);
  });
});

// ------------------------------------------------------------ schema --

describe('managed_schema.json', () => {
  const schema = readJson('extension/managed_schema.json');

  test('follows Chrome\'s rules for the top level', () => {
    assert.equal(schema.type, 'object');
    assert.equal(schema.additionalProperties, undefined);
    assert.match(schema.description, /No key makes Heads Up report, log or send anything anywhere/);
  });

  test('declares exactly the keys policy.js accepts', () => {
    assert.deepEqual(Object.keys(schema.properties).sort(), [...POLICY_KEYS].sort());
  });

  test('every key at every depth has a title, a description and exactly one type', () => {
    const walk = (props, path) => {
      for (const [k, s] of Object.entries(props)) {
        assert.equal(typeof s.title, 'string', `${path}${k}.title`);
        assert.ok(s.title.length > 0);
        assert.equal(typeof s.description, 'string', `${path}${k}.description`);
        assert.ok(s.description.length > 20, `${path}${k}.description is too thin`);
        assert.ok(['string', 'boolean', 'object', 'array', 'integer', 'number'].includes(s.type), `${path}${k}.type`);
        if (s.properties) walk(s.properties, `${path}${k}.`);
      }
    };
    walk(schema.properties, '');
  });

  test('every top-level key says it reports nothing', () => {
    for (const [k, s] of Object.entries(schema.properties)) {
      assert.match(s.description, /(report|sen[dt]|contacts? you|no data collection|collection)/i, k);
    }
  });

  test('enums and site ids match policy.js', () => {
    assert.deepEqual(schema.properties.audience.enum, [...AUDIENCES]);
    assert.deepEqual(schema.properties.uiLanguage.enum, [...UI_LANGUAGES]);
    assert.deepEqual(schema.properties.sensitivity.enum, [...SENSITIVITIES]);
    assert.deepEqual(Object.keys(schema.properties.sites.properties), [...SITE_IDS]);
    assert.deepEqual(Object.keys(schema.properties.schoolContact.properties), ['name', 'text', 'phone', 'email', 'url']);
  });

  test('the country pattern agrees with validation', () => {
    const re = new RegExp(schema.properties.country.pattern);
    for (const c of ['US', 'gb', '']) assert.ok(re.test(c) && validatePolicy({ country: c }).notes.length === 0);
    for (const c of ['USA', '1', 'U S']) assert.ok(!re.test(c));
  });
});

// ------------------------------------------------------------ docs examples --
// docs/policies/ holds the files admins copy. Every one must carry the same,
// fully valid policy, so the docs cannot drift from what the code accepts.

describe('docs/policies examples', () => {
  const reference = readJson('docs/policies/policy-values.json');
  // The ID that manifest.json's `key` gives every unpacked build (and the e2e uses).
  const CHROME_ID_PLACEHOLDER = 'foifdmplgnlhmocjihljifpkhnoolmbd';

  test('the reference values are a complete, valid policy', () => {
    const { policy, notes } = validatePolicy(reference);
    assert.deepEqual(notes, []);
    assert.deepEqual(Object.keys(policy).sort(), [...POLICY_KEYS].sort());
  });

  test('Google Admin console JSON ("Value" wrappers)', () => {
    const doc = readJson('docs/policies/google-admin-console.json');
    const unwrapped = Object.fromEntries(Object.entries(doc).map(([k, v]) => {
      assert.deepEqual(Object.keys(v), ['Value'], k);
      return [k, v.Value];
    }));
    assert.deepEqual(unwrapped, reference);
  });

  for (const file of ['chromium-linux-managed.json', 'chrome-linux-managed.json']) {
    test(`Linux managed policy file ${file}`, () => {
      const doc = readJson(`docs/policies/${file}`);
      assert.deepEqual(doc['3rdparty'].extensions[CHROME_ID_PLACEHOLDER], reference);
      const forced = doc.ExtensionSettings[CHROME_ID_PLACEHOLDER];
      assert.equal(forced.installation_mode, 'force_installed');
      assert.match(forced.update_url, /^https:\/\//);
    });
  }

  test('Firefox policies.json', () => {
    const doc = readJson('docs/policies/firefox-policies.json');
    const { policy, notes } = policyFromFirefox(doc, GECKO_ID);
    assert.deepEqual(notes, []);
    assert.deepEqual(policy, reference);
    const forced = doc.policies.ExtensionSettings[GECKO_ID];
    assert.equal(forced.installation_mode, 'force_installed');
    assert.match(forced.install_url, /^https:\/\//);
  });

  // A small reader for the .reg files we ship (not a general .reg parser):
  // [section] lines, "name"=dword:xxxxxxxx and "name"="string" values.
  function readReg(text, prefix) {
    const out = {};
    let at = null;
    for (const line of text.replace(/^\ufeff/, '').split(/\r?\n/)) {
      const sec = /^\[(.+)\]$/.exec(line.trim());
      if (sec) {
        at = sec[1].startsWith(prefix) ? sec[1].slice(prefix.length).split('\\').filter(Boolean) : null;
        continue;
      }
      const val = /^"([^"]+)"=(?:dword:([0-9a-f]{8})|"((?:[^"\\]|\\.)*)")$/i.exec(line.trim());
      if (!val || !at) continue;
      let node = out;
      for (const part of at) node = node[part] ??= {};
      node[val[1]] = val[2] !== undefined ? parseInt(val[2], 16) : val[3].replace(/\\(.)/g, '$1');
    }
    return out;
  }
  // Chrome's registry conversion, as far as this schema needs it: DWORD →
  // boolean, numbered values of a subkey → array, subkeys → objects.
  function likeChrome(value, s) {
    if (s.type === 'boolean') return value !== 0;
    if (s.type === 'array') return Object.keys(value).sort((a, b) => a - b).map((k) => likeChrome(value[k], s.items));
    if (s.type === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, likeChrome(v, s.properties[k])]));
    return value;
  }
  for (const [file, vendor] of [['chrome-windows.reg', 'Google\\Chrome'], ['edge-windows.reg', 'Microsoft\\Edge']]) {
    test(`Windows registry file ${file}`, () => {
      const text = readFileSync(new URL(`docs/policies/${file}`, root), 'utf8');
      assert.match(text, /^Windows Registry Editor Version 5\.00/);
      const prefix = `HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\${vendor}\\3rdparty\\extensions\\${CHROME_ID_PLACEHOLDER}\\policy`;
      const raw = readReg(text, prefix);
      const schema = readJson('extension/managed_schema.json');
      assert.deepEqual(likeChrome(raw, schema), reference);
      assert.match(text, new RegExp(`\\\\${vendor.replace('\\', '\\\\')}\\\\ExtensionInstallForcelist\\]`));
    });
  }

  test('macOS configuration profile names every key and value', () => {
    const text = readFileSync(new URL('docs/policies/headsup-chrome.mobileconfig', root), 'utf8');
    assert.match(text, new RegExp(`com\\.google\\.Chrome\\.extensions\\.${CHROME_ID_PLACEHOLDER.replace(/[{}]/g, '\\$&')}`));
    for (const key of POLICY_KEYS) assert.ok(text.includes(`<key>${key}</key>`), key);
    for (const v of [reference.country, reference.schoolContact.email, ...reference.extraSites]) assert.ok(text.includes(`<string>${v}</string>`), v);
  });
});

// ------------------------------------------------------------ site ids --

describe('site ids', () => {
  test('SITE_IDS are exactly the ids of extension/sites.json, in its order', () => {
    const sites = readJson('extension/sites.json');
    const list = Array.isArray(sites) ? sites : sites.sites;
    assert.deepEqual([...SITE_IDS], list.map((s) => s.id));
  });
});

describe('the manifest key and the documented ID', () => {
  test('the Chrome ID in docs/policies is the one the manifest key gives', async () => {
    const { createHash } = await import('node:crypto');
    const manifest = readJson('manifest.json');
    const der = Buffer.from(manifest.key, 'base64');
    const id = [...createHash('sha256').update(der).digest('hex').slice(0, 32)]
      .map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
    assert.equal(id, 'foifdmplgnlhmocjihljifpkhnoolmbd');
    const deploy = readFileSync(new URL('docs/deploy.md', root), 'utf8');
    assert.ok(deploy.includes(id));
    assert.ok(!/\{\{CHROME_EXTENSION_ID\}\}/.test(deploy));
  });
  test('the key is a public key only', () => {
    const manifest = readJson('manifest.json');
    assert.ok(!/PRIVATE/.test(JSON.stringify(manifest)));
    assert.ok(Buffer.from(manifest.key, 'base64').length < 400, 'a 2048-bit SPKI is 294 bytes');
  });
});
