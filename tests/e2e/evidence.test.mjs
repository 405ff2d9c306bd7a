// The evidence pack end to end in Chromium with the built extension: trigger a warning on the
// Instagram fixture, save evidence (downloads go to a temp dir through CDP
// Browser.setDownloadBehavior), then open the saved files and check every message, the
// identifiers, the hashes (recomputed) and the screenshot (a valid PNG). Hostile message text
// must come out as text in the HTML, never as markup.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, before, test} from 'node:test';
import {parseHTML} from 'linkedom';
import {
  ARTIFACTS, SEXTORTION, clickWarningButton, launch, openPopupFor, readWarning, waitFor, waitForLevel,
} from './harness.mjs';

const HOST = 'www.instagram.com';
const HOSTILE = [
  '</td></tr></table><script>window.__pwned = 1</script>',
  '<img src=x onerror="window.__pwned=2"> "quoted" & \'single\'',
  'tap here javascript:alert(1) <a href="javascript:alert(1)">x</a>',
];
const IDS = [
  {from: 'them', text: 'add my snap @sam_k99 or write to Sam.K@example.com, call +44 7700 900123'},
  {from: 'them', text: 'cash app $jessK or btc bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq or GB82 WEST 1234 5698 7654 32'},
  {from: 'them', text: 'steam card code AB1C2-DE3F4-GH5J6, pics are at https://mega.nz/folder/abc#key'},
];
const CHAT = [...SEXTORTION, ...IDS, ...HOSTILE.map((text) => ({from: 'them', text}))];

let env;
let bs;
let downloads;
const dirs = [];
let n = 0;

// Downloads go to a temp dir. Playwright sets its own download behaviour over CDP (it renames
// files); setting Browser.setDownloadBehavior back to "default" lets the extension's own file
// names and sub-folder apply, as for a person, and the browser's default folder is pointed at a
// temp dir through the XDG user-dirs file Chromium reads on Linux.
const xdg = fs.mkdtempSync(path.join(os.tmpdir(), 'headsup-xdg-'));
const downloadsRoot = path.join(xdg, 'Downloads');

before(async () => {
  fs.mkdirSync(downloadsRoot);
  fs.writeFileSync(path.join(xdg, 'user-dirs.dirs'), `XDG_DOWNLOAD_DIR="${downloadsRoot}"\n`);
  process.env.XDG_CONFIG_HOME = xdg;
  env = await launch();
  env.server.route(HOST, 'sites/instagram.html');
  bs = await env.context.browser().newBrowserCDPSession();
  await bs.send('Browser.setDownloadBehavior', {behavior: 'default', eventsEnabled: true});
  dirs.push(xdg);
});
after(async () => {
  await env?.close();
  for (const d of dirs) fs.rmSync(d, {recursive: true, force: true});
});

async function freshDownloads() {
  downloads = downloadsRoot;
}

async function chatPage() {
  const page = await env.context.newPage();
  await page.goto(`https://${HOST}/`);
  await page.waitForFunction(() => window.__fixture);
  n += 1;
  await page.evaluate(([k]) => window.__fixture.switchThread(k, 'Jess K'), [`ev${n}`]);
  for (const m of CHAT) await page.evaluate(({from, text}) => window.__fixture.append(from, text), m);
  await waitFor(async () => {
    const w = await readWarning(page);
    return w && w.level === 'urgent' && w.buttons.some((b) => b.action === 'save-evidence');
  }, {what: 'urgent warning with Save evidence'});
  return page;
}

const packs = () => fs.readdirSync(downloads).filter((d) => d.startsWith('HeadsUp-evidence-'));

/** A real click on the evidence question's "Also save a picture of the screen" box (CDP sees the closed root). */
async function untickScreenPicture(page) {
  const session = await page.context().newCDPSession(page);
  const {root} = await session.send('DOM.getDocument', {depth: -1, pierce: true});
  const find = (node) => {
    const a = node.attributes || [];
    if (node.nodeName === 'INPUT' && a.includes('data-action') && a[a.indexOf('data-action') + 1] === 'evidence-screenshot') return node;
    for (const c of [...(node.children || []), ...(node.shadowRoots || [])]) { const f = find(c); if (f) return f; }
    return null;
  };
  const box = find(root);
  assert.ok(box, 'the screen-picture box');
  const q = (await session.send('DOM.getBoxModel', {backendNodeId: box.backendNodeId})).model.content;
  await page.mouse.click((q[0] + q[4]) / 2, (q[1] + q[5]) / 2);
  await session.detach();
}

async function saveAndWait(page, {screenPicture = true} = {}) {
  await freshDownloads();
  const before = new Set(packs());
  await clickWarningButton(page, 'save-evidence');
  const asked = await waitFor(async () => {
    const w = await readWarning(page);
    return w && w.buttons.some((b) => b.action === 'evidence-confirm') ? w : null;
  }, {what: 'the question before saving'});
  assert.match(asked.text, /Nothing is sent to anyone/);
  // It says what the screen picture holds, that it can be left out, and (under 18) when to.
  assert.match(asked.text, /everything on the screen now/);
  assert.match(asked.text, /with the time where the site shows it/);
  assert.match(asked.text, /leave the box ticked/);
  assert.match(asked.text, /not to keep pictures like that of anyone under 18/);
  assert.equal(packs().length, before.size, 'nothing is saved before the person says yes');
  if (!screenPicture) await untickScreenPicture(page);
  await clickWarningButton(page, 'evidence-confirm');
  const saved = await waitFor(async () => {
    const w = await readWarning(page);
    return w && /Saved \d files/.test(w.text) ? w : null;
  }, {what: 'saved status', timeout: 30000});
  const dir = await waitFor(() => packs().find((d) => !before.has(d)), {what: 'pack folder'});
  const full = path.join(downloads, dir);
  await waitFor(() => fs.existsSync(path.join(full, 'SHA256SUMS.txt')) && !fs.readdirSync(full).some((f) => f.endsWith('.crdownload')), {what: 'all files written'});
  return {saved, dir: full};
}

const sha256 = (file) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

function checkSums(dir) {
  const lines = fs.readFileSync(path.join(dir, 'SHA256SUMS.txt'), 'utf8').trim().split('\n');
  const listed = lines.map((l) => l.split(/ {2}/));
  for (const [hash, name] of listed) assert.equal(sha256(path.join(dir, name)), hash, `hash of ${name}`);
  return listed.map(([, name]) => name);
}

function isPng(file) {
  const b = fs.readFileSync(file);
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return b.subarray(0, 8).equals(sig) && b.subarray(12, 16).toString('latin1') === 'IHDR' && b.readUInt32BE(16) > 0 && b.readUInt32BE(20) > 0;
}

test('evidence pack: every message, identifiers, hashes and a screenshot, on this device only', async () => {
  const page = await chatPage();
  await page.bringToFront(); // the tab on screen, as when a person clicks in it
  // A click on the toolbar button grants activeTab for this tab, which captureVisibleTab needs.
  const popup = await openPopupFor(env, page);
  await popup.close();
  const {saved, dir} = await saveAndWait(page);

  assert.match(saved.text, /Saved 4 files/);
  assert.ok(saved.text.includes(dir), `the warning says where the files went (${dir})`);
  assert.match(saved.text, /Don’t delete the chat/);
  assert.deepEqual(fs.readdirSync(dir).sort(), ['SHA256SUMS.txt', 'conversation.html', 'conversation.json', 'screenshot.png']);
  assert.deepEqual(checkSums(dir).sort(), ['conversation.html', 'conversation.json', 'screenshot.png']);
  assert.ok(isPng(path.join(dir, 'screenshot.png')), 'screenshot is a valid PNG');
  assert.ok(fs.statSync(path.join(dir, 'screenshot.png')).size > 5000, 'a real picture, not an empty one');
  fs.copyFileSync(path.join(dir, 'screenshot.png'), path.join(ARTIFACTS, 'evidence-screenshot.png'));

  const json = JSON.parse(fs.readFileSync(path.join(dir, 'conversation.json'), 'utf8'));
  assert.equal(json.format, 'heads-up-evidence/1');
  assert.equal(json.page.url, page.url());
  assert.equal(json.otherAccount.name, 'Jess K');
  assert.ok(!Number.isNaN(Date.parse(json.savedAt)));
  assert.deepEqual(json.messages.map((m) => [m.from, m.text]), CHAT.map((m) => [m.from, m.text]), 'every message, in order');
  assert.ok(json.messages.some((m) => m.showedSigns), 'which messages showed signs');
  assert.ok(json.messages[3].showedSigns, 'the threat is marked');
  assert.ok(!json.messages[1].showedSigns, 'my own reply is not');
  assert.equal(json.screenshot.sha256, sha256(path.join(dir, 'screenshot.png')));
  const ids = json.identifiers;
  assert.ok(ids.handles.includes('@sam_k99'), JSON.stringify(ids));
  assert.ok(ids.emails.includes('Sam.K@example.com'));
  assert.ok(ids.phones.includes('+44 7700 900123'));
  assert.ok(ids.payment.cashtags.includes('jessK'));
  assert.ok(ids.payment.crypto.includes('bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq'));
  assert.ok(ids.payment.iban.includes('GB82 WEST 1234 5698 7654 32'));
  assert.ok(ids.payment.giftcards.includes('AB1C2-DE3F4-GH5J6'));
  assert.ok(ids.urls.includes('https://mega.nz/folder/abc#key'));

  // The HTML: self-contained, every message as text, nothing hostile turned into markup.
  const html = fs.readFileSync(path.join(dir, 'conversation.html'), 'utf8');
  const {document} = parseHTML(html);
  assert.equal(document.querySelectorAll('script').length, 0, 'no script element');
  assert.equal(document.querySelectorAll('a').length, 0, 'no links at all');
  const imgs = [...document.querySelectorAll('img')];
  assert.equal(imgs.length, 1, 'only the screenshot');
  assert.match(imgs[0].getAttribute('src'), /^data:image\/png;base64,/);
  assert.ok(![...document.querySelectorAll('*')].some((e) => [...e.attributes].some((a) => a.name.startsWith('on'))), 'no event handlers');
  const texts = [...document.querySelectorAll('bdi.text')].map((b) => b.textContent);
  assert.deepEqual(texts, CHAT.map((m) => m.text), 'each message comes back as the same text');
  for (const id of ['@sam_k99', 'GB82 WEST 1234 5698 7654 32', 'jessK']) assert.ok(document.body.textContent.includes(id));
  assert.ok(document.body.textContent.includes('Cash App names ($cashtags)'), 'a literal $ in a message survives');
  assert.match(html, /Content-Security-Policy/);

  // Open the saved page in the browser: it renders, runs nothing; keep a picture of it.
  const view = await env.context.newPage();
  await view.goto(`file://${path.join(dir, 'conversation.html')}`);
  assert.equal(await view.evaluate(() => window.__pwned), undefined);
  assert.equal(await view.locator('bdi.text').count(), CHAT.length);
  await view.screenshot({path: path.join(ARTIFACTS, 'evidence-pack.png'), fullPage: true});
  await view.close();

  // Stored nothing: the extension's storage holds no message text.
  const worker = await env.worker();
  const stored = JSON.stringify(await worker.evaluate(() => chrome.storage.local.get(null)));
  for (const m of CHAT) assert.ok(!stored.includes(m.text), 'no message text in storage');
  await page.close();
});

test('without the toolbar click the pack is saved without a picture, and says how to add one', async () => {
  const page = await chatPage();
  const {saved, dir} = await saveAndWait(page);
  assert.match(saved.text, /Saved 3 files/);
  assert.match(saved.text, /press the Heads Up button in the browser toolbar/);
  assert.deepEqual(checkSums(dir).sort(), ['conversation.html', 'conversation.json']);
  const json = JSON.parse(fs.readFileSync(path.join(dir, 'conversation.json'), 'utf8'));
  assert.equal(json.screenshot, null);
  assert.equal(json.messages.length, CHAT.length);
  await page.close();
});

test('the person can leave the picture of the screen out: no capture, no hint to add one', async () => {
  const page = await chatPage();
  await page.bringToFront();
  const popup = await openPopupFor(env, page); // the capture would be allowed
  await popup.close();
  const {saved, dir} = await saveAndWait(page, {screenPicture: false});
  assert.match(saved.text, /Saved 3 files/);
  assert.doesNotMatch(saved.text, /press the Heads Up button/);
  assert.deepEqual(checkSums(dir).sort(), ['conversation.html', 'conversation.json']);
  assert.equal(JSON.parse(fs.readFileSync(path.join(dir, 'conversation.json'), 'utf8')).screenshot, null);
  await page.close();
});

test('cancel saves nothing', async () => {
  const page = await chatPage();
  await freshDownloads();
  const count = packs().length;
  await clickWarningButton(page, 'save-evidence');
  await waitFor(async () => (await readWarning(page)).buttons.some((b) => b.action === 'evidence-cancel'), {what: 'question'});
  await clickWarningButton(page, 'evidence-cancel');
  await waitFor(async () => !(await readWarning(page)).buttons.some((b) => b.action === 'evidence-confirm'), {what: 'question closed'});
  await page.waitForTimeout(500);
  assert.equal(packs().length, count);
  await waitForLevel(page, 'urgent');
  await page.close();
});
