#!/usr/bin/env node
// Size of the shipped wasm (raw, gzip -9) and what it is made of: twiggy on the module before
// wasm-bindgen (target/wasm32-unknown-unknown/wasm-release/headsup.wasm, which still has names),
// grouped by crate, plus the long text runs in the shipped module (the rules' regex sources).
// Writes target/bench/size.json with a Markdown breakdown for BENCHMARKS.md.
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import {fileURLToPath} from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const OUT = path.resolve(ROOT, args[args.indexOf('--out') + 1] || 'target/bench/size.json');
const SHIPPED = path.join(ROOT, 'extension/pkg/headsup_bg.wasm');
const PRE = path.join(ROOT, 'target/wasm32-unknown-unknown/wasm-release/headsup.wasm');
const gz = (b) => zlib.gzipSync(b, {level: 9}).length;
const fmt = (n) => Number(n).toLocaleString('en-US');

const bytes = fs.readFileSync(SHIPPED);
// The gzip CLI (as scripts/build-wasm.sh reports it) when present; zlib's level 9 differs a little.
let gzipCli = null;
try { gzipCli = execFileSync('gzip', ['-9', '-c', SHIPPED], {maxBuffer: 1 << 26}).length; } catch { /* no gzip */ }
const out = {shipped: {raw: bytes.length, gzip: gzipCli ?? gz(bytes), zlib9: gz(bytes)}, sections: {}, byCrate: [], topItems: [], strings: null};

// Sections of the shipped module.
const mod = new WebAssembly.Module(bytes);
let off = 8;
const names = {1: 'type', 2: 'import', 3: 'function', 4: 'table', 5: 'memory', 6: 'global', 7: 'export', 8: 'start', 9: 'element', 10: 'code', 11: 'data', 12: 'datacount', 0: 'custom'};
while (off < bytes.length) {
  const id = bytes[off++];
  let size = 0;
  let shift = 0;
  for (;;) { const b = bytes[off++]; size |= (b & 0x7f) << shift; shift += 7; if (!(b & 0x80)) break; }
  const name = names[id] || `id${id}`;
  const body = bytes.subarray(off, off + size);
  out.sections[name] = {raw: (out.sections[name]?.raw || 0) + size, gzip: gz(body)};
  off += size;
}
void mod;

// Long printable runs in the shipped module: mostly the rules' regex sources.
const runs = [];
let start = -1;
for (let i = 0; i <= bytes.length; i++) {
  const c = bytes[i];
  const printable = c >= 0x20 && c < 0x7f;
  if (printable && start < 0) start = i;
  if (!printable && start >= 0) { if (i - start >= 30) runs.push(bytes.subarray(start, i)); start = -1; }
}
const joined = Buffer.concat(runs);
const regexish = Buffer.concat(runs.filter((r) => /\(\?:|\[\^|\{0,/.test(r.toString('latin1'))));
out.strings = {runs: runs.length, raw: joined.length, gzip: gz(joined), regexRaw: regexish.length, regexGzip: gz(regexish),
  longest: runs.map((r) => r.length).sort((a, b) => b - a).slice(0, 5)};

// twiggy on the pre-bindgen module, grouped by crate.
try {
  const items = JSON.parse(execFileSync('twiggy', ['top', '-n', '100000', '-f', 'json', PRE], {encoding: 'utf8', maxBuffer: 1 << 28}));
  const agg = new Map();
  for (const it of items) {
    const n = it.name;
    let k;
    if (/^custom section|subsection/.test(n)) continue; // debug info and names: not shipped
    if (/^data segment/.test(n)) k = `data ${n.replace('data segment ', '')}`;
    else if (/__wbindgen_describe/.test(n)) continue; // removed by wasm-bindgen
    else {
      const m = n.match(/^<?&?(?:mut )?(?:dyn )?([A-Za-z_][A-Za-z_0-9]*)(?:\[[0-9a-f]+\])?::/);
      k = m ? `code ${m[1]}` : `code (other: ${n.slice(0, 30)}…)`;
      if (!m) k = 'code (other)';
    }
    agg.set(k, (agg.get(k) || 0) + it.shallow_size);
  }
  out.byCrate = [...agg.entries()].sort((a, b) => b[1] - a[1]).slice(0, 14).map(([k, v]) => ({part: k, bytes: v}));
  out.topItems = items.filter((it) => !/^custom section|subsection|__wbindgen_describe/.test(it.name)).slice(0, 12)
    .map((it) => ({name: it.name.replace(/::h[0-9a-f]{16}$/, '').replace(/\[[0-9a-f]{16}\]/g, ''), bytes: it.shallow_size}));
} catch (err) {
  out.twiggy = `not available (${err.message.split('\n')[0]}); \`cargo install twiggy\` for the breakdown`;
}

const md = [];
md.push(`Shipped module \`extension/pkg/headsup_bg.wasm\`: **${fmt(out.shipped.raw)} B raw, ${fmt(out.shipped.gzip)} B gzip -9** (budget 256,000 B gz for the module with its learned model; Node's zlib at level 9 gives ${fmt(out.shipped.zlib9)} B).`);
md.push('');
md.push('| section of the shipped module | raw B | gzip -9 B (alone) |');
md.push('|---|---|---|');
for (const [k, v] of Object.entries(out.sections).sort((a, b) => b[1].raw - a[1].raw).slice(0, 6)) md.push(`| ${k} | ${fmt(v.raw)} | ${fmt(v.gzip)} |`);
md.push('');
md.push(`Long text runs (≥ 30 printable bytes) in the module: ${fmt(out.strings.runs)} runs, ${fmt(out.strings.raw)} B raw / ${fmt(out.strings.gzip)} B gz; of which regex sources (the compiled-in rules, kept as pattern text and compiled at start-up by regex-lite): ${fmt(out.strings.regexRaw)} B raw / ${fmt(out.strings.regexGzip)} B gz; the longest single patterns are ${out.strings.longest.map(fmt).join(', ')} B.`);
if (out.byCrate.length) {
  md.push('');
  md.push('By crate (twiggy shallow sizes on the module before wasm-bindgen; debug sections, the name section and wasm-bindgen\'s describe functions excluded, since they are not shipped):');
  md.push('');
  md.push('| part | raw B |');
  md.push('|---|---|');
  for (const r of out.byCrate) md.push(`| ${r.part} | ${fmt(r.bytes)} |`);
  md.push('');
  md.push('Largest single items:');
  md.push('');
  md.push('| item | raw B |');
  md.push('|---|---|');
  for (const r of out.topItems) md.push(`| \`${r.name.slice(0, 90)}\` | ${fmt(r.bytes)} |`);
} else if (out.twiggy) {
  md.push('', `twiggy ${out.twiggy}.`);
}
out.breakdownMarkdown = md.join('\n');
fs.mkdirSync(path.dirname(OUT), {recursive: true});
fs.writeFileSync(OUT, JSON.stringify(out, null, 2) + '\n');
console.log(`size: ${fmt(out.shipped.raw)} B raw, ${fmt(out.shipped.gzip)} B gz -> ${path.relative(ROOT, OUT)}`);
