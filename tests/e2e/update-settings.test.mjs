// Settings survive an extension update: an old-shape (v0, unversioned) settings object is put in
// storage.local, the extension is reloaded (chrome.runtime.reload(): the worker restarts and
// runtime.onInstalled fires with reason "update", as for a store update), and the stored settings
// come back in the current shape while the options page shows the same choices.
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import {launch, waitFor} from './harness.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

const V0 = {sensitivity: 0, disabledSites: ['tiktok', 'reddit'], country: 'auto', audience: 'adult', showLearnMore: false};

test('v0 settings are migrated on update and the options page shows them', async () => {
  const worker = await env.worker();
  await worker.evaluate((v0) => chrome.storage.local.set({settings: v0}), V0);
  const oldUrl = worker.url();
  // The old worker is marked, so the wait below only accepts the reloaded extension's worker.
  await worker.evaluate(() => { globalThis.headsupTestOldWorker = true; setTimeout(() => chrome.runtime.reload(), 50); });
  // The reloaded extension's worker runs onInstalled ("update") and rewrites the settings.
  const stored = await waitFor(async () => {
    for (const w of env.context.serviceWorkers().filter((x) => x.url() === oldUrl)) {
      const got = await w.evaluate(() => (globalThis.headsupTestOldWorker ? null : chrome.storage.local.get('settings'))).catch(() => null);
      if (got && got.settings && got.settings.version === 1) return got.settings;
    }
    return null;
  }, {what: 'migrated settings, read by the reloaded worker', timeout: 30000});
  assert.deepEqual(stored, {version: 1, sensitivity: 'low', sites: {tiktok: false, reddit: false}, country: '', audience: 'adult', showLearnMore: false});

  const page = await env.context.newPage();
  await page.goto(env.extensionUrl('pages/options.html'));
  await page.waitForSelector('#sites input[data-site=tiktok]');
  const shown = await waitFor(() => page.evaluate(() => {
    const checked = (name) => (document.querySelector(`input[name=${name}]:checked`) || {}).value;
    const site = (id) => document.querySelector(`#sites input[data-site=${id}]`).checked;
    const s = {sensitivity: checked('sensitivity'), audience: checked('audience'), country: document.getElementById('country').value,
      tiktok: site('tiktok'), reddit: site('reddit'), instagram: site('instagram')};
    return s.sensitivity ? s : null;
  }), {what: 'options page filled'});
  assert.deepEqual(shown, {sensitivity: 'low', audience: 'adult', country: '', tiktok: false, reddit: false, instagram: true});
  await page.close();
});
