// Shared e2e machinery: build once, serve fixtures over local TLS under real site names, launch
// Debian's Chromium with the built, unmodified extension (dist/chrome), and read the warning
// through the DevTools protocol (which sees closed shadow roots), never through page hooks.
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import {createRequire} from 'node:module';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {chromium} from 'playwright-core';
import {startServer} from '../server/server.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST_CHROME = path.join(ROOT, 'dist/chrome');
export const ARTIFACTS = path.join(ROOT, 'tests/artifacts');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const SITES = JSON.parse(fs.readFileSync(path.join(ROOT, 'extension/sites.json'), 'utf8'));

/** Builds dist/ unless it exists and HEADSUP_REBUILD is unset (make test builds it first). */
export function ensureBuilt() {
  if (!fs.existsSync(path.join(DIST_CHROME, 'manifest.json')) || process.env.HEADSUP_REBUILD) {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-extension.mjs'), '--skip-wasm'], {stdio: 'inherit'});
  }
}

/** Polls `fn` until it returns a truthy value; generous timeout, no timing thresholds. */
export async function waitFor(fn, {timeout = 20000, interval = 100, what = 'condition'} = {}) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    try {
      last = await fn();
      if (last) return last;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, interval));
  }
  throw new Error(`timed out waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
}

/**
 * Starts the fixture server and Chromium with the extension (`extensionDir`: a modified copy of
 * dist/chrome instead, e.g. with a broken wasm).
 */
export async function launch({headless = true, extraArgs = [], extensionDir = DIST_CHROME, keepWelcome = false} = {}) {
  ensureBuilt();
  fs.mkdirSync(ARTIFACTS, {recursive: true});
  const server = await startServer();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'headsup-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless,
    viewport: {width: 1100, height: 800},
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      // Every host name goes to the local fixture server, so real match patterns apply.
      `--host-resolver-rules=MAP * 127.0.0.1:${server.port}, EXCLUDE localhost`,
      '--ignore-certificate-errors',
      // Lets the tests press the toolbar button (CDP Extensions.triggerAction).
      '--enable-unsafe-extension-debugging',
      // A second CDP endpoint for the network recorder (NetworkRecorder below).
      '--remote-debugging-port=0',
      ...extraArgs,
    ],
  });
  let [worker] = context.serviceWorkers();
  if (!worker) worker = await context.waitForEvent('serviceworker', {timeout: 30000});
  const extensionId = new URL(worker.url()).host;
  const network = new NetworkRecorder({extensionId});
  await network.connect(profile);
  if (!keepWelcome) {
    // Wait for the welcome page (it comes after the background's grace for a school policy)
    // before any test page opens: opened later, it would take the focus from the page under
    // test. It is left open: closing the extension's first page as it loads was seen to leave
    // later extension pages without their messages (i18n.getMessage answering nothing).
    await waitFor(() => context.pages().some((p) => p.url().endsWith('/pages/welcome.html')),
      {timeout: 10000, interval: 50, what: 'welcome page'}).catch(() => null);
  }
  const env = {
    server, context, extensionId, network,
    /**
     * The running background worker. It may have been stopped and restarted: Playwright can keep
     * the handle of a stopped worker, whose evaluate() then never settles, so each handle must
     * answer within a moment; when none does, an extension page's message wakes the worker.
     */
    async worker({timeout = 30000} = {}) {
      const end = Date.now() + timeout;
      while (Date.now() < end) {
        for (const w of [...context.serviceWorkers()].reverse()) {
          if (await answers(w, 5000)) return w;
        }
        // Opened in the background (CDP createTarget), so the page under test keeps the focus
        // and stays visible: a hidden chat page pauses the content script.
        const bs = await context.browser().newBrowserCDPSession();
        try {
          const {targetId} = await bs.send('Target.createTarget', {url: env.extensionUrl('pages/options.html'), background: true});
          await new Promise((r) => setTimeout(r, 500));
          await bs.send('Target.closeTarget', {targetId}).catch(() => {});
        } finally {
          await bs.detach().catch(() => {});
        }
      }
      throw new Error(`no running service worker within ${timeout} ms`);
    },
    extensionUrl: (rel) => `chrome-extension://${extensionId}/${rel}`,
    /** Closes everything; fails (throws) when the extension requested anything but its own files. */
    async close() {
      const summary = network.summary();
      network.close();
      await context.close().catch(() => {});
      await server.close().catch(() => {});
      fs.rmSync(profile, {recursive: true, force: true});
      const err = privacyReport(path.basename(process.argv[1] || 'e2e'), summary);
      if (err) throw err;
    },
  };
  return env;
}

/** Does a worker handle answer an evaluate() within `ms`? (A stopped worker's never settles.) */
async function answers(worker, ms) {
  return (await evaluateWithin(worker, ms, () => true)) === true;
}

/** worker.evaluate(fn, arg), or undefined when it fails or does not settle within `ms`. */
export async function evaluateWithin(worker, ms, fn, arg) {
  let timer;
  const late = new Promise((resolve) => { timer = setTimeout(() => resolve(undefined), ms); });
  const result = await Promise.race([worker.evaluate(fn, arg).catch(() => undefined), late]);
  clearTimeout(timer);
  return result;
}

// ── privacy: every request made by the extension, recorded through CDP ───────────────
// Chromium is also started with --remote-debugging-port=0, and a second, raw CDP client (the `ws`
// package, as installed for puppeteer-core) attaches to every target with Target.setAutoAttach
// (flatten, waitForDebuggerOnStart) at the browser level and again inside each target, so pages,
// iframes, workers, the extension's service worker (each time it restarts) and extension pages
// are all held at start until Network.enable is on. Playwright's own connection is not touched.
// A request counts as the extension's when
//   - it comes from an extension context: the target's URL or the request's documentURL is
//     chrome-extension://<id>/ (service worker, popup, options, help and other extension pages), or
//   - a page made it from extension code: a frame of its initiator's stack (or the initiator URL)
//     is chrome-extension://<id>/ (content scripts run in the page's renderer; their stack frames
//     carry the content script's URL).
// Requests the fixture pages make themselves (their HTML, scripts, styles, fetches) have page
// initiators and are the page's. Every extension request must be to a file packaged in
// dist/chrome (data: and blob: URLs are in-memory and are counted separately); anything else is
// a violation and fails the test file when the harness closes.
const requireWs = createRequire(createRequire(import.meta.url).resolve('puppeteer-core'));

function stackUrls(initiator) {
  const urls = [];
  if (!initiator) return urls;
  if (initiator.url) urls.push(initiator.url);
  for (let s = initiator.stack; s; s = s.parent) {
    for (const f of s.callFrames || []) urls.push(f.url);
  }
  return urls;
}

export class NetworkRecorder {
  constructor({extensionId, distDir = DIST_CHROME}) {
    this.prefix = `chrome-extension://${extensionId}/`;
    this.distDir = distDir;
    this.requests = [];     // every request seen, from every target
    this.targets = new Map(); // sessionId -> {type, url}
    this.nextId = 1;
    this.pending = new Map();
  }

  async connect(profileDir) {
    const portFile = path.join(profileDir, 'DevToolsActivePort');
    const [port, wsPath] = (await waitFor(() => fs.existsSync(portFile) && fs.readFileSync(portFile, 'utf8').trim(),
      {what: 'DevToolsActivePort'})).split('\n');
    const WebSocket = requireWs('ws');
    this.ws = new WebSocket(`ws://127.0.0.1:${port}${wsPath}`, {perMessageDeflate: false, maxPayload: 256 * 1024 * 1024});
    await new Promise((resolve, reject) => { this.ws.once('open', resolve); this.ws.once('error', reject); });
    this.ws.on('message', (data) => this.onMessage(JSON.parse(String(data))));
    this.ws.on('error', () => {});
    await this.send('Target.setDiscoverTargets', {discover: true});
    await this.send('Target.setAutoAttach', {autoAttach: true, waitForDebuggerOnStart: true, flatten: true});
  }

  send(method, params = {}, sessionId) {
    if (!this.ws || this.ws.readyState !== 1) return Promise.resolve(null);
    const id = this.nextId++;
    const msg = {id, method, params};
    if (sessionId) msg.sessionId = sessionId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, {resolve, reject});
      this.ws.send(JSON.stringify(msg));
    });
  }

  onMessage(msg) {
    if (msg.id && this.pending.has(msg.id)) {
      const {resolve, reject} = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      if (msg.error) reject(new Error(msg.error.message)); else resolve(msg.result);
      return;
    }
    const p = msg.params || {};
    if (msg.method === 'Target.attachedToTarget') {
      this.onAttached(p).catch(() => {});
    } else if (msg.method === 'Target.detachedFromTarget') {
      this.targets.delete(p.sessionId);
    } else if (msg.method === 'Target.targetInfoChanged') {
      for (const t of this.targets.values()) if (t.targetId === p.targetInfo.targetId) t.url = p.targetInfo.url;
    } else if (msg.method === 'Network.requestWillBeSent') {
      const t = this.targets.get(msg.sessionId) || {};
      this.requests.push({
        url: p.request.url, resourceType: p.type || null, documentURL: p.documentURL || '',
        initiatorType: p.initiator && p.initiator.type, initiatorUrls: stackUrls(p.initiator),
        targetType: t.type || null, targetUrl: t.url || '',
      });
    }
  }

  async onAttached({sessionId, targetInfo, waitingForDebugger}) {
    this.targets.set(sessionId, {targetId: targetInfo.targetId, type: targetInfo.type, url: targetInfo.url});
    const s = (m, params) => this.send(m, params, sessionId).catch(() => null);
    // Network first, then children, then let the target run.
    await s('Network.enable', {});
    await s('Target.setAutoAttach', {autoAttach: true, waitForDebuggerOnStart: true, flatten: true});
    if (waitingForDebugger) await s('Runtime.runIfWaitingForDebugger', {});
  }

  /** Was this request made by the extension (see the comment above the class)? */
  isExtensions(r) {
    const own = (u) => typeof u === 'string' && u.startsWith(this.prefix);
    return own(r.targetUrl) || own(r.documentURL) || r.initiatorUrls.some(own);
  }

  /** Is this URL a file packaged in the built extension? */
  isPackaged(url) {
    if (!url.startsWith(this.prefix)) return false;
    const rel = decodeURIComponent(url.slice(this.prefix.length).split(/[?#]/)[0]);
    const full = path.resolve(this.distDir, rel);
    return full.startsWith(this.distDir + path.sep) && fs.existsSync(full) && fs.statSync(full).isFile();
  }

  /** {total, extension, packaged, inMemory, violations:[...]} over everything recorded so far. */
  summary() {
    const ext = this.requests.filter((r) => this.isExtensions(r));
    const inMemory = ext.filter((r) => /^(data|blob):/.test(r.url));
    const packaged = ext.filter((r) => this.isPackaged(r.url));
    const violations = ext.filter((r) => !/^(data|blob):/.test(r.url) && !this.isPackaged(r.url));
    return {total: this.requests.length, extension: ext.length, packaged: packaged.length, inMemory: inMemory.length, violations};
  }

  close() {
    for (const {reject} of this.pending.values()) reject(new Error('recorder closed'));
    this.pending.clear();
    try { this.ws && this.ws.close(); } catch { /* gone */ }
  }
}

/** One line for the test log, and an error when the extension asked for anything but its own files. */
export function privacyReport(label, summary) {
  const line = `privacy[${label}]: ${summary.total} requests recorded, ${summary.extension} by the extension `
    + `(${summary.packaged} packaged files, ${summary.inMemory} data:/blob:), `
    + `${summary.violations.length} extension-made requests not to packaged files`;
  console.log(line);
  if (summary.violations.length) {
    const list = summary.violations.slice(0, 20).map((r) => `  ${r.url} (from ${r.targetType} ${r.targetUrl || r.documentURL}, initiator ${r.initiatorType} ${r.initiatorUrls[0] || ''})`);
    return new Error(`${line}:\n${list.join('\n')}`);
  }
  return null;
}

// ── reading the warning through CDP ───────────────────────────────────────────────────

async function cdp(page) {
  if (!page.__headsupCdp) page.__headsupCdp = await page.context().newCDPSession(page);
  return page.__headsupCdp;
}

function* walk(node) {
  yield node;
  for (const c of node.children || []) yield* walk(c);
  for (const s of node.shadowRoots || []) yield* walk(s);
  if (node.contentDocument) yield* walk(node.contentDocument);
}

function textOf(node) {
  let out = '';
  for (const n of walk(node)) {
    if (n.nodeType === 3) out += n.nodeValue;
    if (n.nodeName === 'STYLE') return out; // (style is a sibling of the card; never inside)
  }
  return out;
}

function attrs(node) {
  const a = {};
  for (let i = 0; i < (node.attributes || []).length; i += 2) a[node.attributes[i]] = node.attributes[i + 1];
  return a;
}

/**
 * The warning as the DevTools protocol sees it, or null when there is none:
 * {level, role, shadowMode, title, text, buttons:[{label, action}], hostCount, backendIds}
 */
export async function readWarning(page) {
  const session = await cdp(page);
  const {root} = await session.send('DOM.getDocument', {depth: -1, pierce: true});
  const hosts = [...walk(root)].filter((n) => n.nodeName === 'HEADS-UP-WARNING');
  if (!hosts.length) return null;
  const host = hosts[0];
  const shadow = (host.shadowRoots || [])[0];
  if (!shadow) return {hostCount: hosts.length, level: null};
  const card = [...walk(shadow)].find((n) => n.nodeType === 1 && /\bcard\b/.test(attrs(n).class || ''));
  if (!card) return {hostCount: hosts.length, level: null};
  const a = attrs(card);
  const level = (a.class.match(/\b(caution|warning|urgent)\b/) || [])[1] || null;
  const buttons = [...walk(card)].filter((n) => n.nodeName === 'BUTTON').map((b) => ({
    label: textOf(b), action: attrs(b)['data-action'] || null, backendNodeId: b.backendNodeId,
  }));
  const title = [...walk(card)].find((n) => n.nodeName === 'H2');
  const reasons = [...walk(card)].filter((n) => n.nodeName === 'UL' && /reasons/.test(attrs(n).class || ''))
    .flatMap((ul) => (ul.children || []).map(textOf));
  return {
    hostCount: hosts.length,
    shadowMode: shadow.shadowRootType,
    level,
    role: a.role,
    ariaModal: a['aria-modal'] || null,
    describedBy: a['aria-describedby'] || null,
    title: title ? textOf(title) : '',
    text: textOf(card),
    reasons,
    buttons,
    cardBackendNodeId: card.backendNodeId,
    shadowBackendNodeId: shadow.backendNodeId,
  };
}

/**
 * Clicks a button of the warning (by data-action or label) through CDP, like a person would.
 * A button behind "More" (not rendered yet) is reached as a person would: "More" first.
 */
export async function clickWarningButton(page, which) {
  const w = await readWarning(page);
  if (!w) throw new Error('no warning to click');
  const b = w.buttons.find((x) => x.action === which || x.label === which);
  if (!b) throw new Error(`no button ${which} in warning (${w.buttons.map((x) => x.action || x.label).join(', ')})`);
  const session = await cdp(page);
  const rendered = await session.send('DOM.getBoxModel', {backendNodeId: b.backendNodeId}).then(() => true, () => false);
  if (!rendered && which !== 'more' && w.buttons.some((x) => x.action === 'more')) {
    await clickWarningButton(page, 'more');
    await waitFor(() => session.send('DOM.getBoxModel', {backendNodeId: b.backendNodeId}).then(() => true, () => false),
      {what: `${which} shown after More`});
  }
  await clickNode(page, b);
}

/**
 * The pause before an image is sent, as the DevTools protocol sees it inside the warning's closed
 * shadow root, or null: {role, shadowMode, title, text, buttons:[{label, action}], focused}.
 */
export async function readPause(page) {
  const session = await cdp(page);
  const {root} = await session.send('DOM.getDocument', {depth: -1, pierce: true});
  const host = [...walk(root)].find((n) => n.nodeName === 'HEADS-UP-WARNING');
  const shadow = host && (host.shadowRoots || [])[0];
  if (!shadow) return null;
  const panel = [...walk(shadow)].find((n) => n.nodeType === 1 && /\bpause\b/.test(attrs(n).class || '') && !/\bnotice\b/.test(attrs(n).class));
  if (!panel) return null;
  const a = attrs(panel);
  const title = [...walk(panel)].find((n) => n.nodeName === 'H2');
  return {
    role: a.role,
    shadowMode: shadow.shadowRootType,
    labelledBy: a['aria-labelledby'] || null,
    describedBy: a['aria-describedby'] || null,
    title: title ? textOf(title) : '',
    text: textOf(panel),
    buttons: [...walk(panel)].filter((n) => n.nodeName === 'BUTTON').map((b) => ({
      label: textOf(b), action: attrs(b)['data-action'] || null, backendNodeId: b.backendNodeId,
    })),
  };
}

/** Clicks a button of the pause panel ("pause-dont-send" or "pause-send-anyway") like a person would. */
export async function clickPauseButton(page, which) {
  const p = await readPause(page);
  if (!p) throw new Error('no pause panel to click');
  const b = p.buttons.find((x) => x.action === which || x.label === which);
  if (!b) throw new Error(`no button ${which} in the pause panel`);
  await clickNode(page, b);
}

/** A real mouse click in the middle of a node (by its backendNodeId), once it has stopped moving. */
async function clickNode(page, b) {
  const session = await cdp(page);
  await session.send('DOM.scrollIntoViewIfNeeded', {backendNodeId: b.backendNodeId}).catch(() => {});
  // The card rises into place (a short animation): click once the button has stopped moving,
  // or the click lands where the button was a moment ago.
  const box = async () => (await session.send('DOM.getBoxModel', {backendNodeId: b.backendNodeId})).model.content;
  let q = await box();
  for (let i = 0; i < 20; i += 1) {
    await new Promise((r) => setTimeout(r, 50));
    const next = await box();
    const still = next.every((v, k) => Math.abs(v - q[k]) < 0.5);
    q = next;
    if (still) break;
  }
  const x = (q[0] + q[2] + q[4] + q[6]) / 4;
  const y = (q[1] + q[3] + q[5] + q[7]) / 4;
  await page.mouse.click(x, y);
}

/**
 * Bounding boxes (CSS px, viewport coordinates) inside the warning, through CDP:
 * {card, buttons: {action: box|null}, viewport: {width, height}, scrollHeight, clientHeight}.
 * A box is null when the element is not rendered (behind "More", or hidden).
 */
export async function warningBoxes(page) {
  const w = await readWarning(page);
  if (!w || !w.cardBackendNodeId) return null;
  const session = await cdp(page);
  const {object} = await session.send('DOM.resolveNode', {backendNodeId: w.cardBackendNodeId});
  const {result} = await session.send('Runtime.callFunctionOn', {
    objectId: object.objectId,
    functionDeclaration: `function () {
      const box = (e) => { const r = e.getBoundingClientRect(); return r.width || r.height ? {x: r.x, y: r.y, width: r.width, height: r.height, top: r.top, bottom: r.bottom, left: r.left, right: r.right} : null; };
      const buttons = {};
      for (const b of this.querySelectorAll('button[data-action]')) buttons[b.dataset.action] = buttons[b.dataset.action] || box(b);
      const primary = this.querySelector('button.primary');
      return {card: box(this), buttons, primary: primary ? {action: primary.dataset.action, box: box(primary)} : null,
        scrollHeight: this.scrollHeight, clientHeight: this.clientHeight,
        viewport: {width: window.innerWidth, height: window.innerHeight}};
    }`,
    returnByValue: true,
  });
  return result.value;
}

/** Is box `b` fully inside the viewport `v`? */
export function inViewport(b, v) {
  return Boolean(b) && b.left >= 0 && b.top >= 0 && b.right <= v.width + 0.5 && b.bottom <= v.height + 0.5;
}

/** Do two boxes overlap? */
export function overlaps(a, b) {
  return Boolean(a && b) && a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/** Text of the element focused inside the warning's shadow root ('' when focus is elsewhere). */
export async function focusedInWarning(page) {
  const w = await readWarning(page);
  if (!w || !w.shadowBackendNodeId) return null;
  const session = await cdp(page);
  const {object} = await session.send('DOM.resolveNode', {backendNodeId: w.shadowBackendNodeId});
  const {result} = await session.send('Runtime.callFunctionOn', {
    objectId: object.objectId,
    functionDeclaration: 'function () { const a = this.activeElement; return a ? (a.getAttribute("data-action") || a.textContent) : ""; }',
    returnByValue: true,
  });
  return result.value;
}

/** Accessibility tree nodes with a given role (as assistive technology sees them). */
export async function axNodes(page, role) {
  const session = await cdp(page);
  const {nodes} = await session.send('Accessibility.getFullAXTree');
  return nodes.filter((n) => n.role && n.role.value === role && !n.ignored).map((n) => ({
    name: n.name && n.name.value,
    description: n.description && n.description.value,
    focused: (n.properties || []).some((p) => p.name === 'focused' && p.value.value),
    modal: (n.properties || []).some((p) => p.name === 'modal' && p.value.value),
  }));
}

/** Waits for the warning to reach `level` (or disappear when level is null). */
export async function waitForLevel(page, level, opts = {}) {
  return waitFor(async () => {
    const w = await readWarning(page);
    if (level === null) return !w || !w.level ? {gone: true} : null;
    return w && w.level === level ? w : null;
  }, {what: `warning level ${level}`, ...opts});
}

/** The tab id of a page, asked of the extension's background (test side, through CDP). */
export async function tabIdOf(env, page) {
  const url = page.url();
  const worker = await env.worker();
  return worker.evaluate(async (u) => {
    const tabs = await chrome.tabs.query({});
    const t = tabs.find((x) => x.url === u);
    return t ? t.id : null;
  }, url);
}

/** What the popup says about a tab (opened as a page with ?tab=). */
/** The toolbar popup for `page`'s tab, opened as a page (`?tab=` says which tab it is about). */
export async function openPopup(env, page) {
  const tabId = await tabIdOf(env, page);
  const popup = await env.context.newPage();
  await popup.goto(env.extensionUrl(`pages/popup.html?tab=${tabId}`));
  return popup;
}

export async function popupStatus(env, page) {
  const popup = await openPopup(env, page);
  const text = await waitFor(async () => {
    const s = await popup.locator('#status').textContent();
    if (!s) return null;
    const count = await popup.locator('#count').getAttribute('data-count');
    return {status: s, level: await popup.locator('#level').textContent(), count: count === null ? null : Number(count)};
  }, {what: 'popup status'});
  await popup.close();
  return text;
}

export async function screenshot(page, name) {
  fs.mkdirSync(ARTIFACTS, {recursive: true});
  // Let the card's short fade-in finish so the picture shows it as people see it.
  await page.waitForTimeout(400);
  await page.screenshot({path: path.join(ARTIFACTS, `${name}.png`)});
}

// ── conversations ─────────────────────────────────────────────────────────────────────

/** Sextortion arriving message by message; the last one is the engine's unmistakable case. */
export const SEXTORTION = [
  {from: 'them', text: 'hey you seem really cool, how old are you'},
  {from: 'me', text: 'hi, 15. who is this'},
  {from: 'them', text: 'I saved your nudes and I have screenshots of all your followers and your family'},
  {from: 'them', text: 'send me $500 in gift cards or I will send your nudes to all your followers, you have 10 minutes'},
];

/** Benign: flirting and money between friends. */
export const BENIGN = [
  {from: 'them', text: 'hey are we still on for the cinema on friday'},
  {from: 'me', text: 'yes! can you lend me 10 for the ticket, I will pay you back saturday'},
  {from: 'them', text: 'sure, I will send it on paypal. you looked really cute in that photo btw'},
  {from: 'me', text: 'haha thanks, see you friday'},
];

// ── the toolbar button ────────────────────────────────────────────────────────────────

/**
 * Clicks the extension's toolbar button for `page` (CDP Extensions.triggerAction; needs
 * --enable-unsafe-extension-debugging) and returns a CDP session attached to the popup.
 * The click grants activeTab for that tab, as a person's click would.
 */
export async function openPopupFor(env, page) {
  const bs = await env.context.browser().newBrowserCDPSession();
  const url = page.url();
  const {targetInfos: tabs} = await bs.send('Target.getTargets', {filter: [{type: 'tab'}]});
  const tab = tabs.find((t) => t.url === url);
  if (!tab) throw new Error(`no tab target for ${url}`);
  await bs.send('Extensions.triggerAction', {id: env.extensionId, targetId: tab.targetId});
  const popupUrl = env.extensionUrl('pages/popup.html');
  const target = await waitFor(async () => {
    const {targetInfos} = await bs.send('Target.getTargets');
    return targetInfos.find((t) => t.type === 'page' && t.url.startsWith(popupUrl));
  }, {what: 'popup target'});
  // A non-flattened session: commands go through Target.sendMessageToTarget and replies come
  // back as Target.receivedMessageFromTarget events (Playwright's CDPSession has no sessionId).
  const {sessionId} = await bs.send('Target.attachToTarget', {targetId: target.targetId, flatten: false});
  let nextId = 1;
  const pending = new Map();
  bs.on('Target.receivedMessageFromTarget', (e) => {
    if (e.sessionId !== sessionId) return;
    const msg = JSON.parse(e.message);
    if (msg.id && pending.has(msg.id)) {
      const {resolve, reject} = pending.get(msg.id);
      pending.delete(msg.id);
      if (msg.error) reject(new Error(msg.error.message)); else resolve(msg.result);
    }
  });
  const send = (method, params = {}) => new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, {resolve, reject});
    bs.send('Target.sendMessageToTarget', {sessionId, message: JSON.stringify({id, method, params})}).catch(reject);
  });
  const popup = {
    send,
    async evaluate(expression) {
      const r = await send('Runtime.evaluate', {expression, returnByValue: true, awaitPromise: true});
      return r.result.value;
    },
    /** A real mouse click (with user activation) on the element matching `selector`. */
    async click(selector) {
      const box = await waitFor(() => popup.evaluate(`(() => { const e = document.querySelector(${JSON.stringify(selector)});
        if (!e || e.hidden) return null; const r = e.getBoundingClientRect(); return r.width ? {x: r.x + r.width / 2, y: r.y + r.height / 2} : null; })()`),
      {what: `popup ${selector}`});
      for (const type of ['mousePressed', 'mouseReleased']) {
        await send('Input.dispatchMouseEvent', {type, x: box.x, y: box.y, button: 'left', clickCount: 1});
      }
    },
    async close() {
      await bs.send('Target.closeTarget', {targetId: target.targetId}).catch(() => {});
      await bs.detach().catch(() => {});
    },
  };
  return popup;
}

/** A chat that turns step by step: caution at 3, warning at 4, urgent at 7, crisis at 9. */
export const ESCALATION = [
  {from: 'them', text: 'hey cutie, you are so pretty. how old are you?'},
  {from: 'me', text: '15, why'},
  {from: 'them', text: 'i really like you, i think im falling for you. lets move to snapchat, add me there'},
  {from: 'them', text: 'send me a pic of you without your shirt, dont tell anyone ok, its our secret'},
  {from: 'me', text: 'no i dont want to'},
  {from: 'them', text: 'come on just one pic, please send it'},
  {from: 'them', text: 'I have screenshots of all your followers and your family. I will send your nudes to everyone'},
  {from: 'them', text: 'pay me $300 in gift cards now or I will ruin your life, you have 10 minutes'},
  {from: 'me', text: 'please dont, i dont have money. i want to die'},
];

/** Stops the extension's service worker (as Chrome does when it is idle); true once it is gone. */
export async function stopServiceWorker(env) {
  const bs = await env.context.browser().newBrowserCDPSession();
  const workers = async () => (await bs.send('Target.getTargets')).targetInfos
    .filter((t) => t.type === 'service_worker' && t.url.startsWith(env.extensionUrl('')));
  const [sw] = await workers();
  if (!sw) return false;
  await bs.send('Target.closeTarget', {targetId: sw.targetId});
  const gone = await waitFor(async () => (await workers()).every((t) => t.targetId !== sw.targetId), {what: 'worker stopped'});
  await bs.detach().catch(() => {});
  return gone;
}
