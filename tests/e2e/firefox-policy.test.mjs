// Firefox ESR with the school policy from docs/policies/firefox-policies.json, put where Firefox
// reads it (the distribution directory next to the binary), and dist/firefox installed as a
// temporary add-on over WebDriver BiDi (puppeteer-core). Firefox does hand
// `3rdparty.Extensions.<gecko id>` to a temporary add-on's storage.managed: this test shows it.
//
// Two launches:
//  1. the docs' values exactly (skipFirstRunConsent: true): the welcome page is not opened;
//  2. the same values with skipFirstRunConsent: false: the welcome page opens, and from it (BiDi
//     refuses to navigate a tab to moz-extension: URLs, but the page itself may) the test goes to
//     the options page and checks the school's values are shown, locked, with the school contact.
// The policies file is written just before each launch and removed (or the earlier file put
// back) right after Firefox has read it, and again in `finally`. The file's ExtensionSettings
// block (install from AMO) is left out: there is no AMO offline, and the add-on is installed
// by the test.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {test} from 'node:test';
import puppeteer from 'puppeteer-core';
import {ROOT, ensureBuilt, waitFor} from './harness.mjs';

const FIREFOX = process.env.FIREFOX_PATH || '/usr/lib/firefox-esr/firefox-esr';
const DIST_FIREFOX = path.join(ROOT, 'dist/firefox');
const DISTRIBUTION = path.join(path.dirname(fs.realpathSync(FIREFOX)), 'distribution');
const POLICIES = path.join(DISTRIBUTION, 'policies.json');
const BACKUP = `${POLICIES}.headsup-test-backup`;
const GECKO_ID = 'headsup@headsup.invalid';
const docsFile = JSON.parse(fs.readFileSync(path.join(ROOT, 'docs/policies/firefox-policies.json'), 'utf8'));
const docsValues = docsFile.policies['3rdparty'].Extensions[GECKO_ID];

function whyNot() {
  if (!fs.existsSync(FIREFOX)) return `no Firefox at ${FIREFOX}`;
  try {
    fs.mkdirSync(DISTRIBUTION, {recursive: true});
    fs.accessSync(DISTRIBUTION, fs.constants.W_OK);
    return null;
  } catch (err) {
    return `${DISTRIBUTION} is not writable (${err.code}): run as root to test Firefox enterprise policy`;
  }
}

function putPolicies(values) {
  if (fs.existsSync(POLICIES) && !fs.existsSync(BACKUP)) fs.renameSync(POLICIES, BACKUP);
  fs.writeFileSync(POLICIES, JSON.stringify({policies: {'3rdparty': {Extensions: {[GECKO_ID]: values}}}}, null, 2));
}

function restorePolicies() {
  fs.rmSync(POLICIES, {force: true});
  if (fs.existsSync(BACKUP)) fs.renameSync(BACKUP, POLICIES);
}

/** Launches Firefox with `values` as policy; the file is gone again once Firefox has started. */
async function launchWith(values) {
  putPolicies(values);
  let browser;
  try {
    browser = await puppeteer.launch({browser: 'firefox', executablePath: FIREFOX, headless: true});
  } finally {
    restorePolicies(); // Firefox reads policies.json at start-up only
  }
  await browser.installExtension(DIST_FIREFOX);
  return browser;
}

/** The open page whose document is the extension's welcome page, if any. */
async function welcomePage(browser) {
  for (const page of await browser.pages()) {
    const href = await page.evaluate(() => location.href).catch(() => '');
    if (href.startsWith('moz-extension:') && href.endsWith('/pages/welcome.html')) return page;
  }
  return null;
}

test('Firefox: policies.json 3rdparty values reach Heads Up (temporary add-on)', {skip: whyNot() || false}, async (t) => {
  ensureBuilt();
  let browser;
  try {
    await t.test('docs values (skipFirstRunConsent: true): no welcome page', async () => {
      browser = await launchWith(docsValues);
      // Give onInstalled time to have opened the page if it were going to.
      await new Promise((r) => setTimeout(r, 3000));
      assert.equal(await welcomePage(browser), null);
      await browser.close();
      browser = null;
    });

    await t.test('skipFirstRunConsent: false: welcome page, then the options page shows the policy, locked', async () => {
      browser = await launchWith({...docsValues, skipFirstRunConsent: false});
      const page = await waitFor(() => welcomePage(browser), {what: 'welcome page'});
      // The page can be found before its document has a body: wait for the text itself.
      const text = await waitFor(() => page.evaluate(() => document.body?.innerText || null), {what: 'welcome page text'});
      assert.match(text, /does not send your messages/);
      const managed = await page.evaluate(() => browser.storage.managed.get(null));
      assert.deepEqual(managed, {...docsValues, skipFirstRunConsent: false});
      await page.evaluate(() => { location.href = 'options.html'; });
      const s = await waitFor(() => page.evaluate(() => (document.body.dataset.ready === 'true' && !document.getElementById('school').hidden ? {
        locked: !document.getElementById('locked').hidden,
        audience: document.querySelector('input[name=audience]:checked').value,
        audienceDisabled: [...document.querySelectorAll('input[name=audience]')].every((r) => r.disabled),
        country: document.getElementById('country').value,
        countryDisabled: document.getElementById('country').disabled,
        reddit: document.querySelector('#sites input[data-site="reddit"]').checked,
        school: document.getElementById('school').innerText,
      } : null)).catch(() => null), {what: 'options page drawn'});
      assert.equal(s.locked, true);
      assert.equal(s.audience, docsValues.audience);
      assert.equal(s.audienceDisabled, true);
      assert.equal(s.country, docsValues.country);
      assert.equal(s.countryDisabled, true);
      assert.equal(s.reddit, false);
      assert.ok(s.school.includes(docsValues.schoolContact.name));
      assert.ok(s.school.includes(docsValues.schoolContact.email));
    });
  } finally {
    restorePolicies();
    await browser?.close().catch(() => {});
  }
  assert.ok(!fs.existsSync(BACKUP), 'any earlier policies.json is back in place');
});
