// The pause before an image is sent (issue 12), in Chromium with the built extension, on the
// fixture pages of Instagram, Messenger, Snapchat, Discord, WhatsApp Web, Tinder (a dating site) and the
// generic fallback. Every path a picture takes into a chat — the site's file input, a paste into
// the message box, a drop — is tried:
//   - in a clean chat the page receives the file at once, and no panel shows;
//   - at caution the panel shows first (in the warning's closed shadow root) and the page has
//     nothing; "Don't send" leaves it so (the file input is emptied); "Send anyway" hands the page
//     the very same bytes.
// And the stranger cues: a thread whose page shows a message request / "no mutual servers" sends
// that record to the background with the messages; a friend's thread sends "known".
import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {
  BENIGN, ESCALATION, SITES, clickPauseButton, clickWarningButton, launch, openPopupFor, popupStatus, readPause, readWarning,
  screenshot, tabIdOf, waitFor, waitForLevel,
} from './harness.mjs';

const UNDER_TEST = ['instagram', 'messenger', 'snapchat', 'discord', 'whatsapp', 'tinder'];
const PATHS = ['input', 'paste', 'drop'];
/** The chat at caution: an opener, then "let's move to snapchat" (see ESCALATION in the harness). */
const CAUTION = ESCALATION.slice(0, 3);

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

let threadNo = 0;
/** A conversation key every site's URL pattern accepts (Snapchat wants 36 hex characters). */
function nextKey() {
  threadNo += 1;
  return `${String(threadNo).padStart(8, '0')}-aaaa-bbbb-cccc-dddddddddddd`;
}

/** A small picture's bytes (a PNG signature, then bytes that differ per file). */
function picture(n) {
  const bytes = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  for (let i = 0; i < 200; i += 1) bytes.push((i * 31 + n * 17) & 0xff);
  return {name: `photo-${n}.png`, type: 'image/png', bytes};
}

/** FNV-1a of the bytes, as the fixture pages compute it. */
function digest(bytes) {
  let h = 0x811c9dc5;
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/** Adds a file the way a person would: the site's attach input, a paste into the box, a drop. */
async function addFile(page, via, file) {
  if (via === 'input') {
    await page.setInputFiles('input[type=file]', {name: file.name, mimeType: file.type, buffer: Buffer.from(file.bytes)});
    return;
  }
  await page.evaluate(({via: how, name, type, bytes}) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(bytes)], name, {type}));
    if (how === 'paste') {
      const box = document.querySelector('[contenteditable="true"], textarea');
      box.dispatchEvent(new ClipboardEvent('paste', {clipboardData: dt, bubbles: true, cancelable: true}));
    } else {
      const target = document.querySelector('main, #main, [role="log"]') || document.body;
      target.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true, clientX: 200, clientY: 200}));
    }
  }, {via, ...file});
}

const received = (page, hook) => page.evaluate((h) => (h === 'generic' ? window.chatFixture.received : window.__fixture.received).slice(), hook);

async function waitReceived(page, hook, count) {
  return waitFor(async () => {
    const r = await received(page, hook);
    return r.length === count ? r : null;
  }, {what: `${count} files received by the page`});
}

/** No panel, and the page got the file at once with the same bytes. */
async function passesAtOnce(page, hook, via, n) {
  const before = (await received(page, hook)).length;
  const file = picture(n);
  await addFile(page, via, file);
  const got = await waitReceived(page, hook, before + 1);
  assert.deepEqual({via: got.at(-1).via, name: got.at(-1).name, hash: got.at(-1).hash, size: got.at(-1).size},
    {via, name: file.name, hash: digest(file.bytes), size: file.bytes.length});
  assert.equal(await readPause(page), null, `${via}: a pause in a clean chat`);
}

/** The panel shows and holds the file; Don't send keeps it; Send anyway passes the same bytes. */
async function pausesThenPasses(page, hook, via, n, shot) {
  const before = (await received(page, hook)).length;
  const kept = picture(n);
  await addFile(page, via, kept);
  const panel = await waitFor(() => readPause(page), {what: `pause panel (${via})`});
  assert.equal(panel.role, 'alertdialog');
  assert.equal(panel.shadowMode, 'closed');
  assert.deepEqual(panel.buttons.map((b) => b.action), ['pause-dont-send', 'pause-send-anyway']);
  assert.deepEqual(panel.buttons.map((b) => b.label), ['Don’t send', 'Send anyway']);
  // The tone guide: calm (no exclamation marks), no blame, says nothing was opened or sent.
  assert.ok(!/!/.test(panel.text), panel.text);
  assert.doesNotMatch(panel.text, /should|mistake|why did you|be careful|never send/i);
  assert.match(panel.text, /your choice/i);
  assert.match(panel.text, /hasn’t opened your file/i);
  if (shot) await screenshot(page, shot);
  await page.waitForTimeout(300);
  assert.equal((await received(page, hook)).length, before, `${via}: the page received the file before the person chose`);
  await clickPauseButton(page, 'pause-dont-send');
  await waitFor(async () => (await readPause(page)) === null, {what: 'pause closed'});
  await page.waitForTimeout(300);
  assert.equal((await received(page, hook)).length, before, `${via}: Don't send let the file through`);
  if (via === 'input') assert.equal(await page.evaluate(() => document.querySelector('input[type=file]').files.length), 0, 'the input was emptied');

  const sent = picture(n + 1);
  await addFile(page, via, sent);
  await waitFor(() => readPause(page), {what: `pause panel again (${via})`});
  await clickPauseButton(page, 'pause-send-anyway');
  const got = await waitReceived(page, hook, before + 1);
  assert.deepEqual({via: got.at(-1).via, name: got.at(-1).name, type: got.at(-1).type, hash: got.at(-1).hash},
    {via, name: sent.name, type: sent.type, hash: digest(sent.bytes)});
  assert.equal(await readPause(page), null);
}

async function play(page, messages) {
  for (const m of messages) await page.evaluate(({from, text}) => window.__fixture.append(from, text), m);
}

async function readAll(page, n) {
  return waitFor(async () => ((await popupStatus(env, page)).count === n ? true : null), {what: `${n} messages read`});
}

/** What the content script says the background has for this chat (watcher.status().cues). */
async function cuesSent(page) {
  const tabId = await tabIdOf(env, page);
  const worker = await env.worker();
  return worker.evaluate((id) => chrome.tabs.sendMessage(id, {type: 'popup-cs-status'}).then((s) => s.cues), tabId);
}

for (const id of UNDER_TEST) {
  const site = SITES.sites.find((s) => s.id === id);
  describe(`image pause on ${id}`, () => {
    let page;
    before(async () => {
      const host = site.hosts[0];
      env.server.route(host, `sites/${id}.html`);
      page = await env.context.newPage();
      await page.goto(`https://${host}/`);
      await page.waitForFunction(() => window.__fixture);
    });
    after(async () => { await page?.close(); });

    test('a clean chat: each path reaches the page at once, the very same bytes', async () => {
      await page.evaluate((k) => window.__fixture.switchThread(k, 'Jo'), nextKey());
      await play(page, BENIGN);
      await readAll(page, BENIGN.length);
      assert.equal(await readWarning(page), null);
      let n = 0;
      for (const via of PATHS) await passesAtOnce(page, 'site', via, n += 2);
    });

    test('at caution: each path pauses first; Don\'t send keeps the file, Send anyway passes it untouched', async () => {
      await page.evaluate((k) => window.__fixture.switchThread(k, 'Sam'), nextKey());
      await play(page, CAUTION);
      await waitForLevel(page, 'caution');
      let n = 10;
      for (const via of PATHS) await pausesThenPasses(page, 'site', via, n += 2, via === 'input' ? `pause-${id}` : null);
    });
  });
}

describe('stranger cues travel with the messages', () => {
  for (const [id, shown, expected] of [
    ['instagram', ['stranger', 'newThread'], {stranger: true, newThread: true}],
    ['discord', ['newThread', 'stranger'], {stranger: true, newThread: true}],
    ['whatsapp', ['stranger'], {stranger: true}],
    ['messenger', ['newThread', 'known'], {stranger: false, newThread: true}],
    ['discord', ['known'], {stranger: false}],
    ['instagram', [], {}],
  ]) {
    test(`${id} showing ${shown.join(' + ') || 'no cue'} sends ${JSON.stringify(expected)}`, async () => {
      const site = SITES.sites.find((s) => s.id === id);
      env.server.route(site.hosts[0], `sites/${id}.html`);
      const page = await env.context.newPage();
      await page.goto(`https://${site.hosts[0]}/`);
      await page.waitForFunction(() => window.__fixture);
      await page.evaluate(({k, cues}) => window.__fixture.switchThread(k, 'Sam', cues), {k: nextKey(), cues: shown});
      await play(page, BENIGN.slice(0, 2));
      await readAll(page, 2);
      assert.deepEqual(await waitFor(async () => {
        const c = await cuesSent(page);
        return JSON.stringify(c) === JSON.stringify(expected) ? c : null;
      }, {what: `cues ${JSON.stringify(expected)}`}), expected);
      // The banner goes (a request accepted): the next change of the page carries the new record.
      if (shown.length) {
        await page.evaluate(() => window.__fixture.clearCues());
        await play(page, BENIGN.slice(2, 3));
        await waitFor(async () => JSON.stringify(await cuesSent(page)) === '{}', {what: 'cues cleared'});
      }
      await page.close();
    });
  }
});

describe('"this seems wrong" and the pause', () => {
  test('a stranger\'s picture request called wrong no longer pauses: after Escape on the thanks, and after a reload', async () => {
    const site = SITES.sites.find((s) => s.id === 'instagram');
    env.server.route(site.hosts[0], 'sites/instagram.html');
    const page = await env.context.newPage();
    await page.goto(`https://${site.hosts[0]}/`);
    await page.waitForFunction(() => window.__fixture);
    const key = nextKey();
    const asked = {from: 'them', text: 'hey, send me a pic of you'};
    await page.evaluate((k) => window.__fixture.switchThread(k, 'Sam', ['stranger']), key);
    await play(page, [asked]);
    await waitForLevel(page, 'caution');
    await clickWarningButton(page, 'wrong');
    await waitFor(async () => ((await readWarning(page)) || {}).buttons?.some((b) => b.action === 'close'), {what: 'thanks'});
    await page.keyboard.press('Escape');
    await waitForLevel(page, null);
    await waitFor(async () => ((await popupStatus(env, page)).level === 'Nothing worrying so far.' ? true : null), {what: 'the sign lowered'});
    await passesAtOnce(page, 'site', 'input', 60);
    // A new page load forgets what the page knew; the background still has the sign ids.
    await page.goto(`https://${site.hosts[0]}/`);
    await page.waitForFunction(() => window.__fixture);
    await page.evaluate((k) => window.__fixture.switchThread(k, 'Sam', ['stranger']), key);
    await play(page, [asked]);
    await readAll(page, 1);
    assert.equal(await readWarning(page), null);
    await passesAtOnce(page, 'site', 'input', 62);
    // Another chat with the same stranger's request still pauses.
    await page.evaluate((k) => window.__fixture.switchThread(k, 'Sam', ['stranger']), nextKey());
    await play(page, [asked]);
    await waitForLevel(page, 'caution');
    await clickWarningButton(page, 'not-now');
    await waitForLevel(page, null);
    await addFile(page, 'input', picture(64));
    await waitFor(() => readPause(page), {what: 'pause in another chat'});
    await clickPauseButton(page, 'pause-dont-send');
    await page.close();
  });
});

describe('image pause on the generic fallback', () => {
  test('a page turned on by the person: clean chat passes, caution pauses, Send anyway passes the same bytes', async () => {
    env.server.route('chat.example.org', 'pages/chat.html');
    const page = await env.context.newPage();
    await page.goto('https://chat.example.org/chat/alpha');
    const popup = await openPopupFor(env, page);
    await waitFor(() => popup.evaluate('document.getElementById("status").textContent'), {what: 'popup status'});
    await popup.click('#turn-on');
    await popup.close();
    for (const m of BENIGN) await page.evaluate((msg) => window.chatFixture.add(msg), m);
    await waitFor(async () => (await popupStatus(env, page)).count === BENIGN.length, {what: 'benign read'});
    let n = 40;
    for (const via of PATHS) await passesAtOnce(page, 'generic', via, n += 2);
    await page.evaluate(() => window.chatFixture.open('gamma', [], 'Sam'));
    await page.evaluate(() => window.chatFixture.note('stranger'));
    for (const m of CAUTION) await page.evaluate((msg) => window.chatFixture.add(msg), m);
    await waitForLevel(page, 'caution');
    for (const via of PATHS) await pausesThenPasses(page, 'generic', via, n += 2, via === 'drop' ? 'pause-generic' : null);
    await page.close();
  });
});

describe('the setting', () => {
  test('turned off in the options, a caution chat lets a picture through at once', async () => {
    const options = await env.context.newPage();
    await options.goto(env.extensionUrl('pages/options.html'));
    await options.waitForSelector('body[data-ready]');
    const box = options.locator('input[name=imagePause]');
    assert.equal(await box.isChecked(), true, 'on by default');
    assert.equal(await box.isDisabled(), false, 'the person can change it (no school policy here)');
    await box.uncheck();
    await waitFor(async () => (await options.locator('#saved').textContent()) !== '', {what: 'saved'});
    const site = SITES.sites.find((s) => s.id === 'instagram');
    const page = await env.context.newPage();
    await page.goto(`https://${site.hosts[0]}/`);
    await page.waitForFunction(() => window.__fixture);
    await page.evaluate((k) => window.__fixture.switchThread(k, 'Sam'), nextKey());
    await play(page, CAUTION);
    await waitForLevel(page, 'caution');
    await passesAtOnce(page, 'site', 'input', 90);
    await box.check();
    await waitFor(async () => (await options.evaluate(() => document.querySelector('input[name=imagePause]').checked)), {what: 'on again'});
    await page.close();
    await options.close();
  });
});
