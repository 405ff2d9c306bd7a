// The build's pure parts (manifest patching, content bundle, zip) and lints of the shipped
// sources: exact CSP, host permissions from sites.json, no HTML-string sinks, every string
// through _locales, a reason for every signal, no exclamation marks.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import {test} from 'node:test';
import {fileURLToPath} from 'node:url';
import {bundleModules, patchManifest, siteMatches, withSites, zipDirectory, FIREFOX_ID} from '../../scripts/build-extension.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const EXT = path.join(ROOT, 'extension');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'manifest.json'), 'utf8'));
const sites = JSON.parse(fs.readFileSync(path.join(EXT, 'sites.json'), 'utf8'));
const messages = JSON.parse(fs.readFileSync(path.join(EXT, '_locales/en/messages.json'), 'utf8'));
const SIGNALS = ['sexual_request', 'image_first', 'rapid_intimacy', 'pressure_after_no', 'platform_move', 'secrecy',
  'hacking_claim', 'contacts_claim', 'threat_to_share', 'ruin_threat', 'payment_demand', 'urgency', 'impersonation',
  'email_scam', 'cold_opener', 'victim_distress'];

function files(dir, ext) {
  return fs.readdirSync(dir, {withFileTypes: true}).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p, ext) : (p.endsWith(ext) ? [p] : []);
  });
}

test('the root manifest: MV3, exact CSP, both background forms, narrow permissions', () => {
  assert.equal(manifest.manifest_version, 3);
  assert.equal(manifest.content_security_policy.extension_pages, "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'");
  assert.deepEqual(manifest.background, {service_worker: 'background/main.js', scripts: ['background/main.js'], type: 'module'});
  assert.deepEqual(manifest.permissions.slice().sort(), ['activeTab', 'downloads', 'scripting', 'storage']);
  assert.deepEqual(manifest.optional_host_permissions, ['*://*/*']);
  assert.ok(!manifest.web_accessible_resources, 'nothing web-accessible: pages cannot probe for the extension');
});

test('host permissions and content-script matches are exactly the listed sites', () => {
  const m = withSites(manifest, sites);
  assert.deepEqual(m.host_permissions, siteMatches(sites));
  assert.deepEqual(m.content_scripts[0].matches, siteMatches(sites));
  for (const p of m.host_permissions) assert.match(p, /^https:\/\/[a-z0-9.-]+\/.*\*$/);
});

test('chrome patch drops background.scripts; firefox patch adds gecko settings and drops the worker', () => {
  const chrome = patchManifest(manifest, 'chrome', sites);
  assert.deepEqual(chrome.background, {service_worker: 'background/main.js', type: 'module'});
  assert.equal(chrome.browser_specific_settings, undefined);
  const ff = patchManifest(manifest, 'firefox', sites);
  assert.deepEqual(ff.background, {scripts: ['background/main.js'], type: 'module'});
  assert.equal(ff.browser_specific_settings.gecko.id, FIREFOX_ID);
  assert.deepEqual(ff.browser_specific_settings.gecko.data_collection_permissions, {required: ['none']});
  assert.match(ff.browser_specific_settings.gecko.strict_min_version, /^\d+\.0$/);
  assert.equal(ff.minimum_chrome_version, undefined);
  assert.equal(ff.content_security_policy.extension_pages, manifest.content_security_policy.extension_pages);
  assert.deepEqual(manifest.background.scripts, ['background/main.js'], 'the root manifest is not mutated');
});

test('the content bundle is one classic script whose modules keep their own scope', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-'));
  fs.mkdirSync(path.join(dir, 'a'));
  fs.writeFileSync(path.join(dir, 'a/x.js'), 'const secret = 1;\nexport function twice(n) { return n * 2 + secret - 1; }\nexport const NAME = "x";\n');
  fs.writeFileSync(path.join(dir, 'a/y.js'), "import {twice as double, NAME} from './x.js';\nconst secret = 2;\nfunction run() { out.push(double(secret), NAME); }\nexport {run};\n");
  fs.writeFileSync(path.join(dir, 'main.js'), "import {run} from './a/y.js';\nrun();\n");
  const code = bundleModules(dir, 'main.js');
  const out = [];
  vm.runInNewContext(code, {out});
  assert.deepEqual(out, [4, 'x']);
  fs.writeFileSync(path.join(dir, 'bad.js'), "export default 1;\n");
  assert.throws(() => bundleModules(dir, 'bad.js'), /does not support/);
});

test('the real content bundle parses as a classic script', () => {
  const code = bundleModules(EXT, 'content/main.js');
  assert.doesNotThrow(() => new vm.Script(code));
  assert.ok(!/^\s*(import|export)\s/m.test(code));
});

test('zips are reproducible', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zip-'));
  fs.mkdirSync(path.join(dir, 'b'));
  fs.writeFileSync(path.join(dir, 'b/two.txt'), 'two two two two two');
  fs.writeFileSync(path.join(dir, 'one.txt'), 'one');
  const first = zipDirectory(dir);
  fs.utimesSync(path.join(dir, 'one.txt'), new Date(2001, 1, 1), new Date(2001, 1, 1));
  assert.ok(first.equals(zipDirectory(dir)));
  assert.equal(first.readUInt32LE(0), 0x04034b50);
});

test('no HTML-string sinks or eval anywhere in the shell', () => {
  const sources = files(EXT, '.js').filter((f) => !f.includes(`${path.sep}pkg${path.sep}`));
  for (const f of sources) {
    const src = fs.readFileSync(f, 'utf8').replace(/^\s*\/\/.*$/gm, '');
    assert.ok(!/\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|\beval\s*\(|new Function\s*\(/.test(src), `${path.relative(ROOT, f)} uses an HTML/JS string sink`);
  }
});

test('every t(...) key and data-i18n key exists; every signal has a reason; no exclamation marks', () => {
  const mine = ['content', 'background', 'pages', 'shared'].flatMap((d) => files(path.join(EXT, d), '.js').concat(files(path.join(EXT, d), '.html')));
  const used = new Set();
  for (const f of mine) {
    const src = fs.readFileSync(f, 'utf8');
    for (const m of src.matchAll(/\bt\('([a-z_]+)'/g)) used.add(m[1]);
    for (const m of src.matchAll(/data-i18n(?:-[a-z-]+)?="([a-z_A-Z]+)"/g)) used.add(m[1]);
  }
  for (const k of used) assert.ok(messages[k], `missing string ${k}`);
  for (const id of SIGNALS) assert.ok(messages[`reason_${id}`], `no reason text for ${id}`);
  // A family only the learned scorer read comes with reason_learned_<family> (analyser.rs).
  for (const f of ['grooming', 'coercion', 'demand', 'distress']) assert.ok(messages[`reason_learned_${f}`], `no reason text for learned ${f}`);
  for (const level of ['caution', 'warning', 'urgent']) {
    assert.ok(messages[`title_${level}`] && messages[`lead_${level}`], level);
    assert.match(messages[`lead_${level}`].message, /fault|wrong/, `lead_${level} opens with "not your fault"`);
  }
  for (const [k, v] of Object.entries(messages)) assert.ok(!v.message.includes('!'), `exclamation mark in ${k}`);
});
