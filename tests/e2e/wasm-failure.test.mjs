// Issue 7: if the wasm fails to load, the page works untouched and the popup says Heads Up is not
// running. Chromium runs a copy of dist/chrome whose pkg/headsup_bg.wasm is corrupted (the copy
// only; dist/chrome stays as built).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {after, before, test} from 'node:test';
import {DIST_CHROME, SEXTORTION, ensureBuilt, launch, openPopup, readWarning, waitFor} from './harness.mjs';

const HOST = 'www.instagram.com';
let env;
let copy;

before(async () => {
  ensureBuilt();
  copy = fs.mkdtempSync(path.join(os.tmpdir(), 'headsup-broken-wasm-'));
  fs.cpSync(DIST_CHROME, copy, {recursive: true});
  const wasm = path.join(copy, 'pkg/headsup_bg.wasm');
  assert.ok(fs.statSync(wasm).size > 1000, 'the copy has the real wasm before we break it');
  // Right size, wrong bytes: fetch succeeds, compiling fails.
  fs.writeFileSync(wasm, Buffer.alloc(fs.statSync(wasm).size, 0x5a));
  env = await launch({extensionDir: copy});
  env.server.route(HOST, 'sites/instagram.html');
});
after(async () => {
  await env?.close();
  if (copy) fs.rmSync(copy, {recursive: true, force: true});
});

test('a wasm that fails to load: the page works untouched, the popup says Heads Up is not running', async () => {
  const page = await env.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`https://${HOST}/`);
  await page.waitForFunction(() => window.__fixture);
  // The page's own script keeps working while Heads Up cannot analyse anything.
  for (const m of SEXTORTION) await page.evaluate(({from, text}) => window.__fixture.append(from, text), m);
  const last = SEXTORTION[SEXTORTION.length - 1].text;
  assert.ok(await page.evaluate((t) => document.body.textContent.includes(t), last), 'the page shows its own messages');
  await page.waitForTimeout(3000); // a working extension warns well within this (see flows)
  assert.equal(await readWarning(page), null, 'no warning host element on the page');
  assert.deepEqual(errors, [], 'no exceptions from the page');

  const popup = await openPopup(env, page);
  const status = await waitFor(() => popup.locator('#status').textContent(), {what: 'popup status'});
  assert.equal(status, 'Heads Up is not running on this page.');
  assert.equal(await popup.locator('#status').getAttribute('data-state'), 'not-running');
  assert.match(await popup.locator('#level').textContent(), /could not start.*works as usual/);
  assert.equal(await popup.locator('#count').textContent(), '', 'no message count for a page not analysed');
  await popup.close();

  // Still nothing on the page, and the page keeps working after the content script backed off.
  await page.evaluate(() => window.__fixture.append('them', 'are you still there'));
  await page.waitForTimeout(500);
  assert.equal(await readWarning(page), null);
  assert.deepEqual(errors, []);
  await page.close();
});
