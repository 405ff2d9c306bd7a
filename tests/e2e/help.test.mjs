// Help that acts, in Chromium with the built extension: each advice path inside the warning
// (one primary action at a time, not-your-fault first), crisis first, the reporting guide for
// the site, the help page's lines switching with the country and audience settings, and help
// opening only on click.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {after, before, test} from 'node:test';
import {ESCALATION, ROOT, SEXTORTION, clickWarningButton, launch, readWarning, waitFor, waitForLevel} from './harness.mjs';

const HOST = 'www.instagram.com';
const en = JSON.parse(fs.readFileSync(path.join(ROOT, 'extension/_locales/en/messages.json'), 'utf8'));
const advice = JSON.parse(fs.readFileSync(path.join(ROOT, 'extension/data/advice.json'), 'utf8')).paths;
const reporting = JSON.parse(fs.readFileSync(path.join(ROOT, 'extension/data/reporting.json'), 'utf8')).sites;
const msg = (k) => en[k].message;

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

async function thread(messages) {
  n += 1;
  await page.evaluate(([k]) => window.__fixture.switchThread(k, 'Sam'), [`help${n}`]);
  await waitForLevel(page, null); // the last thread's warning goes with it
  for (const m of messages) await page.evaluate(({from, text}) => window.__fixture.append(from, text), m);
}

/** Buttons of the warning with their classes and state (CDP sees the closed root). */
async function warningButtons(p) {
  const session = await p.context().newCDPSession(p);
  const {root} = await session.send('DOM.getDocument', {depth: -1, pierce: true});
  await session.detach();
  const out = [];
  const attrs = (node) => {
    const a = {};
    for (let i = 0; i < (node.attributes || []).length; i += 2) a[node.attributes[i]] = node.attributes[i + 1];
    return a;
  };
  const walk = (node, hidden) => {
    const a = attrs(node);
    const h = hidden || 'hidden' in a;
    if (node.nodeName === 'BUTTON') out.push({action: a['data-action'] || null, cls: a.class || '', hidden: h, expanded: a['aria-expanded'] || null});
    for (const c of [...(node.children || []), ...(node.shadowRoots || [])]) walk(c, h);
  };
  walk(root, false);
  return out;
}

const primaries = async () => (await warningButtons(page)).filter((b) => !b.hidden && /\bprimary\b/.test(b.cls));

test('each advice path: not-your-fault first, its steps, exactly one primary action', async () => {
  await thread(SEXTORTION);
  const w = await waitForLevel(page, 'urgent');
  for (const id of ['threatened', 'sent', 'paid', 'unsure', 'friend']) {
    assert.ok(w.buttons.some((b) => b.action === `path-${id}` && b.label === msg(`advice_${id}_title`)), id);
  }
  assert.deepEqual((await primaries()).map((b) => b.action), ['help'], 'before a choice: Get help');
  for (const p of advice.filter((x) => x.id !== 'crisis')) {
    await clickWarningButton(page, `path-${p.id}`);
    const text = await waitFor(async () => {
      const t = (await readWarning(page)).text;
      return t.includes(msg(`advice_${p.id}_lead`)) ? t : null;
    }, {what: `path ${p.id}`});
    const start = text.indexOf(msg(`advice_${p.id}_title`), text.indexOf(msg('advice_choose')) + msg('advice_choose').length + 1);
    const panel = text.slice(text.lastIndexOf(msg(`advice_${p.id}_title`)));
    assert.ok(start >= 0);
    assert.ok(panel.indexOf(msg(`advice_${p.id}_lead`)) < panel.indexOf(msg(`advice_${p.id}_reassure`)), 'lead, then hope');
    for (const s of p.steps) assert.ok(panel.includes(msg(`advice_${p.id}_${s.id.replace(/-/g, '_')}`)), `${p.id}/${s.id}`);
    const buttons = await warningButtons(page);
    assert.equal(buttons.find((b) => b.action === `path-${p.id}`).expanded, 'true');
    const prim = await primaries();
    assert.equal(prim.length, 1, `${p.id}: one primary (${prim.map((b) => b.action)})`);
    // The path's primary step, or its first button when that step is words only.
    const primaryStep = p.steps.find((s) => s.primary);
    const firstAction = p.steps.find((s) => s.action).action;
    assert.equal(prim[0].action, `do-${primaryStep.action || firstAction}`, `${p.id}: the path's primary action`);
  }
  // Choosing the open path again closes it; Get help is the primary again.
  await clickWarningButton(page, 'path-friend');
  await waitFor(async () => !(await readWarning(page)).text.includes(msg('advice_friend_lead')), {what: 'path closed'});
  assert.deepEqual((await primaries()).map((b) => b.action), ['help']);
});

test('crisis words: the crisis line leads, and stays the one primary action whatever is chosen', async () => {
  await thread(ESCALATION);
  const w = await waitFor(async () => {
    const x = await readWarning(page);
    return x && /^You matter/.test(x.text) ? x : null;
  }, {what: 'crisis first'});
  assert.ok(w.text.indexOf(msg('crisis_lead')) < w.text.indexOf(msg('title_urgent')), 'the crisis line before the title');
  assert.ok(w.text.includes(msg('advice_crisis_wait')), 'the other crisis steps one tap away');
  // The crisis lines for their country sit right under the crisis button (Chromium here is en-US).
  const lines = await waitFor(async () => {
    const t = (await readWarning(page)).text;
    return /988/.test(t.slice(0, t.indexOf(msg('title_urgent')))) ? t : null;
  }, {what: 'US crisis line in the warning'});
  assert.ok(lines.indexOf('988') > lines.indexOf(msg('crisis_action')), 'after the crisis button');
  assert.ok(!/report/i.test(w.text.slice(0, w.text.indexOf(msg('title_urgent')))), 'no demand to report first');
  await clickWarningButton(page, 'path-threatened');
  await waitFor(async () => (await readWarning(page)).text.includes(msg('advice_threatened_lead')), {what: 'path in crisis'});
  const prim = await primaries();
  assert.equal(prim.length, 1);
  assert.equal(prim[0].action, 'crisis', 'the crisis button (first button) stays primary');
  assert.equal(w.buttons[0].label, msg('crisis_action'));
});

test('the reporting guide for the site comes from reporting.json, links open only on click', async () => {
  await thread(SEXTORTION);
  await waitForLevel(page, 'urgent');
  await clickWarningButton(page, 'path-threatened');
  // As in the next test: a click on a card that just appeared is now and then lost in full runs.
  await waitFor(async () => {
    if ((await readWarning(page)).buttons.some((b) => b.action === 'do-block_guide')) return true;
    await clickWarningButton(page, 'path-threatened');
    return false;
  }, {what: 'the "someone is threatening me" path', interval: 500});
  const pagesBefore = env.context.pages().length;
  await clickWarningButton(page, 'do-block_guide');
  const insta = reporting.find((s) => s.id === 'instagram');
  const text = await waitFor(async () => {
    const t = (await readWarning(page)).text;
    return t.includes(`How to block and report on ${insta.name}`) ? t : null;
  }, {what: 'guide'});
  // In English the site's own steps (data) are shown; other languages get the general steps.
  for (const step of insta.steps) assert.ok(text.includes(step), step);
  assert.ok(text.includes(`${insta.name} help: how to report`));
  assert.equal(env.context.pages().length, pagesBefore, 'nothing opened by itself');
  // The link goes to the site's own help page (from the data), in a new tab on click only.
  const session = await page.context().newCDPSession(page);
  const {root} = await session.send('DOM.getDocument', {depth: -1, pierce: true});
  const hrefs = [];
  const walk = (node) => {
    if (node.nodeName === 'A') hrefs.push(node.attributes[node.attributes.indexOf('href') + 1]);
    for (const c of [...(node.children || []), ...(node.shadowRoots || [])]) walk(c);
  };
  walk(root);
  await session.detach();
  assert.ok(hrefs.includes(insta.report), hrefs.join(' '));
});

test('"Help lines" in a path opens the help page (on click)', async () => {
  await thread(SEXTORTION);
  await waitForLevel(page, 'urgent');
  await clickWarningButton(page, 'path-sent');
  // The path's steps, with their "Help lines" button (the card may still be settling after the
  // last message's verdict: click the path again if it did not open).
  await waitFor(async () => {
    const w = await readWarning(page);
    if (w.buttons.some((b) => b.action === 'do-open_help')) return true;
    await clickWarningButton(page, 'path-sent');
    return false;
  }, {what: 'the "I already sent something" path', interval: 500});
  const opened = env.context.waitForEvent('page');
  await clickWarningButton(page, 'do-open_help');
  const help = await opened;
  await help.waitForLoadState();
  assert.match(help.url(), /pages\/help\.html/);
  await help.close();
});

async function setSettings(settings) {
  const worker = await env.worker();
  await worker.evaluate((s) => chrome.storage.local.set({settings: s}), settings);
}

async function helpLines(query = '') {
  const p = await env.context.newPage();
  await p.goto(env.extensionUrl(`pages/help.html${query}`));
  await p.waitForSelector('body[data-ready]');
  const got = await p.evaluate(() => ({
    country: document.body.dataset.country,
    crisis: [...document.querySelectorAll('#crisis-lines li')].map((li) => li.dataset.id),
    rest: [...document.querySelectorAll('#help-lines li')].map((li) => li.dataset.id),
    line: document.getElementById('country-line').textContent,
    guide: document.getElementById('site-guide').hidden ? null : document.getElementById('site-guide').textContent,
    autoOpened: false,
  }));
  await p.close();
  return got;
}

test('help lines switch with the country and audience settings', async () => {
  await setSettings({country: 'GB', audience: 'teen'});
  const gb = await helpLines();
  assert.equal(gb.country, 'GB');
  assert.match(gb.line, /United Kingdom/);
  assert.ok(gb.crisis.includes('gb-childline') && gb.crisis.includes('gb-samaritans'), gb.crisis.join());
  assert.ok(gb.rest.includes('gb-ceop') && gb.rest.includes('int-take-it-down'), gb.rest.join());
  assert.ok(![...gb.crisis, ...gb.rest].some((id) => id.startsWith('us-')));
  assert.ok(!gb.rest.includes('int-stopncii'), 'StopNCII is for adults');

  await setSettings({country: 'US', audience: 'teen'});
  const us = await helpLines();
  assert.equal(us.country, 'US');
  assert.ok(us.crisis.includes('us-988'));
  assert.ok(us.rest.includes('us-cybertipline'));
  assert.ok(![...us.crisis, ...us.rest].some((id) => id.startsWith('gb-')));

  await setSettings({country: 'GB', audience: 'adult'});
  const adult = await helpLines();
  assert.ok(adult.rest.includes('gb-revenge-porn-helpline') && adult.rest.includes('int-stopncii'), adult.rest.join());
  assert.ok(!adult.crisis.includes('gb-childline') && !adult.rest.includes('int-take-it-down'), 'no under-18 services');

  await setSettings({country: 'auto', audience: 'teen'});
  const auto = await helpLines('?site=instagram#report');
  // Chromium here runs with an en-US user interface.
  assert.equal(auto.country, 'US');
  assert.match(auto.guide, /How to block and report on Instagram/);
});

test('the uiLanguage setting overrides the browser language: warning, evidence question and pages', async () => {
  const fr = JSON.parse(fs.readFileSync(path.join(ROOT, 'extension/_locales/fr/messages.json'), 'utf8'));
  const ar = JSON.parse(fs.readFileSync(path.join(ROOT, 'extension/_locales/ar/messages.json'), 'utf8'));
  await setSettings({uiLanguage: 'fr'});
  try {
    // A fresh page: its content script asks the background for the chosen language at start.
    const p = await env.context.newPage();
    await p.goto(`https://${HOST}/`);
    await p.waitForFunction(() => window.__fixture);
    await p.evaluate(() => window.__fixture.switchThread('777', 'Sam'));
    for (const m of SEXTORTION) await p.evaluate(({from, text}) => window.__fixture.append(from, text), m);
    const w = await waitFor(async () => {
      const x = await readWarning(p);
      return x && x.level === 'urgent' ? x : null;
    }, {what: 'urgent warning'});
    assert.equal(w.title, fr.title_urgent.message);
    assert.ok(w.buttons.some((b) => b.action === 'path-paid' && b.label === fr.advice_paid_title.message));
    await clickWarningButton(p, 'save-evidence');
    // The question opens (asking again is harmless: ask() redraws it); then it must be in French.
    await waitFor(async () => {
      if ((await readWarning(p)).buttons.some((b) => b.action === 'evidence-cancel')) return true;
      await clickWarningButton(p, 'save-evidence');
      return false;
    }, {what: 'the evidence question', interval: 500});
    assert.ok((await readWarning(p)).text.includes(fr.evidence_private.message), 'question in French');
    await clickWarningButton(p, 'evidence-cancel');
    await p.close();

    const help = await env.context.newPage();
    await help.goto(env.extensionUrl('pages/help.html'));
    await help.waitForSelector('body[data-ready]');
    assert.equal(await help.locator('h1').textContent(), fr.help_title.message);
    assert.equal(await help.evaluate(() => document.documentElement.lang), 'fr');
    await setSettings({uiLanguage: 'ar'});
    await help.goto(env.extensionUrl('pages/learn-more.html'));
    await help.waitForSelector('body[data-ready]');
    assert.equal(await help.locator('h1').textContent(), ar.learn_title.message);
    assert.equal(await help.evaluate(() => document.documentElement.dir), 'rtl');
    // Phone numbers and text codes stay left-to-right inside the Arabic sentences (issue 13, point 8).
    await setSettings({uiLanguage: 'ar', country: 'US'});
    await help.goto(env.extensionUrl('pages/help.html'));
    await help.waitForSelector('body[data-ready]');
    const numbers = await help.evaluate(() => [...document.querySelectorAll('.ways a[href^="tel:"], .ways span')]
      .filter((n) => /\d/.test(n.textContent))
      .map((n) => {
        const b = n.querySelector('bdi[dir=ltr]');
        return {text: n.textContent, isolated: b ? b.textContent : null};
      }));
    assert.ok(numbers.length > 0, 'numbers on the Arabic help page');
    for (const x of numbers) assert.ok(x.isolated && /\d/.test(x.isolated), `not isolated left-to-right: ${x.text}`);
    assert.ok(numbers.some((x) => x.isolated === '1-800-843-5678' || /988/.test(x.isolated)), numbers.map((x) => x.isolated).join(' / '));
    await help.screenshot({path: path.join(ROOT, 'tests/artifacts/help-ar.png'), fullPage: true});
    await help.close();
  } finally {
    await setSettings({});
  }
});
