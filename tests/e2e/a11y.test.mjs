// Accessibility: axe-core audits of the real, built extension in Chromium — the warning at each
// level (and with each of its panels open), the popup, options, help and learn-more pages. Every
// audit must report 0 violations.
//
// How axe sees the warning inside its *closed* shadow root without the extension exposing it:
// the test makes its own isolated world in the page (CDP Page.createIsolatedWorld), loads axe
// there, and resolves the warning's host element and its closed shadow root into that world
// (DOM.resolveNode with the world's executionContextId; DevTools can reach closed roots). In that
// world only, the host's JS wrapper gets a `shadowRoot` getter returning the closed root: axe
// walks shadow trees through `element.shadowRoot`, so it audits the real rendered warning (styles,
// contrast, focus, ARIA) in place. Wrappers are per world, so neither the page nor the extension's
// content script sees the getter, and the extension itself is the unmodified build.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {after, before, test} from 'node:test';
import {ARTIFACTS, ESCALATION, ROOT, clickPauseButton, clickWarningButton, focusedInWarning, launch, readPause, readWarning, tabIdOf, waitFor, waitForLevel} from './harness.mjs';

const AXE = fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const HOST = 'www.instagram.com';
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

let env;
let page;
let n = 0;

before(async () => {
  env = await launch();
  env.server.route(HOST, 'sites/instagram.html');
  page = await env.context.newPage();
  await page.goto(`https://${HOST}/`);
  await page.waitForFunction(() => window.__fixture);
});
after(async () => { await env?.close(); });

/** A CDP session with axe loaded in a fresh isolated world of the page's main frame. */
async function axeWorld(p) {
  const session = await p.context().newCDPSession(p);
  await session.send('Page.enable');
  await session.send('DOM.enable');
  const {frameTree} = await session.send('Page.getFrameTree');
  const {executionContextId} = await session.send('Page.createIsolatedWorld', {frameId: frameTree.frame.id, worldName: `headsup-axe-${Date.now()}`});
  const loaded = await session.send('Runtime.evaluate', {expression: `${AXE};typeof axe`, contextId: executionContextId, returnByValue: true});
  assert.equal(loaded.result.value, 'object', 'axe loaded');
  return {session, executionContextId};
}

function summary(violations) {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((x) => x.target.join(' > ') + ' ' + (x.failureSummary || '').replace(/\s+/g, ' ')).join('\n  ')}`).join('\n');
}

/** axe on the warning, inside its closed shadow root (see the file comment). */
async function auditWarning(p, {plant = false} = {}) {
  const {session, executionContextId} = await axeWorld(p);
  const {root} = await session.send('DOM.getDocument', {depth: -1, pierce: true});
  const find = (node) => {
    if (node.nodeName === 'HEADS-UP-WARNING') return node;
    for (const c of [...(node.children || []), ...(node.shadowRoots || [])]) {
      const f = find(c);
      if (f) return f;
    }
    return null;
  };
  const host = find(root);
  assert.ok(host && host.shadowRoots && host.shadowRoots[0], 'warning host with its shadow root');
  assert.equal(host.shadowRoots[0].shadowRootType, 'closed');
  const {object: hostObj} = await session.send('DOM.resolveNode', {backendNodeId: host.backendNodeId, executionContextId});
  const {object: rootObj} = await session.send('DOM.resolveNode', {backendNodeId: host.shadowRoots[0].backendNodeId, executionContextId});
  const {result, exceptionDetails} = await session.send('Runtime.callFunctionOn', {
    objectId: hostObj.objectId,
    arguments: [{objectId: rootObj.objectId}],
    functionDeclaration: `async function (closedRoot) {
      Object.defineProperty(this, 'shadowRoot', {get: () => closedRoot, configurable: true});
      // Negative control: a nameless button planted inside the closed root must be reported.
      const planted = ${plant} ? closedRoot.querySelector('.card').appendChild(document.createElement('button')) : null;
      const r = await axe.run({include: [this]}, {runOnly: {type: 'tag', values: ${JSON.stringify(TAGS)}}, resultTypes: ['violations', 'passes']});
      if (planted) planted.remove();
      const inShadow = (x) => Array.isArray(x.target[0]) && x.target[0].length > 1;
      return JSON.stringify({violations: r.violations, passes: r.passes.length,
        shadowNodes: r.passes.reduce((s, x) => s + x.nodes.filter(inShadow).length, 0)});
    }`,
    awaitPromise: true,
    returnByValue: true,
  });
  assert.ok(!exceptionDetails, exceptionDetails && exceptionDetails.exception && exceptionDetails.exception.description);
  await session.detach();
  return JSON.parse(result.value);
}

/** axe on a whole extension page. */
async function auditPage(p) {
  const {session, executionContextId} = await axeWorld(p);
  const {result, exceptionDetails} = await session.send('Runtime.evaluate', {
    expression: `axe.run(document, {runOnly: {type: 'tag', values: ${JSON.stringify(TAGS)}}, resultTypes: ['violations', 'passes']})
      .then((r) => JSON.stringify({violations: r.violations, passes: r.passes.length}))`,
    contextId: executionContextId, awaitPromise: true, returnByValue: true,
  });
  assert.ok(!exceptionDetails, exceptionDetails && exceptionDetails.exception && exceptionDetails.exception.description);
  await session.detach();
  return JSON.parse(result.value);
}

async function newThread() {
  n += 1;
  await page.evaluate(([k]) => window.__fixture.switchThread(k, 'Sam'), [`a11y${n}`]);
}
async function say(...messages) {
  for (const m of messages) await page.evaluate(({from, text}) => window.__fixture.append(from, text), m);
}
async function expectClean(label, audit) {
  const r = await audit;
  assert.equal(r.violations.length, 0, `${label}: axe violations\n${summary(r.violations)}`);
  assert.ok(r.passes > 5, `${label}: axe really checked something (${r.passes} rules passed)`);
  if ('shadowNodes' in r) assert.ok(r.shadowNodes > 10, `${label}: axe checked nodes inside the closed root (${r.shadowNodes})`);
}

test('the warning at each level, and with each panel open, has 0 axe violations', async () => {
  await newThread();
  await say(...ESCALATION.slice(0, 3));
  await waitForLevel(page, 'caution');
  await page.waitForTimeout(300); // the fade-in, so contrast is measured on the final colours
  await expectClean('caution', auditWarning(page));
  const control = await auditWarning(page, {plant: true});
  assert.ok(control.violations.some((v) => v.id === 'button-name'), 'axe sees a problem planted inside the closed shadow root');
  await clickWarningButton(page, 'more');
  await expectClean('caution, More open', auditWarning(page));

  await say(ESCALATION[3]);
  await waitForLevel(page, 'warning');
  await page.waitForTimeout(300);
  await expectClean('warning', auditWarning(page));
  await clickWarningButton(page, 'more');
  await expectClean('warning, More open', auditWarning(page));

  await say(...ESCALATION.slice(4, 8));
  await waitForLevel(page, 'urgent');
  await page.waitForTimeout(300);
  await expectClean('urgent', auditWarning(page));
  await clickWarningButton(page, 'more');
  await expectClean('urgent, More open', auditWarning(page));
  await clickWarningButton(page, 'highlight');
  await waitFor(async () => (await readWarning(page)).buttons.some((b) => b.action === 'unpeek'), {what: 'dialog stepped aside'});
  await page.waitForTimeout(700);
  await expectClean('urgent, messages shown (dialog aside)', auditWarning(page));
  await clickWarningButton(page, 'unpeek');
  for (const path of ['threatened', 'sent', 'paid', 'unsure', 'friend']) {
    await clickWarningButton(page, `path-${path}`);
    await waitFor(async () => (await readWarning(page)).buttons.some((b) => b.action === `path-${path}`), {what: path});
    await expectClean(`urgent, path ${path}`, auditWarning(page));
  }
  await clickWarningButton(page, 'save-evidence');
  await waitFor(async () => (await readWarning(page)).buttons.some((b) => b.action === 'evidence-confirm'), {what: 'evidence question'});
  await expectClean('urgent, evidence question', auditWarning(page));
  await clickWarningButton(page, 'evidence-cancel');
  await clickWarningButton(page, 'path-threatened');
  await clickWarningButton(page, 'do-block_guide');
  await waitFor(async () => /How to block and report on Instagram/.test((await readWarning(page)).text), {what: 'reporting guide'});
  await expectClean('urgent, reporting guide', auditWarning(page));
  await clickWarningButton(page, 'wrong');
  await waitFor(async () => (await readWarning(page)).buttons.some((b) => b.action === 'close'), {what: 'thanks'});
  await expectClean('"this seems wrong": thanks', auditWarning(page));
  await clickWarningButton(page, 'close');
  await waitForLevel(page, null);

  // Crisis words come back after "this seems wrong", and crisis help offers no "this seems wrong".
  await say(ESCALATION[8]);
  await waitFor(async () => /^You matter/.test((await readWarning(page)).text), {what: 'crisis'});
  await page.waitForTimeout(300);
  await expectClean('urgent, crisis first', auditWarning(page));
  assert.ok(!(await readWarning(page)).buttons.some((b) => b.action === 'wrong'), 'no "this seems wrong" beside crisis help');
});

test('the pause before an image is sent, beside the caution card and alone, has 0 axe violations', async () => {
  await newThread();
  await say(...ESCALATION.slice(0, 3));
  await waitForLevel(page, 'caution');
  const file = {name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3])};
  await page.setInputFiles('input[type=file]', file);
  await waitFor(() => readPause(page), {what: 'pause panel'});
  await page.waitForTimeout(300);
  await expectClean('pause beside the caution card', auditWarning(page));
  await clickPauseButton(page, 'pause-dont-send');
  await clickWarningButton(page, 'not-now');
  await waitForLevel(page, null);
  await page.setInputFiles('input[type=file]', file);
  await waitFor(() => readPause(page), {what: 'pause panel alone'});
  await page.waitForTimeout(300);
  const r = await auditWarning(page);
  assert.equal(r.violations.length, 0, `pause alone: axe violations\n${summary(r.violations)}`);
  assert.ok(r.passes > 5 && r.shadowNodes > 3, `pause alone: axe checked the panel (${r.passes} rules, ${r.shadowNodes} nodes)`);
  await clickPauseButton(page, 'pause-dont-send');
});

test('the pause over the urgent dialog: the dialog is not modal meanwhile, Tab stays in the panel, Escape there is "Don\'t send"', async () => {
  await newThread();
  await say(...ESCALATION.slice(0, 7));
  await waitForLevel(page, 'urgent');
  assert.equal((await readWarning(page)).ariaModal, 'true');
  const file = {name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 4, 5, 6])};
  await page.setInputFiles('input[type=file]', file);
  await waitFor(() => readPause(page), {what: 'pause panel over the urgent dialog'});
  assert.equal((await readWarning(page)).ariaModal, 'false', 'the dialog under the panel is not modal');
  assert.equal(await focusedInWarning(page), 'pause-dont-send');
  for (const [key, expected] of [['Tab', 'pause-send-anyway'], ['Tab', 'pause-dont-send'], ['Shift+Tab', 'pause-send-anyway'], ['Shift+Tab', 'pause-dont-send']]) {
    await page.keyboard.press(key);
    assert.equal(await focusedInWarning(page), expected, `${key} left the panel`);
  }
  await page.keyboard.press('Escape'); // in the panel: "Don't send"
  await waitFor(async () => (await readPause(page)) === null, {what: 'pause closed'});
  const after = await readWarning(page);
  assert.equal(after.level, 'urgent', 'Escape in the panel is not "not now" for the dialog');
  assert.equal(after.ariaModal, 'true', 'modal again');
  assert.ok(await focusedInWarning(page), 'focus is back in the dialog');

  await clickWarningButton(page, 'not-now');
  await waitForLevel(page, null);
});

for (const [lang, scheme] of [['ar', 'dark'], ['ar', 'light'], ['en', 'dark']]) test(`in ${lang === 'ar' ? 'Arabic (right to left)' : 'English'} with the ${scheme} scheme, every level and its panels have 0 axe violations`, async () => {
  const worker = await env.worker();
  await worker.evaluate((l) => chrome.storage.local.set({settings: {version: 1, uiLanguage: l}}), lang);
  await page.emulateMedia({colorScheme: scheme});
  await page.reload();
  await page.waitForFunction(() => window.__fixture);
  try {
    await newThread();
    await say(...ESCALATION.slice(0, 3));
    await waitForLevel(page, 'caution');
    await page.waitForTimeout(300);
    await expectClean(`${lang} ${scheme} caution`, auditWarning(page));
    await clickWarningButton(page, 'more');
    await expectClean(`${lang} ${scheme} caution, More open`, auditWarning(page));
    await say(ESCALATION[3]);
    await waitForLevel(page, 'warning');
    await page.waitForTimeout(300);
    await expectClean(`${lang} ${scheme} warning`, auditWarning(page));
    await say(...ESCALATION.slice(4, 8));
    await waitForLevel(page, 'urgent');
    await page.waitForTimeout(300);
    await expectClean(`${lang} ${scheme} urgent`, auditWarning(page));
    await clickWarningButton(page, 'save-evidence');
    await waitFor(async () => (await readWarning(page)).buttons.some((b) => b.action === 'evidence-confirm'), {what: 'evidence question'});
    await expectClean(`${lang} ${scheme} urgent, evidence question`, auditWarning(page));
    await clickWarningButton(page, 'evidence-cancel');
    await clickWarningButton(page, 'highlight');
    await waitFor(async () => (await readWarning(page)).buttons.some((b) => b.action === 'unpeek'), {what: 'dialog stepped aside'});
    await page.waitForTimeout(700);
    await expectClean(`${lang} ${scheme} urgent, messages shown`, auditWarning(page));
    await clickWarningButton(page, 'unpeek');
    await clickWarningButton(page, 'wrong');
    await waitFor(async () => (await readWarning(page)).buttons.some((b) => b.action === 'close'), {what: 'thanks'});
    await expectClean(`${lang} ${scheme} "this seems wrong": thanks`, auditWarning(page));
    await clickWarningButton(page, 'close');
    await waitForLevel(page, null);
    await say(ESCALATION[8]);
    await waitFor(async () => (await readWarning(page)).buttons.some((b) => b.action === 'crisis'), {what: 'crisis'});
    await page.waitForTimeout(300);
    await expectClean(`${lang} ${scheme} urgent, crisis first`, auditWarning(page));
  } finally {
    await worker.evaluate(() => chrome.storage.local.remove('settings'));
    await page.emulateMedia({colorScheme: 'light'});
    await page.reload();
    await page.waitForFunction(() => window.__fixture);
  }
});

test('popup, options, help, learn-more and welcome pages have 0 axe violations', async () => {
  const tabId = await tabIdOf(env, page);
  const p = await env.context.newPage();
  for (const [label, rel, ready] of [
    ['popup', `pages/popup.html?tab=${tabId}`, '#status:not(:empty)'],
    ['options', 'pages/options.html', 'h1:not(:empty)'],
    ['help', 'pages/help.html?site=instagram#report', 'body[data-ready]'],
    ['learn-more', 'pages/learn-more.html', 'body[data-ready]'],
    ['welcome', 'pages/welcome.html', 'body[data-ready]'],
  ]) {
    await p.goto(env.extensionUrl(rel));
    await p.waitForSelector(ready);
    await p.waitForTimeout(200);
    await expectClean(label, auditPage(p));
    await p.screenshot({path: path.join(ARTIFACTS, `page-${label}.png`), fullPage: true});
  }
  await p.close();
});
