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

/**
 * How long the managed read may take. On a freshly started Chromium, storage.managed.get()
 * sometimes never answers; waiting for it would hang every page's hello.
 */
export const MANAGED_TIMEOUT_MS = 1500;
const TIMED_OUT = Symbol('timed out');

async function readManagedRaw(timeoutMs) {
  let timer;
  try {
    const area = api.storage && api.storage.managed;
    if (!area || typeof area.get !== 'function') return {};
    const late = new Promise((resolve) => { timer = setTimeout(() => resolve(TIMED_OUT), timeoutMs); });
    const raw = await Promise.race([Promise.resolve(area.get(null)), late]);
    if (raw === TIMED_OUT) {
      console.info('headsup', `storage.managed did not answer in ${timeoutMs} ms: no policy for now`);
      return TIMED_OUT;
    }
    return raw || {};
  } catch {
    return {}; // no managed storage here: no policy
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The validated policy, read once and cached until it changes. A read that timed out counts as
 * "no policy" and is not cached: the next call asks again.
 */
export function readPolicy({timeoutMs = MANAGED_TIMEOUT_MS} = {}) {
  if (!cached) {
    const reading = readManagedRaw(timeoutMs).then((raw) => {
      if (raw === TIMED_OUT) {
        if (cached === reading) cached = null;
        return {policy: {}, notes: []};
      }
      const result = validatePolicy(raw);
      for (const note of result.notes) console.info('headsup', note);
      return result;
    });
    cached = reading;
    reading.catch(() => { if (cached === reading) cached = null; });
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
