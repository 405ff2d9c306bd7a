#!/usr/bin/env node
// The extension in Chromium, measured through the DevTools protocol: a WhatsApp-like chat page
// (bench/page/chat.html) loads 5,000 messages, then receives 50 messages/s for 20 s; the same page
// runs twice in one run — in a browser without the extension and in one with dist/chrome — under
// a performance trace. Then: the delay from a threatening message inserted to the warning painted,
// with the worker warm and cold (stopped through CDP first), and the core's start-up inside the
// real service worker. Writes target/bench/browser.json. `--smoke`: short phases, no claims.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {chromium} from 'playwright-core';
import {startServer} from '../tests/server/server.mjs';
import {ROOT, DIST_CHROME, CHROMIUM, ensureBuilt, stopServiceWorker, readWarning} from '../tests/e2e/harness.mjs';
import {BENIGN} from './texts.mjs';

const args = process.argv.slice(2);
const SMOKE = args.includes('--smoke');
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const OUT = path.resolve(ROOT, opt('--out', 'target/bench/browser.json'));
const CORPUS = path.resolve(ROOT, opt('--corpus', 'target/bench/corpus.jsonl'));
const P = SMOKE
  ? {initial: 500, rate: 50, seconds: 2, warm: 2, cold: 1, settleMs: 1000}
  : {initial: 5000, rate: 50, seconds: 20, warm: 20, cold: 10, settleMs: 3000};
const HOST = 'web.whatsapp.com';
const THREAT = 'send me $500 in gift cards or I will send your nudes to all your followers, you have 10 minutes';
const KEEP_TRACES = process.env.HEADSUP_BENCH_KEEP_TRACES;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pct = (a, p) => { if (!a.length) return null; const s = [...a].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]; };

// ── the page ───────────────────────────────────────────────────────────────────────────
function writePage() {
  const lines = [];
  const seen = new Set();
  for (const l of fs.readFileSync(CORPUS, 'utf8').split('\n')) {
    if (!l) continue;
    const m = JSON.parse(l);
    // Benign lines only: the stream must not raise a warning midway (that is measured apart).
    if (m.label !== 'benign' || seen.has(m.text) || m.text.length > 400) continue;
    seen.add(m.text);
    lines.push({from: m.from, text: m.text});
    if (lines.length >= 4000) break;
  }
  const html = fs.readFileSync(path.join(ROOT, 'bench/page/chat.html'), 'utf8')
    .replace(/\/\*LINES\*\/\[[^\n]*\]/, () => `/*LINES*/${JSON.stringify(lines).replace(/</g, '\\u003c')}`)
    .replace('/*INITIAL*/5000', String(P.initial))
    .replace(/\/\*ORDINARY\*\/\[[^\n]*\]/, () => `/*ORDINARY*/${JSON.stringify(ordinary()).replace(/</g, '\\u003c')}`);
  const file = path.join(ROOT, 'target/bench/chat.html');
  fs.mkdirSync(path.dirname(file), {recursive: true});
  fs.writeFileSync(file, html);
  return file;
}

/** Everyday lines only (no money, flirting or gaming) for the short chats of the delay samples. */
function ordinary() {
  const out = [];
  for (const lang of ['en', 'es', 'fr', 'de', 'pt']) {
    BENIGN[lang].forEach((t, i) => out.push({from: i % 2 ? 'me' : 'them', text: t.replace(/\{\w+\}/g, '3')}));
  }
  return out.sort((a, b) => (a.text.length * 7919) % 13 - (b.text.length * 7919) % 13);
}

async function launch({extension, server}) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'headsup-bench-'));
  const ext = extension ? [`--disable-extensions-except=${DIST_CHROME}`, `--load-extension=${DIST_CHROME}`] : ['--disable-extensions'];
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: {width: 1100, height: 800},
    args: [...ext, '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      `--host-resolver-rules=MAP * 127.0.0.1:${server.port}, EXCLUDE localhost`, '--ignore-certificate-errors'],
  });
  const env = {
    context, extensionId: null,
    async worker() {
      const [w] = context.serviceWorkers();
      return w || context.waitForEvent('serviceworker', {timeout: 30000});
    },
    extensionUrl: (rel) => `chrome-extension://${env.extensionId}/${rel}`,
    async close() {
      await context.close().catch(() => {});
      fs.rmSync(profile, {recursive: true, force: true});
    },
  };
  if (extension) {
    env.extensionId = new URL((await env.worker()).url()).host;
    // On install the extension opens its welcome page in a new tab, which would push the chat
    // page to the background (throttled frames and idle callbacks: 300–800 ms "delays" measured
    // that way). Close it, as a person would, before measuring.
    await closeWelcome(context, env.extensionId);
  }
  return env;
}

async function closeWelcome(context, extensionId, waitMs = 5000) {
  const end = Date.now() + waitMs;
  while (Date.now() < end) {
    const welcome = context.pages().filter((p) => p.url().startsWith(`chrome-extension://${extensionId}/`));
    if (welcome.length) {
      for (const p of welcome) await p.close().catch(() => {});
      return true;
    }
    await sleep(100);
  }
  return false;
}

// ── tracing ────────────────────────────────────────────────────────────────────────────
const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', '__metadata'];

async function startTrace(session) {
  await session.send('Tracing.start', {transferMode: 'ReturnAsStream', traceConfig: {includedCategories: CATEGORIES, recordMode: 'recordAsMuchAsPossible', traceBufferSizeInKb: 600000}});
}
async function stopTrace(session) {
  const done = new Promise((resolve) => session.once('Tracing.tracingComplete', resolve));
  await session.send('Tracing.end');
  const {stream} = await done;
  let data = '';
  for (;;) {
    const {data: chunk, eof, base64Encoded} = await session.send('IO.read', {handle: stream, size: 1 << 20});
    data += base64Encoded ? Buffer.from(chunk, 'base64').toString('utf8') : chunk;
    if (eof) break;
  }
  await session.send('IO.close', {handle: stream});
  const parsed = JSON.parse(data);
  return Array.isArray(parsed) ? parsed : parsed.traceEvents;
}

const JS_EVENTS = new Set(['FunctionCall', 'EvaluateScript', 'v8.compile', 'v8.callFunction', 'V8.Execute', 'v8.run',
  'TimerFire', 'FireIdleCallback', 'FireAnimationFrame', 'EventDispatch', 'v8.evaluateModule', 'RunMicrotasks']);
const urlOf = (e) => (e.args && ((e.args.data && (e.args.data.url || e.args.data.scriptName)) || (e.args.fileName))) || '';
const isExt = (e) => urlOf(e).startsWith('chrome-extension://');

/** Figures from one trace: the page's main thread (and the worker thread when there is one). */
function analyseTrace(events, {extensionId}) {
  const threads = new Map(); // `${pid}:${tid}` -> name
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, e.args.name);
  const marks = {};
  for (const e of events) if (e.name === 'TimeStamp' && e.args && e.args.data && /^bench:/.test(e.args.data.message)) marks[e.args.data.message] = e.ts;
  // The page's main thread: the renderer main thread that ran the page's own script.
  const score = new Map();
  for (const e of events) {
    if (threads.get(`${e.pid}:${e.tid}`) !== 'CrRendererMain') continue;
    if (urlOf(e).includes(HOST)) score.set(`${e.pid}:${e.tid}`, (score.get(`${e.pid}:${e.tid}`) || 0) + 1);
  }
  const mainKey = [...score.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const byThread = (key) => events.filter((e) => `${e.pid}:${e.tid}` === key && e.ph === 'X').sort((a, b) => a.ts - b.ts);

  const windows = {
    load: [marks['bench:load:start'], marks['bench:load:end']],
    stream: [marks['bench:stream:start'], marks['bench:stream:end']],
  };
  const clip = (e, [a, b]) => Math.max(0, Math.min(e.ts + e.dur, b) - Math.max(e.ts, a));

  /** Outermost extension JS events (no double counting of nested calls). */
  function extensionSlices(list, test) {
    const out = [];
    let end = -1;
    for (const e of list) {
      if (!JS_EVENTS.has(e.name) || !test(e) || !(e.dur >= 0)) continue;
      if (e.ts < end) continue;
      out.push(e);
      end = e.ts + e.dur;
    }
    return out;
  }

  const result = {mainThread: mainKey || null, windows: {}};
  if (mainKey) {
    const main = byThread(mainKey);
    // Outermost tasks only (a nested run loop shows as a RunTask inside a RunTask).
    const tasks = [];
    let taskEnd = -1;
    for (const e of main) {
      if (e.name !== 'RunTask' || e.ts < taskEnd) continue;
      tasks.push(e);
      taskEnd = e.ts + e.dur;
    }
    const extSlices = extensionSlices(main, isExt);
    for (const [name, win] of Object.entries(windows)) {
      if (!(win[0] && win[1])) continue;
      const inWin = (e) => clip(e, win) > 0;
      const wTasks = tasks.filter(inWin);
      const wExt = extSlices.filter(inWin);
      // Of the tasks that ran extension code, the one with the most extension time in it (the
      // figure for the budget) and how long that whole task was.
      let longestExtTask = null;
      for (const t of wTasks) {
        const ext = wExt.filter((s) => s.ts >= t.ts && s.ts < t.ts + t.dur);
        if (!ext.length) continue;
        const own = ext.reduce((s, x) => s + x.dur, 0);
        if (!longestExtTask || own > longestExtTask.extensionMs * 1000) {
          longestExtTask = {taskMs: t.dur / 1000, extensionMs: own / 1000, atMs: (t.ts - win[0]) / 1000,
            what: ext.map((x) => `${x.name} ${urlOf(x).replace(/^chrome-extension:\/\/[^/]+\//, '')}${x.args?.data?.functionName ? ' ' + x.args.data.functionName : ''}`).slice(0, 4)};
        }
      }
      const longestTask = wTasks.reduce((m, t) => Math.max(m, t.dur), 0) / 1000;
      result.windows[name] = {
        ms: (win[1] - win[0]) / 1000,
        mainBusyMs: wTasks.reduce((s, t) => s + clip(t, win), 0) / 1000,
        longestTaskMs: longestTask,
        tasksOver50ms: wTasks.filter((t) => t.dur > 50000).length,
        extensionScriptingMs: wExt.reduce((s, x) => s + clip(x, win), 0) / 1000,
        extensionCalls: wExt.length,
        longestExtensionTask: longestExtTask,
      };
    }
  }
  // The extension's service worker thread (scripting there is off the page's main thread).
  if (extensionId) {
    const workerKeys = [...threads.entries()].filter(([, n]) => /service ?worker/i.test(n)).map(([k]) => k);
    const ext = (e) => urlOf(e).includes(extensionId);
    const keys = workerKeys.filter((k) => events.some((e) => `${e.pid}:${e.tid}` === k && ext(e)));
    for (const [name, win] of Object.entries(windows)) {
      if (!(win[0] && win[1]) || !result.windows[name]) continue;
      let ms = 0;
      let longest = 0;
      for (const k of keys) {
        for (const s of extensionSlices(byThread(k), () => true)) {
          const c = clip(s, win);
          ms += c;
          if (c > 0) longest = Math.max(longest, s.dur / 1000);
        }
      }
      result.windows[name].workerScriptingMs = ms / 1000;
      result.windows[name].workerLongestCallMs = longest;
    }
    result.workerThreads = keys.map((k) => threads.get(k));
  }
  return result;
}

// ── one run of the page ────────────────────────────────────────────────────────────────
async function runPage(env, label) {
  // Reuse the tab the browser opened: with a second (blank) tab open, headless Chromium delayed
  // frames and idle callbacks by 250–800 ms once the warning showed (measured; not seen with one tab).
  const page = env.context.pages()[0] || await env.context.newPage();
  for (const p of env.context.pages()) if (p !== page) await p.close().catch(() => {});
  // Browser-wide tracing (a page session's trace can leave out the extension's worker process).
  const session = await env.context.browser().newBrowserCDPSession();
  await startTrace(session);
  await page.goto('about:blank');
  await page.evaluate(() => console.timeStamp('bench:load:start'));
  await page.goto(`https://${HOST}/`, {waitUntil: 'load'});
  await sleep(P.settleMs); // the extension reads the loaded history in idle slices
  await page.evaluate(() => console.timeStamp('bench:load:end'));
  const count0 = await page.evaluate(() => window.__bench.count());
  const visibility = await page.evaluate(() => document.visibilityState);
  await page.evaluate(() => console.timeStamp('bench:stream:start'));
  const streamed = await page.evaluate(([r, s]) => window.__bench.stream(r, s), [P.rate, P.seconds]);
  await sleep(1000); // let the last slices and replies land inside the window
  await page.evaluate(() => console.timeStamp('bench:stream:end'));
  const events = await stopTrace(session);
  if (KEEP_TRACES) fs.writeFileSync(path.join(ROOT, `target/bench/trace-${label}.json`), JSON.stringify(events));
  const figures = analyseTrace(events, {extensionId: env.extensionId});
  figures.messagesAtStart = count0;
  figures.visibility = visibility;
  figures.tabs = env.context.pages().length;
  figures.streamed = streamed;
  figures.traceEvents = events.length;
  return {page, figures};
}

// ── warning delay ──────────────────────────────────────────────────────────────────────
/** What ran between the threat being inserted and the warning: extension work on the page's main
 * thread and on the worker thread, in order, offsets from the insertion. */
function delayTimeline(events, {extensionId}, delayMs) {
  const threads = new Map();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, e.args.name);
  const mark = events.find((e) => e.name === 'TimeStamp' && e.args?.data?.message === 'bench:threat');
  if (!mark) return null;
  const t0 = mark.ts;
  const t1 = t0 + (delayMs + 50) * 1000;
  const pageKey = `${mark.pid}:${mark.tid}`;
  const rows = [];
  let pageBusy = 0;
  let workerBusy = 0;
  for (const e of events) {
    if (e.ph !== 'X' || e.ts < t0 || e.ts > t1) continue;
    const key = `${e.pid}:${e.tid}`;
    const thread = key === pageKey ? 'page' : /service ?worker/i.test(threads.get(key) || '') ? 'worker' : null;
    if (!thread) continue;
    if (e.name === 'RunTask' && thread === 'page') pageBusy += e.dur;
    if (e.name === 'RunTask' && thread === 'worker') workerBusy += e.dur;
    const interesting = (JS_EVENTS.has(e.name) && (thread === 'worker' || isExt(e))) || (thread === 'page' && e.name === 'RunTask' && e.dur > 5000);
    if (!interesting || (extensionId && thread === 'worker' && urlOf(e) && !urlOf(e).includes(extensionId))) continue;
    rows.push({atMs: +((e.ts - t0) / 1000).toFixed(1), ms: +(e.dur / 1000).toFixed(1), thread, what: `${e.name} ${urlOf(e).replace(/^chrome-extension:\/\/[^/]+\//, '')} ${e.args?.data?.functionName || ''}`.trim()});
  }
  rows.sort((a, b) => a.atMs - b.atMs);
  // Keep it readable: the first events and the longest ones.
  const longest = new Set([...rows].sort((a, b) => b.ms - a.ms).slice(0, 12));
  return {delayMs, pageBusyMs: pageBusy / 1000, workerBusyMs: workerBusy / 1000, events: rows.filter((r, i) => i < 12 || longest.has(r))};
}

async function warningDelays(env, page, {n, cold, base, profile}) {
  const delays = [];
  const misses = [];
  const errors = [];
  let timeline = null;
  for (let i = 0; i < n; i++) {
    await page.evaluate(([k, m]) => window.__bench.switchThread(k, m), [String(base + i), 20]);
    await sleep(1200); // the content script reads the new chat and the worker answers
    if (cold) {
      await stopServiceWorker(env);
      await sleep(300);
    }
    const traced = profile && i === 0;
    let session = null;
    if (traced) {
      session = await env.context.browser().newBrowserCDPSession();
      await startTrace(session);
    }
    const d = await page.evaluate((text) => window.__bench.threat(text, 15000), THREAT);
    if (traced) {
      const events = await stopTrace(session);
      if (d && d.painted) timeline = delayTimeline(events, {extensionId: env.extensionId}, d.painted);
      await session.detach().catch(() => {});
    }
    if (d === null) misses.push(i);
    else if (d.error) errors.push(d.error);
    else delays.push(d);
  }
  const painted = delays.map((d) => d.painted);
  const dom = delays.map((d) => d.dom);
  return {n, painted: painted.map((d) => Math.round(d * 10) / 10), dom: dom.map((d) => Math.round(d * 10) / 10),
    missed: misses.length, errors, p50: pct(painted, 50), p95: pct(painted, 95), max: painted.length ? Math.max(...painted) : null,
    domP50: pct(dom, 50), domP95: pct(dom, 95), profile: timeline};
}

// ── where the content script's time goes (a separate, sampled pass) ──────────────────────
async function profilePass(env, seconds) {
  const page = await env.context.newPage();
  const session = await env.context.newCDPSession(page);
  await page.goto(`https://${HOST}/`, {waitUntil: 'load'});
  await sleep(P.settleMs);
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', {interval: 250});
  await session.send('Profiler.start');
  await page.evaluate(([r, s]) => window.__bench.stream(r, s), [P.rate, seconds]);
  await sleep(500);
  const {profile} = await session.send('Profiler.stop');
  await page.close();
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const rel = (u) => u.replace(/^chrome-extension:\/\/[^/]+\//, '');
  const keyOf = (n) => `${n.callFrame.functionName || '(anonymous)'} ${rel(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
  const isExtNode = (n) => n.callFrame.url.startsWith('chrome-extension://');
  const self = new Map();
  const incl = new Map();
  let extSelf = 0;
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const n = nodes.get(profile.samples[i]);
    total += dt;
    if (isExtNode(n)) { self.set(keyOf(n), (self.get(keyOf(n)) || 0) + dt); extSelf += dt; }
    const seen = new Set();
    let inExt = false;
    for (let id = n.id; id !== undefined; id = parent.get(id)) {
      const m = nodes.get(id);
      if (!isExtNode(m)) continue;
      inExt = true;
      const k = keyOf(m);
      if (!seen.has(k)) { seen.add(k); incl.set(k, (incl.get(k) || 0) + dt); }
    }
    // Native/DOM work called from extension code (querySelectorAll, textContent...) counts too.
    if (inExt && !isExtNode(n)) {
      const k = `(native/DOM under extension) ${n.callFrame.functionName || n.callFrame.url || '(program)'}`;
      self.set(k, (self.get(k) || 0) + dt);
    }
  }
  const top = (m) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, v]) => ({fn: k, ms: +v.toFixed(1)}));
  return {seconds, sampledMs: +total.toFixed(0), extensionSelfMs: +extSelf.toFixed(1), selfTop: top(self), inclusiveTop: top(incl)};
}

// ── the core inside the real service worker ────────────────────────────────────────────
// The worker is a module, and import() is not allowed in service workers, so the shipped glue
// (extension/pkg/headsup.js) is evaluated through CDP with its `export`s removed; it loads the
// shipped wasm from the extension and is timed there. A separate instance, not the extension's.
function glueScript() {
  let src = fs.readFileSync(path.join(DIST_CHROME, 'pkg/headsup.js'), 'utf8');
  src = src.replace(/^export \{[^}]*\};?\s*$/m, '').replace(/^export (class|function|async function) /gm, '$1 ')
    .replace(/import\.meta\.url/g, 'self.location.href');
  return `(async () => {
    ${src}
    const url = chrome.runtime.getURL('pkg/headsup_bg.wasm');
    const t0 = performance.now();
    const bytes = await (await fetch(url)).arrayBuffer();
    const t1 = performance.now();
    const module = await WebAssembly.compile(bytes);
    const t2 = performance.now();
    await __wbg_init({module_or_path: module});
    const t3 = performance.now();
    let a = new Analyser('teen', null);
    a.push([{from: 'them', text: 'hey how are you'}]);
    const t4 = performance.now();
    a.free();
    const memAfterStart = wasm.memory.buffer.byteLength;
    a = new Analyser('teen', null);
    const line = (i) => ({from: i % 3 ? 'them' : 'me', text: 'hey are we still on for friday, can you lend me 10 for the ticket ' + i});
    const t5 = performance.now();
    for (let i = 0; i < 10000; i += 100) a.push(Array.from({length: 100}, (_, j) => line(i + j)));
    const t6 = performance.now();
    const memAfter10k = wasm.memory.buffer.byteLength;
    a.free();
    return {fetchMs: t1 - t0, compileMs: t2 - t1, instantiateMs: t3 - t2, firstMessageMs: t4 - t3,
      wasmMemoryAfterStart: memAfterStart, wasmMemoryAfter10k: memAfter10k, tenThousandMessagesMs: t6 - t5};
  })()`;
}

async function main() {
  ensureBuilt();
  const server = await startServer();
  const file = writePage();
  server.route(HOST, path.relative(path.join(ROOT, 'tests/fixtures'), file));
  const out = {smoke: SMOKE, params: P, chromium: null, date: new Date().toISOString()};
  try {
    // 1. Without the extension.
    let env = await launch({extension: false, server});
    out.chromium = env.context.browser()?.version?.() || null;
    const without = await runPage(env, 'without');
    out.without = without.figures;
    await env.close();

    // 2. With the extension: first the core's start-up in the fresh worker (before any page).
    env = await launch({extension: true, server});
    const worker = await env.worker();
    out.worker = await worker.evaluate(glueScript());
    const withExt = await runPage(env, 'with');
    out.with = withExt.figures;
    // Did the benign stream (corpus lines labelled benign) end with a warning showing?
    const shown = await readWarning(withExt.page).catch(() => null);
    out.with.warningAfterBenignStream = shown && shown.level ? {level: shown.level, reasons: shown.reasons} : null;
    out.warm = await warningDelays(env, withExt.page, {n: P.warm, cold: false, base: 1000, profile: true});
    out.cold = await warningDelays(env, withExt.page, {n: P.cold, cold: true, base: 2000, profile: true});
    await withExt.page.close();
    out.profile = await profilePass(env, SMOKE ? 2 : 10);
    await env.close();
    const w = out.with.windows.stream;
    const wo = out.without.windows.stream;
    if (w && wo) out.busyRatio = w.mainBusyMs / wo.mainBusyMs;
    if (out.with.windows.load && out.without.windows.load) out.loadBusyRatio = out.with.windows.load.mainBusyMs / out.without.windows.load.mainBusyMs;
  } finally {
    await server.close().catch(() => {});
  }
  fs.mkdirSync(path.dirname(OUT), {recursive: true});
  fs.writeFileSync(OUT, JSON.stringify(out, null, 2) + '\n');
  const s = out.with.windows.stream || {};
  console.log(`browser: busy with/without ${out.busyRatio?.toFixed(2)}, extension scripting page ${s.extensionScriptingMs?.toFixed(0)} ms / worker ${s.workerScriptingMs?.toFixed(0)} ms, ` +
    `longest extension task ${s.longestExtensionTask?.taskMs?.toFixed(1)} ms; warning p95 warm ${out.warm.p95?.toFixed(0)} ms, cold ${out.cold.p95?.toFixed(0)} ms -> ${path.relative(ROOT, OUT)}`);
}

main().catch((err) => { console.error(err); process.exit(1); });
