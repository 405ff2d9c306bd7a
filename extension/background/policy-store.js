// The school's policy (storage.managed) and the settings in force (policy over the person's own).
// Validation and merging are shared/policy.js; this file only reads, caches and logs.
//
// storage.managed throws or rejects where there is no policy store (Firefox without
// policies.json, unmanaged Chromium in some builds, temporary add-ons): that is read as "no
// policy", never as an error. Notes about bad policy values go to this extension's own console,
// nowhere else.
import {api} from '../shared/api.js';
import {mergeSettings, migrateSettings, validatePolicy} from '../shared/policy.js';
import {SETTINGS_KEY} from '../shared/settings.js';

let cached = null; // Promise<{policy, notes}>; dropped when storage.onChanged says "managed"

async function readManagedRaw() {
  try {
    const area = api.storage && api.storage.managed;
    if (!area || typeof area.get !== 'function') return {};
    return (await area.get(null)) || {};
  } catch {
    return {}; // no managed storage here: no policy
  }
}

/** The validated policy, read once and cached until it changes. */
export function readPolicy() {
  if (!cached) {
    cached = readManagedRaw().then((raw) => {
      const result = validatePolicy(raw);
      for (const note of result.notes) console.info('headsup', note);
      return result;
    });
    cached.catch(() => { cached = null; });
  }
  return cached.then((r) => r.policy);
}

/** Forgets the cached policy (call on storage.onChanged for the "managed" area). */
export function forgetPolicy() {
  cached = null;
}

/** The person's own settings as stored (partial, versioned), migrated from older shapes. */
export async function readUserSettings() {
  const got = await api.storage.local.get(SETTINGS_KEY);
  return migrateSettings(got[SETTINGS_KEY]).settings;
}

/**
 * The settings in force, with what the policy manages:
 * {settings, managed, managedSites, locked, skipFirstRunConsent} (see mergeSettings()).
 * Works in the background and in extension pages alike.
 */
export async function readEffective() {
  const [user, policy] = await Promise.all([readUserSettings(), readPolicy()]);
  return mergeSettings(user, policy);
}
