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

test('the setting turns it off; "this is wrong" turns it off for that chat at that level', () => {
  assert.equal(pauseWanted({enabled: false, verdict: v('urgent')}), false);
  assert.equal(pauseWanted({enabled: true, verdict: v('caution'), wrongAt: 'caution'}), false);
  assert.equal(pauseWanted({enabled: true, verdict: v('warning'), wrongAt: 'caution'}), true, 'worse than what was called wrong');
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
