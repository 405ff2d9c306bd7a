// Settings survive an extension update: an old-shape (v0, unversioned) settings object is put in
// storage.local, the next version of the build is loaded over the running one (the worker
// restarts and runtime.onInstalled fires with reason "update", as for a store update), and the
// stored settings come back in the current shape while the options page shows the same choices.
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {DIST_CHROME, evaluateWithin, launch, waitFor} from './harness.mjs';

let env;
before(async () => { env = await launch(); });
let next = null; // the updated build's folder
after(async () => {
  await env?.close();
  if (next) fs.rmSync(next, {recursive: true, force: true});
});

const V0 = {sensitivity: 0, disabledSites: ['tiktok', 'reddit'], country: 'auto', audience: 'adult', showLearnMore: false};

test('v0 settings are migrated on update and the options page shows them', async () => {
  const worker = await env.worker();
  await worker.evaluate((v0) => chrome.storage.local.set({settings: v0}), V0);
  // The next version of the build, unpacked in another folder (same key, so the same ID), is
  // loaded over the running one: Chromium treats it as an update (onInstalled "update").
  next = fs.mkdtempSync(path.join(os.tmpdir(), 'headsup-next-'));
  fs.cpSync(DIST_CHROME, next, {recursive: true});
  const manifest = JSON.parse(fs.readFileSync(path.join(next, 'manifest.json'), 'utf8'));
  const version = manifest.version.split('.').map(Number);
  version[version.length - 1] += 1;
  manifest.version = version.join('.');
  fs.writeFileSync(path.join(next, 'manifest.json'), JSON.stringify(manifest, null, 2));
  // (chrome.runtime.reload() was used here first; on this Chromium the reloaded unpacked
  // extension now and then never came back, with its pages blocked: ERR_BLOCKED_BY_CLIENT.)
  const bs = await env.context.browser().newBrowserCDPSession();
  const {id} = await bs.send('Extensions.loadUnpacked', {path: next});
  await bs.detach();
  assert.equal(id, env.extensionId, 'the update keeps the extension ID');
  // The updated extension's worker runs onInstalled ("update") and rewrites the settings.
  const stored = await waitFor(async () => {
    const w = await env.worker({timeout: 10000});
    const got = await evaluateWithin(w, 2000, () => Promise.all([chrome.runtime.getManifest().version, chrome.storage.local.get('settings')]));
    return got && got[0] === manifest.version && got[1].settings && got[1].settings.version === 1 ? got[1].settings : null;
  }, {what: 'migrated settings, read by the updated worker', timeout: 30000});
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
