// Packaging for the stores and for managed installs: reproducible zips, one version, the stable
// Chrome ID only where it belongs, the managed-storage schema only in the Chrome build.
import assert from 'node:assert/strict';
import {createHash} from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {test} from 'node:test';
import zlib from 'node:zlib';
import {build, patchManifest, storeManifest} from '../../scripts/build-extension.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
const read = (rel) => JSON.parse(fs.readFileSync(path.join(ROOT, rel), 'utf8'));
const manifest = read('manifest.json');
const sites = read('extension/sites.json');
const pkg = read('package.json');
const ZIPS = ['headsup-chrome.zip', 'headsup-edge.zip', 'headsup-firefox.zip'];

/** Reads a stored or deflated entry's bytes from one of our zips (central directory walk). */
function zipEntry(buf, name) {
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = buf.readUInt32LE(end + 16);
  for (let i = 0; i < buf.readUInt16LE(end + 10); i += 1) {
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLen = buf.readUInt16LE(at + 28);
    const local = buf.readUInt32LE(at + 42);
    if (buf.toString('utf8', at + 46, at + 46 + nameLen) === name) {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const body = buf.subarray(start, start + size);
      return method === 8 ? zlib.inflateRawSync(body) : body;
    }
    at += 46 + nameLen + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return null;
}

test('the version is stamped from package.json; the root manifest has none of its own', () => {
  assert.equal(manifest.version, undefined);
  for (const target of ['chrome', 'firefox']) assert.equal(patchManifest(manifest, target, sites).version, pkg.version);
  assert.match(pkg.version, /^\d+\.\d+\.\d+$/);
});

test('Chrome keeps key and managed_schema; Firefox drops both; store uploads drop key', () => {
  const chrome = patchManifest(manifest, 'chrome', sites);
  const firefox = patchManifest(manifest, 'firefox', sites);
  assert.equal(chrome.key, manifest.key);
  assert.equal(chrome.storage.managed_schema, 'managed_schema.json');
  assert.equal(firefox.key, undefined);
  assert.equal(firefox.storage, undefined);
  const store = storeManifest(chrome);
  assert.equal(store.key, undefined);
  assert.equal(store.storage.managed_schema, 'managed_schema.json');
  assert.equal(chrome.key, manifest.key, 'storeManifest does not change its input');
});

const haveWasm = fs.existsSync(path.join(ROOT, 'extension/pkg/headsup_bg.wasm'));
test('two builds of the same source give byte-identical zips', {skip: !haveWasm && 'extension/pkg not built (make wasm)'}, () => {
  const dirs = [0, 1].map(() => fs.mkdtempSync(path.join(os.tmpdir(), 'headsup-build-')));
  try {
    const hashes = dirs.map((dist) => {
      build({skipWasm: true, dist, log: () => {}});
      return Object.fromEntries(ZIPS.map((z) => [z, createHash('sha256').update(fs.readFileSync(path.join(dist, z))).digest('hex')]));
    });
    assert.deepEqual(hashes[0], hashes[1]);
    // Chrome Web Store and Edge Add-ons take the same package.
    assert.equal(hashes[0]['headsup-chrome.zip'], hashes[0]['headsup-edge.zip']);
    const chromeZip = fs.readFileSync(path.join(dirs[0], 'headsup-chrome.zip'));
    const storeManifestJson = JSON.parse(zipEntry(chromeZip, 'manifest.json').toString('utf8'));
    assert.equal(storeManifestJson.key, undefined, 'no key in the store upload');
    assert.equal(storeManifestJson.version, pkg.version);
    assert.ok(zipEntry(chromeZip, 'managed_schema.json'), 'the schema ships to Chrome and Edge');
    const ffZip = fs.readFileSync(path.join(dirs[0], 'headsup-firefox.zip'));
    assert.equal(zipEntry(ffZip, 'managed_schema.json'), null);
    assert.equal(JSON.parse(zipEntry(ffZip, 'manifest.json').toString('utf8')).key, undefined);
    // The unpacked Chrome build keeps the key, so its ID is the documented one.
    assert.equal(read(path.relative(ROOT, path.join(dirs[0], 'chrome/manifest.json'))).key, manifest.key);
  } finally {
    for (const d of dirs) fs.rmSync(d, {recursive: true, force: true});
  }
});
