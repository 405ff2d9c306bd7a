// One locale other than English end to end (Spanish: Chromium started with --lang=es and
// LANGUAGE=es): the warning, an advice path, saving evidence (the pack itself in Spanish), the
// help and learn-more pages. Then Arabic, right to left: the warning and the pages carry
// dir="rtl". Screenshots of the warning in both languages go to tests/artifacts/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {test} from 'node:test';
import {ROOT, SEXTORTION, clickWarningButton, launch, readWarning, screenshot, waitFor} from './harness.mjs';

const HOST = 'www.instagram.com';
const load = (loc) => JSON.parse(fs.readFileSync(path.join(ROOT, 'extension/_locales', loc, 'messages.json'), 'utf8'));

async function withLocale(lang, fn) {
  const xdg = fs.mkdtempSync(path.join(os.tmpdir(), 'headsup-xdg-'));
  const downloads = path.join(xdg, 'Downloads');
  fs.mkdirSync(downloads);
  fs.writeFileSync(path.join(xdg, 'user-dirs.dirs'), `XDG_DOWNLOAD_DIR="${downloads}"\n`);
  const saved = {LANGUAGE: process.env.LANGUAGE, XDG_CONFIG_HOME: process.env.XDG_CONFIG_HOME};
  process.env.LANGUAGE = lang;
  process.env.XDG_CONFIG_HOME = xdg;
  const env = await launch({extraArgs: [`--lang=${lang}`]});
  try {
    env.server.route(HOST, 'sites/instagram.html');
    const bs = await env.context.browser().newBrowserCDPSession();
    await bs.send('Browser.setDownloadBehavior', {behavior: 'default'});
    const page = await env.context.newPage();
    await page.goto(`https://${HOST}/`);
    await page.waitForFunction(() => window.__fixture);
    await page.evaluate(() => window.__fixture.switchThread('900', 'Sam'));
    for (const m of SEXTORTION) await page.evaluate(({from, text}) => window.__fixture.append(from, text), m);
    await fn({env, page, downloads});
  } finally {
    await env.close();
    fs.rmSync(xdg, {recursive: true, force: true});
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  }
}

/** dir and lang of the warning's wrapper inside the closed root (through CDP). */
async function warningDir(page) {
  const session = await page.context().newCDPSession(page);
  const {root} = await session.send('DOM.getDocument', {depth: -1, pierce: true});
  await session.detach();
  let found = null;
  const walk = (node) => {
    const a = node.attributes || [];
    const cls = a[a.indexOf('class') + 1];
    if (!found && a.includes('class') && cls === 'wrap') found = {dir: a[a.indexOf('dir') + 1], lang: a[a.indexOf('lang') + 1]};
    for (const c of [...(node.children || []), ...(node.shadowRoots || [])]) walk(c);
  };
  walk(root);
  return found;
}

test('Spanish end to end: warning, advice path, evidence pack, help and learn-more pages', async () => {
  const es = load('es');
  await withLocale('es', async ({env, page, downloads}) => {
    const w = await waitFor(async () => {
      const x = await readWarning(page);
      return x && x.level === 'urgent' ? x : null;
    }, {what: 'urgent warning'});
    assert.equal(w.title, es.title_urgent.message);
    assert.ok(w.text.includes(es.lead_urgent.message), 'not your fault, in Spanish, first');
    assert.ok(w.buttons.some((b) => b.label === es.action_save.message));
    assert.deepEqual(await warningDir(page), {dir: 'ltr', lang: 'es'});
    await screenshot(page, 'warning-urgent-es');

    await clickWarningButton(page, 'path-paid');
    await waitFor(async () => (await readWarning(page)).text.includes(es.advice_paid_no_pay_more.message), {what: 'paid path in Spanish'});

    await clickWarningButton(page, 'save-evidence');
    await waitFor(async () => (await readWarning(page)).text.includes(es.evidence_private.message), {what: 'question in Spanish'});
    await clickWarningButton(page, 'evidence-confirm');
    await waitFor(async () => (await readWarning(page)).text.includes(es.evidence_saved.message.replace('$COUNT$', '3')), {what: 'saved, in Spanish', timeout: 30000});
    const dir = await waitFor(() => {
      const d = fs.readdirSync(downloads).find((x) => x.startsWith('HeadsUp-evidence-'));
      return d && fs.existsSync(path.join(downloads, d, 'SHA256SUMS.txt')) ? path.join(downloads, d) : null;
    }, {what: 'pack'});
    const json = JSON.parse(fs.readFileSync(path.join(dir, 'conversation.json'), 'utf8'));
    assert.equal(json.reminder[1], es.evidence_reminder_pay.message);
    assert.equal(json.messages.length, SEXTORTION.length);
    const html = fs.readFileSync(path.join(dir, 'conversation.html'), 'utf8');
    assert.match(html, /<html lang="es" dir="ltr">/);
    assert.ok(html.includes(es.evidence_messages_heading.message));

    const help = await env.context.newPage();
    await help.goto(env.extensionUrl('pages/help.html'));
    await help.waitForSelector('body[data-ready]');
    assert.equal(await help.locator('h1').textContent(), es.help_title.message);
    assert.equal(await help.evaluate(() => document.documentElement.lang), 'es');
    assert.equal(await help.evaluate(() => document.getElementById('english-note').hidden), false, 'says which descriptions stay in English');
    const worker = await env.worker();
    await worker.evaluate(() => chrome.storage.local.set({settings: {country: 'ES', audience: 'teen'}}));
    await help.reload();
    await help.waitForSelector('body[data-ready]');
    assert.ok((await help.locator('#crisis-lines li[data-id="es-anar"]').count()) === 1, 'Spanish lines for Spain');
    await help.goto(env.extensionUrl('pages/learn-more.html'));
    await help.waitForSelector('body[data-ready]');
    assert.equal(await help.locator('h1').textContent(), es.learn_title.message);
    await help.close();
  });
});

test('Arabic: the warning and the pages are right to left', async () => {
  const ar = load('ar');
  await withLocale('ar', async ({env, page}) => {
    const w = await waitFor(async () => {
      const x = await readWarning(page);
      return x && x.level === 'urgent' ? x : null;
    }, {what: 'urgent warning'});
    assert.equal(w.title, ar.title_urgent.message);
    assert.deepEqual(await warningDir(page), {dir: 'rtl', lang: 'ar'});
    await clickWarningButton(page, 'path-threatened');
    await waitFor(async () => (await readWarning(page)).text.includes(ar.advice_threatened_lead.message), {what: 'path in Arabic'});
    await screenshot(page, 'warning-urgent-ar');
    for (const rel of ['pages/help.html', 'pages/learn-more.html', 'pages/options.html']) {
      const p = await env.context.newPage();
      await p.goto(env.extensionUrl(rel));
      // Polled on a timer: the default (animation frames) never polls again in a page that is
      // not in front. Known flake (open): in full runs a page is now and then drawn before
      // Chromium answers i18n.getMessage, left to right; it is reloaded (at most twice).
      await waitFor(async () => {
        const ok = await p.waitForFunction(() => document.documentElement.dir === 'rtl', null, {polling: 100, timeout: 5000})
          .then(() => true, () => false);
        if (!ok) await p.reload();
        return ok;
      }, {what: `${rel} right to left`, timeout: 20000, interval: 10});
      await p.close();
    }
  });
});
