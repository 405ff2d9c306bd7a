// Manifest and code audit of what ships (dist/chrome and dist/firefox, built from the sources if
// missing): permissions exactly the allowed list, host permissions exactly the sites in
// sites.json, the one optional permission, the exact extension-page CSP, no remote code, no
// HTML-string or string-to-code sinks anywhere in the shipped JavaScript (the wasm-bindgen glue
// included: see "the generated glue" below), and `web-ext lint` clean.
//
// The code checks parse every shipped .js file with acorn (the parser web-ext's linter uses) and
// walk the syntax tree, so a sink named in a comment or inside a string is not a finding, and a
// sink written any way in code is.
import assert from 'node:assert/strict';
import {execFileSync, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import {test} from 'node:test';
import {fileURLToPath} from 'node:url';
import {siteMatches} from '../../scripts/build-extension.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DIST = {chrome: path.join(ROOT, 'dist/chrome'), firefox: path.join(ROOT, 'dist/firefox')};
const SITES = JSON.parse(fs.readFileSync(path.join(ROOT, 'extension/sites.json'), 'utf8'));
// acorn as web-ext (a devDependency) resolves it: the same parser the linter below runs.
const acorn = createRequire(createRequire(import.meta.url).resolve('web-ext'))('acorn');

/**
 * The allowed permissions, each for one reason:
 *   storage    settings and "not now" records (no message text: privacy-storage e2e)
 *   scripting  turning Heads Up on for a site the person adds (registerContentScripts/executeScript)
 *   activeTab  the toolbar click lets it watch the current tab once, and capture it for evidence
 *   downloads  the evidence pack is saved as files on this device, on the person's request
 */
const ALLOWED_PERMISSIONS = ['activeTab', 'downloads', 'scripting', 'storage'];
const CSP = "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'";

function ensureBuilt() {
  if (!fs.existsSync(path.join(DIST.chrome, 'manifest.json')) || !fs.existsSync(path.join(DIST.firefox, 'manifest.json'))) {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-extension.mjs'), '--skip-wasm'], {stdio: 'ignore'});
  }
}
ensureBuilt();
const manifests = Object.fromEntries(Object.entries(DIST).map(([k, d]) => [k, JSON.parse(fs.readFileSync(path.join(d, 'manifest.json'), 'utf8'))]));

function files(dir, ext) {
  return fs.readdirSync(dir, {withFileTypes: true}).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p, ext) : (p.endsWith(ext) ? [p] : []);
  });
}

for (const [target, m] of Object.entries(manifests)) {
  test(`${target}: permissions are exactly the allowed list, host permissions exactly sites.json`, () => {
    assert.equal(m.manifest_version, 3);
    assert.deepEqual([...m.permissions].sort(), ALLOWED_PERMISSIONS);
    const listed = siteMatches(SITES);
    assert.deepEqual([...m.host_permissions].sort(), listed);
    // Every match pattern is https on a listed host: no wildcard host, no http, no <all_urls>.
    const hosts = new Set(SITES.sites.flatMap((s) => s.hosts.map((h) => h.toLowerCase())));
    for (const p of m.host_permissions) {
      const u = /^https:\/\/([^/*]+)\//.exec(p);
      assert.ok(u && hosts.has(u[1]), `host permission ${p} is not an https pattern of a listed host`);
    }
    assert.deepEqual(m.optional_host_permissions, ['*://*/*'], 'the one optional permission: sites the person turns on');
    assert.equal(m.optional_permissions, undefined);
    assert.equal(m.content_scripts.length, 1);
    assert.deepEqual([...m.content_scripts[0].matches].sort(), listed);
    assert.deepEqual(m.content_scripts[0].js, ['content/content.js']);
    assert.equal(m.content_scripts[0].all_frames, undefined, 'top frame only');
  });

  test(`${target}: CSP exactly as required, nothing exposed to pages or other extensions`, () => {
    assert.deepEqual(m.content_security_policy, {extension_pages: CSP});
    for (const key of ['web_accessible_resources', 'externally_connectable', 'sandbox', 'update_url', 'oauth2',
      'chrome_url_overrides', 'devtools_page', 'host_permissions_all', 'nacl_modules', 'declarative_net_request']) {
      assert.equal(m[key], undefined, `manifest has ${key}`);
    }
  });
}

test('no remote code: every script, stylesheet and import is a packaged file', () => {
  for (const [target, dir] of Object.entries(DIST)) {
    for (const html of files(dir, '.html')) {
      const src = fs.readFileSync(html, 'utf8');
      for (const tag of src.match(/<(script|link|iframe|object|embed|img|base)\b[^>]*>/gi) || []) {
        const ref = /\b(?:src|href)\s*=\s*["']?([^"'\s>]+)/i.exec(tag);
        assert.ok(!/^<(iframe|object|embed|base)/i.test(tag), `${target} ${path.relative(dir, html)}: ${tag}`);
        if (/^<script/i.test(tag)) assert.ok(ref, `${target} ${path.relative(dir, html)}: inline script ${tag}`);
        if (!ref) continue;
        assert.ok(!/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(ref[1]), `${target} ${path.relative(dir, html)} loads ${ref[1]}`);
        assert.ok(fs.existsSync(path.resolve(path.dirname(html), ref[1])), `${ref[1]} is not packaged`);
      }
    }
    for (const js of files(dir, '.js')) {
      for (const finding of codeFindings(fs.readFileSync(js, 'utf8'), {remoteOnly: true})) {
        assert.fail(`${target} ${path.relative(dir, js)}: ${finding}`);
      }
    }
  }
});

/**
 * Findings in one script: HTML-string sinks, string-to-code, remote imports. `remoteOnly` limits
 * it to remote code (imports, importScripts, import()).
 */
function codeFindings(source, {remoteOnly = false} = {}) {
  let ast;
  try {
    ast = acorn.parse(source, {ecmaVersion: 'latest', sourceType: 'module', locations: true});
  } catch {
    ast = acorn.parse(source, {ecmaVersion: 'latest', sourceType: 'script', locations: true});
  }
  const out = [];
  const at = (n) => `line ${n.loc.start.line}`;
  const propName = (n) => (n.computed ? (n.property.type === 'Literal' ? String(n.property.value) : null) : n.property.name);
  const local = (s) => typeof s === 'string' && /^\.{1,2}\//.test(s);
  const visit = (n) => {
    if (!n || typeof n.type !== 'string') return;
    switch (n.type) {
      case 'ImportDeclaration': case 'ExportAllDeclaration': case 'ExportNamedDeclaration':
        if (n.source && !local(n.source.value)) out.push(`import from ${n.source.value} (${at(n)})`);
        break;
      case 'ImportExpression':
        out.push(`dynamic import() (${at(n)})`);
        break;
      case 'CallExpression': case 'NewExpression': {
        const c = n.callee;
        const name = c.type === 'Identifier' ? c.name : c.type === 'MemberExpression' ? propName(c) : null;
        if (name === 'importScripts') out.push(`importScripts (${at(n)})`);
        if (remoteOnly) break;
        if (name === 'eval') out.push(`eval (${at(n)})`);
        if (name === 'Function' || name === 'AsyncFunction' || name === 'GeneratorFunction') out.push(`${name} constructor (${at(n)})`);
        if (['setTimeout', 'setInterval'].includes(name) && n.arguments[0]
          && (n.arguments[0].type === 'Literal' || n.arguments[0].type === 'TemplateLiteral')) out.push(`${name} with a string (${at(n)})`);
        if (['insertAdjacentHTML', 'createContextualFragment', 'setHTMLUnsafe', 'parseHTMLUnsafe', 'parseFromString'].includes(name)) out.push(`${name} (${at(n)})`);
        if (['write', 'writeln'].includes(name) && c.type === 'MemberExpression' && c.object.type === 'Identifier' && c.object.name === 'document') out.push(`document.${name} (${at(n)})`);
        break;
      }
      case 'MemberExpression':
        if (!remoteOnly && ['innerHTML', 'outerHTML', 'srcdoc'].includes(propName(n))) out.push(`${propName(n)} (${at(n)})`);
        break;
      default:
    }
    for (const [k, v] of Object.entries(n)) {
      if (k === 'loc') continue;
      if (Array.isArray(v)) v.forEach(visit);
      else if (v && typeof v === 'object') visit(v);
    }
  };
  visit(ast);
  return out;
}

test('the audit finds sinks written in code, and not in comments or strings (self-test)', () => {
  assert.deepEqual(codeFindings('// el.innerHTML = x; eval(y)\nconst s = "new Function(1)"; const t = `Function(${s})`;'), []);
  const found = codeFindings([
    'el.innerHTML = x;', 'el["outerHTML"];', 'document.write(x);', 'eval("1");', 'new Function("a", "b");',
    'Function("x")();', 'setTimeout("go()", 1);', 'el.insertAdjacentHTML("beforeend", s);', 'importScripts("https://x/y.js");',
    'import("https://x/y.js");',
  ].join('\n'));
  assert.equal(found.length, 10, found.join('; '));
  assert.deepEqual(codeFindings('import x from "https://cdn.example/x.js";'), ['import from https://cdn.example/x.js (line 1)']);
});

// The generated glue (extension/pkg/headsup.js, from wasm-bindgen --target web) is shipped code
// too, so it is audited like the rest, with no exclusion: it builds strings for debug output
// (e.g. the template `Function(${name})`) but calls no eval, Function or HTML sink, and loads the
// wasm from the URL the background gives it (runtime.getURL, a packaged file).
test('no innerHTML/outerHTML/insertAdjacentHTML/document.write/eval/new Function in any shipped script', () => {
  const findings = [];
  for (const [target, dir] of Object.entries(DIST)) {
    const scripts = files(dir, '.js');
    assert.ok(scripts.some((f) => f.endsWith(path.join('pkg', 'headsup.js'))), 'the wasm-bindgen glue is audited too');
    assert.ok(scripts.some((f) => f.endsWith(path.join('content', 'content.js'))), 'the content bundle is audited too');
    for (const js of scripts) {
      for (const f of codeFindings(fs.readFileSync(js, 'utf8'))) findings.push(`${target} ${path.relative(dir, js)}: ${f}`);
    }
  }
  assert.deepEqual(findings, []);
});

test('web-ext lint of dist/firefox: 0 errors, 0 UNSAFE_VAR_ASSIGNMENT warnings', () => {
  const bin = path.join(ROOT, 'node_modules/.bin/web-ext');
  const r = spawnSync(bin, ['lint', '--source-dir', DIST.firefox, '--output', 'json', '--no-input'], {encoding: 'utf8', timeout: 120000});
  const report = JSON.parse(r.stdout.slice(r.stdout.indexOf('{')));
  const codes = [...report.errors, ...report.warnings].map((m) => `${m.code} ${m.file || ''}`);
  console.log(`web-ext lint: ${report.summary.errors} errors, ${report.summary.warnings} warnings, ${report.summary.notices} notices`);
  assert.equal(report.summary.errors, 0, codes.join('\n'));
  assert.deepEqual(report.warnings.filter((w) => w.code === 'UNSAFE_VAR_ASSIGNMENT'), []);
});
