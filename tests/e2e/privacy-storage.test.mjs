// Privacy, proven: (1) the network recorder in harness.mjs really sees extension requests (a
// negative control: requests planted in the worker and in the content script's world are caught);
// (2) after a browsing run with warnings, dismissals ("not now", "this is wrong", Escape), the
// popup and settings changes in the options page, everything the extension stores
// (storage.local, .sync, .session, plus Cache Storage and IndexedDB of its origin) holds no
// message text, names, usernames, conversation ids or other identifiers from the chats.
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import {ESCALATION, SEXTORTION, clickWarningButton, launch, popupStatus, waitFor, waitForLevel} from './harness.mjs';

const HOST = 'www.instagram.com';
const PEER = 'Jessamy Quinnell-Vortigern';
const THREAD = 'q7k9z3threadid4471';
const IDS = [
  {from: 'them', text: 'add my snap @jessq_vortigern99 or write to jessamy.q@example.com, call +44 7700 900123'},
  {from: 'them', text: 'cash app $jessQV or btc bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq, steam code AB1C2-DE3F4-GH5J6'},
  {from: 'me', text: 'my name is Ottoline Brackenbury and I go to Wexcombe Academy'},
];

let env;
before(async () => {
  env = await launch();
  env.server.route(HOST, 'sites/instagram.html');
});
after(async () => { await env?.close(); });

test('negative control: the recorder catches a request made by the worker and by content-script code', async () => {
  const worker = await env.worker();
  const planted = 'https://tracker.invalid/beacon?from=worker';
  await worker.evaluate((u) => fetch(u).catch(() => null), planted);
  const page = await env.context.newPage();
  await page.goto(`https://${HOST}/`);
  await page.waitForFunction(() => window.__fixture);
  // Code in the content script's isolated world, with the content script's URL as its source
  // (as the content script's own functions have), asks for a remote URL.
  const session = await page.context().newCDPSession(page);
  const contexts = [];
  session.on('Runtime.executionContextCreated', (e) => contexts.push(e.context));
  await session.send('Runtime.enable');
  const cs = await waitFor(() => contexts.find((c) => c.name === 'Heads Up'), {what: 'content script world'});
  const plantedCs = 'https://tracker.invalid/beacon?from=content';
  await session.send('Runtime.evaluate', {contextId: cs.id,
    expression: `fetch(${JSON.stringify(plantedCs)}).catch(() => null);\n//# sourceURL=${env.extensionUrl('content/content.js')}`});
  await session.detach();
  const caught = await waitFor(() => {
    const v = env.network.summary().violations.map((r) => r.url);
    return v.includes(planted) && v.includes(plantedCs) ? v : null;
  }, {what: 'planted requests recorded as violations'});
  // (A request can be seen twice when the recorder holds two sessions to one target, e.g. the
  // worker reached both from the browser and from an open extension page.)
  assert.deepEqual([...new Set(caught)].sort(), [plantedCs, planted].sort());
  // The fixture page's own requests are the page's, not the extension's.
  assert.ok(env.network.requests.some((r) => r.url === `https://${HOST}/` && !env.network.isExtensions(r)));
  // Remove the planted requests so the file's final check is about the extension alone.
  env.network.requests = env.network.requests.filter((r) => ![planted, plantedCs].includes(r.url));
  assert.equal(env.network.summary().violations.length, 0);
  await page.close();
});

test('after warnings, dismissals and settings changes, storage holds no text, names or identifiers', async () => {
  const page = await env.context.newPage();
  await page.goto(`https://${HOST}/`);
  await page.waitForFunction(() => window.__fixture);
  await page.evaluate(([k, n]) => window.__fixture.switchThread(k, n), [THREAD, PEER]);
  const say = async (ms) => { for (const m of ms) await page.evaluate(({from, text}) => window.__fixture.append(from, text), m); };
  await say(ESCALATION.slice(0, 3));
  await waitForLevel(page, 'caution', {timeout: 40000});
  await clickWarningButton(page, 'not-now');
  await say(ESCALATION.slice(3, 4));
  await waitForLevel(page, 'warning');
  await clickWarningButton(page, 'wrong');
  await say([...ESCALATION.slice(4, 8), ...IDS]);
  await waitForLevel(page, 'urgent');
  await page.keyboard.press('Escape');
  await waitForLevel(page, null);
  const status = await popupStatus(env, page);
  assert.equal(status.count, 8 + IDS.length);
  // A second conversation.
  await page.evaluate(() => window.__fixture.switchThread('second77thread', 'Peregrine Ashdown'));
  await say(SEXTORTION);
  await waitForLevel(page, 'urgent');
  await clickWarningButton(page, 'not-now');

  // Settings changes in the options page.
  const options = await env.context.newPage();
  await options.goto(env.extensionUrl('pages/options.html'));
  await options.waitForSelector('#sites input[data-site=tiktok]');
  await options.check('input[name=sensitivity][value=high]');
  await options.uncheck('#sites input[data-site=tiktok]');
  await options.selectOption('#country', 'GB');
  const worker = await env.worker();
  await waitFor(async () => {
    const {settings} = await worker.evaluate(() => chrome.storage.local.get('settings'));
    return settings && settings.sensitivity === 'high' && settings.country === 'GB' && settings.sites && settings.sites.tiktok === false;
  }, {what: 'settings saved'});
  await options.close();

  const dump = await (await env.worker()).evaluate(async () => ({
    local: await chrome.storage.local.get(null),
    sync: await chrome.storage.sync.get(null),
    session: await chrome.storage.session.get(null),
    caches: await caches.keys(),
    indexedDB: indexedDB.databases ? (await indexedDB.databases()).map((d) => d.name) : [],
  }));
  const text = JSON.stringify(dump);
  console.log(`privacy[storage dump]: ${text.length} characters; local keys ${Object.keys(dump.local).join(', ')}; `
    + `sync keys ${Object.keys(dump.sync).length}; session keys ${Object.keys(dump.session).length}; caches ${dump.caches.length}; indexedDB ${dump.indexedDB.length}`);
  // Something was stored (settings and dismissals), so the search below searches something.
  assert.ok(dump.local.settings && dump.local.settings.sensitivity === 'high');
  assert.ok(Object.keys(dump.local).some((k) => /dismiss/i.test(k)), `no dismissal records in ${Object.keys(dump.local)}`);

  const chats = [...ESCALATION, ...IDS, ...SEXTORTION];
  const needles = new Set([PEER, 'Jessamy', 'Quinnell', 'Vortigern', THREAD, 'second77thread', 'Peregrine', 'Ashdown',
    'jessq_vortigern99', 'jessamy.q@example.com', '7700 900123', '900123', 'jessQV', 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq',
    'AB1C2-DE3F4-GH5J6', 'Ottoline', 'Brackenbury', 'Wexcombe', '/direct/t/']);
  for (const m of chats) {
    needles.add(m.text);
    // Every word of six letters or more from every message.
    for (const w of m.text.split(/[^\p{L}\p{N}_@.$-]+/u)) if (w.length >= 6) needles.add(w);
  }
  const lower = text.toLowerCase();
  const found = [...needles].filter((n) => lower.includes(n.toLowerCase()));
  console.log(`privacy[storage dump]: searched for ${needles.size} strings from the conversations; found ${found.length}`);
  assert.deepEqual(found, [], `conversation content in storage: ${found.join(' | ')}`);
  assert.deepEqual(dump.sync, {});
  assert.deepEqual(dump.caches, []);
  assert.deepEqual(dump.indexedDB, []);
  await page.close();
});
