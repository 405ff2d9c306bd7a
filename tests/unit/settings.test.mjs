import assert from 'node:assert/strict';
import {test} from 'node:test';
import {
  DEFAULTS, SITE_IDS, disabledSites, helpCountry, levelShown, matchPattern, minimumLevel, normaliseSettings,
  originPattern, permissionFor, siteEnabled,
} from '../../extension/shared/settings.js';

test('missing or hostile stored values fall back to defaults', () => {
  for (const raw of [undefined, null, 42, 'x', [], {audience: 'child', sensitivity: 9, country: 'gb!', sites: 'no', extraSites: 'x'}]) {
    const s = normaliseSettings(raw);
    assert.equal(s.audience, DEFAULTS.audience);
    assert.equal(s.sensitivity, DEFAULTS.sensitivity);
    assert.equal(s.country, '');
    assert.deepEqual(s.sites, Object.fromEntries(SITE_IDS.map((id) => [id, true])));
    assert.deepEqual(s.extraSites, []);
    assert.equal(s.schoolContact, null);
  }
});

test('valid values are kept; extra sites are de-duplicated and checked', () => {
  const s = normaliseSettings({version: 1, audience: 'adult', sensitivity: 'low', country: 'GB',
    sites: {instagram: false, discord: true},
    extraSites: ['https://b.example/*', 'https://a.example/*', 'https://b.example/*']});
  assert.equal(s.audience, 'adult');
  assert.equal(s.sensitivity, 'low');
  assert.equal(s.country, 'GB');
  assert.equal(s.sites.instagram, false);
  assert.equal(s.sites.discord, true);
  assert.deepEqual(s.extraSites, ['https://b.example/*', 'https://a.example/*']);
  // One bad entry is dropped, the rest kept.
  assert.deepEqual(normaliseSettings({version: 1, extraSites: ['javascript:alert(1)', 'https://ok.example/*']}).extraSites,
    ['https://ok.example/*']);
  // A student cannot name a school contact.
  assert.equal(normaliseSettings({version: 1, schoolContact: {phone: '+1 555 0100'}}).schoolContact, null);
});

test('the first shell shape is migrated: standard/fewer, "auto", extraOrigins', () => {
  const s = normaliseSettings({audience: 'adult', sensitivity: 'fewer', country: 'auto', sites: {tinder: false},
    extraOrigins: ['https://b.example/*', 'https://a.example/*']});
  assert.equal(s.audience, 'adult');
  assert.equal(s.sensitivity, 'low');
  assert.equal(s.country, '');
  assert.equal(s.sites.tinder, false);
  assert.deepEqual(s.extraSites, ['https://b.example/*', 'https://a.example/*']);
  assert.equal(normaliseSettings({sensitivity: 'standard'}).sensitivity, 'normal');
  assert.ok(!('extraOrigins' in s));
});

test('sensitivity decides the least level shown', () => {
  const normal = normaliseSettings({});
  const low = normaliseSettings({version: 1, sensitivity: 'low'});
  const high = normaliseSettings({version: 1, sensitivity: 'high'});
  assert.equal(minimumLevel(normal), 'caution');
  assert.equal(minimumLevel(low), 'warning');
  assert.equal(minimumLevel(high), 'caution');
  assert.deepEqual(['none', 'caution', 'warning', 'urgent'].map((l) => levelShown(normal, l)), [false, true, true, true]);
  assert.deepEqual(['none', 'caution', 'warning', 'urgent'].map((l) => levelShown(low, l)), [false, false, true, true]);
  assert.deepEqual(['none', 'caution', 'warning', 'urgent'].map((l) => levelShown(high, l)), [false, true, true, true]);
});

test('sites are on unless turned off', () => {
  const s = normaliseSettings({version: 1, sites: {tinder: false}});
  assert.equal(siteEnabled(s, 'tinder'), false);
  assert.equal(siteEnabled(s, 'instagram'), true);
  assert.deepEqual(disabledSites(s), ['tinder']);
  assert.deepEqual(disabledSites(normaliseSettings({})), []);
});

test('origin patterns only for web pages', () => {
  assert.equal(originPattern('https://chat.example.org/room/1?x=1'), 'https://chat.example.org/*');
  assert.equal(originPattern('http://localhost:8080/'), 'http://localhost:8080/*');
  assert.equal(originPattern('chrome://extensions'), null);
  assert.equal(originPattern('not a url'), null);
});

test('extra-site patterns and the permission each needs', () => {
  assert.equal(matchPattern('HTTPS://Chat.Example.org/*'), 'https://chat.example.org/*');
  assert.equal(matchPattern('<all_urls>'), null);
  assert.equal(permissionFor('https://*.example.net/messages/*'), 'https://*.example.net/*');
  assert.equal(permissionFor('*://chat.example.org/*'), '*://chat.example.org/*');
  assert.equal(permissionFor('nonsense'), null);
});

test('help country: the setting, else the browser language\'s region, else international', () => {
  assert.equal(helpCountry({country: 'GB'}, 'en-US'), 'GB');
  assert.equal(helpCountry({country: ''}, 'en-US'), 'US');
  assert.equal(helpCountry({country: ''}, 'pt_BR'), 'BR');
  assert.equal(helpCountry({country: ''}, 'de'), 'INT');
  assert.equal(helpCountry(null, ''), 'INT');
});
