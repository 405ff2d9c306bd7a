#!/usr/bin/env node
// `make demo`: builds the extension, opens Chromium with it on a local copy of an Instagram chat
// (served under www.instagram.com by the local TLS fixture server), plays a conversation that
// turns from friendly to blackmail, and saves what the person would see at each level:
// tests/artifacts/demo-caution.png, demo-warning.png, demo-urgent.png.
// With $DISPLAY set the browser window is shown and left open until you press Enter.
import {execFileSync} from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import {fileURLToPath} from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
if (!args.has('--no-build')) {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-extension.mjs'), ...(args.has('--skip-wasm') ? ['--skip-wasm'] : [])], {stdio: 'inherit'});
}
const {ARTIFACTS, ESCALATION, launch, readWarning, waitFor, waitForLevel} = await import('../tests/e2e/harness.mjs');

const headful = Boolean(process.env.DISPLAY) && !args.has('--headless');
const env = await launch({headless: !headful});
const pause = (ms) => new Promise((r) => setTimeout(r, headful ? ms : 0));
try {
  env.server.route('www.instagram.com', 'sites/instagram.html');
  const page = await env.context.newPage();
  await page.goto('https://www.instagram.com/');
  await page.waitForFunction(() => window.__fixture);
  await page.evaluate(() => window.__fixture.switchThread('demo', 'Sam'));
  console.log(`Heads Up demo: Chromium ${headful ? 'window' : '(headless)'} on https://www.instagram.com/direct/t/demo/ (local fixture)\n`);

  const stops = {2: 'caution', 3: 'warning', 6: 'urgent'};
  for (const [i, m] of ESCALATION.entries()) {
    await page.evaluate(({from, text}) => window.__fixture.append(from, text), m);
    console.log(`  ${m.from === 'me' ? 'me  ' : 'them'}: ${m.text}`);
    await pause(900);
    const level = stops[i];
    if (!level) continue;
    const w = await waitForLevel(page, level, {timeout: 30000});
    await page.waitForTimeout(400);
    const file = path.join(ARTIFACTS, `demo-${level}.png`);
    await page.screenshot({path: file});
    console.log(`\n  → ${level.toUpperCase()}: "${w.title}"`);
    for (const r of w.reasons) console.log(`      · ${r}`);
    console.log(`    screenshot: ${path.relative(ROOT, file)}\n`);
    await pause(2500);
  }
  // The person's last message speaks of self-harm: the dialog now leads with crisis help.
  const last = await waitFor(async () => {
    const w = await readWarning(page);
    return w && /^You matter/.test(w.text) ? w : null;
  }, {timeout: 30000, what: 'crisis help'});
  const crisisFile = path.join(ARTIFACTS, 'demo-urgent-crisis.png');
  await page.waitForTimeout(400);
  await page.screenshot({path: crisisFile});
  console.log(`  → URGENT with crisis help first: "${last.buttons[0].label}"\n    screenshot: ${path.relative(ROOT, crisisFile)}\n`);
  console.log(`Screenshots are in ${path.relative(ROOT, ARTIFACTS)}/ (demo-caution.png, demo-warning.png, demo-urgent.png).`);
  if (headful) {
    const rl = readline.createInterface({input: process.stdin, output: process.stdout});
    await new Promise((resolve) => rl.question('Press Enter to close the browser. ', resolve));
    rl.close();
  }
} finally {
  await env.close();
}
