// Who the warning speaks to, and "this seems wrong" (issue 13, points 4 and 9):
// - the welcome page asks one question (under 18 / adult), saved at once and shown in settings;
// - an adult's caution is lighter: no "you haven't done anything wrong", no help button;
// - "this seems wrong" thanks the person, lowers those signs in that chat only, and storage
//   keeps a hash and sign ids, never message text.
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import {ESCALATION, clickWarningButton, launch, openPopup, readWarning, screenshot, waitFor, waitForLevel} from './harness.mjs';

const HOST = 'www.instagram.com';
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

async function newThread(key) {
  n += 1;
  await page.evaluate(([k]) => window.__fixture.switchThread(k, 'Sam'), [key || `aud${n}`]);
}
async function say(...messages) {
  for (const m of messages) await page.evaluate(({from, text}) => window.__fixture.append(from, text), m);
}
async function storageDump() {
  const worker = await env.worker();
  return worker.evaluate(() => chrome.storage.local.get(null));
}

test('the welcome page asks who uses the browser; the answer is saved and shown in settings', async () => {
  const welcome = await env.context.newPage();
  await welcome.goto(env.extensionUrl('pages/welcome.html'));
  await welcome.waitForSelector('body[data-ready]');
  assert.equal(await welcome.locator('#audience legend').textContent(), 'Who will use Heads Up in this browser?');
  assert.equal(await welcome.locator('input[name=audience]:checked').count(), 0, 'nothing chosen for the person');
  await welcome.locator('input[name=audience][value=adult]').check();
  await waitFor(async () => ((await storageDump()).settings || {}).audience === 'adult', {what: 'audience saved'});
  await welcome.screenshot({path: `${process.cwd()}/tests/artifacts/welcome-audience.png`, fullPage: true});
  await welcome.goto(env.extensionUrl('pages/options.html'));
  await welcome.waitForSelector('body[data-ready]');
  assert.equal(await welcome.locator('input[name=audience]:checked').getAttribute('value'), 'adult');
  await welcome.close();
});

test('an adult\'s caution is lighter: no "you haven\'t done anything wrong", no help button', async () => {
  const worker = await env.worker();
  await worker.evaluate(() => chrome.storage.local.set({settings: {version: 1, audience: 'adult'}}));
  try {
    await newThread();
    // (For adults, closeness and a move to another app alone are no caution at all.)
    await say({from: 'them', text: 'you are so beautiful, lets move to whatsapp'},
      {from: 'them', text: 'send me a sexy pic first, dont tell anyone'});
    const w = await waitForLevel(page, 'caution');
    assert.doesNotMatch(w.text, /haven’t done anything wrong/);
    assert.match(w.text, /You decide what to do next/);
    assert.ok(!w.buttons.some((b) => b.action === 'help'), w.buttons.map((b) => b.action).join(', '));
    await screenshot(page, 'adult-caution');
    await clickWarningButton(page, 'not-now');
    await waitForLevel(page, null);
  } finally {
    await worker.evaluate(() => chrome.storage.local.remove('settings'));
  }
});

test('"this seems wrong" thanks the person and lowers those signs in that chat only; no text is stored', async () => {
  await newThread('wrong-a');
  await say(...ESCALATION.slice(0, 3));
  const before = await waitForLevel(page, 'caution');
  const signs = before.reasons;
  assert.ok(signs.length > 0);
  await clickWarningButton(page, 'wrong');
  const thanks = await waitFor(async () => {
    const w = await readWarning(page);
    return w && /^Thank you for telling us/.test(w.text) ? w : null;
  }, {what: 'thanks'});
  assert.match(thanks.text, /in this chat only/);
  await screenshot(page, 'wrong-thanks');
  await clickWarningButton(page, 'close');
  await waitForLevel(page, null);
  // Stored: a hash of the conversation and the sign ids, nothing else.
  const dump = await storageDump();
  const records = Object.entries(dump.muted || {});
  assert.equal(records.length, 1, JSON.stringify(dump.muted));
  const [hash, record] = records[0];
  assert.match(hash, /^[0-9a-f]{64}$/);
  assert.ok(record.signs.length > 0 && record.signs.every((s) => /^[a-z_]+$/.test(s)), JSON.stringify(record));
  const all = JSON.stringify(dump);
  for (const m of ESCALATION) assert.ok(!all.includes(m.text), `message text stored: ${m.text}`);
  // The signs count for less in this chat: a new message of the same kind does not bring it back.
  await say({from: 'them', text: 'add me on snapchat, its easier there'});
  const popup = await openPopup(env, page);
  await waitFor(async () => (await popup.locator('#count').getAttribute('data-count')) === '4', {what: 'popup count'});
  const level = await popup.locator('#level').textContent();
  await popup.close();
  assert.equal(await readWarning(page), null, 'the lowered signs brought the warning back');
  // Another chat with the same messages is not affected.
  await newThread('wrong-b');
  await say(...ESCALATION.slice(0, 3));
  await waitForLevel(page, 'caution');
  await clickWarningButton(page, 'not-now');
  await waitForLevel(page, null);
  assert.equal(level, 'Nothing worrying so far.', 'the lowered signs still count in this chat');
});
