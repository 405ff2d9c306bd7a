// The core exactly as the extension ships it (extension/pkg, built by `make wasm`), run in Node:
// the wasm build takes NFKD from the JavaScript engine instead of linked tables, so this checks
// that path gives what the native tests expect, and that bad input comes back as an error.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {test} from 'node:test';
import {fileURLToPath} from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PKG = path.join(ROOT, 'extension/pkg');
const built = fs.existsSync(path.join(PKG, 'headsup_bg.wasm'));

const core = built ? await import(path.join(PKG, 'headsup.js')) : null;
if (core) await core.default({module_or_path: fs.readFileSync(path.join(PKG, 'headsup_bg.wasm'))});

test('wasm core is built (run `make wasm`)', () => assert.ok(built, `${PKG} has no headsup_bg.wasm`));

test('normalisation through the JS engine matches the native results', {skip: !built}, () => {
  const cases = [
    ['ＳＥＮＤ ＮＵＤＥＳ', 'send nudes'],
    ['𝐬𝐞𝐧𝐝 𝓃𝓊𝒹𝑒𝓈', 'send nudes'],
    ['Vídeo ÉNVÍAME', 'video enviame'],
    ['nu\u200bdes', 'nudes'],
    ['sеnd nudеs', 'send nudes'],
    ['n🍑u🍑d🍑e🍑s', 'nudes'],
    ['s3nd n00dz', 'send nudes'],
    ['£200', 'xamt'],
    ['z\u0335a\u0336l\u0337g\u0338o', 'zalgo'],
    ['ⓢⓔⓝⓓ', 'send'],
  ];
  for (const [input, expected] of cases) assert.equal(core.normalise(input), expected, input);
});

test('a threat with a demand is urgent; friendly money talk is nothing', {skip: !built}, () => {
  const a = new core.Analyser('teen', null);
  const v = a.push([{from: 'them', text: 'send me $500 in gift cards or I will send your nudes to all your followers'}]);
  assert.equal(v.level, 'urgent');
  assert.ok(v.signals.some((s) => s.id === 'threat_to_share' && s.reason === 'reason_threat_to_share'));
  a.free();
  const b = new core.Analyser('adult', 'instagram');
  assert.equal(b.push([{from: 'them', text: 'venmo me $12 for the pizza'}, {from: 'me', text: 'sure'}]).level, 'none');
  assert.equal(b.messageCount, 2);
  b.free();
});

test('bad input is an error, not a crash, and the analyser carries on', {skip: !built}, () => {
  assert.throws(() => new core.Analyser('toddler', null), /audience/);
  const a = new core.Analyser('teen', null);
  assert.throws(() => a.push([{from: 'them', text: 42}]), /bad message batch/);
  assert.throws(() => a.push('not an array'), /bad message batch/);
  assert.throws(() => a.push([{from: 'stranger', text: 'hi'}]), /from must be them, me or unknown/);
  assert.throws(() => a.push([{from: 'them', text: 'hi', hasMedia: 'yes'}]), /hasMedia/);
  assert.throws(() => a.push([null]), /not an object/);
  assert.equal(a.messageCount, 0, 'a rejected batch adds nothing');
  assert.equal(a.push([{from: 'them', text: 'x'.repeat(1 << 20)}]).messageCount, 1);
  assert.equal(a.push([{}, {from: null, text: null, hasMedia: null}]).messageCount, 3, 'missing fields take defaults');
  a.free();
  assert.throws(() => core.extractIdentifiers(['ok', 5]), /array of strings/);
});

test('the page\'s cues about the other person and "this seems wrong" re-read the verdict', {skip: !built}, () => {
  const a = new core.Analyser('teen', null);
  assert.equal(a.push([{from: 'them', text: "you're so pretty"}]).level, 'none');
  const stranger = a.setPeer({stranger: true});
  assert.equal(stranger.level, 'caution');
  assert.deepEqual(stranger.cues, ['stranger']);
  assert.deepEqual(a.setPeer({}).cues, [], 'an unknown peer names no cue');
  a.setPeer({stranger: true, newThread: null});
  assert.equal(a.mute(['rapid_intimacy']).level, 'none', 'a muted sign is supporting evidence only');
  assert.throws(() => a.mute(['not_a_sign']), /unknown sign/);
  assert.throws(() => a.setPeer({stranger: 'yes'}), /stranger must be true, false or absent/);
  assert.throws(() => a.setPeer(null), /bad peer record/);
  assert.equal(a.result().level, 'none', 'the analyser carries on after bad input');
  a.free();
});

test('pushChanged hands over a verdict only when it says something new', {skip: !built}, () => {
  const a = new core.Analyser('teen', null);
  const first = a.pushChanged([{from: 'them', text: 'hey how was practice'}]);
  assert.equal(first.level, 'none', 'the first verdict always comes');
  assert.equal(a.pushChanged([{from: 'them', text: 'coach was in a mood lol'}]), undefined, 'nothing new');
  assert.equal(a.messageCount, 2);
  const threat = a.pushChanged([{from: 'them', text: 'send me $200 or i post your pics to all your followers'}]);
  assert.equal(threat.level, 'urgent');
  assert.equal(a.pushChanged([{from: 'them', text: 'ok'}]), undefined);
  const again = a.pushChanged([{from: 'them', text: 'send me $200 or i post your pics to all your followers'}]);
  assert.ok(again && again.signals.some((s) => s.messages.includes(4)), 'a new message showing a sign is news (its highlight)');
  assert.ok(a.result().level === 'urgent');
  assert.equal(a.pushChanged([{from: 'them', text: 'ok'}]), undefined, 'result() counts as handed over');
  a.free();
});
