// Every user-facing string comes from _locales through here.
//
// The UI language follows the browser (chrome.i18n). The `uiLanguage` setting (owned by the
// settings/policy code) can choose another of the shipped locales: then the page or background
// loads that locale's messages.json from the package and `t()` reads from it. Content scripts
// do not fetch package files (that would need them to be web-accessible, which lets any page
// detect the extension); they ask the background, which answers with the messages, and call
// `useMessages()`.
import {api} from './api.js';
import {SETTINGS_KEY, normaliseSettings} from './settings.js';

/** The locales shipped in _locales (folder names). */
export const LOCALES = Object.freeze(['en', 'es', 'fr', 'de', 'pt_BR', 'ar']);
const RTL = new Set(['ar', 'fa', 'he', 'ur']);

let chosen = null; // {locale, messages} when the setting overrides the browser's language

/**
 * The shipped locale for a `uiLanguage` value ("auto", "es", "pt", "pt-BR", "ar", …), or null
 * for "auto", unknown values and languages we do not ship (the browser's language applies then).
 */
export function localeForSetting(value) {
  if (typeof value !== 'string' || !value || value === 'auto') return null;
  const v = value.trim().replace('-', '_');
  if (LOCALES.includes(v)) return v;
  const lang = v.split('_')[0].toLowerCase();
  if (lang === 'pt') return 'pt_BR';
  return LOCALES.find((l) => l === lang) || null;
}

/** The `uiLanguage` choice in stored settings, read through the settings module ("auto" if none). */
export function uiLanguageSetting(rawSettings) {
  const s = normaliseSettings(rawSettings);
  const value = s.uiLanguage !== undefined ? s.uiLanguage : 'auto';
  return typeof value === 'string' ? value : 'auto';
}

/**
 * One message in Chrome's format: named placeholders ($NAME$ → their `content`), then $1…$9
 * from `substitutions`, and "$$" for a literal dollar sign.
 */
export function formatMessage(entry, substitutions) {
  if (!entry || typeof entry.message !== 'string') return '';
  const subs = substitutions === undefined ? [] : [].concat(substitutions).map(String);
  const named = entry.placeholders || {};
  const lower = Object.fromEntries(Object.entries(named).map(([k, v]) => [k.toLowerCase(), v && v.content]));
  const positional = (s) => s.replace(/\$(\d)/g, (_, d) => subs[Number(d) - 1] ?? '');
  return entry.message
    .replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name) => {
      const content = lower[name.toLowerCase()];
      return typeof content === 'string' ? positional(content) : whole;
    })
    .replace(/\$\$/g, '$');
}

/** Use these messages (a parsed messages.json) instead of the browser's language. */
export function useMessages(locale, messages) {
  chosen = locale && messages && typeof messages === 'object' ? {locale, messages} : null;
}

/** Fetches a shipped locale's messages.json (pages and background only). */
export async function loadLocaleMessages(locale, fetchImpl = fetch) {
  if (!LOCALES.includes(locale)) return null;
  const res = await fetchImpl(api.runtime.getURL(`_locales/${locale}/messages.json`));
  return res.json();
}

/**
 * Applies the `uiLanguage` setting (pages and background). Returns the locale now in use, or
 * null when the browser's language applies. Never throws: the browser's language is the fallback.
 */
export async function initI18n({fetchImpl = fetch, storage = api.storage && api.storage.local, readSettings = null} = {}) {
  try {
    // readSettings: the settings in force (a school's policy applied), where the caller has them
    // (background: settings-store.readSettings; pages: policy-store.readEffective). Otherwise the
    // person's own stored choice, read through the settings module.
    let value;
    if (readSettings) value = (await readSettings()).uiLanguage;
    else value = uiLanguageSetting(storage ? (await storage.get(SETTINGS_KEY))[SETTINGS_KEY] : undefined);
    const locale = localeForSetting(value);
    if (!locale || locale === browserLocale()) {
      useMessages(null);
      return null;
    }
    useMessages(locale, await loadLocaleMessages(locale, fetchImpl));
    return locale;
  } catch {
    useMessages(null);
    return null;
  }
}

/**
 * The locale the browser picked for the extension's messages ("en", "pt_BR", …). Read from the
 * locale file itself (`locale_code`): `@@ui_locale` is the browser's UI locale, which can differ
 * (Chromium started with --lang=es may keep an en-US UI yet serve the extension's es messages).
 */
export function browserLocale() {
  try { return api.i18n.getMessage('locale_code') || api.i18n.getMessage('@@ui_locale') || 'en'; } catch { return 'en'; }
}

/** The message for `key` (with optional substitutions); the key itself if it is missing. */
export function t(key, substitutions) {
  if (chosen && chosen.messages[key]) return formatMessage(chosen.messages[key], substitutions) || key;
  if (chosen && key === '@@ui_locale') return chosen.locale;
  if (chosen && key === '@@bidi_dir') return uiDirection();
  const text = api.i18n.getMessage(key, substitutions);
  return text || key;
}

/** The UI locale in use ("en", "pt_BR", "ar", …). */
export function uiLocale() {
  return chosen ? chosen.locale : browserLocale();
}

/** BCP 47 tag of the UI language, for lang="" attributes ("pt-BR"). */
export function uiLangTag() {
  return uiLocale().replace('_', '-');
}

/** Writing direction of the UI language ("ltr" or "rtl"). */
export function uiDirection() {
  if (chosen) return RTL.has(chosen.locale.split('_')[0]) ? 'rtl' : 'ltr';
  const own = api.i18n.getMessage('locale_dir');
  if (own === 'rtl' || own === 'ltr') return own;
  return api.i18n.getMessage('@@bidi_dir') === 'rtl' ? 'rtl' : 'ltr';
}

/**
 * Fills an extension page: `data-i18n` sets textContent, `data-i18n-<attr>` sets that attribute
 * (e.g. data-i18n-aria-label, data-i18n-placeholder, data-i18n-title).
 */
export function localise(root) {
  for (const el of root.querySelectorAll('*')) {
    for (const {name, value} of [...el.attributes]) {
      if (name === 'data-i18n') el.textContent = t(value);
      else if (name.startsWith('data-i18n-')) el.setAttribute(name.slice('data-i18n-'.length), t(value));
    }
  }
  if (root.documentElement) {
    root.documentElement.lang = uiLangTag();
    root.documentElement.dir = uiDirection();
  }
}
