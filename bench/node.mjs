#!/usr/bin/env node
// The core as wasm in Node — the exact build the extension ships (extension/pkg) — and the peer,
// npm `obscenity` (English preset), on the same corpus in the same process, rounds interleaved.
// Writes target/bench/node.json. `--smoke`: one short round, no claims about time.
import fs from 'node:fs';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {fileURLToPath} from 'node:url';
import {RegExpMatcher, englishDataset, englishRecommendedTransformers} from 'obscenity';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const SMOKE = args.includes('--smoke');
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const CORPUS = path.resolve(ROOT, opt('--corpus', 'target/bench/corpus.jsonl'));
const OUT = path.resolve(ROOT, opt('--out', 'target/bench/node.json'));
const ROUNDS = Number(opt('--rounds', '1'));
const CONVERSATION = 100; // messages per conversation, as in crate/benches/core.rs
const LEVELS = ['none', 'caution', 'warning', 'urgent'];

const median = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor((s.length - 1) / 2)]; };
const mb = (bytes) => bytes / 1048576;

// ── start-up ───────────────────────────────────────────────────────────────────────────
const wasmPath = path.join(ROOT, 'extension/pkg/headsup_bg.wasm');
const memStart0 = process.memoryUsage();
let t = performance.now();
const glue = await import(path.join(ROOT, 'extension/pkg/headsup.js'));
const tImport = performance.now() - t;
t = performance.now();
const bytes = fs.readFileSync(wasmPath);
const module = new WebAssembly.Module(bytes);
const tCompile = performance.now() - t;
t = performance.now();
const exports = glue.initSync({module});
const tInstantiate = performance.now() - t;
t = performance.now();
let first = new glue.Analyser('teen', null);
first.push([{from: 'them', text: 'hey how are you'}]);
const tFirstMessage = performance.now() - t;
first.free();
t = performance.now();
first = new glue.Analyser('teen', null);
first.push([{from: 'them', text: 'hey how are you'}]);
const tSecondMessage = performance.now() - t;
first.free();
const memory = () => exports.memory.buffer.byteLength;
const wasmMemAfterStart = memory();
const processAfterStart = process.memoryUsage();

// ── corpus ─────────────────────────────────────────────────────────────────────────────
const messages = fs.readFileSync(CORPUS, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const batch = messages.map(({from, text}) => ({from, text}));
const textBytes = messages.reduce((s, m) => s + Buffer.byteLength(m.text), 0);
const chats = [];
for (let i = 0; i < batch.length; i += CONVERSATION) chats.push(batch.slice(i, i + CONVERSATION));

// ── memory: a fresh instance, one conversation of 10,000 messages sent in batches of 100 (as the
// shell sends them), before any other run raises the high-water mark of the linear memory ──
const big = new glue.Analyser('teen', null);
for (let i = 0; i < 10000; i += 100) big.push(Array.from({length: 100}, (_, j) => batch[(i + j) % batch.length]));
const wasmMemAfter10k = memory();
const processAfter10k = process.memoryUsage();
// 10,000 more: growth here would be state kept per message, not a high-water mark.
for (let i = 10000; i < 20000; i += 100) big.push(Array.from({length: 100}, (_, j) => batch[(i + j) % batch.length]));
const wasmMemAfter20k = memory();
big.free();


function headsupChat(chat) {
  const a = new glue.Analyser('teen', null);
  const v = a.push(chat); // one batch per conversation, as the shell sends what it has
  a.free();
  return LEVELS.indexOf(v.level) >= 2 ? 1 : 0;
}

// The same conversations, one message per call (a verdict after every message), as when
// messages arrive one by one.
function headsupPerMessage(chat) {
  const a = new glue.Analyser('teen', null);
  for (const m of chat) a.push([m]);
  a.free();
}

// The same, the way the shell can take them: pushChanged hands over a verdict only when it says
// something new, and the caller keeps the last one.
function headsupPerMessageChanged(chat) {
  const a = new glue.Analyser('teen', null);
  let verdict = null;
  for (const m of chat) verdict = a.pushChanged([m]) || verdict;
  a.free();
  return verdict;
}

const matcher = new RegExpMatcher({...englishDataset.build(), ...englishRecommendedTransformers});

// Interleaved blocks over the whole corpus: BLOCK conversations by Heads Up, then the same
// messages by obscenity (hasMatch, then getAllMatches), so load on the shared machine hits both.
const BLOCK = 10;
const total = {headsup: 0, obscenityHasMatch: 0, obscenityGetAllMatches: 0, headsupPerMessage: 0, headsupPerMessageChanged: 0};
let perMessageCount = 0;
let flaggedChats = 0;
let obscenityMatches = 0;
const perMessageLimit = SMOKE ? 500 : 5000;
for (let r = 0; r < ROUNDS; r++) {
  for (let i = 0; i < chats.length; i += BLOCK) {
    const block = chats.slice(i, i + BLOCK);
    let s = performance.now();
    for (const chat of block) flaggedChats += headsupChat(chat);
    total.headsup += performance.now() - s;
    s = performance.now();
    for (const chat of block) for (const m of chat) matcher.hasMatch(m.text);
    total.obscenityHasMatch += performance.now() - s;
    s = performance.now();
    for (const chat of block) for (const m of chat) obscenityMatches += matcher.getAllMatches(m.text).length;
    total.obscenityGetAllMatches += performance.now() - s;
    if (perMessageCount < perMessageLimit * (r + 1)) {
      s = performance.now();
      headsupPerMessage(block[0]);
      total.headsupPerMessage += performance.now() - s;
      s = performance.now();
      headsupPerMessageChanged(block[0]);
      total.headsupPerMessageChanged += performance.now() - s;
      perMessageCount += block[0].length;
    }
  }
}
// Side by side with native: the native bench binary (crate/benches/side.rs, path in --native)
// and this wasm take turns on the same slices of the corpus.
let side = null;
const NATIVE = opt('--native', null);
if (NATIVE) {
  const {execFileSync} = await import('node:child_process');
  const slices = SMOKE ? 2 : 8;
  const per = Math.ceil(chats.length / slices);
  side = {slices, nativeMs: 0, wasmMs: 0, messages: 0, turns: []};
  for (let k = 0; k < slices; k++) {
    const from = k * per;
    const to = Math.min(chats.length, from + per);
    if (from >= to) break;
    const r = JSON.parse(execFileSync(NATIVE, ['--corpus', CORPUS, '--from', String(from), '--to', String(to)], {encoding: 'utf8'}));
    const s = performance.now();
    for (const chat of chats.slice(from, to)) headsupChat(chat);
    const w = performance.now() - s;
    side.nativeMs += r.ms;
    side.wasmMs += w;
    side.messages += r.messages;
    side.turns.push({native: +r.ms.toFixed(0), wasm: +w.toFixed(0)});
  }
  side.ratioWasmNative = side.nativeMs / side.wasmMs;

  // Linear growth, in turns: 10,000 messages at each conversation length (100 × 100, 1,000 × 10,
  // 10,000 × 1), native then wasm, for a few rounds; per-message cost at each length.
  const plan = SMOKE ? [[10, 10], [100, 1]] : [[100, 100], [1000, 10], [10000, 1]];
  const rounds = SMOKE ? 1 : 3;
  const lin = Object.fromEntries(plan.map(([n]) => [n, {nativeMs: 0, wasmMs: 0, messages: 0}]));
  const strideChat = (n) => Array.from({length: n}, (_, i) => batch[(Math.floor((i * batch.length) / n) + Math.floor(i / batch.length)) % batch.length]);
  for (let r = 0; r < rounds; r++) {
    for (const [n, reps] of plan) {
      const nat = JSON.parse(execFileSync(NATIVE, ['--corpus', CORPUS, '--chat', String(n), '--reps', String(reps)], {encoding: 'utf8'}));
      const chat = strideChat(n);
      const s = performance.now();
      for (let k = 0; k < reps; k++) { const a = new glue.Analyser('teen', null); a.push(chat); a.free(); }
      lin[n].wasmMs += performance.now() - s;
      lin[n].nativeMs += nat.ms;
      lin[n].messages += n * reps;
    }
  }
  for (const v of Object.values(lin)) { v.nativeUsPerMessage = (v.nativeMs * 1000) / v.messages; v.wasmUsPerMessage = (v.wasmMs * 1000) / v.messages; }
  const sizes = plan.map(([n]) => n);
  side.linear = {rounds, sizes, bySize: lin,
    // cost of a conversation ×10 longer, relative (10 × per-message ratio)
    nativeRatios: sizes.slice(1).map((n, i) => (10 * lin[n].nativeUsPerMessage) / lin[sizes[i]].nativeUsPerMessage),
    wasmRatios: sizes.slice(1).map((n, i) => (10 * lin[n].wasmUsPerMessage) / lin[sizes[i]].wasmUsPerMessage)};
  side.nativeMsgsPerSec = side.messages / (side.nativeMs / 1000);
  side.wasmMsgsPerSec = side.messages / (side.wasmMs / 1000);
}

const msgs = batch.length * ROUNDS;
const rate = (ms, n) => n / (ms / 1000);
const hu = total.headsup / ROUNDS;
const huPer = total.headsupPerMessage;
const obHas = total.obscenityHasMatch / ROUNDS;
const obAll = total.obscenityGetAllMatches / ROUNDS;

// ── what each flags ────────────────────────────────────────────────────────────────────
// Unique lines only (the corpus repeats them): each line alone as a one-message conversation.
const unique = new Map();
for (const m of messages) unique.set(`${m.from}\u0000${m.text}`, m);
const flags = {uniqueLines: unique.size, byLabel: {}};
for (const m of unique.values()) {
  const b = (flags.byLabel[m.label] ||= {lines: 0, headsupCaution: 0, headsupWarning: 0, obscenity: 0});
  b.lines += 1;
  const a = new glue.Analyser('teen', null);
  const lvl = LEVELS.indexOf(a.push([{from: m.from, text: m.text}]).level);
  a.free();
  if (lvl >= 1) b.headsupCaution += 1;
  if (lvl >= 2) b.headsupWarning += 1;
  if (matcher.hasMatch(m.text)) b.obscenity += 1;
}
flags.conversationsAtWarning = flaggedChats / ROUNDS;
flags.obscenityMatchesOnCorpus = obscenityMatches / ROUNDS;
flags.conversations = chats.length;

// ── conversation length ────────────────────────────────────────────────────────────────
const conversation = {};
for (const n of [100, 1000, 10000]) {
  // A stride sample of the whole corpus (as crate/benches/core.rs), the same mix at every length.
  const chat = Array.from({length: n}, (_, i) => batch[(Math.floor((i * batch.length) / n) + Math.floor(i / batch.length)) % batch.length]);
  const times = [];
  const reps = SMOKE ? 1 : Math.max(3, Math.round(5000 / n));
  for (let r = 0; r < reps; r++) {
    const s = performance.now();
    const a = new glue.Analyser('teen', null);
    a.push(chat);
    a.free();
    times.push(performance.now() - s);
  }
  conversation[n] = {ms: median(times), usPerMessage: (median(times) * 1000) / n};
}

const out = {
  smoke: SMOKE, node: process.version, rounds: ROUNDS,
  corpus: {file: path.relative(ROOT, CORPUS), messages: batch.length, textBytes, conversations: chats.length},
  start: {
    importGlueMs: tImport, compileMs: tCompile, instantiateMs: tInstantiate,
    firstMessageMs: tFirstMessage, secondMessageMs: tSecondMessage,
    wasmMemoryAfterStart: wasmMemAfterStart, wasmMemoryAfter10k: wasmMemAfter10k, wasmMemoryAfter20k: wasmMemAfter20k,
    rssAfterStart: processAfterStart.rss, rssBefore: memStart0.rss, rssAfter10k: processAfter10k.rss,
    heapUsedAfterStart: processAfterStart.heapUsed, heapUsedAfter10k: processAfter10k.heapUsed,
  },
  headsup: {ms: hu, msgsPerSec: rate(hu, batch.length), mbPerSec: mb(textBytes) / (hu / 1000)},
  headsupPerMessage: {messages: perMessageCount, ms: huPer, msgsPerSec: rate(huPer, perMessageCount)},
  headsupPerMessageChanged: {messages: perMessageCount, ms: total.headsupPerMessageChanged, msgsPerSec: rate(total.headsupPerMessageChanged, perMessageCount)},
  obscenityHasMatch: {ms: obHas, msgsPerSec: rate(obHas, batch.length), mbPerSec: mb(textBytes) / (obHas / 1000)},
  obscenityGetAllMatches: {ms: obAll, msgsPerSec: rate(obAll, batch.length), mbPerSec: mb(textBytes) / (obAll / 1000)},
  sideBySide: side,
  ratioVsObscenityHasMatch: obHas / hu,
  ratioVsObscenityGetAllMatches: obAll / hu,
  conversation,
  linearity: {ratio1000to100: conversation[1000].ms / conversation[100].ms, ratio10000to1000: conversation[10000].ms / conversation[1000].ms},
  flags,
};
fs.mkdirSync(path.dirname(OUT), {recursive: true});
fs.writeFileSync(OUT, JSON.stringify(out, null, 2) + '\n');
console.log(`node/wasm: ${Math.round(out.headsup.msgsPerSec)} msg/s, ${out.headsup.mbPerSec.toFixed(2)} MB/s; ` +
  `obscenity hasMatch ${Math.round(out.obscenityHasMatch.msgsPerSec)} msg/s; Heads Up/obscenity ${out.ratioVsObscenityHasMatch.toFixed(2)}x; ` +
  `start: compile ${tCompile.toFixed(1)} ms, instantiate ${tInstantiate.toFixed(1)} ms, first message ${tFirstMessage.toFixed(1)} ms -> ${path.relative(ROOT, OUT)}`);
