// The pause before an image is sent: when it is on (pauseWanted), what counts as a picture
// (isImageOrVideo: the type or the name, never the bytes), and what the panel says (pauseLines).
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {isImageOrVideo, pauseWanted} from '../../extension/content/image-pause.js';
import {pauseLines} from '../../extension/content/pause-panel.js';

const v = (level, ...ids) => ({level, signals: ids.map((id) => ({id, messages: [0]}))});

test('on from caution up; off in a clean chat and before anything was read', () => {
  assert.equal(pauseWanted({enabled: true, verdict: null}), false);
  assert.equal(pauseWanted({enabled: true, verdict: v('none')}), false);
  for (const level of ['caution', 'warning', 'urgent']) assert.equal(pauseWanted({enabled: true, verdict: v(level)}), true, level);
});

test('a stranger who asked for a picture pauses even when the level is none (adults)', () => {
  const asked = v('none', 'sexual_request');
  assert.equal(pauseWanted({enabled: true, verdict: asked, cues: {stranger: true}}), true);
  assert.equal(pauseWanted({enabled: true, verdict: asked, cues: {stranger: false}}), false);
  assert.equal(pauseWanted({enabled: true, verdict: asked, cues: {}}), false);
  assert.equal(pauseWanted({enabled: true, verdict: v('none', 'platform_move'), cues: {stranger: true}}), false);
});

test('"only when the signs are strong": from warning up', () => {
  assert.equal(pauseWanted({enabled: true, verdict: v('caution'), from: 'warning'}), false);
  assert.equal(pauseWanted({enabled: true, verdict: v('warning'), from: 'warning'}), true);
  assert.equal(pauseWanted({enabled: true, verdict: v('none', 'sexual_request'), cues: {stranger: true}, from: 'warning'}), true, 'a stranger asking still pauses');
});

test('the setting turns it off; "this is wrong" turns it off for that chat at that level', () => {
  assert.equal(pauseWanted({enabled: false, verdict: v('urgent')}), false);
  assert.equal(pauseWanted({enabled: true, verdict: v('caution'), wrongAt: 'caution'}), false);
  assert.equal(pauseWanted({enabled: true, verdict: v('warning'), wrongAt: 'caution'}), true, 'worse than what was called wrong');
});

test('a sign the person called wrong in this chat (kept by the background) never counts as "they asked"', () => {
  const asked = v('none', 'sexual_request');
  assert.equal(pauseWanted({enabled: true, verdict: asked, cues: {stranger: true}, muted: ['sexual_request']}), false);
  assert.equal(pauseWanted({enabled: true, verdict: asked, cues: {stranger: true}, muted: ['platform_move']}), true, 'another sign muted');
  assert.equal(pauseWanted({enabled: true, verdict: asked, cues: {stranger: true}, muted: null}), true);
  assert.equal(pauseWanted({enabled: true, verdict: v('warning', 'sexual_request'), muted: ['sexual_request']}), true, 'the level is the core\'s (it lowers muted signs itself)');
  assert.deepEqual(pauseLines(v('caution', 'sexual_request', 'platform_move'), {}, ['sexual_request']), ['pause_signs', 'pause_choice', 'pause_private']);
});

test('one list of "they asked" signs, shared by the pause and its panel', async () => {
  const {ASKED} = await import('../../extension/content/image-pause.js');
  assert.ok(ASKED instanceof Set && ASKED.has('sexual_request'));
  const fs = await import('node:fs');
  const panel = fs.readFileSync(new URL('../../extension/content/pause-panel.js', import.meta.url), 'utf8');
  assert.doesNotMatch(panel, /new Set\(\['sexual_request'/, 'pause-panel.js defines its own list');
});

test('pictures and videos by type, or by name when the browser gives no type', () => {
  assert.ok(isImageOrVideo({type: 'image/png', name: 'a.png'}));
  assert.ok(isImageOrVideo({type: 'video/mp4', name: 'clip'}));
  assert.ok(isImageOrVideo({type: '', name: 'IMG_0001.HEIC'}));
  assert.ok(isImageOrVideo({type: '', name: 'clip.mov'}));
  assert.ok(!isImageOrVideo({type: 'application/pdf', name: 'homework.pdf'}));
  assert.ok(!isImageOrVideo({type: 'audio/ogg', name: 'voice.ogg'}));
  assert.ok(!isImageOrVideo({type: 'text/plain', name: 'photo.png'}), 'a type says what it is');
  assert.ok(!isImageOrVideo(null));
});

test('what the panel says: the picture request first, the stranger cue when on, then choice and privacy', () => {
  assert.deepEqual(pauseLines(v('caution', 'sexual_request', 'platform_move'), {stranger: true}),
    ['pause_asked_move', 'cue_stranger', 'pause_choice', 'pause_private']);
  assert.deepEqual(pauseLines(v('caution', 'sexual_request'), {}), ['pause_asked', 'pause_choice', 'pause_private']);
  assert.deepEqual(pauseLines(v('warning', 'threat_to_share'), null), ['pause_signs', 'pause_choice', 'pause_private']);
  assert.deepEqual(pauseLines(null, null), ['pause_signs', 'pause_choice', 'pause_private']);
});

// ── ImagePause with a fake window: what is held, what is handed on, the Firefox paste fallback ──
import {ImagePause} from '../../extension/content/image-pause.js';

function fakeWindow({pasteKeepsFiles = true} = {}) {
  const listeners = {};
  class DataTransfer {
    constructor() { this.files = []; this.types = []; const files = this.files; this.items = {add: (f) => files.push(f)}; }
    setData() {}
    getData() { return ''; }
  }
  class Ev {
    constructor(type, init = {}) { Object.assign(this, init); this.type = type; }
    composedPath() { return [this.target]; }
    preventDefault() { this.prevented = true; }
    stopImmediatePropagation() { this.stopped = true; }
  }
  class ClipboardEvent extends Ev {
    constructor(type, init) {
      super(type, init);
      // Firefox: a script's paste carries a new, empty DataTransfer.
      if (!pasteKeepsFiles) this.clipboardData = new DataTransfer();
    }
  }
  const win = {
    Event: Ev, DragEvent: Ev, ClipboardEvent, DataTransfer,
    document: {activeElement: null, body: null},
    addEventListener: (type, fn) => { listeners[type] = fn; },
    removeEventListener: (type) => { delete listeners[type]; },
  };
  const target = {
    isConnected: true, seen: [],
    dispatchEvent(e) { e.target = target; listeners[e.type](e); if (!e.stopped) target.seen.push(e); },
  };
  const fire = (type, files) => {
    const dt = new DataTransfer();
    for (const f of files) dt.items.add(f);
    const e = new Ev(type, type === 'paste' ? {clipboardData: dt} : {dataTransfer: dt});
    target.dispatchEvent(e);
    return e;
  };
  return {win, target, fire, Ev};
}

const png = {name: 'a.png', type: 'image/png'};
const settle = () => new Promise((r) => setTimeout(r, 0));

test('a picture pasted into a chat at caution is held until the person chooses; Send anyway hands on the same file', async () => {
  const {win, target, fire} = fakeWindow();
  let answer;
  const pause = new ImagePause({armed: () => true, ask: () => new Promise((r) => { answer = r; }), win});
  pause.start();
  const e = fire('paste', [png]);
  assert.ok(e.prevented && e.stopped, 'the page does not see the paste yet');
  assert.equal(target.seen.length, 0);
  answer(true);
  await settle();
  assert.equal(target.seen.length, 1);
  assert.equal(target.seen[0].clipboardData.files[0], png, 'the very same File object');
});

test('not armed, or not a picture: the paste goes straight through', () => {
  const {win, target, fire} = fakeWindow();
  new ImagePause({armed: () => false, ask: () => assert.fail('asked'), win}).start();
  fire('paste', [png]);
  fire('drop', [png]);
  assert.equal(target.seen.length, 2);
  const other = fakeWindow();
  new ImagePause({armed: () => true, ask: () => assert.fail('asked'), win: other.win}).start();
  other.fire('paste', [{name: 'notes.pdf', type: 'application/pdf'}]);
  assert.equal(other.target.seen.length, 1);
});

test('Firefox: a script cannot hand a pasted file on, so Send anyway lets the next paste through and says so', async () => {
  const {win, target, fire} = fakeWindow({pasteKeepsFiles: false});
  let said = 0;
  let answer;
  const pause = new ImagePause({armed: () => true, ask: () => new Promise((r) => { answer = r; }), pasteAgain: () => { said += 1; }, win});
  pause.start();
  fire('paste', [png]);
  answer(true);
  await settle();
  assert.equal(said, 1, 'the person is told to paste again');
  assert.equal(target.seen.length, 0, 'an empty paste is not handed to the page');
  fire('paste', [png]);
  assert.equal(target.seen.length, 1, 'the next paste passes untouched');
  fire('paste', [png]);
  assert.equal(target.seen.length, 1, 'only that one: the one after is held again');
});

test('a panel that cannot be shown lets the picture through rather than swallow it', async () => {
  const {win, target, fire} = fakeWindow();
  const pause = new ImagePause({armed: () => true, ask: () => { throw new Error('no host'); }, win});
  pause.start();
  const warn = console.warn;
  console.warn = () => {};
  try {
    fire('paste', [png]);
    await settle();
    await settle();
  } finally {
    console.warn = warn;
  }
  assert.equal(target.seen.length, 1, 'handed on');
  assert.equal(target.seen[0].clipboardData.files[0], png);
});
