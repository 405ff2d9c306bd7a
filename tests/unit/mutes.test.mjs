// "This seems wrong": what is stored (a hash and sign ids only) and how the store applies it.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {cleanSigns, mutedSigns, withMute} from '../../extension/background/mutes.js';
import {ConversationStore} from '../../extension/background/conversations.js';

test('only sign ids are kept: no text, no duplicates, at most 40', () => {
  assert.deepEqual(cleanSigns(['platform_move', 'platform_move', 'I will post your pics', 7, null, 'secrecy']), ['platform_move', 'secrecy']);
  assert.deepEqual(cleanSigns('platform_move'), []);
  assert.equal(cleanSigns(Array.from({length: 60}, (_, i) => `s${i}`)).length, 40);
});

test('records add up per conversation hash and are capped, oldest first', () => {
  let r = withMute({}, 'h1', ['platform_move'], 1);
  r = withMute(r, 'h1', ['secrecy', 'platform_move'], 2);
  assert.deepEqual(mutedSigns(r, 'h1'), ['platform_move', 'secrecy']);
  assert.deepEqual(mutedSigns(r, 'h2'), []);
  assert.deepEqual(Object.keys(r.h1).sort(), ['at', 'signs']);
  for (let i = 0; i < 510; i += 1) r = withMute(r, `x${i}`, ['secrecy'], 10 + i);
  assert.equal(Object.keys(r).length, 500);
  assert.equal(r.h1, undefined);
});

class Fake {
  constructor() { this.messageCount = 0; this.muted = []; }
  push(batch) { this.messageCount += batch.length; return {level: this.muted.length ? 'none' : 'caution'}; }
  mute(ids) {
    if (ids.includes('unknown_sign')) throw new Error('unknown sign');
    this.muted.push(...ids);
    return {level: 'none', muted: [...this.muted]};
  }
  result() { return {level: 'none', muted: [...this.muted]}; }
  free() {}
}

test('the store lowers signs now, and again in an analyser rebuilt for the same conversation', () => {
  const made = [];
  const s = new ConversationStore(() => { const a = new Fake(); made.push(a); return a; });
  assert.equal(s.analyse({tabId: 1, key: 'k', site: 'x', audience: 'teen', start: 0, reset: true, messages: [{}]}).verdict.level, 'caution');
  assert.deepEqual(s.mute(1, 'k', ['platform_move']).muted, ['platform_move']);
  assert.equal(s.mute(1, 'other', ['platform_move']), null, 'another conversation is not touched');
  assert.equal(s.mute(2, 'k', ['platform_move']), null, 'no analyser in that tab');
  // Rebuilt (a reset): the stored signs are applied before the messages.
  const again = s.analyse({tabId: 1, key: 'k', site: 'x', audience: 'teen', start: 0, reset: true, messages: [{}], muted: ['platform_move']});
  assert.equal(again.verdict.level, 'none');
  assert.deepEqual(made[1].muted, ['platform_move']);
  // A sign the core does not know: the others are still lowered.
  assert.deepEqual(s.mute(1, 'k', ['secrecy', 'unknown_sign']).muted, ['platform_move', 'secrecy']);
});

test('a mute that lands between the batch\'s read of the stored mutes and its rebuild still applies', () => {
  const made = [];
  const s = new ConversationStore(() => { const a = new Fake(); made.push(a); return a; });
  const batch = {tabId: 1, key: 'k', site: 'x', audience: 'teen', start: 0, reset: true, messages: [{}]};
  s.analyse(batch);
  // The background read [] from storage for the next batch; meanwhile "this seems wrong" lands.
  s.mute(1, 'k', ['platform_move']);
  const again = s.analyse({...batch, muted: []});
  assert.deepEqual(made[1].muted, ['platform_move'], 'the rebuilt analyser has the mute');
  assert.equal(again.verdict.level, 'none');
  assert.deepEqual(again.muted, ['platform_move'], 'the reply names the muted signs');
  // Also when no analyser held the conversation yet (worker just started).
  const fresh = new ConversationStore(() => { const a = new Fake(); made.push(a); return a; });
  assert.equal(fresh.mute(3, 'k2', ['secrecy']), null);
  const first = fresh.analyse({...batch, tabId: 3, key: 'k2', muted: ['platform_move']});
  assert.deepEqual(made.at(-1).muted, ['secrecy', 'platform_move']);
  assert.deepEqual(first.muted, ['secrecy', 'platform_move']);
});

test('a mute known to the store after an analyser was built is applied on its next batch, once', () => {
  const made = [];
  const s = new ConversationStore(() => { const a = new Fake(); made.push(a); return a; });
  const batch = {tabId: 1, key: 'k', site: 'x', audience: 'teen', start: 0, reset: true, messages: [{}]};
  s.analyse(batch);
  s.mute(2, 'k', ['secrecy']); // the same chat in another tab
  s.analyse({...batch, start: 1, reset: false, messages: [{}]});
  s.analyse({...batch, start: 2, reset: false, messages: [{}], muted: ['secrecy']});
  assert.equal(made.length, 1);
  assert.deepEqual(made[0].muted, ['secrecy']);
  assert.deepEqual(s.analyse({...batch, key: 'other', muted: []}).muted, [], 'another conversation has none');
});
