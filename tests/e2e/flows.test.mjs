// The warning's behaviour on a listed site (Instagram's fixture under www.instagram.com):
// escalation through every level (screenshots), crisis first, highlighting, dismissal that
// holds until things get worse, SPA thread switches, older messages loaded above, and the
// background being stopped in the middle of a conversation.
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import {
  ESCALATION, SEXTORTION, BENIGN, clickWarningButton, focusedInWarning, launch, popupStatus,
  openPopup, readWarning, screenshot, stopServiceWorker, waitFor, waitForLevel,
} from './harness.mjs';

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

async function newThread(name = 'Sam') {
  n += 1;
  await page.evaluate(([k, nm]) => window.__fixture.switchThread(k, nm), [`flow${n}`, name]);
}

async function say(...messages) {
  for (const m of messages) await page.evaluate(({from, text}) => window.__fixture.append(from, text), m);
}

async function readCount(count) {
  await waitFor(async () => (await popupStatus(env, page)).count === count, {what: `${count} messages read`});
}

test('escalates caution → warning → urgent → crisis, each screenshot saved', async () => {
  await newThread();
  await page.click('[role=textbox]');
  await say(...ESCALATION.slice(0, 3));
  const caution = await waitForLevel(page, 'caution');
  assert.equal(caution.role, 'region');
  assert.match(caution.text, /haven’t done anything wrong/);
  // A card is calm: it does not take focus from what the person is typing.
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('role')), 'textbox');
  await screenshot(page, 'level-caution');

  await say(ESCALATION[3]);
  const warning = await waitForLevel(page, 'warning');
  assert.ok(warning.reasons.some((r) => /keep it a secret/.test(r)), warning.reasons.join(' / '));
  assert.match(warning.text, /What you can do now/);
  await screenshot(page, 'level-warning');

  await say(...ESCALATION.slice(4, 8));
  const urgent = await waitForLevel(page, 'urgent');
  assert.equal(urgent.role, 'alertdialog');
  assert.match(urgent.text, /^Someone may be trying to blackmail you/);
  await screenshot(page, 'level-urgent');

  await say(ESCALATION[8]);
  const crisis = await waitFor(async () => {
    const w = await readWarning(page);
    return w && w.level === 'urgent' && /^You matter/.test(w.text) ? w : null;
  }, {what: 'crisis help first'});
  assert.equal(crisis.buttons[0].label, 'Talk to someone now');
  assert.equal(await focusedInWarning(page), 'crisis'); // "Talk to someone now", focused
  await screenshot(page, 'level-urgent-crisis');
  await page.keyboard.press('Escape');
  await waitForLevel(page, null);
});

test('the messages behind the signs can be highlighted and unhighlighted', async () => {
  await newThread();
  await say(...SEXTORTION);
  await readCount(SEXTORTION.length);
  await waitForLevel(page, 'urgent');
  await clickWarningButton(page, 'highlight');
  const outlined = () => page.evaluate(() => [...document.querySelectorAll('[role=row]')]
    .filter((r) => [r, ...r.querySelectorAll('*')].some((e) => e.style && e.style.outlineStyle === 'solid'))
    .map((r) => r.textContent));
  const marked = await waitFor(async () => { const o = await outlined(); return o.length ? o : null; }, {what: 'highlight'});
  assert.ok(marked.some((t) => /gift cards/.test(t)), marked.join(' / '));
  assert.ok(!marked.some((t) => /who is this/.test(t)), 'my own reply highlighted');
  await screenshot(page, 'highlighted');
  // At urgent the dialog stepped aside for the messages; its "Hide the highlights" brings it back.
  await clickWarningButton(page, 'unpeek');
  await waitFor(async () => (await outlined()).length === 0, {what: 'highlight removed'});
  await clickWarningButton(page, 'not-now');
  await waitForLevel(page, null);
});

test('"not now" is remembered for the conversation until something worse happens', async () => {
  await newThread();
  await say(...ESCALATION.slice(0, 3));
  await waitForLevel(page, 'caution');
  await clickWarningButton(page, 'not-now');
  await waitForLevel(page, null);
  await say(ESCALATION[3]);
  await waitForLevel(page, 'warning'); // worse: shown again
  await clickWarningButton(page, 'not-now');
  await waitForLevel(page, null);
  await say(...ESCALATION.slice(4, 6)); // still "warning": stays closed
  await readCount(6);
  assert.equal(await readWarning(page), null);
  await say(ESCALATION[6]); // urgent: worse again
  await waitForLevel(page, 'urgent');
  await page.keyboard.press('Escape');
  await waitForLevel(page, null);
});

test('crisis words after "not now" bring crisis help back, and new ones after it was closed too', async () => {
  const crisisShown = () => waitFor(async () => {
    const w = await readWarning(page);
    return w && w.level === 'urgent' && /^You matter/.test(w.text) ? w : null;
  }, {what: 'crisis help first'});
  await newThread();
  await say(...ESCALATION.slice(0, 8));
  await waitForLevel(page, 'urgent');
  // Escape is "not now" (the same dismissal); the other urgent tests close the dialog this way too.
  await page.keyboard.press('Escape');
  await waitForLevel(page, null);
  await say(ESCALATION[8]); // same level, but the person's own words mention self-harm
  const back = await crisisShown();
  assert.equal(back.buttons[0].label, 'Talk to someone now');
  await page.keyboard.press('Escape');
  await waitForLevel(page, null);
  await say({from: 'them', text: 'times running out'});
  await readCount(10);
  assert.equal(await readWarning(page), null, 'closed crisis help stays closed while nothing new is said');
  await say({from: 'me', text: 'i really want to kill myself'});
  await crisisShown();
  await page.keyboard.press('Escape');
  await waitForLevel(page, null);
});

test('money and a deadline with no threat are headed as a money scam, never as blackmail', async () => {
  await newThread();
  await say(
    {from: 'them', text: 'send me $200 in steam gift cards'},
    {from: 'them', text: 'you have 1 hour to send it'},
  );
  const w = await waitForLevel(page, 'warning');
  assert.match(w.text, /^This looks like a money scam/);
  assert.doesNotMatch(w.text, /blackmail|threatening you/);
  await clickWarningButton(page, 'not-now');
  await waitForLevel(page, null);
});

test('the popup brings a closed warning back, and says when the person\'s words mention self-harm', async () => {
  await newThread();
  await say(...ESCALATION.slice(0, 4));
  await waitForLevel(page, 'warning');
  await clickWarningButton(page, 'not-now');
  await waitForLevel(page, null);
  const popup = await openPopup(env, page);
  const again = popup.locator('#show-again');
  await again.waitFor({state: 'visible'});
  assert.equal(await again.textContent(), 'Show the warning again');
  await again.click();
  await popup.close().catch(() => {}); // the popup closes itself after the click
  const back = await waitForLevel(page, 'warning');
  assert.ok(back.buttons.some((b) => b.label === 'Save evidence'), back.buttons.map((b) => b.label).join(' / '));
  // Nothing closed: no button to show it again.
  const open = await openPopup(env, page);
  await waitFor(async () => (await open.locator('#count').getAttribute('data-count')) !== null, {what: 'popup status'});
  assert.equal(await open.locator('#show-again').isHidden(), true);
  await open.close();
  await clickWarningButton(page, 'not-now');
  await waitForLevel(page, null);
});

test('switching threads (SPA) starts a new conversation and clears the warning', async () => {
  await newThread('Alex');
  await say(...SEXTORTION);
  await waitForLevel(page, 'urgent');
  await newThread('Jo');
  await waitForLevel(page, null);
  await say(...BENIGN.slice(0, 1));
  await readCount(1);
  assert.equal(await readWarning(page), null);
});

test('older messages loaded above are counted once and analysed in page order', async () => {
  await newThread();
  await say(...SEXTORTION.slice(2));
  await readCount(2);
  await waitForLevel(page, 'urgent');
  await page.keyboard.press('Escape');
  await waitForLevel(page, null);
  // Scrolling up loads the start of the chat above what is shown.
  for (const m of SEXTORTION.slice(0, 2).reverse()) {
    await page.evaluate(({from, text}) => window.__fixture.prepend(from, text), m);
  }
  await readCount(SEXTORTION.length);
  // Re-reads of the same page never add to the count.
  await page.evaluate(() => window.scrollBy(0, -50));
  await say(BENIGN[0]);
  await readCount(SEXTORTION.length + 1);
});

test('the background stopped mid-conversation is rebuilt from the page', async () => {
  await newThread();
  await say(...SEXTORTION.slice(0, 2));
  await readCount(2);
  assert.ok(await stopServiceWorker(env), 'the service worker did not stop');
  await say(...SEXTORTION.slice(2));
  const w = await waitForLevel(page, 'urgent', {timeout: 40000});
  assert.ok(w.reasons.some((r) => /threaten to share/.test(r)));
  await readCount(SEXTORTION.length);
  await page.keyboard.press('Escape');
});
