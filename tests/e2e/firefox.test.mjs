// Firefox ESR: the built dist/firefox extension installed as a temporary add-on over WebDriver
// BiDi (puppeteer-core), on the Instagram fixture under its real host name (through a local
// CONNECT proxy). The warning's closed shadow root is out of reach of BiDi, so the test reads
// what assistive technology and the page can see: the host element and the accessibility tree.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {after, before, test} from 'node:test';
import puppeteer from 'puppeteer-core';
import {startServer} from '../server/server.mjs';
import {ARTIFACTS, ROOT, SEXTORTION, ensureBuilt, waitFor} from './harness.mjs';

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
