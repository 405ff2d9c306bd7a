#!/usr/bin/env node
// Builds the extension: dist/chrome/ and dist/firefox/ (unpacked, loadable) and reproducible
// store zips: dist/headsup-chrome.zip (Chrome Web Store), dist/headsup-edge.zip (Edge Add-ons)
// and dist/headsup-firefox.zip (AMO). Same source → same bytes: sorted entries, fixed
// timestamps and modes. The version comes from package.json alone; the build stamps it into
// every manifest.
//
//   node scripts/build-extension.mjs              build everything (runs scripts/build-wasm.sh first)
//   node scripts/build-extension.mjs --skip-wasm  reuse extension/pkg (tests call this after one build)
//   node scripts/build-extension.mjs --sync-manifest  rewrite the site lists in manifest.json from sites.json
//
// One manifest (manifest.json at the root) serves both browsers; patchManifest() below adapts it,
// with a comment on each patch. The site list (host permissions and content-script matches) comes
// from extension/sites.json, the single source of which sites are supported.
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import {fileURLToPath, pathToFileURL} from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const FIREFOX_ID = 'headsup@headsup.invalid';
export const FIREFOX_MIN_VERSION = '140.0'; // first release that knows data_collection_permissions
export const CONTENT_ENTRY = 'content/main.js';
export const CONTENT_BUNDLE = 'content/content.js';

/** Sorted, de-duplicated match patterns of every listed site. */
export function siteMatches(sitesJson) {
  const list = Array.isArray(sitesJson) ? sitesJson : (sitesJson && sitesJson.sites) || [];
  return [...new Set(list.flatMap((s) => s.matches || []))].sort();
}

/** The root manifest with its site lists filled from sites.json (browser-neutral). */
export function withSites(manifest, sitesJson) {
  const m = structuredClone(manifest);
  const matches = siteMatches(sitesJson);
  m.host_permissions = matches;
  m.content_scripts = (m.content_scripts || []).map((cs) => ({...cs, matches}));
  return m;
}

/** The one version: package.json's. */
export function packageVersion() {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
}

/** The manifest for one browser. */
export function patchManifest(manifest, target, sitesJson, version = packageVersion()) {
  const m = withSites(manifest, sitesJson);
  // The version is kept in package.json only; every build carries it.
  m.version = version;
  if (target === 'chrome') {
    // Chrome runs background.service_worker; "scripts" is the Firefox form: drop it so Chrome
    // does not warn about an unknown key.
    delete m.background.scripts;
  } else if (target === 'firefox') {
    // Firefox has no extension service workers: it runs background.scripts as an event page.
    delete m.background.service_worker;
    delete m.minimum_chrome_version;
    // `key` fixes the Chrome extension ID of unpacked builds; Firefox has its gecko id instead
    // and AMO refuses a manifest that carries `key`.
    delete m.key;
    // Firefox has no managed-storage schema: policies.json values reach storage.managed as they
    // are, and policy.js validates them.
    delete m.storage;
    m.browser_specific_settings = {
      gecko: {
        // A fixed id keeps storage and granted permissions across updates and temporary installs.
        id: FIREFOX_ID,
        strict_min_version: FIREFOX_MIN_VERSION,
        // Mozilla's required declaration: this extension collects and transmits nothing.
        data_collection_permissions: {required: ['none']},
      },
      // Firefox for Android learned data_collection_permissions in 142.
      gecko_android: {strict_min_version: '142.0'},
    };
  } else {
    throw new Error(`unknown target ${target}`);
  }
  return m;
}

// ── content-script bundle ─────────────────────────────────────────────────────────────
// Content scripts cannot be ES modules. Rather than a loader that import()s web-accessible
// modules (which lets any page detect the extension), we join the entry module and its imports
// into one classic script. Each module keeps its own function scope; imports become reads from
// the modules object. Only the forms used in this code base are supported, and anything else
// fails the build loudly.

const IMPORT_RE = /^\s*import\s+(?:\{([^}]*)\}|(\*\s+as\s+\w+)|(\w+))\s+from\s+['"]([^'"]+)['"];?[ \t]*$/gm;
const EXPORT_DECL_RE = /^export\s+(?:async\s+)?(function\*?|class|const|let|var)\s+([A-Za-z_$][\w$]*)/gm;
const EXPORT_LIST_RE = /^export\s*\{([^}]*)\};?[ \t]*$/gm;

/** Joins `entry` (path relative to baseDir) and its relative imports into one classic script. */
export function bundleModules(baseDir, entry, read = (p) => fs.readFileSync(p, 'utf8')) {
  const order = [];
  const sources = new Map();
  const visiting = new Set();
  const visit = (rel) => {
    if (sources.has(rel)) return;
    if (visiting.has(rel)) throw new Error(`bundle: import cycle at ${rel}`);
    visiting.add(rel);
    const src = read(path.join(baseDir, rel));
    if (/\bimport\s*\(|\bimport\.meta\b|^export\s+default\b|^export\s*\*/m.test(src)) {
      throw new Error(`bundle: ${rel} uses a module form the bundler does not support`);
    }
    const deps = [];
    for (const m of src.matchAll(IMPORT_RE)) deps.push(path.posix.join(path.posix.dirname(rel), m[4]));
    for (const d of deps) visit(d);
    visiting.delete(rel);
    sources.set(rel, src);
    order.push(rel);
  };
  visit(entry);

  const parts = [
    `// Generated by scripts/build-extension.mjs from extension/${entry} and its imports. Do not edit.`,
    '(() => {',
    "'use strict';",
    'const __modules = Object.create(null);',
  ];
  for (const rel of order) {
    let src = sources.get(rel);
    const exported = [];
    src = src.replace(IMPORT_RE, (_, named, star, def, from) => {
      const dep = JSON.stringify(path.posix.join(path.posix.dirname(rel), from));
      if (star || def) throw new Error(`bundle: ${rel}: only named imports are supported`);
      const names = named.split(',').map((s) => s.trim()).filter(Boolean)
        .map((s) => s.replace(/^([\w$]+)\s+as\s+([\w$]+)$/, '$1: $2'));
      return `const {${names.join(', ')}} = __modules[${dep}];`;
    });
    src = src.replace(EXPORT_DECL_RE, (whole, kind, name) => {
      exported.push(name);
      return whole.replace(/^export\s+/, '');
    });
    src = src.replace(EXPORT_LIST_RE, (_, list) => {
      for (const item of list.split(',').map((s) => s.trim()).filter(Boolean)) {
        const m = item.match(/^([\w$]+)(?:\s+as\s+([\w$]+))?$/);
        if (!m) throw new Error(`bundle: ${rel}: cannot read export ${item}`);
        exported.push(m[2] ? `${m[2]}: ${m[1]}` : m[1]);
      }
      return '';
    });
    if (/^\s*(import|export)\b/m.test(src)) throw new Error(`bundle: ${rel}: unsupported import/export left`);
    parts.push(`// ── ${rel}`, `__modules[${JSON.stringify(rel)}] = (() => {`, src.trimEnd(),
      `return Object.freeze({${exported.join(', ')}});`, '})();');
  }
  parts.push('})();', '');
  return parts.join('\n');
}

/**
 * The manifest uploaded to the Chrome Web Store and Edge Add-ons: the stores assign the ID from
 * their own key and refuse an uploaded `key`, so only unpacked builds (dist/chrome) carry it.
 */
export function storeManifest(chromeManifest) {
  const m = structuredClone(chromeManifest);
  delete m.key;
  return m;
}

// ── reproducible zip ──────────────────────────────────────────────────────────────────
// Sorted entries, fixed timestamps and permissions: the same tree always gives the same bytes.

function listFiles(dir, base = dir) {
  return fs.readdirSync(dir, {withFileTypes: true}).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? listFiles(full, base) : [path.relative(base, full).split(path.sep).join('/')];
  }).sort();
}

/** Zips `dir`; `replace` maps entry names to the bytes to store instead of the file's. */
export function zipDirectory(dir, replace = {}) {
  const DOS_TIME = 0;            // 00:00:00
  const DOS_DATE = (1 << 5) | 1; // 1980-01-01
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const name of listFiles(dir)) {
    const data = Object.hasOwn(replace, name) ? Buffer.from(replace[name]) : fs.readFileSync(path.join(dir, name));
    const deflated = zlib.deflateRawSync(data, {level: 9});
    const stored = deflated.length >= data.length;
    const body = stored ? data : deflated;
    const crc = zlib.crc32(data);
    const nameBuf = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(stored ? 0 : 8, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by unix
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(stored ? 0 : 8, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38); // -rw-r--r--
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, body);
    centrals.push(central, nameBuf);
    offset += local.length + nameBuf.length + body.length;
  }
  const centralBuf = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length / 2, 8);
  end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(centralBuf.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralBuf, end]);
}

// ── build ─────────────────────────────────────────────────────────────────────────────

// Sources that are not part of one browser's build.
const EXCLUDE = {chrome: new Set(), firefox: new Set(['managed_schema.json'])};

function copyTree(src, dest) {
  fs.mkdirSync(dest, {recursive: true});
  for (const e of fs.readdirSync(src, {withFileTypes: true})) {
    if (e.name.startsWith('.') || e.name.endsWith('.md')) continue;
    const from = path.join(src, e.name);
    const to = path.join(dest, e.name);
    if (e.isDirectory()) copyTree(from, to);
    else fs.copyFileSync(from, to);
  }
}

export function build({skipWasm = false, log = console.log, dist = path.join(ROOT, 'dist')} = {}) {
  if (!skipWasm) execFileSync(path.join(ROOT, 'scripts/build-wasm.sh'), {stdio: 'inherit', cwd: ROOT});
  const ext = path.join(ROOT, 'extension');
  for (const need of ['pkg/headsup.js', 'pkg/headsup_bg.wasm', 'sites.json', 'content/adapter.js']) {
    if (!fs.existsSync(path.join(ext, need))) throw new Error(`missing extension/${need}`);
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'manifest.json'), 'utf8'));
  const sitesJson = JSON.parse(fs.readFileSync(path.join(ext, 'sites.json'), 'utf8'));
  const synced = withSites(manifest, sitesJson);
  if (JSON.stringify(synced) !== JSON.stringify(manifest)) {
    log('note: manifest.json site lists differ from sites.json; dist uses sites.json (run with --sync-manifest to update the root manifest)');
  }
  const bundle = bundleModules(ext, CONTENT_ENTRY);
  fs.mkdirSync(dist, {recursive: true});
  for (const target of ['chrome', 'firefox']) {
    const out = path.join(dist, target);
    fs.rmSync(out, {recursive: true, force: true});
    copyTree(ext, out);
    for (const name of EXCLUDE[target]) fs.rmSync(path.join(out, name), {force: true});
    // The content modules ship only as the joined classic script.
    for (const name of fs.readdirSync(path.join(out, 'content'))) fs.rmSync(path.join(out, 'content', name));
    fs.writeFileSync(path.join(out, CONTENT_BUNDLE), bundle);
    const patched = patchManifest(manifest, target, sitesJson);
    const json = (m) => JSON.stringify(m, null, 2) + '\n';
    fs.writeFileSync(path.join(out, 'manifest.json'), json(patched));
    // Chrome Web Store and Edge Add-ons take the same package; AMO takes the Firefox one.
    const stores = target === 'chrome' ? ['chrome', 'edge'] : ['firefox'];
    const zip = target === 'chrome' ? zipDirectory(out, {'manifest.json': json(storeManifest(patched))}) : zipDirectory(out);
    for (const store of stores) fs.writeFileSync(path.join(dist, `headsup-${store}.zip`), zip);
    log(`built ${target}/ and ${stores.map((st) => `headsup-${st}.zip`).join(', ')} in ${path.relative(ROOT, dist) || '.'} (${zip.length} bytes, version ${patched.version})`);
  }
  // The bundle must at least parse as a classic script.
  execFileSync(process.execPath, ['--check', path.join(dist, 'chrome', CONTENT_BUNDLE)]);
  return {dist};
}

function syncManifest() {
  const file = path.join(ROOT, 'manifest.json');
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
  const sitesJson = JSON.parse(fs.readFileSync(path.join(ROOT, 'extension/sites.json'), 'utf8'));
  fs.writeFileSync(file, JSON.stringify(withSites(manifest, sitesJson), null, 2) + '\n');
  console.log('manifest.json site lists updated from extension/sites.json');
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = new Set(process.argv.slice(2));
  try {
    if (args.has('--sync-manifest')) syncManifest();
    else build({skipWasm: args.has('--skip-wasm')});
  } catch (err) {
    console.error(`build failed: ${err.message}`);
    process.exit(1);
  }
}
