// Settings: what they are, their defaults, and how a stored value is validated when read.
// Pure functions; the background and the pages do the storage calls.
import {rank} from './levels.js';

export const SETTINGS_KEY = 'settings';

export const DEFAULTS = Object.freeze({
  // Who is using the browser: changes which help lines and which rules apply.
  audience: 'teen',
  // "standard" shows every level from caution up; "fewer" shows only warning and urgent.
  sensitivity: 'standard',
  // ISO 3166 alpha-2 code for help lines, or "auto" (from the browser's language).
  country: 'auto',
  // Per listed site (sites.json id): false turns Heads Up off there. Missing means on.
  sites: {},
  // Extra origins the person turned on (each also holds an optional host permission).
  extraOrigins: [],
});

const AUDIENCES = ['teen', 'adult'];
const SENSITIVITIES = ['standard', 'fewer'];

/** Returns complete, valid settings from whatever was stored (unknown or bad values → defaults). */
export function normaliseSettings(raw) {
  const s = (raw && typeof raw === 'object') ? raw : {};
  const sites = {};
  if (s.sites && typeof s.sites === 'object') {
    for (const [id, on] of Object.entries(s.sites)) {
      if (typeof on === 'boolean' && /^[a-z0-9_-]{1,40}$/.test(id)) sites[id] = on;
    }
  }
  const extraOrigins = Array.isArray(s.extraOrigins)
    ? [...new Set(s.extraOrigins.filter(isOriginPattern))].sort()
    : [];
  return {
    audience: AUDIENCES.includes(s.audience) ? s.audience : DEFAULTS.audience,
    sensitivity: SENSITIVITIES.includes(s.sensitivity) ? s.sensitivity : DEFAULTS.sensitivity,
    country: typeof s.country === 'string' && /^(auto|[A-Z]{2})$/.test(s.country) ? s.country : DEFAULTS.country,
    sites,
    extraOrigins,
  };
}

/** The least serious level that is shown with these settings. */
export function minimumLevel(settings) {
  return settings.sensitivity === 'fewer' ? 'warning' : 'caution';
}

/** True when a verdict level is serious enough to show. */
export function levelShown(settings, level) {
  return rank(level) > 0 && rank(level) >= rank(minimumLevel(settings));
}

/** Is a listed site turned on? (On unless the person turned it off.) */
export function siteEnabled(settings, siteId) {
  return settings.sites[siteId] !== false;
}

/** A match pattern for one origin, as stored in extraOrigins: "https://example.org/*". */
export function isOriginPattern(value) {
  return typeof value === 'string' && /^https?:\/\/[a-z0-9.-]+(:\d+)?\/\*$/.test(value);
}

/** The match pattern for the origin of a page URL, or null for pages we cannot watch. */
export function originPattern(url) {
  let u;
  try { u = new URL(url); } catch { return null; }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
  return `${u.protocol}//${u.host}/*`;
}
