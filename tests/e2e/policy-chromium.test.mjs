// A real managed Chromium: the test writes docs/policies/chromium-linux-managed.json (the file the
// docs tell admins to use) into Chromium's Linux managed-policy directory, launches Chromium with
// the built extension, and checks that Heads Up applied the school's values; then it changes the
// policy, has Chromium reload it (the "Reload policies" button of chrome://policy), and checks the
// change arrived while everything kept running. The policy file is removed in `finally`.
//
// What makes this work: dist/chrome carries the manifest `key`, so the unpacked build loaded with
// --load-extension has the documented ID, and Chromium hands `3rdparty.extensions.<ID>` to
// storage.managed for it. The file's ExtensionSettings block (force-install from the Chrome Web
// Store) is left out here: there is no store offline, and the unpacked build is already installed.
//
// Needs root (or a writable /etc/chromium/policies/managed); otherwise skipped with the reason.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {test} from 'node:test';
import {ROOT, launch, waitFor} from './harness.mjs';

const POLICY_DIR = process.env.HEADSUP_POLICY_DIR || '/etc/chromium/policies/managed';
const POLICY_FILE = path.join(POLICY_DIR, 'headsup-e2e-test.json');
const ID = 'foifdmplgnlhmocjihljifpkhnoolmbd';
const docsFile = JSON.parse(fs.readFileSync(path.join(ROOT, 'docs/policies/chromium-linux-managed.json'), 'utf8'));
const firstValues = docsFile['3rdparty'].extensions[ID];
const helplines = JSON.parse(fs.readFileSync(path.join(ROOT, 'extension/data/helplines.json'), 'utf8')).entries;

function writePolicy(values) {
  // Written whole, then renamed, so Chromium never reads half a file.
  const tmp = `${POLICY_FILE}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify({'3rdparty': {extensions: {[ID]: values}}}, null, 2));
  fs.renameSync(tmp, POLICY_FILE);
}

function whyNotWritable() {
  try {
    fs.mkdirSync(POLICY_DIR, {recursive: true});
    fs.accessSync(POLICY_DIR, fs.constants.W_OK);
    return null;
  } catch (err) {
    return `${POLICY_DIR} is not writable (${err.code}): run as root to test a managed Chromium`;
  }
}

/** Opens an extension page and waits until its script has run. */
async function openPage(env, rel) {
  const page = await env.context.newPage();
  await page.goto(env.extensionUrl(rel));
  return page;
}

async function optionsState(page) {
  return page.evaluate(() => {
    const radio = (name) => [...document.querySelectorAll(`input[name=${name}]`)];
    const managed = (key) => !document.querySelector(`fieldset[data-setting=${key}] .managed`).hidden;
    const site = (id) => document.querySelector(`#sites input[data-site="${id}"]`);
    return {
      ready: document.body.dataset.ready === 'true',
      locked: !document.getElementById('locked').hidden,
      lockedText: document.getElementById('locked').textContent,
      audience: (radio('audience').find((r) => r.checked) || {}).value,
      audienceDisabled: radio('audience').every((r) => r.disabled),
      sensitivityDisabled: radio('sensitivity').every((r) => r.disabled),
      country: document.getElementById('country').value,
      countryDisabled: document.getElementById('country').disabled,
      countryManaged: managed('country'),
      managedNote: document.querySelector('fieldset[data-setting=country] .managed').textContent,
      reddit: site('reddit') && {checked: site('reddit').checked, disabled: site('reddit').disabled},
      discord: site('discord') && {checked: site('discord').checked, disabled: site('discord').disabled},
      school: document.getElementById('school').hidden ? null : document.getElementById('school').innerText,
      extra: document.getElementById('extra').innerText,
      extraAdderHidden: document.getElementById('extra-adder').hidden,
    };
  });
}

test('a managed Chromium applies the school policy to Heads Up, and a policy change live', {skip: whyNotWritable() || false}, async (t) => {
  assert.ok(!fs.existsSync(POLICY_FILE), `${POLICY_FILE} left over from an earlier run`);
  let env;
  try {
    writePolicy(firstValues);
    env = await launch({keepWelcome: true});

    await t.test('the unpacked build has the documented ID', () => {
      assert.equal(env.extensionId, ID);
    });

    await t.test('storage.managed holds the policy, exactly as written', async () => {
      const worker = await env.worker();
      const managed = await waitFor(() => worker.evaluate(() => chrome.storage.managed.get(null))
        .then((v) => (Object.keys(v).length ? v : null)), {what: 'storage.managed'});
      assert.deepEqual(managed, firstValues);
    });

    await t.test('skipFirstRunConsent: no welcome page opened', async () => {
      // Longer than the background's grace for a late policy (POLICY_GRACE_MS, 2.5 s in
      // background/welcome.js), so a welcome page opened after it would be seen.
      await new Promise((r) => setTimeout(r, 4000));
      const welcome = env.context.pages().filter((p) => p.url().includes('/pages/welcome.html'));
      assert.equal(welcome.length, 0);
    });

    let options;
    await t.test('the settings in force are the school\'s (the background\'s own view)', async () => {
      options = await openPage(env, 'pages/options.html');
      const merged = await options.evaluate(() => chrome.runtime.sendMessage({type: 'page-bg-settings'}));
      assert.equal(merged.locked, true);
      assert.equal(merged.skipFirstRunConsent, true);
      assert.equal(merged.settings.audience, firstValues.audience);
      assert.equal(merged.settings.country, firstValues.country);
      assert.equal(merged.settings.sensitivity, firstValues.sensitivity);
      assert.equal(merged.settings.sites.reddit, false);
      assert.deepEqual(merged.settings.extraSites, firstValues.extraSites);
      assert.deepEqual(merged.settings.schoolContact, firstValues.schoolContact);
    });

    await t.test('options: every setting locked, marked "Set by your school", the school contact shown', async () => {
      const s = await waitFor(async () => {
        const st = await optionsState(options);
        return st.ready && st.school ? st : null;
      }, {what: 'options page drawn'});
      assert.equal(s.locked, true);
      assert.match(s.lockedText, /Your school manages these settings/);
      assert.equal(s.audience, firstValues.audience);
      assert.equal(s.audienceDisabled, true);
      assert.equal(s.sensitivityDisabled, true);
      assert.equal(s.country, 'US');
      assert.equal(s.countryDisabled, true);
      assert.equal(s.countryManaged, true);
      assert.equal(s.managedNote, 'Set by your school');
      assert.deepEqual(s.reddit, {checked: false, disabled: true});
      assert.deepEqual(s.discord, {checked: true, disabled: true}, 'locked: even sites the policy does not name');
      for (const v of [firstValues.schoolContact.name, firstValues.schoolContact.text, firstValues.schoolContact.phone, firstValues.schoolContact.email]) {
        assert.ok(s.school.includes(v), `school contact shows ${v}`);
      }
      assert.match(s.extra, /chat\.example\.org/);
      assert.match(s.extra, /Added by your school/);
      assert.equal(s.extraAdderHidden, true);
      await options.screenshot({path: path.join(ROOT, 'tests/artifacts/options-managed-locked.png'), fullPage: true});
    });

    // The help page belongs to the help work (issue 4); it shows the policy's country and school
    // contact once it reads the settings through readEffective() (see shared/settings.js).
    const helpSrc = fs.readFileSync(path.join(ROOT, 'extension/pages/help.js'), 'utf8');
    const helpReadsPolicy = /readEffective|page-bg-settings|PAGE_BG_SETTINGS/.test(helpSrc);
    await t.test('help page: the policy country\'s help lines and the school contact', {todo: !helpReadsPolicy && 'help.js does not read the settings in force yet'}, async () => {
      const help = await openPage(env, 'pages/help.html');
      const names = helplines.filter((e) => e.country === 'US' && (e.audience !== 'adult')).map((e) => e.name);
      const text = await waitFor(async () => {
        const body = await help.evaluate(() => document.body.innerText);
        return names.every((n) => body.includes(n)) && body.includes(firstValues.schoolContact.name) ? body : null;
      }, {timeout: 8000, what: 'US help lines and school contact on the help page'});
      assert.ok(!helplines.filter((e) => e.country === 'GB').some((e) => text.includes(e.name)));
      await help.close();
    });

    await t.test('a policy change is picked up while running', async () => {
      const second = {
        ...firstValues,
        audience: 'adult',
        country: 'GB',
        lockSettings: false,
        sites: {reddit: true},
        schoolContact: {name: 'Mr Okafor, Pastoral Lead', phone: '+44 20 7946 0000'},
      };
      delete second.extraSites;
      writePolicy(second);
      const admin = await env.context.newPage();
      await admin.goto('chrome://policy');
      await admin.click('#reload-policies');
      // The options page redraws on storage.onChanged ("managed") without a reload.
      const s = await waitFor(async () => {
        const st = await optionsState(options);
        return st.audience === 'adult' && st.school && st.school.includes('Mr Okafor') ? st : null;
      }, {what: 'options page redrawn with the new policy'});
      assert.equal(s.locked, false);
      assert.equal(s.audienceDisabled, true, 'still managed');
      assert.equal(s.sensitivityDisabled, true, 'still managed');
      assert.equal(s.country, 'GB');
      assert.deepEqual(s.reddit, {checked: true, disabled: true});
      assert.deepEqual(s.discord, {checked: true, disabled: false}, 'unlocked: sites the policy does not name are the student\'s');
      assert.ok(!s.school.includes('Ms Rivera'));
      assert.equal(s.extraAdderHidden, false, 'extraSites no longer managed');
      const merged = await options.evaluate(() => chrome.runtime.sendMessage({type: 'page-bg-settings'}));
      assert.equal(merged.settings.audience, 'adult');
      assert.equal(merged.settings.country, 'GB');
      assert.deepEqual(merged.settings.extraSites, []);
      await admin.close();
    });
  } finally {
    fs.rmSync(POLICY_FILE, {force: true});
    fs.rmSync(`${POLICY_FILE}.tmp`, {force: true});
    await env?.close();
  }
  assert.ok(!fs.existsSync(POLICY_FILE));
});

test('without a policy, the first run opens the welcome page, and storage.managed is empty', {skip: whyNotWritable() || false}, async () => {
  assert.ok(!fs.existsSync(POLICY_FILE));
  const env = await launch({keepWelcome: true});
  try {
    const worker = await env.worker();
    assert.deepEqual(await worker.evaluate(() => chrome.storage.managed.get(null).catch(() => ({}))), {});
    const welcome = await waitFor(() => env.context.pages().find((p) => p.url() === env.extensionUrl('pages/welcome.html')),
      {what: 'welcome page'});
    await welcome.waitForLoadState();
    const text = await waitFor(() => welcome.evaluate(() => document.body.innerText).then((x) => (x.includes('Heads Up') ? x : null)),
      {what: 'welcome text'});
    assert.match(text, /What Heads Up does not do/);
    assert.match(text, /never collected or shared/);
    const merged = await welcome.evaluate(() => chrome.runtime.sendMessage({type: 'page-bg-settings'}));
    assert.deepEqual({locked: merged.locked, managed: merged.managed, skip: merged.skipFirstRunConsent}, {locked: false, managed: [], skip: false});
  } finally {
    await env.close();
  }
});
