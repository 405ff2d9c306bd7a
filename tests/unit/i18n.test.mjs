// Languages: every locale has every key (with the same placeholders), no hard-coded user-facing
// strings in the extension's JS and HTML, every key the code uses exists, the advice paths in the
// warning match extension/data/advice.json, and the i18n helper (uiLanguage override) works.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {test} from 'node:test';
import {fileURLToPath} from 'node:url';

// One browser stub for the whole file (shared/api.js reads globalThis.chrome once, at import).
const stub = {messages: {}, locale: 'en'};
globalThis.chrome = {
  i18n: {
    getMessage: (k, subs) => (k === '@@ui_locale' ? stub.locale : k === '@@bidi_dir' ? 'ltr' : (stub.messages[k] || '').replace('$1', subs ? subs[0] : '')),
    getUILanguage: () => stub.locale,
  },
  runtime: {getURL: (p) => `chrome-extension://id/${p}`},
};

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const EXT = path.join(ROOT, 'extension');
const LOCALES = ['en', 'es', 'fr', 'de', 'pt_BR', 'ar'];
const load = (loc) => JSON.parse(fs.readFileSync(path.join(EXT, '_locales', loc, 'messages.json'), 'utf8'));
const en = load('en');

function files(dir, ext) {
  return fs.readdirSync(dir, {withFileTypes: true}).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'pkg' || e.name === '_locales' ? [] : files(full, ext);
    return full.endsWith(ext) ? [full] : [];
  });
}
const rel = (f) => path.relative(ROOT, f);
const tokens = (s) => (s.match(/\$[A-Za-z0-9_]+\$/g) || []).map((x) => x.toUpperCase()).sort();

test('the six locales ship, and each has exactly the English keys', () => {
  assert.deepEqual(fs.readdirSync(path.join(EXT, '_locales')).sort(), [...LOCALES].sort());
  for (const loc of LOCALES) {
    const m = load(loc);
    const missing = Object.keys(en).filter((k) => !(k in m));
    const extra = Object.keys(m).filter((k) => !(k in en));
    assert.deepEqual(missing, [], `${loc} is missing keys`);
    assert.deepEqual(extra, [], `${loc} has keys English does not`);
  }
});

test('every message is non-empty, keeps its placeholders and has no exclamation mark', () => {
  for (const loc of LOCALES) {
    const m = load(loc);
    for (const [key, entry] of Object.entries(m)) {
      assert.equal(typeof entry.message, 'string', `${loc}/${key}`);
      assert.ok(entry.message.trim(), `${loc}/${key} is empty`);
      assert.deepEqual(tokens(entry.message), tokens(en[key].message), `${loc}/${key} placeholders`);
      for (const t of tokens(entry.message)) {
        const name = t.slice(1, -1).toLowerCase();
        const defined = Object.keys(entry.placeholders || {}).map((k) => k.toLowerCase());
        assert.ok(defined.includes(name), `${loc}/${key}: placeholder ${t} is defined`);
      }
      assert.ok(!/[!¡]/.test(entry.message), `${loc}/${key}: no exclamation marks (tone rubric)`);
      // A lone "$word" is eaten by chrome.i18n: a literal dollar sign must be written "$$".
      const rest = entry.message.replace(/\$\$/g, '').replace(/\$[A-Za-z0-9_]+\$/g, '');
      assert.ok(!/\$[A-Za-z]/.test(rest), `${loc}/${key}: write a literal $ as $$`);
    }
  }
});

test('Arabic is right-to-left text, and the translations are not English copies', () => {
  const ar = load('ar');
  assert.match(ar.title_urgent.message, /[\u0600-\u06ff]/);
  for (const loc of LOCALES.filter((l) => l !== 'en')) {
    const m = load(loc);
    const same = Object.keys(en).filter((k) => m[k].message === en[k].message && /[a-z]{4,}\s+[a-z]{4,}/i.test(en[k].message));
    assert.ok(same.length <= 3, `${loc}: untranslated ${same.join(', ')}`);
  }
});

test('no blame or hindsight wording in the English advice and warning', () => {
  const banned = /should have|why did you|never send|be more careful|mistake|commit suicide/i;
  for (const [key, entry] of Object.entries(en)) {
    if (/^(advice_|title_|lead_|step_|evidence_reminder|crisis_|hope_)/.test(key)) assert.ok(!banned.test(entry.message), key);
  }
});

test('every i18n key the code uses exists', () => {
  const used = new Set();
  for (const f of files(EXT, '.js')) {
    const src = fs.readFileSync(f, 'utf8');
    for (const m of src.matchAll(/\bt\(\s*'([a-z0-9_]+)'/g)) used.add(m[1]);
  }
  for (const f of files(EXT, '.html')) {
    const src = fs.readFileSync(f, 'utf8');
    for (const m of src.matchAll(/data-i18n(?:-[a-z-]+)?="([^"]+)"/g)) used.add(m[1]);
  }
  const missing = [...used].filter((k) => !(k in en));
  assert.deepEqual(missing, []);
  assert.ok(used.size > 100, `found ${used.size} keys in use`);
});

test('no hard-coded user-facing text in the extension HTML', () => {
  for (const f of files(EXT, '.html')) {
    const src = fs.readFileSync(f, 'utf8').replace(/<(script|style)\b[\s\S]*?<\/\1>/g, '');
    // Text between tags must be empty: it comes from data-i18n.
    for (const m of src.matchAll(/>([^<]*)</g)) {
      const text = m[1].replace(/&[a-z#0-9]+;/g, '').trim();
      assert.ok(!/\p{L}/u.test(text), `${rel(f)}: hard-coded text "${text}" (use data-i18n)`);
    }
    // Attributes people read must come from data-i18n-<attr>.
    for (const m of src.matchAll(/\s(title|alt|placeholder|aria-label|aria-description)="([^"]*)"/g)) {
      assert.ok(!/\p{L}/u.test(m[2]), `${rel(f)}: hard-coded ${m[1]}="${m[2]}"`);
    }
    // Every element with data-i18n is empty in the source (no English fallback left behind).
    for (const m of src.matchAll(/<(\w+)[^>]*\sdata-i18n="[^"]+"[^>]*>([^<]*)</g)) {
      assert.equal(m[2].trim(), '', `${rel(f)}: <${m[1]}> with data-i18n has text`);
    }
  }
});

test('no hard-coded user-facing strings in the extension JS', () => {
  const rules = [
    [/\.(textContent|innerText|innerHTML)\s*=\s*(['"`])(?:(?!\2).)*\p{L}/u, 'text assigned from a literal'],
    [/\btext:\s*(['"`])(?:(?!\1).)*\p{L}(?:(?!\1).)*\1/u, 'el() text from a literal'],
    [/setAttribute\(\s*'(aria-label|title|alt|placeholder)'\s*,\s*(['"`])(?:(?!\2).)*\p{L}/u, 'readable attribute from a literal'],
    [/createTextNode\(\s*(['"`])(?:(?!\1).)*\p{L}/u, 'text node from a literal'],
    [/\b(alert|confirm|prompt)\(\s*(['"`])/u, 'dialog with a literal'],
    [/\.(append|prepend|before|after)\((?:[^()]*,\s*)?(['"`])(?:(?!\2).)*\p{L}{3,}/u, 'literal text appended to the DOM'],
  ];
  const problems = [];
  for (const f of files(EXT, '.js')) {
    const lines = fs.readFileSync(f, 'utf8').split('\n');
    lines.forEach((raw, i) => {
      if (/^\s*(\/\/|\*)/.test(raw)) return;
      // What is inside ${…} is code (usually t(…)), not text.
      const line = raw.replace(/\$\{[^}]*\}/g, '$');
      for (const [re, what] of rules) if (re.test(line)) problems.push(`${rel(f)}:${i + 1}: ${what}: ${line.trim()}`);
    });
  }
  assert.deepEqual(problems, []);
});

test('the scanner catches what it should (self-check)', () => {
  const re = /\.(textContent|innerText|innerHTML)\s*=\s*(['"`])(?:(?!\2).)*\p{L}/u;
  assert.ok(re.test("x.textContent = 'Saved';"));
  assert.ok(!re.test("x.textContent = t('saved');"));
  assert.ok(!re.test("x.textContent = '';"));
});

test('advice paths in the warning match extension/data/advice.json, words and all', async () => {
  const {PATHS, CHOICES} = await import('../../extension/content/advice.js');
  const data = JSON.parse(fs.readFileSync(path.join(EXT, 'data/advice.json'), 'utf8')).paths;
  assert.deepEqual(PATHS.map((p) => p.id), data.map((p) => p.id));
  assert.deepEqual(CHOICES, ['threatened', 'sent', 'paid', 'unsure', 'friend']);
  const norm = (s) => s.replace(/'/g, '’');
  for (const p of data) {
    const mine = PATHS.find((x) => x.id === p.id);
    assert.deepEqual(mine.steps.map((s) => [s.step, s.action, s.primary]),
      p.steps.map((s) => [s.id.replace(/-/g, '_'), s.action || null, Boolean(s.primary)]), p.id);
    assert.equal(mine.steps.filter((s) => s.primary).length, 1, `${p.id}: one primary step`);
    for (const f of ['title', 'lead', 'reassure']) assert.equal(en[`advice_${p.id}_${f}`].message, norm(p[f]));
    for (const s of p.steps) assert.equal(en[`advice_${p.id}_${s.id.replace(/-/g, '_')}`].message, norm(s.text));
    for (const loc of LOCALES) assert.ok(load(loc)[`advice_${p.id}_lead`], `${loc} has ${p.id}`);
  }
});

// ── the helper ─────────────────────────────────────────────────────────────────────

async function helper(browserMessages = {}, browserLocale = 'en') {
  stub.messages = browserMessages;
  stub.locale = browserLocale;
  return import(`../../extension/shared/i18n.js?${Math.random()}`);
}

test('formatMessage follows Chrome: named placeholders, $1, $$', async () => {
  const {formatMessage} = await helper();
  assert.equal(formatMessage(en.evidence_saved, ['4']), 'Saved 4 files.');
  assert.equal(formatMessage(en.report_heading_site, 'Instagram'), 'How to block and report on Instagram');
  assert.equal(formatMessage({message: 'Costs $$5 for $WHO$', placeholders: {who: {content: '$1'}}}, ['you']), 'Costs $5 for you');
  assert.equal(formatMessage(null), '');
});

test('localeForSetting maps the uiLanguage setting to a shipped locale', async () => {
  const {localeForSetting} = await helper();
  assert.equal(localeForSetting('auto'), null);
  assert.equal(localeForSetting(''), null);
  assert.equal(localeForSetting('es'), 'es');
  assert.equal(localeForSetting('pt'), 'pt_BR');
  assert.equal(localeForSetting('pt-BR'), 'pt_BR');
  assert.equal(localeForSetting('ar'), 'ar');
  assert.equal(localeForSetting('it'), null, 'not shipped: the browser language applies');
  assert.equal(localeForSetting(42), null);
});

test('initI18n: "auto" keeps the browser language; a chosen locale is loaded from the package', async () => {
  const i18n = await helper({title_urgent: 'Someone may be trying to blackmail you'});
  const fetched = [];
  const fetchImpl = async (url) => {
    fetched.push(url);
    const loc = /_locales\/([^/]+)\//.exec(url)[1];
    return {json: async () => load(loc)};
  };
  const storage = (settings) => ({get: async () => ({settings})});
  assert.equal(await i18n.initI18n({fetchImpl, storage: storage({uiLanguage: 'auto'})}), null);
  assert.equal(i18n.t('title_urgent'), 'Someone may be trying to blackmail you');
  assert.equal(i18n.uiDirection(), 'ltr');
  assert.deepEqual(fetched, []);
  // The settings module decides what a valid setting is; when it passes uiLanguage through,
  // the chosen locale applies. (When it does not know the key yet, "auto" is assumed.)
  const {normaliseSettings} = await import('../../extension/shared/settings.js');
  const passes = normaliseSettings({uiLanguage: 'ar'}).uiLanguage === 'ar';
  const chosen = await i18n.initI18n({fetchImpl, storage: storage({uiLanguage: 'ar'})});
  if (passes) {
    assert.equal(chosen, 'ar');
    assert.equal(i18n.t('title_urgent'), load('ar').title_urgent.message);
    assert.equal(i18n.uiDirection(), 'rtl');
    assert.equal(i18n.uiLangTag(), 'ar');
    assert.equal(i18n.t('evidence_saved', ['3']), load('ar').evidence_saved.message.replace('$COUNT$', '3'));
  } else {
    assert.equal(chosen, null);
  }
  // useMessages (what the content script gets from the background) works the same way.
  i18n.useMessages('es', load('es'));
  assert.equal(i18n.t('action_save'), 'Guardar pruebas');
  assert.equal(i18n.uiLangTag(), 'es');
  i18n.useMessages('pt_BR', load('pt_BR'));
  assert.equal(i18n.uiLangTag(), 'pt-BR');
  i18n.useMessages(null);
  assert.equal(i18n.t('missing_key_xyz'), 'missing_key_xyz');
});
