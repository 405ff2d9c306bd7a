// The evidence pack works on every supported site: for each site fixture (served under the
// site's real host name), a sextortion chat raises the urgent warning, "Save evidence" saves a
// pack, and its JSON holds every message in order with the right senders, the page address and
// the hashes. (The screenshot itself is covered in evidence.test.mjs.)
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, before, test} from 'node:test';
import {FIXTURES} from '../server/server.mjs';
import {SEXTORTION, SITES, clickWarningButton, launch, readWarning, waitFor} from './harness.mjs';

const START_PATH = {'telegram-a': '/a/', 'telegram-k': '/k/'};
const withFixture = SITES.sites.filter((s) => fs.existsSync(path.join(FIXTURES, 'sites', `${s.id}.html`)));
const CHAT = [...SEXTORTION, {from: 'them', text: 'pay to $jessK or call +44 7700 900123'}];

const xdg = fs.mkdtempSync(path.join(os.tmpdir(), 'headsup-xdg-'));
const downloads = path.join(xdg, 'Downloads');
let env;

before(async () => {
  fs.mkdirSync(downloads);
  fs.writeFileSync(path.join(xdg, 'user-dirs.dirs'), `XDG_DOWNLOAD_DIR="${downloads}"\n`);
  process.env.XDG_CONFIG_HOME = xdg;
  env = await launch();
  const bs = await env.context.browser().newBrowserCDPSession();
  await bs.send('Browser.setDownloadBehavior', {behavior: 'default'});
});
after(async () => {
  await env?.close();
  fs.rmSync(xdg, {recursive: true, force: true});
});

let n = 0;
for (const site of withFixture) {
  test(`evidence pack on ${site.id}`, async () => {
    const host = site.hosts[0];
    env.server.route(host, `sites/${site.id}.html`);
    const page = await env.context.newPage();
    await page.goto(`https://${host}${START_PATH[site.id] || '/'}`);
    await page.waitForFunction(() => window.__fixture);
    n += 1;
    await page.evaluate((k) => window.__fixture.switchThread(k, 'Jess K'), `${String(n).padStart(8, '0')}-2222-3333-4444-555555555555`);
    for (const m of CHAT) await page.evaluate(({from, text}) => window.__fixture.append(from, text), m);
    await waitFor(async () => {
      const w = await readWarning(page);
      return w && w.level === 'urgent' && w.buttons.some((b) => b.action === 'save-evidence');
    }, {what: `urgent warning on ${site.id}`, timeout: 30000});
    const before = new Set(fs.readdirSync(downloads));
    // Some fixtures settle their conversation key after the first messages (a new key rebuilds
    // the warning): press again if the question went with it.
    for (let attempt = 0; ; attempt += 1) {
      await clickWarningButton(page, 'save-evidence');
      try {
        await waitFor(async () => (await readWarning(page)).buttons.some((b) => b.action === 'evidence-confirm'), {what: 'question', timeout: 3000});
        break;
      } catch (err) {
        if (attempt >= 3) throw err;
      }
    }
    await clickWarningButton(page, 'evidence-confirm');
    await waitFor(async () => /Saved \d files/.test((await readWarning(page)).text), {what: 'saved', timeout: 30000});
    const dir = await waitFor(() => {
      const d = fs.readdirSync(downloads).find((x) => !before.has(x));
      return d && fs.existsSync(path.join(downloads, d, 'SHA256SUMS.txt')) ? path.join(downloads, d) : null;
    }, {what: 'pack folder'});
    const json = JSON.parse(fs.readFileSync(path.join(dir, 'conversation.json'), 'utf8'));
    // Every message the page shows, in order, with its sender (the fixture may show a few of its
    // own before ours; ours are the last ones).
    const tail = json.messages.slice(-CHAT.length).map((m) => [m.from, m.text]);
    assert.deepEqual(tail, CHAT.map((m) => [m.from, m.text]), site.id);
    assert.equal(json.page.url, page.url());
    assert.ok(json.identifiers.payment.cashtags.includes('jessK'));
    assert.ok(json.identifiers.phones.includes('+44 7700 900123'));
    for (const line of fs.readFileSync(path.join(dir, 'SHA256SUMS.txt'), 'utf8').trim().split('\n')) {
      const [hash, name] = line.split(/ {2}/);
      assert.equal(crypto.createHash('sha256').update(fs.readFileSync(path.join(dir, name))).digest('hex'), hash);
    }
    await page.close();
  });
}
