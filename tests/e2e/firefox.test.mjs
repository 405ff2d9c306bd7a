// Firefox ESR: the built dist/firefox extension installed as a temporary add-on over WebDriver
// BiDi (puppeteer-core), on the Instagram fixture under its real host name (through a local
// CONNECT proxy). The warning's closed shadow root is out of reach of BiDi, so the test reads
// what assistive technology and the page can see: the host element and the accessibility tree.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, before, test} from 'node:test';
import puppeteer from 'puppeteer-core';
import {startServer} from '../server/server.mjs';
import {ARTIFACTS, ESCALATION, ROOT, SEXTORTION, ensureBuilt, waitFor} from './harness.mjs';

const FIREFOX = process.env.FIREFOX_PATH || '/usr/lib/firefox-esr/firefox-esr';
const DIST_FIREFOX = path.join(ROOT, 'dist/firefox');
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
      // Grant optional permissions without a prompt (this profile only).
      'extensions.webextOptionalPermissionPrompts': false,
    },
  });
  await browser.installExtension(DIST_FIREFOX);
});
after(async () => {
  await browser?.close().catch(() => {});
  await server?.close().catch(() => {});
});

test('Firefox: sextortion on a listed site raises the urgent dialog', async () => {
  const page = await browser.newPage();
  await page.goto('https://www.instagram.com/');
  await page.waitForFunction(() => window.__fixture);
  await page.evaluate(() => window.__fixture.switchThread('ff1', 'Sam'));
  for (const m of SEXTORTION) await page.evaluate((from, text) => window.__fixture.append(from, text), m.from, m.text);
  await waitFor(() => page.evaluate(() => document.querySelectorAll('heads-up-warning').length === 1), {timeout: 30000, what: 'warning host in Firefox'});
  // The page sees only an empty host: its shadow root is closed.
  assert.equal(await page.evaluate(() => document.querySelector('heads-up-warning').shadowRoot), null);
  assert.equal(await page.evaluate(() => document.querySelector('heads-up-warning').textContent), '');
  fs.mkdirSync(ARTIFACTS, {recursive: true});
  await new Promise((r) => setTimeout(r, 400));
  await page.screenshot({path: path.join(ARTIFACTS, 'firefox-urgent.png')});
  await page.keyboard.press('Escape');
  await waitFor(() => page.evaluate(() => document.querySelectorAll('heads-up-warning').length === 0), {what: 'closed with Escape'});
  await page.close();
});

test('Firefox: at caution, each path waits for the person; "Send anyway" hands the page the same bytes', async () => {
  const page = await browser.newPage();
  await page.goto('https://www.instagram.com/');
  await page.waitForFunction(() => window.__fixture);
  await page.evaluate(() => window.__fixture.switchThread('ff2', 'Robin'));
  // An opener, then "let's move to snapchat": a caution (see ESCALATION in the harness).
  for (const m of ESCALATION.slice(0, 3)) await page.evaluate((from, text) => window.__fixture.append(from, text), m.from, m.text);
  await waitFor(() => page.evaluate(() => document.querySelectorAll('heads-up-warning').length === 1), {timeout: 30000, what: 'caution in Firefox'});
  const BYTES = [0x89, 0x50, 0x4e, 0x47, 7, 8, 9, 10];
  let h = 0x811c9dc5; // FNV-1a of BYTES, as the fixture computes it
  for (const b of BYTES) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  const hash = h.toString(16).padStart(8, '0');
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'headsup-ff-')), 'picked.png');
  fs.writeFileSync(file, Buffer.from(BYTES));
  const add = async (via, name) => {
    if (via === 'input') return (await page.$('input[type=file]')).uploadFile(file);
    return page.evaluate((how, n, bytes) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(bytes)], n, {type: 'image/png'}));
      if (how === 'paste') document.querySelector('[contenteditable="true"]').dispatchEvent(new ClipboardEvent('paste', {clipboardData: dt, bubbles: true, cancelable: true}));
      else document.querySelector('main').dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));
    }, via, name, BYTES);
  };
  const received = () => page.evaluate(() => window.__fixture.received.map((r) => `${r.via}:${r.name}:${r.size}:${r.hash}`));
  const settle = () => new Promise((r) => setTimeout(r, 800));
  const expected = [];
  // Firefox drops the files of a paste a script makes (the page's own test paste included), so
  // the paste path is what Chromium's test covers; here: the file input and a drop.
  for (const via of ['input', 'drop']) {
    // The panel takes the focus on "Don't send"; Escape is "Don't send" too.
    await add(via, 'kept.png');
    await settle();
    assert.deepEqual(await received(), expected, `${via}: the page got the picture before the person chose`);
    await page.keyboard.press('Escape');
    await settle();
    assert.deepEqual(await received(), expected, `${via}: Don't send let it through`);
    // Again: Tab to "Send anyway", Enter.
    await add(via, 'picked.png');
    await settle();
    assert.deepEqual(await received(), expected);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expected.push(`${via}:picked.png:8:${hash}`);
    await waitFor(async () => JSON.stringify(await received()) === JSON.stringify(expected), {what: `${via}: the picture after Send anyway`});
  }
  await page.close();
});
