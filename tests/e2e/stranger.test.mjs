// Who is this? (issue 12) The same words from a stranger and from a friend, in Chromium with the
// built extension, on the Discord fixture (its DM opening card shows the cues: "This is the
// beginning of your direct message history", "No Mutual Servers" / "Add Friend", or "Remove
// Friend" for a friend):
//   - "you're so pretty … what's your snap" warns in a brand-new thread with a stranger, and stays
//     quiet from a friend after a long, ordinary history;
//   - when the cues raise the level, the warning's "why" names them.
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import {launch, popupStatus, readWarning, screenshot, waitFor, waitForLevel} from './harness.mjs';

const HOST = 'discord.com';
const OPENER = [
  {from: 'them', text: 'hey cutie, you are so pretty'},
  {from: 'them', text: 'whats your snap'},
];
const ASKS = [
  {from: 'them', text: 'hey cutie, you are so pretty'},
  {from: 'me', text: 'haha thanks'},
  {from: 'them', text: 'whats your snap? send a pic'},
];
const EVERYDAY = ['did you finish the maths homework', 'yeah it was long', 'see you at practice', 'lol that was funny', 'what time is the bus tomorrow'];
const HISTORY = Array.from({length: 36}, (_, i) => ({from: i % 2 ? 'me' : 'them', text: EVERYDAY[i % EVERYDAY.length]}));

let env;
let page;
let key = 5000;
before(async () => {
  env = await launch();
  env.server.route(HOST, 'sites/discord.html');
  page = await env.context.newPage();
  await page.goto(`https://${HOST}/`);
  await page.waitForFunction(() => window.__fixture);
});
after(async () => { await env?.close(); });

async function thread(name, cues, messages) {
  key += 1;
  await page.evaluate(({k, n, c}) => window.__fixture.switchThread(k, n, c), {k: String(key), n: name, c: cues});
  for (const m of messages) await page.evaluate(({from, text}) => window.__fixture.append(from, text), m);
  await waitFor(async () => (await popupStatus(env, page)).count === messages.length, {what: `${messages.length} messages read`});
}

test('"so pretty … what\'s your snap" from a stranger in a new thread warns', async () => {
  await thread('Sam', ['newThread', 'stranger'], OPENER);
  const w = await waitForLevel(page, 'caution');
  assert.ok(w.reasons.length >= 1, `reasons: ${w.reasons}`);
  await page.keyboard.press('Escape');
});

test('the same words from a friend after a long history stay quiet', async () => {
  await thread('Jo', ['newThread', 'known'], [...HISTORY, ...OPENER]);
  // Give the verdict of the last batch time to arrive, then check nothing shows.
  await page.waitForTimeout(500);
  assert.equal(await readWarning(page), null, `warned a friend: ${JSON.stringify((await readWarning(page))?.reasons)}`);
});

test('when the cues raise the level, the warning says so in its "why"', async () => {
  await thread('Robin', ['newThread', 'stranger'], ASKS);
  const w = await waitForLevel(page, 'warning');
  assert.ok(w.reasons.some((r) => /isn’t one of your friends or contacts/.test(r)), `reasons: ${w.reasons}`);
  assert.ok(w.reasons.some((r) => /only just started/.test(r)), `reasons: ${w.reasons}`);
  await screenshot(page, 'stranger-warning-discord');
  await page.keyboard.press('Escape');
});
