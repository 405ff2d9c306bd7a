#!/usr/bin/env node
// Builds the benchmark corpus at bench time: target/bench/corpus.jsonl (one {from, text, label}
// a line) and target/bench/corpus-meta.json. Sources: ../shared/corpus/*.jsonl when present (read,
// never copied into the repo) and the lines in bench/texts.mjs, varied and shuffled with a fixed
// seed, repeated until the text is at least --mb megabytes (default 5). Same input, same output.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import {fileURLToPath} from 'node:url';
import {BENIGN, SEXTORTION, FILL} from './texts.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const MB = Number(opt('--mb', process.env.HEADSUP_BENCH_MB || '5'));
const OUT = path.resolve(ROOT, opt('--out', 'target/bench/corpus.jsonl'));
const SHARED = path.resolve(ROOT, process.env.HEADSUP_SHARED_CORPUS || '../shared/corpus');
const SEXTORTION_SHARE = 0.15; // of messages drawn

// mulberry32: small, deterministic.
function rng(seed) {
  return () => {
    seed |= 0; seed = (seed + 0x6D2B79F5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(0x5EED);
const pick = (a) => a[Math.floor(rand() * a.length)];

function fill(text) {
  return text.replace(/\{(\w+)\}/g, (m, k) => (FILL[k] ? pick(FILL[k]) : m));
}
const EMOJI = ['', '', '', ' 😂', ' 🙏', ' ❤️', ' 😭', ' 👀', ' !!', ' lol', ' ?', '...'];
function vary(text) {
  let t = fill(text);
  const r = rand();
  if (r < 0.1) t = t.toUpperCase();
  else if (r < 0.25) t = t.toLowerCase();
  return t + pick(EMOJI);
}

function sharedLines() {
  const benign = [];
  const sextortion = [];
  const file = (f) => path.join(SHARED, f);
  if (fs.existsSync(file('messages.jsonl'))) {
    for (const line of fs.readFileSync(file('messages.jsonl'), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const m = JSON.parse(line);
      const from = m.signal === 'victim_distress' ? 'me' : 'them';
      (m.label === 'benign' ? benign : sextortion).push({from, text: m.text});
    }
  }
  if (fs.existsSync(file('conversations.jsonl'))) {
    for (const line of fs.readFileSync(file('conversations.jsonl'), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const c = JSON.parse(line);
      for (const m of c.messages) (c.label === 'benign' ? benign : sextortion).push({from: m.from, text: m.text});
    }
  }
  return {benign, sextortion};
}

export function build({mb = MB} = {}) {
  const shared = sharedLines();
  const own = Object.values(BENIGN).flat().map((text) => ({from: rand() < 0.5 ? 'me' : 'them', text}));
  const benign = [...own, ...shared.benign.map((m) => ({...m, shared: true}))];
  const sextortion = [
    ...SEXTORTION.map((text) => ({from: /want to die/.test(text) ? 'me' : 'them', text})),
    ...shared.sextortion.map((m) => ({...m, shared: true})),
  ];
  const target = mb * 1024 * 1024;
  const out = [];
  let bytes = 0;
  while (bytes < target) {
    const bad = rand() < SEXTORTION_SHARE;
    const src = pick(bad ? sextortion : benign);
    // Real lines are kept as they are most of the time; our own templates are always varied.
    const text = src.shared && rand() < 0.7 ? src.text : vary(src.text);
    out.push({from: src.from, text, label: bad ? 'sextortion' : 'benign'});
    bytes += Buffer.byteLength(text);
  }
  return {messages: out, bytes, sharedLines: shared.benign.length + shared.sextortion.length};
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const {messages, bytes, sharedLines: n} = build();
  fs.mkdirSync(path.dirname(OUT), {recursive: true});
  const body = messages.map((m) => JSON.stringify(m)).join('\n') + '\n';
  fs.writeFileSync(OUT, body);
  const langs = Object.fromEntries(Object.entries(BENIGN).map(([k, v]) => [k, v.length]));
  const meta = {
    file: path.relative(ROOT, OUT), messages: messages.length, textBytes: bytes,
    sextortion: messages.filter((m) => m.label === 'sextortion').length,
    sharedCorpusLines: n, ownLines: {...langs, sextortion: SEXTORTION.length},
    sha256: crypto.createHash('sha256').update(body).digest('hex').slice(0, 16),
  };
  fs.writeFileSync(OUT.replace(/\.jsonl$/, '-meta.json'), JSON.stringify(meta, null, 2) + '\n');
  console.log(`corpus: ${meta.messages} messages, ${(bytes / 1048576).toFixed(2)} MB of text, ` +
    `${meta.sextortion} sextortion-labelled, ${n} lines read from ${SHARED}${n ? '' : ' (absent)'} -> ${meta.file}`);
}
