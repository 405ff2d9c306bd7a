// The evidence pack in Firefox ESR (dist/firefox as a temporary add-on over WebDriver BiDi, on the
// Instagram fixture under its real host name). BiDi cannot reach into the warning's closed shadow
// root, so the test uses the keyboard as a person could: the urgent dialog focuses "Get help";
// Tab moves to "Save evidence", Enter opens the question and focuses "Yes, save it", Enter saves.
// Firefox's download folder is pointed at a temp dir; the files there are checked like in Chromium.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, before, test} from 'node:test';
import puppeteer from 'puppeteer-core';
import {startServer} from '../server/server.mjs';
import {ROOT, SEXTORTION, ensureBuilt, waitFor} from './harness.mjs';

const FIREFOX = process.env.FIREFOX_PATH || '/usr/lib/firefox-esr/firefox-esr';
const DIST_FIREFOX = path.join(ROOT, 'dist/firefox');
const downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'headsup-ff-downloads-'));
const CHAT = [...SEXTORTION, {from: 'them', text: 'pay to $jessK <b>now</b>'}];
let server;
let browser;

before(async () => {
  ensureBuilt();
  server = await startServer();
  server.route('www.instagram.com', 'sites/instagram.html');
  browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    acceptInsecureCerts: true,
    extraPrefsFirefox: {
      'network.proxy.type': 1,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': server.proxyPort,
      'network.proxy.allow_hijacking_localhost': true,
      'network.proxy.no_proxies_on': '',
      'browser.download.dir': downloads,
      'browser.download.folderList': 2,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
    },
  });
  await browser.installExtension(DIST_FIREFOX);
});
after(async () => {
  await browser?.close().catch(() => {});
  await server?.close().catch(() => {});
  fs.rmSync(downloads, {recursive: true, force: true});
});

test('Firefox: Save evidence from the keyboard writes the pack (conversation, JSON, hashes)', async () => {
  const page = await browser.newPage();
  await page.goto('https://www.instagram.com/');
  await page.waitForFunction(() => window.__fixture);
  await page.evaluate(() => window.__fixture.switchThread('ffev1', 'Jess K'));
  for (const m of CHAT) await page.evaluate((from, text) => window.__fixture.append(from, text), m.from, m.text);
  await waitFor(() => page.evaluate(() => document.querySelectorAll('heads-up-warning').length === 1), {timeout: 30000, what: 'warning host in Firefox'});
  await new Promise((r) => setTimeout(r, 1500)); // the last message analysed; focus on "Get help"
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await new Promise((r) => setTimeout(r, 300));
  await page.keyboard.press('Enter');
  const dir = await waitFor(() => {
    const d = fs.readdirSync(downloads).find((x) => x.startsWith('HeadsUp-evidence-'));
    if (!d) return null;
    const dir = path.join(downloads, d);
    // Firefox creates the file first and fills it after (with a .part beside it): wait until done.
    const sums = path.join(dir, 'SHA256SUMS.txt');
    const done = fs.existsSync(sums) && !fs.readdirSync(dir).some((f) => f.endsWith('.part'))
      && /^([0-9a-f]{64} {2}\S+\n){2,}$/.test(fs.readFileSync(sums, 'utf8'));
    return done ? dir : null;
  }, {timeout: 30000, what: 'pack in the Firefox download folder'});
  const files = fs.readdirSync(dir).sort();
  assert.ok(files.includes('conversation.html') && files.includes('conversation.json'), files.join());
  const json = JSON.parse(fs.readFileSync(path.join(dir, 'conversation.json'), 'utf8'));
  assert.deepEqual(json.messages.map((m) => [m.from, m.text]), CHAT.map((m) => [m.from, m.text]));
  assert.ok(json.identifiers.payment.cashtags.includes('jessK'));
  for (const line of fs.readFileSync(path.join(dir, 'SHA256SUMS.txt'), 'utf8').trim().split('\n')) {
    const [hash, name] = line.split(/ {2}/);
    assert.equal(crypto.createHash('sha256').update(fs.readFileSync(path.join(dir, name))).digest('hex'), hash, name);
  }
  assert.ok(fs.readFileSync(path.join(dir, 'conversation.html'), 'utf8').includes('pay to $jessK &lt;b&gt;now&lt;/b&gt;'));
  await page.close();
});
