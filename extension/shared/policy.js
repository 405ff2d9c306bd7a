// Heads Up: settings and school (admin) policy, as pure data logic.
//
// What lives here: the default settings, the rules for what a valid setting
// is, how a school's managed policy is validated and laid over what the user
// chose, and how stored settings are migrated between versions.
//
// What does not: any browser API. Reading `storage.managed`, listening to
// `storage.onChanged` and drawing the options page belong to the background
// and pages code; they call these functions with plain objects. That keeps
// every rule here testable with `node --test` and no browser.
//
// Privacy: nothing in this file, and no policy key it accepts, makes Heads Up
// report, log or send anything anywhere. The `notes` these functions return
// are for the local developer console only; they name keys and describe
// values, never chat content (policy and settings never contain any).
//
// Every exported function accepts anything (null, arrays, cyclic or hostile
// objects, huge strings, `__proto__` keys) and never throws.

/** Version of the stored settings shape; see migrateSettings(). */
export const SETTINGS_VERSION = 1;

/** Firefox add-on id used in the docs' policies.json examples. */
export const GECKO_ID = 'headsup@headsup.invalid';

/**
 * Site ids a policy or the user can switch on or off: exactly the ids in
 * extension/sites.json, in its order (a unit test holds the two together, and
 * managed_schema.json declares the same list).
 */
export const SITE_IDS = Object.freeze([
  'bumble', 'chatrandom', 'discord', 'emeraldchat', 'grindr', 'instagram',
  'messenger', 'okcupid', 'ometv', 'reddit', 'snapchat', 'telegram-a',
  'telegram-k', 'tiktok', 'tinder', 'whatsapp', 'x',
]);

export const AUDIENCES = Object.freeze(['teen', 'adult']);
export const UI_LANGUAGES = Object.freeze(['auto', 'en', 'es', 'fr', 'de', 'pt', 'it', 'ar']);
export const SENSITIVITIES = Object.freeze(['low', 'normal', 'high']);

/** Size limits. Inputs past `rawString` are rejected before any other work. */
export const LIMITS = Object.freeze({
  rawString: 4096,      // longest string looked at at all
  contactName: 80,
  contactText: 200,     // "short": one or two sentences in the help path
  phone: 32,
  email: 254,
  url: 2048,
  matchPattern: 512,
  extraSites: 100,      // entries kept from extraSites
  siteKeys: 200,        // keys looked at inside `sites`
  topKeys: 200,         // top-level keys looked at
  notes: 60,            // notes returned, then one "more omitted" note
  shownValue: 40,       // characters of a bad value quoted in a note
});

// ISO 3166-1 alpha-2 codes in current use (from tzdata's iso3166.tab).
const COUNTRIES = new Set((
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS ' +
  'BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE ' +
  'EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM ' +
  'HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC ' +
  'LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA ' +
  'NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW ' +
  'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO ' +
  'TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
).split(' '));
// Codes people type that ISO reserves for an assigned code.
const COUNTRY_ALIASES = new Map([['UK', 'GB'], ['EL', 'GR']]);

function deepFreeze(o) {
  for (const v of Object.values(o)) if (v && typeof v === 'object') deepFreeze(v);
  return Object.freeze(o);
}

/**
 * Defaults when neither the user nor a policy says otherwise.
 * country "" means: derive it from the browser locale at run time.
 * schoolContact null means: no school contact in the help path.
 */
export const DEFAULT_SETTINGS = deepFreeze({
  audience: 'teen',
  country: '',
  uiLanguage: 'auto',
  sites: Object.fromEntries(SITE_IDS.map((id) => [id, true])),
  extraSites: [],
  sensitivity: 'normal',
  showLearnMore: true,
  // Pause before an image or video goes into a chat that shows warning signs (image-pause.js).
  imagePause: true,
  schoolContact: null,
});

/** A fresh, mutable copy of DEFAULT_SETTINGS. */
export function defaultSettings() {
  return {
    ...DEFAULT_SETTINGS,
    sites: { ...DEFAULT_SETTINGS.sites },
    extraSites: [],
    schoolContact: null,
  };
}

// ---------------------------------------------------------------- helpers --

const REJECT = Symbol('reject');

function isPlainObject(v) {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function hasOwn(o, k) {
  return Object.prototype.hasOwnProperty.call(o, k);
}

// Control characters and bidi overrides are never useful in these strings
// and can disguise what the student sees, so they are removed.
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g;
const HAS_UNSAFE_CHAR = new RegExp(UNSAFE_CHARS.source); // no /g: safe for .test()

/** Short, safe description of a value for a console note. */
function show(v) {
  try {
    if (typeof v === 'string') {
      const s = v.slice(0, LIMITS.shownValue).replace(UNSAFE_CHARS, '?');
      return JSON.stringify(s) + (v.length > LIMITS.shownValue ? '…' : '');
    }
    if (v === null) return 'null';
    if (Array.isArray(v)) return 'an array';
    if (typeof v === 'object') return 'an object';
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    return `a ${typeof v}`;
  } catch {
    return 'an unreadable value';
  }
}

function showKey(k) {
  return show(String(k));
}

/** Collects notes, capped so a hostile input cannot produce megabytes of them. */
class Notes {
  constructor(prefix) {
    this.prefix = prefix;
    this.list = [];
    this.dropped = 0;
  }
  add(msg) {
    if (this.list.length < LIMITS.notes) this.list.push(`${this.prefix}: ${msg}`);
    else this.dropped += 1;
  }
  done() {
    if (this.dropped) this.list.push(`${this.prefix}: ${this.dropped} more note(s) omitted`);
    return this.list;
  }
}

/** Trims a string, strips unsafe characters and collapses whitespace. */
function cleanString(v, note, what) {
  if (typeof v !== 'string') {
    note(`${what} must be a string, got ${show(v)}`);
    return REJECT;
  }
  if (v.length > LIMITS.rawString) {
    note(`${what} is too long (${v.length} characters)`);
    return REJECT;
  }
  return v.replace(UNSAFE_CHARS, ' ').replace(/\s+/g, ' ').trim();
}

/** Cuts a string to `max` UTF-16 units without leaving half a surrogate pair. */
function cap(s, max, note, what) {
  if (s.length <= max) return s;
  let out = s.slice(0, max);
  if (/[\ud800-\udbff]$/.test(out)) out = out.slice(0, -1);
  note(`${what} shortened to ${max} characters`);
  return out.trimEnd();
}

function oneOf(list) {
  return (v, note, what) => {
    const s = typeof v === 'string' && v.length <= 64 ? v.trim().toLowerCase() : null;
    if (s !== null && list.includes(s)) return s;
    note(`${what} must be one of ${list.join(', ')}; got ${show(v)}`);
    return REJECT;
  };
}

function bool(v, note, what) {
  if (typeof v === 'boolean') return v;
  note(`${what} must be true or false, got ${show(v)}`);
  return REJECT;
}

// ------------------------------------------------------------ match patterns --

const LABEL = '(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)';
const DOMAIN_RE = new RegExp(`^${LABEL}(?:\\.${LABEL})*$`);

/**
 * Checks a Chrome match pattern and returns it normalised (scheme and host
 * lower-cased), or null. Grammar accepted, a subset of Chrome's:
 *   <scheme>://<host><path>
 *   scheme: * | http | https
 *   host:   * | *.<domain> | <domain>     (no port, no IPv6, no user info)
 *   path:   / followed by any visible characters, * as wildcard
 * `<all_urls>` is refused on purpose: extra sites should name sites.
 */
export function normalizeMatchPattern(p) {
  if (typeof p !== 'string' || p.length > LIMITS.matchPattern) return null;
  const m = /^(\*|https?):\/\/([^/]*)(\/[^\s]*)$/i.exec(p.trim());
  if (!m) return null;
  const scheme = m[1].toLowerCase();
  const host = m[2].toLowerCase();
  const path = m[3];
  if (HAS_UNSAFE_CHAR.test(path)) return null;
  if (host !== '*') {
    const domain = host.startsWith('*.') ? host.slice(2) : host;
    if (domain.length > 253 || !DOMAIN_RE.test(domain)) return null;
  }
  return `${scheme}://${host}${path}`;
}

// ------------------------------------------------------- per-key validators --
// Each returns the clean value or REJECT, and explains itself through `note`.

function checkCountry(v, note, what) {
  const s = cleanString(v, note, what);
  if (s === REJECT) return REJECT;
  if (s === '') return '';
  let code = s.toUpperCase();
  if (COUNTRY_ALIASES.has(code)) {
    note(`${what} ${show(s)} read as ${COUNTRY_ALIASES.get(code)}`);
    code = COUNTRY_ALIASES.get(code);
  }
  if (COUNTRIES.has(code)) return code;
  note(`${what} must be an ISO 3166-1 alpha-2 code such as "US" or "" for the browser's locale; got ${show(v)}`);
  return REJECT;
}

function checkSites(v, note, what) {
  if (!isPlainObject(v)) {
    note(`${what} must be an object of site id → true/false, got ${show(v)}`);
    return REJECT;
  }
  const out = {};
  const keys = Object.keys(v);
  if (keys.length > LIMITS.siteKeys) note(`${what} has ${keys.length} keys; only the first ${LIMITS.siteKeys} were read`);
  for (const id of keys.slice(0, LIMITS.siteKeys)) {
    if (!SITE_IDS.includes(id)) {
      note(`${what}: unknown site ${showKey(id)} ignored`);
      continue;
    }
    const b = bool(v[id], note, `${what}.${id}`);
    if (b !== REJECT) out[id] = b;
  }
  if (Object.keys(out).length === 0 && keys.length > 0) {
    note(`${what} rejected: no valid site entries`);
    return REJECT;
  }
  return out;
}

function checkExtraSites(v, note, what) {
  if (!Array.isArray(v)) {
    note(`${what} must be a list of match patterns, got ${show(v)}`);
    return REJECT;
  }
  const out = [];
  const n = Math.min(v.length, LIMITS.extraSites);
  if (v.length > LIMITS.extraSites) note(`${what} has ${v.length} entries; only the first ${LIMITS.extraSites} were read`);
  for (let i = 0; i < n; i += 1) {
    const p = normalizeMatchPattern(v[i]);
    if (p === null) note(`${what}[${i}] is not a valid match pattern (e.g. "https://chat.example.org/*"): ${show(v[i])}`);
    else if (!out.includes(p)) out.push(p);
  }
  if (out.length === 0 && v.length > 0) {
    note(`${what} rejected: no valid match patterns`);
    return REJECT;
  }
  return out;
}

const EMAIL_RE = /^[A-Za-z0-9._+'-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

function checkPhone(s) {
  if (s.length > LIMITS.phone || !/^\+?[0-9 ().\-/]+$/.test(s)) return false;
  const digits = s.replace(/\D/g, '').length;
  return digits >= 3 && digits <= 20;
}

function checkEmail(s) {
  return s.length <= LIMITS.email && EMAIL_RE.test(s) && !s.includes('..') &&
    !s.startsWith('.') && !s.split('@')[0].endsWith('.');
}

/** https URL without user info; returns the normalised href or null. */
export function normalizeHttpsUrl(s) {
  if (typeof s !== 'string' || s.length > LIMITS.url || /\s/.test(s)) return null;
  try {
    const u = new URL(s);
    if (u.protocol !== 'https:' || !u.hostname || u.username || u.password) return null;
    return u.href.length <= LIMITS.url ? u.href : null;
  } catch {
    return null;
  }
}

const CONTACT_FIELDS = ['name', 'text', 'phone', 'email', 'url'];

function checkSchoolContact(v, note, what) {
  if (!isPlainObject(v)) {
    note(`${what} must be an object with name, text, phone, email, url; got ${show(v)}`);
    return REJECT;
  }
  const out = { name: '', text: '', phone: '', email: '', url: '' };
  for (const k of Object.keys(v).slice(0, LIMITS.topKeys)) {
    if (!CONTACT_FIELDS.includes(k)) note(`${what}: unknown field ${showKey(k)} ignored`);
  }
  for (const k of CONTACT_FIELDS) {
    if (!hasOwn(v, k)) continue;
    const f = `${what}.${k}`;
    let s = cleanString(v[k], note, f);
    if (s === REJECT || s === '') continue;
    if (k === 'name') s = cap(s, LIMITS.contactName, note, f);
    else if (k === 'text') s = cap(s, LIMITS.contactText, note, f);
    else if (k === 'phone' && !checkPhone(s)) { note(`${f} does not look like a phone number: ${show(s)}`); continue; }
    else if (k === 'email' && !checkEmail(s)) { note(`${f} does not look like an email address: ${show(s)}`); continue; }
    else if (k === 'url') {
      const u = normalizeHttpsUrl(s);
      if (u === null) { note(`${f} must be an https:// address: ${show(s)}`); continue; }
      s = u;
    }
    out[k] = s;
  }
  if (!out.phone && !out.email && !out.url) {
    note(`${what} rejected: it needs at least one of phone, email or url`);
    return REJECT;
  }
  return out;
}

// ------------------------------------------------------------ key table --
// scope "both": a policy or the user may set it. scope "policy": only a
// policy may (the student cannot name a "school contact" or lock settings).

const FIELDS = new Map([
  ['audience', { scope: 'both', check: oneOf(AUDIENCES) }],
  ['country', { scope: 'both', check: checkCountry }],
  ['uiLanguage', { scope: 'both', check: oneOf(UI_LANGUAGES) }],
  ['sites', { scope: 'both', check: checkSites }],
  ['extraSites', { scope: 'both', check: checkExtraSites }],
  ['sensitivity', { scope: 'both', check: oneOf(SENSITIVITIES) }],
  ['showLearnMore', { scope: 'both', check: bool }],
  ['imagePause', { scope: 'both', check: bool }],
  ['schoolContact', { scope: 'policy', check: checkSchoolContact }],
  ['lockSettings', { scope: 'policy', check: bool }],
  ['skipFirstRunConsent', { scope: 'policy', check: bool }],
]);

/** Keys a policy may set (the managed-storage schema declares exactly these). */
export const POLICY_KEYS = Object.freeze([...FIELDS.keys()]);
/** Keys the user may set. */
export const USER_KEYS = Object.freeze([...FIELDS].filter(([, f]) => f.scope === 'both').map(([k]) => k));

function validate(raw, who, notes, { skip = [] } = {}) {
  const out = {};
  if (raw === undefined || raw === null) return out;
  if (!isPlainObject(raw)) {
    notes.add(`ignored: expected an object, got ${show(raw)}`);
    return out;
  }
  const keys = Object.keys(raw);
  if (keys.length > LIMITS.topKeys) notes.add(`${keys.length} keys; only the first ${LIMITS.topKeys} were read`);
  for (const key of keys.slice(0, LIMITS.topKeys)) {
    if (skip.includes(key)) continue;
    const field = FIELDS.get(key);
    if (!field) { notes.add(`unknown key ${showKey(key)} ignored`); continue; }
    if (who === 'user' && field.scope !== 'both') {
      notes.add(`"${key}" can only be set by a school policy; ignored`);
      continue;
    }
    const value = raw[key];
    if (value === null || value === undefined) { notes.add(`"${key}" is empty; ignored`); continue; }
    const clean = field.check(value, (m) => notes.add(m), `"${key}"`);
    if (clean !== REJECT) out[key] = clean;
  }
  return out;
}

function safely(prefix, fn, fallback) {
  const notes = new Notes(prefix);
  try {
    return fn(notes);
  } catch (e) {
    // Reached only by exotic inputs (proxies, throwing getters).
    notes.list.length = 0;
    notes.add(`unreadable input ignored (${show(e && e.name)})`);
    return fallback(notes.done());
  }
}

// ------------------------------------------------------------ public API --

/**
 * Validates a managed policy as read from `storage.managed.get(null)`.
 * Each key is judged on its own: a bad value drops that key (with a note),
 * never the whole policy. Unknown keys are ignored with a note.
 * @returns {{policy: object, notes: string[]}} policy holds only valid keys.
 */
export function validatePolicy(raw) {
  return safely('policy', (notes) => ({ policy: validate(raw, 'policy', notes), notes: notes.done() }),
    (notes) => ({ policy: {}, notes }));
}

/**
 * Validates what the user saved (a partial settings object). Same rules as a
 * policy; policy-only keys are refused; a `version` key is passed over.
 * @returns {{settings: object, notes: string[]}} settings holds only valid keys.
 */
export function validateUserSettings(raw) {
  return safely('settings', (notes) => ({
    settings: validate(raw, 'user', notes, { skip: ['version'] }),
    notes: notes.done(),
  }), (notes) => ({ settings: {}, notes }));
}

/**
 * The settings in force: defaults, then the user's choices, then the policy.
 * `sites` merges per site, so a policy that switches one site off leaves the
 * user's choices for the others alone. Every other key is replaced whole.
 * With `lockSettings: true` the user's choices are not used at all: the
 * student sees the school's configuration (policy over defaults), read-only.
 *
 * @returns {{
 *   settings: object,            // complete settings, DEFAULT_SETTINGS shape
 *   managed: string[],           // setting keys a policy set (POLICY_KEYS order)
 *   managedSites: string[],      // site ids a policy set
 *   locked: boolean,             // options page: show everything read-only
 *   skipFirstRunConsent: boolean // first-run consent was given by policy
 * }}
 */
export function mergeSettings(userSettings, policy) {
  try {
    const user = validateUserSettings(userSettings).settings;
    const pol = validatePolicy(policy).policy;
    const locked = pol.lockSettings === true;
    const settings = defaultSettings();
    const layer = (src) => {
      for (const key of USER_KEYS.concat('schoolContact')) {
        if (!hasOwn(src, key)) continue;
        if (key === 'sites') Object.assign(settings.sites, src.sites);
        else if (key === 'extraSites') settings.extraSites = [...src.extraSites];
        else if (key === 'schoolContact') settings.schoolContact = { ...src.schoolContact };
        else settings[key] = src[key];
      }
    };
    if (!locked) layer(user);
    layer(pol);
    const managed = POLICY_KEYS.filter((k) => hasOwn(pol, k) && hasOwn(DEFAULT_SETTINGS, k));
    const managedSites = pol.sites ? SITE_IDS.filter((id) => hasOwn(pol.sites, id)) : [];
    return { settings, managed, managedSites, locked, skipFirstRunConsent: pol.skipFirstRunConsent === true };
  } catch {
    return { settings: defaultSettings(), managed: [], managedSites: [], locked: false, skipFirstRunConsent: false };
  }
}

/**
 * May the user change this setting now? For the options page.
 * @param merged result of mergeSettings()
 * @param key a settings key; for one site pass ('sites', siteId)
 */
export function isEditable(merged, key, siteId) {
  if (!merged || merged.locked !== false) return false;
  if (!USER_KEYS.includes(key)) return false;
  if (key === 'sites' && siteId !== undefined) {
    return SITE_IDS.includes(siteId) && !(merged.managedSites || []).includes(siteId);
  }
  return !(merged.managed || []).includes(key);
}

// v0 (stored without a version by development builds before versioning)
// used these names; everything else already had its v1 name. Two v0 shapes
// existed: {language, disabledSites, sensitivity: 0-2}, and the first shell's
// {sensitivity: "standard"|"fewer", country: "auto", extraOrigins: [...]}.
const SENSITIVITY_BY_NUMBER = ['low', 'normal', 'high'];
const SENSITIVITY_BY_NAME = new Map([['standard', 'normal'], ['fewer', 'low']]);

function fromV0(old, notes) {
  const v1 = { ...old };
  if (hasOwn(old, 'language') && !hasOwn(old, 'uiLanguage')) v1.uiLanguage = old.language;
  delete v1.language;
  if (hasOwn(old, 'disabledSites')) {
    if (Array.isArray(old.disabledSites) && !hasOwn(old, 'sites')) {
      v1.sites = {};
      for (const id of old.disabledSites.slice(0, LIMITS.siteKeys)) {
        if (SITE_IDS.includes(id)) v1.sites[id] = false;
        else notes.add(`v0 disabledSites: unknown site ${showKey(id)} dropped`);
      }
    }
    delete v1.disabledSites;
  }
  if (typeof old.sensitivity === 'number') {
    v1.sensitivity = SENSITIVITY_BY_NUMBER[old.sensitivity] ?? old.sensitivity;
  } else if (SENSITIVITY_BY_NAME.has(old.sensitivity)) {
    v1.sensitivity = SENSITIVITY_BY_NAME.get(old.sensitivity);
  }
  if (old.country === 'auto') v1.country = '';
  if (hasOwn(old, 'extraOrigins')) {
    // Origin patterns ("https://host/*") are match patterns already.
    if (Array.isArray(old.extraOrigins) && !hasOwn(old, 'extraSites')) v1.extraSites = old.extraOrigins;
    delete v1.extraOrigins;
  }
  return v1;
}

/**
 * Brings stored settings to the current version. Stored shape:
 * `{version: 1, ...the user's own settings (partial)}`.
 *  - nothing stored → `{version: 1}`
 *  - no `version` (v0) → legacy names renamed, then validated
 *  - version 1 → validated (bad values dropped)
 *  - a newer version than this build knows → known keys kept, the rest
 *    ignored; `changed` is false so the caller does not overwrite data a
 *    newer build wrote (a rollback must not destroy it)
 * @returns {{settings: object, notes: string[], from: number|null, changed: boolean}}
 *   `from`: version found (0 for unversioned, null when nothing was stored);
 *   `changed`: whether the caller should write `settings` back.
 */
export function migrateSettings(stored) {
  return safely('migrate', (notes) => {
    if (stored === undefined || stored === null) {
      return { settings: { version: SETTINGS_VERSION }, notes: notes.done(), from: null, changed: false };
    }
    if (!isPlainObject(stored)) {
      notes.add(`stored settings were ${show(stored)}; starting from defaults`);
      return { settings: { version: SETTINGS_VERSION }, notes: notes.done(), from: null, changed: true };
    }
    const v = stored.version;
    let from;
    let source = stored;
    if (v === undefined || v === 0) {
      from = 0;
      source = fromV0(stored, notes);
    } else if (Number.isInteger(v) && v >= 1) {
      from = v;
      if (v > SETTINGS_VERSION) notes.add(`settings version ${v} is newer than this build (${SETTINGS_VERSION}); keeping the keys it knows`);
    } else {
      notes.add(`settings version ${show(v)} is not a version; read as unversioned`);
      from = 0;
      source = fromV0(stored, notes);
    }
    const inner = validateUserSettings(source);
    for (const n of inner.notes) notes.add(n);
    const settings = { version: SETTINGS_VERSION, ...inner.settings };
    const changed = from < SETTINGS_VERSION || (from === SETTINGS_VERSION && inner.notes.length > 0);
    return { settings, notes: notes.done(), from, changed };
  }, (notes) => ({ settings: { version: SETTINGS_VERSION }, notes, from: null, changed: false }));
}

/**
 * Firefox: values under policies.json `3rdparty.Extensions.<gecko id>` reach
 * `browser.storage.managed` as they are, with no schema check, so the
 * extension's own validation is the only one. In the extension this is just
 * validatePolicy(); it also accepts the surrounding policies.json document
 * (or its `3rdparty` part) and unwraps it, which the tests use to read the
 * example files in docs/policies/. A JSON string is parsed first.
 * @returns {{policy: object, notes: string[]}}
 */
export function policyFromFirefox(section, geckoId = GECKO_ID) {
  try {
    let v = section;
    if (typeof v === 'string' && v.length <= 64 * 1024) v = JSON.parse(v);
    if (isPlainObject(v) && isPlainObject(v.policies)) v = v.policies;
    if (isPlainObject(v) && isPlainObject(v['3rdparty'])) v = v['3rdparty'];
    if (isPlainObject(v) && isPlainObject(v.Extensions)) {
      v = hasOwn(v.Extensions, geckoId) ? v.Extensions[geckoId] : undefined;
    }
    return validatePolicy(v);
  } catch {
    return { policy: {}, notes: ['policy: Firefox policy section unreadable; ignored'] };
  }
}
