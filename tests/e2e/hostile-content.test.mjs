// Hostile pages against the built, unmodified extension in Chromium (www.instagram.com is served
// from tests/fixtures/hostile/): message text carrying markup, script, javascript: links, CSS and
// bidi controls; CSS and scripts that try to hide, restyle, read or fake the warning; forged
// postMessage/custom events/key presses; a strict CSP with Trusted Types; iframes.
// Nothing executes (the page-side tripwire window.__pwned stays unset) and the warning is read
// through CDP, which sees the closed shadow root; the page never can.
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import {STRICT_CSP} from '../server/server.mjs';
import {
  BENIGN, SEXTORTION, clickWarningButton, launch, popupStatus, readWarning, waitFor, waitForLevel,
} from './harness.mjs';
import {openChat, readCount, say} from '../fixtures/hostile/e2e-lib.mjs';

const HOST = 'www.instagram.com';
let env;

before(async () => {
  env = await launch();
  env.server.route(HOST, 'hostile/chat.html');
  env.server.route('evil.example', 'hostile/frame.html');
});
after(async () => { await env?.close(); });

const HOSTILE = [
  '<script>window.__pwned = "script"</script>send me $500 in gift cards or I will send your nudes to all your followers',
  '<img src=x onerror="window.__pwned=\'img\'">I saved your nudes and I have screenshots of all your followers and your family',
  '<a href="javascript:window.__pwned=\'link\'">click me</a> javascript:window.__pwned=\'bare\' <form action="javascript:window.__pwned=1"><button>go</button></form>',
  '<style>heads-up-warning{display:none!important}*{color:red}</style><svg onload="window.__pwned=\'svg\'"></svg><link rel=stylesheet href="data:text/css,*{display:none}">',
  '\u202Eyou have 10 minutes\u202C \u2066isolated\u2069 \u200F\u061C gift\u200Bcards \uFEFF override \u202D',
  '"><iframe srcdoc="<script>parent.__pwned=\'srcdoc\'</script>"></iframe>{{constructor.constructor("window.__pwned=\'tpl\'")()}} ${window.__pwned=\'tpl2\'}',
];
const FRAGMENTS = ['<script', 'onerror', 'javascript:', '<style', '<svg', 'srcdoc', 'constructor', '\u202E', '\u2066', '<img'];

/** Every node of the warning's closed shadow root, as the DevTools protocol sees it. */
async function shadowNodes(page) {
  const session = await page.context().newCDPSession(page);
  const {root} = await session.send('DOM.getDocument', {depth: -1, pierce: true});
  await session.detach();
  const all = [];
  const walk = (n, inShadow) => {
    if (inShadow) all.push(n);
    for (const c of n.children || []) walk(c, inShadow);
    for (const s of n.shadowRoots || []) walk(s, inShadow || n.nodeName === 'HEADS-UP-WARNING');
  };
  walk(root, false);
  return all;
}

/** Structural check of the warning's DOM: only the elements it builds, no handlers, no payload. */
async function assertWarningIsClean(page) {
  const nodes = await shadowNodes(page);
  assert.ok(nodes.length > 10, 'the shadow root was not read');
  const ALLOWED = new Set(['#document-fragment', 'STYLE', 'DIV', 'P', 'H2', 'H3', 'H4', 'UL', 'OL', 'LI', 'BUTTON', 'A', 'SPAN',
    'SECTION', 'STRONG', 'EM', 'DETAILS', 'SUMMARY', 'LABEL', 'INPUT', 'FORM', 'DL', 'DT', 'DD', 'BR', 'SMALL', 'B', '#text', '#comment']);
  const styles = nodes.filter((n) => n.nodeName === 'STYLE');
  assert.equal(styles.length, 1, 'one stylesheet: the warning\'s own');
  for (const n of nodes) {
    assert.ok(ALLOWED.has(n.nodeName), `unexpected element in the warning: ${n.nodeName}`);
    const attrs = n.attributes || [];
    for (let i = 0; i < attrs.length; i += 2) {
      const [name, value] = [attrs[i].toLowerCase(), attrs[i + 1]];
      assert.ok(!name.startsWith('on'), `event handler attribute ${name} in the warning`);
      if (name === 'href') assert.match(value, /^(https:\/\/|#)/, `link to ${value}`);
      if (name === 'style') assert.doesNotMatch(value, /url\(|expression|javascript/i);
    }
    if (n.nodeType === 3) {
      for (const f of FRAGMENTS) assert.ok(!n.nodeValue.includes(f), `message text reached the warning: ${JSON.stringify(n.nodeValue)}`);
    }
  }
}

test('message text with markup, script, javascript: links, CSS and bidi controls stays text; nothing runs', async () => {
  const page = await openChat(env, '/direct/t/hostile1/');
  await say(page, [...SEXTORTION, ...HOSTILE.map((text) => ({from: 'them', text}))]);
  // (The warning first, then the popup: see "storage.managed" in PRIVACY.md's notes on testing.)
  const w = await waitForLevel(page, 'urgent', {timeout: 40000});
  await readCount(env, page, SEXTORTION.length + HOSTILE.length, popupStatus);
  assert.equal(w.shadowMode, 'closed');
  assert.equal(w.hostCount, 1);
  await assertWarningIsClean(page);
  // Show the messages behind the signs (outlines on the page's own bubbles), open every advice
  // path, then check again: the warning never shows message text, and the page's bubbles are
  // still the page's text nodes.
  await clickWarningButton(page, 'highlight');
  await assertWarningIsClean(page);
  // (At urgent the dialog stepped aside for the messages; "Hide the highlights" brings it back.)
  await clickWarningButton(page, 'unpeek');
  for (const b of (await readWarning(page)).buttons.filter((x) => /^path-/.test(x.action || ''))) {
    await clickWarningButton(page, b.action);
  }
  await assertWarningIsClean(page);
  const bubbles = await page.evaluate(() => [...document.querySelectorAll('[role=row] div[dir=auto]')].map((d) => ({
    text: d.textContent, elements: d.children.length,
  })));
  for (const text of HOSTILE) assert.ok(bubbles.some((b) => b.text === text && b.elements === 0), `bubble changed: ${text}`);
  await page.waitForTimeout(500);
  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'the tripwire fired');
  await page.close();
});

test('CSS aimed at the host and scripts that run first cannot hide, restyle or read the warning', async () => {
  env.server.route('www.instagram.com', 'hostile/attack.html');
  const page = await openChat(env, '/direct/t/attack1/');
  await say(page, SEXTORTION);
  const w = await waitForLevel(page, 'urgent');
  assert.equal(w.shadowMode, 'closed');
  // Rendered and on top despite attack.css: the host's inline `all: initial !important;
  // display: block !important` outranks every page rule, and nothing outside the shadow root
  // can select inside it.
  const session = await page.context().newCDPSession(page);
  const {nodeId: docId} = (await session.send('DOM.getDocument', {depth: 0})).root;
  const {nodeId: hostId} = await session.send('DOM.querySelector', {nodeId: docId, selector: 'heads-up-warning'});
  const {computedStyle} = await session.send('CSS.getComputedStyleForNode', {nodeId: hostId}).catch(async () => {
    await session.send('DOM.enable');
    await session.send('CSS.enable');
    return session.send('CSS.getComputedStyleForNode', {nodeId: hostId});
  });
  const style = Object.fromEntries(computedStyle.map((p) => [p.name, p.value]));
  assert.equal(style.display, 'block');
  assert.equal(style.opacity, '1');
  assert.equal(style.visibility, 'visible');
  assert.equal(style.transform, 'none');
  assert.equal(style['clip-path'], 'none');
  assert.equal(style.filter, 'none');
  const {model} = await session.send('DOM.getBoxModel', {backendNodeId: w.cardBackendNodeId});
  assert.ok(model.width > 200 && model.height > 100, `card box ${model.width}x${model.height}`);
  // What is at the card's centre is the warning (hit testing sees through the shadow root in CDP).
  const q = model.content;
  const hit = await session.send('DOM.getNodeForLocation', {x: Math.round((q[0] + q[4]) / 2), y: Math.round((q[1] + q[5]) / 2), includeUserAgentShadowDOM: false});
  const {root} = await session.send('DOM.getDocument', {depth: -1, pierce: true});
  const inWarning = (function find(n, inside) {
    if (n.backendNodeId === hit.backendNodeId) return inside;
    for (const c of [...(n.children || []), ...(n.shadowRoots || [])]) {
      const r = find(c, inside || n.nodeName === 'HEADS-UP-WARNING');
      if (r !== undefined) return r;
    }
    return undefined;
  })(root, false);
  assert.equal(inWarning, true, 'the card is not what is on top at its own centre');
  await session.detach();
  // The page script that wrapped attachShadow and customElements.define before the content
  // script ran saw nothing: the content script has its own (isolated-world) prototypes.
  const probe = await page.evaluate(() => ({...window.__hostile.probe(), stolen: window.__hostile.stolen, pwned: window.__pwned}));
  assert.deepEqual(probe.stolen, []);
  assert.equal(probe.pwned, undefined);
  assert.equal(probe.shadowRoot, null, 'element.shadowRoot of a closed root is null to the page');
  assert.equal(probe.attachAgain, 'NotSupportedError');
  assert.equal(probe.textContent, '');
  assert.equal(probe.children, 0);
  assert.equal(probe.html, '', 'getHTML() does not serialise a closed, non-serialisable root');
  await page.close();
  env.server.route('www.instagram.com', 'hostile/chat.html');
});

test('forged postMessage, custom events and synthetic key presses change nothing', async () => {
  const page = await openChat(env, '/direct/t/forge1/');
  await say(page, SEXTORTION);
  await waitForLevel(page, 'urgent');
  // A synthetic Escape must not close the warning (only a person's key press is trusted), nor
  // must forged messages dismiss it, clear it, or record a dismissal.
  await page.evaluate(() => window.__hostile.forge());
  await page.waitForTimeout(800);
  const still = await readWarning(page);
  assert.equal(still && still.level, 'urgent', 'forged events closed the warning');
  const stored = await (await env.worker()).evaluate(() => chrome.storage.local.get(null));
  assert.equal(JSON.stringify(stored).includes('urgent'), false, `a dismissal was recorded: ${JSON.stringify(stored)}`);
  // A benign conversation stays quiet however loudly the page forges "urgent" verdicts.
  await page.evaluate(() => window.__fixture.switchThread('forge2', 'Jo'));
  await waitForLevel(page, null);
  await say(page, BENIGN);
  await page.evaluate(() => window.__hostile.forge());
  await readCount(env, page, BENIGN.length, popupStatus);
  await page.waitForTimeout(500);
  assert.equal(await readWarning(page), null);
  // A real key press still works.
  await say(page, SEXTORTION);
  await waitForLevel(page, 'urgent');
  await page.keyboard.press('Escape');
  await waitForLevel(page, null);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  await page.close();
});

test('a page that removes the warning\'s host element gets it back', async () => {
  const page = await openChat(env, '/direct/t/remove1/');
  await page.evaluate(() => window.__hostile.removeWarnings(5));
  await say(page, SEXTORTION);
  await waitFor(() => page.evaluate(() => window.__hostile.removedHosts > 0), {what: 'the page removed the host'});
  const w = await waitForLevel(page, 'urgent');
  assert.equal(w.hostCount, 1);
  await waitFor(() => page.evaluate(() => window.__hostile.removedHosts === 5), {what: 'five removals'});
  assert.equal((await waitForLevel(page, 'urgent')).hostCount, 1);
  const removed = await page.evaluate(() => window.__hostile.removedHosts);
  console.log(`hostile[remove-host]: the page removed the host ${removed} times; the warning is shown`);
  await page.close();
});

test('strict CSP with Trusted Types: analysis and the styled warning work', async () => {
  env.server.route(HOST, 'hostile/chat.html', {headers: {'content-security-policy': STRICT_CSP}});
  const page = await openChat(env, '/direct/t/csp1/');
  const violations = [];
  page.on('console', (m) => { if (/Content Security Policy|TrustedHTML|Trusted Type/i.test(m.text())) violations.push(m.text()); });
  await page.evaluate(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}`));
  });
  await say(page, [...BENIGN]);
  await readCount(env, page, BENIGN.length, popupStatus);
  assert.equal(await readWarning(page), null);
  await say(page, SEXTORTION);
  const w = await waitForLevel(page, 'urgent');
  const session = await page.context().newCDPSession(page);
  const {model} = await session.send('DOM.getBoxModel', {backendNodeId: w.cardBackendNodeId});
  await session.detach();
  assert.ok(model.width > 200, 'the warning\'s own stylesheet applied under the page\'s style-src');
  assert.deepEqual(await page.evaluate(() => window.__csp), [], 'the extension caused a CSP or Trusted Types violation');
  assert.deepEqual(violations, []);
  await page.close();
  env.server.route(HOST, 'hostile/chat.html');
});

test('iframes: only the top frame\'s chat is read; frames cannot reach or fake the warning', async () => {
  env.server.route(HOST, 'hostile/frames.html');
  const page = await openChat(env, '/direct/t/frames1/');
  await waitFor(() => page.frames().length === 3, {what: 'both frames'});
  // The frames hold sextortion text; the top frame's chat is benign: no warning, and the count
  // is the top frame's messages only (frames are not read: the content script runs in the top
  // frame of listed sites only, and a third-party frame is never read).
  await say(page, BENIGN);
  const s = await readCount(env, page, BENIGN.length, popupStatus);
  assert.equal(s.level, 'Nothing worrying so far.');
  assert.equal(await readWarning(page), null);
  for (const f of page.frames().slice(1)) {
    assert.equal(await f.evaluate(() => document.querySelector('heads-up-warning')), null, `warning in frame ${f.url()}`);
  }
  await say(page, SEXTORTION);
  const w = await waitForLevel(page, 'urgent');
  assert.equal(w.hostCount, 1);
  // The same-origin frame keeps removing the host and both frames keep forging messages.
  await page.waitForTimeout(1500);
  const again = await readWarning(page);
  assert.equal(again && again.level, 'urgent');
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  await page.close();
  env.server.route(HOST, 'hostile/chat.html');
});
