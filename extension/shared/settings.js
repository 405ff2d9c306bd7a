// Settings: their one shape, how stored values are read, and what they mean for the shell.
// Pure functions; background/settings-store.js and background/policy-store.js do the storage calls.
// The rules (defaults, validation, school policy, merging, migration) live in shared/policy.js;
// this file is the shell's view of them.
//
// ── For the help page (and any other page) ─────────────────────────────────────────────────
// Read the settings in force with:
//
//     import {readEffective} from '../background/policy-store.js';
//     const {settings, managed, locked} = await readEffective();
//
// It reads storage.local (the person's choices) and storage.managed (the school's policy; absent
// outside managed browsers) and merges them, so a page sees what the background sees. Fields of
// `settings` (names are exact):
//   audience       "teen" | "adult"
//   country        "" (take it from the browser's language: use helpCountry(settings, uiLang))
//                  or an ISO 3166-1 alpha-2 code such as "GB"
//   uiLanguage     "auto" | "en" | "es" | "fr" | "de" | "pt" | "it" | "ar"
//   sites          {<sites.json id>: true|false}, every listed site present
//   extraSites     ["https://chat.example.org/*", ...] match patterns
//   sensitivity    "low" | "normal" | "high"
//   showLearnMore  true | false
//   imagePause     true | false: pause before an image or video is added to a chat that shows
//                  warning signs (content/image-pause.js); a school's policy can keep it on
//   schoolContact  null, or {name, text, phone, email, url}: five strings, each possibly "".
//                  At least one of phone, email, url is set; url is always https://. Show it in the
//                  help path as one more place to get help (set only by a school's policy).
// `managed` lists the keys a policy set; `locked` is true when the school locked every setting.
// helpCountry(settings, api.i18n.getUILanguage()) gives the country to use for help lines.
import {rank} from './levels.js';
import {
  DEFAULT_SETTINGS, SITE_IDS, mergeSettings, migrateSettings, normalizeMatchPattern,
} from './policy.js';

export {DEFAULT_SETTINGS, SITE_IDS};

/** storage.local key of the person's own (partial, versioned) settings. */
export const SETTINGS_KEY = 'settings';
/** storage.local key: the first-run welcome page was shown (or skipped by policy). */
export const WELCOME_KEY = 'welcomeShown';

/** Complete defaults (the policy.js shape). */
export const DEFAULTS = DEFAULT_SETTINGS;

/**
 * Complete, valid settings from whatever was stored, with no policy: old shapes are migrated,
 * unknown or bad values fall back to the defaults.
 */
export function normaliseSettings(raw) {
  return mergeSettings(migrateSettings(raw).settings, {}).settings;
}

/** The least serious level shown: "low" shows warning and urgent, the others every level. */
export function minimumLevel(settings) {
  return settings && settings.sensitivity === 'low' ? 'warning' : 'caution';
}

/** True when a verdict level is serious enough to show. */
export function levelShown(settings, level) {
  return rank(level) > 0 && rank(level) >= rank(minimumLevel(settings));
}

/** Is a listed site turned on? (On unless turned off by the person or the school.) */
export function siteEnabled(settings, siteId) {
  return !(settings && settings.sites && settings.sites[siteId] === false);
}

/** Listed site ids that are turned off. */
export function disabledSites(settings) {
  return SITE_IDS.filter((id) => !siteEnabled(settings, id));
}

/** A valid extra-site match pattern, normalised, or null. */
export function matchPattern(value) {
  return normalizeMatchPattern(value);
}

/** The match pattern for the origin of a page URL, or null for pages we cannot watch. */
export function originPattern(url) {
  let u;
  try { u = new URL(url); } catch { return null; }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
  return `${u.protocol}//${u.host}/*`;
}

/**
 * The host permission an extra-site pattern needs: its scheme and host with any path
 * ("https://*.example.net/messages/*" → "https://*.example.net/*").
 */
export function permissionFor(pattern) {
  const m = /^(\*|https?):\/\/([^/]+)\//.exec(pattern || '');
  return m ? `${m[1]}://${m[2]}/*` : null;
}

/**
 * The country whose help lines apply: the setting, or the region of the browser's language
 * ("en-GB" → "GB"), or "INT" (international services only) when neither says.
 */
export function helpCountry(settings, uiLanguage) {
  if (settings && /^[A-Z]{2}$/.test(settings.country || '')) return settings.country;
  const m = /[-_]([A-Za-z]{2})$/.exec(uiLanguage || '');
  return m ? m[1].toUpperCase() : 'INT';
}

/** Message (page → background): the settings in force, as readEffective() returns them. */
export const PAGE_BG_SETTINGS = 'page-bg-settings';
