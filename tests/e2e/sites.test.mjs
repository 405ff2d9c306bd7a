// Every site in sites.json that has a fixture page under tests/fixtures/sites/ (the adapter
// engineer's, driven through its window.__fixture hook): served under the site's real host name,
// the built extension reads it through the manifest's real match patterns.
//   - a sextortion conversation arriving message by message raises urgent with the right signs;
//   - a benign one (flirting, money between friends) raises nothing;
//   - the same words with the roles swapped (the threats written by "me") raise nothing, which
//     shows the person's own messages are told apart from the other person's.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {FIXTURES} from '../server/server.mjs';
import {
  BENIGN, SEXTORTION, SITES, launch, popupStatus, readWarning, screenshot, waitFor, waitForLevel,
} from './harness.mjs';

// Where each app starts when the path matters for telling apps on one host apart.
const START_PATH = {'telegram-a': '/a/', 'telegram-k': '/k/'};
const REASON_THREAT = /threaten to share pictures/i;
const REASON_PAYMENT = /ask for money/i;

const withFixture = SITES.sites.filter((s) => fs.existsSync(path.join(FIXTURES, 'sites', `${s.id}.html`)));

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

let threadNo = 0;
/** A conversation key every site's URL pattern accepts (Snapchat wants 36 hex chars, Discord digits). */
function nextKey() {
  threadNo += 1;
  return `${String(threadNo).padStart(8, '0')}-2222-3333-4444-555555555555`;
}

async function play(page, messages) {
  for (const m of messages) await page.evaluate(({from, text}) => window.__fixture.append(from, text), m);
}

async function readAll(page, n) {
  return waitFor(async () => ((await popupStatus(env, page)).count === n ? true : null), {what: `${n} messages read`});
}

test('there are site fixtures to test', () => {
  assert.ok(withFixture.length > 0, 'no fixture pages under tests/fixtures/sites/');
});

for (const site of withFixture) {
  describe(`site ${site.id}`, () => {
    let page;
    before(async () => {
      const host = site.hosts[0];
      env.server.route(host, `sites/${site.id}.html`);
      page = await env.context.newPage();
      await page.goto(`https://${host}${START_PATH[site.id] || '/'}`);
      await page.waitForFunction(() => window.__fixture);
    });
    after(async () => { await page?.close(); });

    test('benign conversation raises nothing', async () => {
      await page.evaluate((k) => window.__fixture.switchThread(k, 'Jo'), nextKey());
      await play(page, BENIGN);
      await readAll(page, BENIGN.length);
      const w = await readWarning(page);
      assert.equal(w, null, `warning on a benign chat: ${w && w.reasons}`);
    });

    test('roles swapped (threats written by me) raise nothing', async () => {
      await page.evaluate((k) => window.__fixture.switchThread(k, 'Kim'), nextKey());
      await play(page, SEXTORTION.map((m) => ({...m, from: m.from === 'me' ? 'them' : 'me'})));
      await readAll(page, SEXTORTION.length);
      const w = await readWarning(page);
      assert.ok(!w || !w.reasons.some((r) => REASON_THREAT.test(r)), `threat attributed to them: ${w && w.reasons}`);
    });

    test('sextortion arriving message by message raises urgent with the right signs', async () => {
      await page.evaluate((k) => window.__fixture.switchThread(k, 'Sam'), nextKey());
      await play(page, SEXTORTION.slice(0, 2));
      await readAll(page, 2);
      assert.equal(await readWarning(page), null, 'warned after a plain greeting');
      await play(page, SEXTORTION.slice(2));
      await readAll(page, SEXTORTION.length);
      const w = await waitForLevel(page, 'urgent');
      assert.equal(w.role, 'alertdialog');
      assert.ok(w.reasons.some((r) => REASON_THREAT.test(r)), `reasons: ${w.reasons}`);
      assert.ok(w.reasons.some((r) => REASON_PAYMENT.test(r)), `reasons: ${w.reasons}`);
      await screenshot(page, `site-${site.id}-urgent`);
      await page.keyboard.press('Escape');
      await waitForLevel(page, null);
    });
  });
}
