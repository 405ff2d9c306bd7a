// Generic fallback on an unlisted page, turned on from the popup; the page sends a strict CSP
// with Trusted Types, so this also proves the analysis runs in the background and the warning's
// styles apply inside its shadow root.
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import {STRICT_CSP} from '../server/server.mjs';
import {
  BENIGN, SEXTORTION, axNodes, clickWarningButton, focusedInWarning, launch, openPopupFor,
  popupStatus, readWarning, screenshot, waitFor, waitForLevel,
} from './harness.mjs';

let env;
before(async () => {
  env = await launch();
  env.server.route('chat.example.org', 'pages/chat.html', {headers: {'content-security-policy': STRICT_CSP}});
});
after(async () => { await env?.close(); });

async function addAll(page, messages) {
  for (const m of messages) {
    await page.evaluate((msg) => window.chatFixture.add(msg), m);
  }
}

async function popupCount(page) {
  const {count} = await popupStatus(env, page);
  return count;
}

async function turnOn(page) {
  const popup = await openPopupFor(env, page);
  const status = await waitFor(() => popup.evaluate('document.getElementById("status").textContent'), {what: 'popup status'});
  assert.match(status, /not on/i);
  await popup.click('#turn-on');
  // The browser's permission prompt takes focus, which closes the popup; the tab is watched
  // from the click on (activeTab), which the steps below prove.
  await popup.close();
}

test('an unlisted page is left alone until the person turns Heads Up on', async () => {
  const page = await env.context.newPage();
  await page.goto('https://chat.example.org/chat/alpha');
  await addAll(page, SEXTORTION);
  // Nothing can appear: no content script runs here. Give it the same chance a listed site gets.
  await page.waitForTimeout(1500);
  assert.equal(await readWarning(page), null);
  await page.close();
});

test('generic fallback: a benign chat (flirting, money between friends) raises nothing', async () => {
  const page = await env.context.newPage();
  await page.goto('https://chat.example.org/chat/alpha');
  await turnOn(page);
  await addAll(page, BENIGN);
  // Wait until the extension has read every message (the popup reports the count), then check.
  await waitFor(async () => (await popupCount(page)) === BENIGN.length, {what: 'all benign messages read'});
  assert.equal(await readWarning(page), null, `benign chat raised a warning: ${JSON.stringify((await readWarning(page))?.reasons)}`);
  await page.close();
});

test('generic fallback under a strict CSP: escalates to urgent, focus handled', async () => {
  const page = await env.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('https://chat.example.org/chat/beta');
  await turnOn(page);
  await page.focus('textarea');
  await addAll(page, SEXTORTION);
  const w = await waitForLevel(page, 'urgent');
  assert.equal(w.role, 'alertdialog');
  assert.equal(w.shadowMode, 'closed');
  assert.equal(w.ariaModal, 'true');
  assert.ok(w.reasons.length >= 2, `reasons: ${w.reasons}`);
  assert.ok(!/!/.test(w.text), 'no exclamation marks');
  assert.match(w.text, /not your fault/i);
  await screenshot(page, 'generic-urgent-strict-csp');

  // Focus moved into the dialog; assistive technology sees a modal alertdialog with a description.
  assert.equal(await waitFor(() => focusedInWarning(page), {what: 'focus in dialog'}), 'help');
  const [dialog] = await axNodes(page, 'alertdialog');
  assert.ok(dialog && dialog.description && /not your fault/i.test(dialog.description), JSON.stringify(dialog));

  // Tab stays inside; Escape closes and gives focus back to the message box.
  for (let i = 0; i < 8; i += 1) await page.keyboard.press('Tab');
  assert.ok(await focusedInWarning(page), 'focus left the dialog');
  await page.keyboard.press('Escape');
  await waitForLevel(page, null);
  assert.equal(await page.evaluate(() => document.activeElement && document.activeElement.tagName), 'TEXTAREA');
  assert.deepEqual(errors, []);
  await page.close();
});
