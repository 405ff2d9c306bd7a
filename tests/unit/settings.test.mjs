import assert from 'node:assert/strict';
import {test} from 'node:test';
import {DEFAULTS, levelShown, minimumLevel, normaliseSettings, originPattern, siteEnabled} from '../../extension/shared/settings.js';

test('missing or hostile stored values fall back to defaults', () => {
  for (const raw of [undefined, null, 42, 'x', [], {audience: 'child', sensitivity: 9, country: 'gb', sites: 'no', extraOrigins: 'x'}]) {
    const s = normaliseSettings(raw);
    assert.equal(s.audience, DEFAULTS.audience);
    assert.equal(s.sensitivity, DEFAULTS.sensitivity);
    assert.equal(s.country, 'auto');
    assert.deepEqual(s.sites, {});
    assert.deepEqual(s.extraOrigins, []);
  }
});

test('valid values are kept; extra origins are de-duplicated, sorted and checked', () => {
  const s = normaliseSettings({audience: 'adult', sensitivity: 'fewer', country: 'GB',
    sites: {instagram: false, 'bad id!': true, discord: 'yes'},
    extraOrigins: ['https://b.example/*', 'https://a.example/*', 'https://b.example/*', 'javascript:alert(1)', '*://*/*']});
  assert.deepEqual(s, {audience: 'adult', sensitivity: 'fewer', country: 'GB', sites: {instagram: false},
    extraOrigins: ['https://a.example/*', 'https://b.example/*']});
});

test('sensitivity decides the least level shown', () => {
  const standard = normaliseSettings({});
  const fewer = normaliseSettings({sensitivity: 'fewer'});
  assert.equal(minimumLevel(standard), 'caution');
  assert.equal(minimumLevel(fewer), 'warning');
  assert.deepEqual(['none', 'caution', 'warning', 'urgent'].map((l) => levelShown(standard, l)), [false, true, true, true]);
  assert.deepEqual(['none', 'caution', 'warning', 'urgent'].map((l) => levelShown(fewer, l)), [false, false, true, true]);
});

test('sites are on unless turned off', () => {
  const s = normaliseSettings({sites: {tinder: false}});
  assert.equal(siteEnabled(s, 'tinder'), false);
  assert.equal(siteEnabled(s, 'instagram'), true);
});

test('origin patterns only for web pages', () => {
  assert.equal(originPattern('https://chat.example.org/room/1?x=1'), 'https://chat.example.org/*');
  assert.equal(originPattern('http://localhost:8080/'), 'http://localhost:8080/*');
  assert.equal(originPattern('chrome://extensions'), null);
  assert.equal(originPattern('not a url'), null);
});
