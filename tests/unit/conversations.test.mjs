import assert from 'node:assert/strict';
import {test} from 'node:test';
import {ConversationStore} from '../../extension/background/conversations.js';

class FakeAnalyser {
  constructor(audience, site) { this.audience = audience; this.site = site; this.messages = []; this.freed = false; }
  push(batch) { this.messages.push(...batch); return {level: 'none', messageCount: this.messages.length}; }
  get messageCount() { return this.messages.length; }
  free() { this.freed = true; }
}

const made = [];
const store = () => new ConversationStore((a, s) => { const x = new FakeAnalyser(a, s); made.push(x); return x; });
const msg = (t) => ({from: 'them', text: t});
const base = {tabId: 1, key: 'ig|1', site: 'instagram', audience: 'teen'};

test('a batch from the start creates the analyser; a continuation appends', () => {
  const s = store();
  assert.equal(s.analyse({...base, start: 0, reset: false, messages: [msg('a')]}).verdict.messageCount, 1);
  assert.equal(s.analyse({...base, start: 1, reset: false, messages: [msg('b')]}).verdict.messageCount, 2);
});

test('after the worker restarted (empty store) a continuation asks for a resync', () => {
  const s = store();
  assert.deepEqual(s.analyse({...base, start: 3, reset: false, messages: [msg('d')]}), {resync: true});
  assert.equal(s.analyse({...base, start: 0, reset: true, messages: [msg('a'), msg('b'), msg('c'), msg('d')]}).verdict.messageCount, 4);
});

test('a count mismatch drops the analyser and asks for a resync', () => {
  const s = store();
  s.analyse({...base, start: 0, reset: false, messages: [msg('a')]});
  const first = made.at(-1);
  assert.deepEqual(s.analyse({...base, start: 5, reset: false, messages: [msg('x')]}), {resync: true});
  assert.equal(first.freed, true);
});

test('reset, a new conversation, or a new audience start over and free the old analyser', () => {
  const s = store();
  s.analyse({...base, start: 0, reset: false, messages: [msg('a')]});
  const a1 = made.at(-1);
  s.analyse({...base, key: 'ig|2', start: 0, reset: false, messages: [msg('z')]});
  assert.equal(a1.freed, true);
  const a2 = made.at(-1);
  s.analyse({...base, key: 'ig|2', audience: 'adult', start: 0, reset: true, messages: [msg('z')]});
  assert.equal(a2.freed, true);
  assert.equal(made.at(-1).audience, 'adult');
  s.forget(1);
  assert.equal(s.size, 0);
});

test('a trap in the core frees the analyser and asks for a resync', () => {
  const s = new ConversationStore(() => ({messageCount: 0, push() { throw new Error('unreachable'); }, free() {}}));
  const orig = console.error;
  console.error = () => {};
  try {
    assert.deepEqual(s.analyse({...base, start: 0, reset: true, messages: [msg('a')]}), {resync: true});
  } finally { console.error = orig; }
  assert.equal(s.size, 0);
});

test('the page\'s cue record goes to setPeer when it changes, before the batch; an older core without setPeer is fine', () => {
  const calls = [];
  class PeerAnalyser extends FakeAnalyser {
    setPeer(p) { calls.push(p); return {level: 'none'}; }
  }
  const s = new ConversationStore((a, si) => new PeerAnalyser(a, si));
  s.analyse({...base, start: 0, reset: true, messages: [msg('a')], cues: {}});
  assert.deepEqual(calls, [], 'an empty record is no call (today\'s behaviour)');
  s.analyse({...base, start: 1, reset: false, messages: [], cues: {stranger: true, newThread: true, extra: 'x'}});
  assert.deepEqual(calls, [{stranger: true, newThread: true}]);
  s.analyse({...base, start: 1, reset: false, messages: [msg('b')], cues: {stranger: true, newThread: true}});
  assert.equal(calls.length, 1, 'unchanged: no call');
  s.analyse({...base, start: 2, reset: false, messages: [], cues: {stranger: 'yes'}});
  assert.deepEqual(calls.at(-1), {}, 'a bad value is dropped; the record went back to unknown');
  const old = store();
  assert.equal(old.analyse({...base, start: 0, reset: true, messages: [msg('a')], cues: {stranger: true}}).verdict.messageCount, 1);
});
