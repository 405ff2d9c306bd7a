// Settings and dismissals in storage.local. The person's own settings are stored partial and
// versioned ({version, ...what they chose}); what is in force is that under the school's policy
// (policy-store.js). Validation and migration are shared/policy.js.
import {api} from '../shared/api.js';
import {SETTINGS_KEY} from '../shared/settings.js';
import {isEditable, migrateSettings, validateUserSettings, SETTINGS_VERSION} from '../shared/policy.js';
import {readEffective, readUserSettings} from './policy-store.js';
import {DISMISSALS_KEY, withDismissal} from './dismissals.js';
import {MUTES_KEY, mutedSigns, withMute} from './mutes.js';

/** The settings in force (complete, policy applied). */
export async function readSettings() {
  return (await readEffective()).settings;
}

/**
 * Changes the person's own settings: `change` is a partial settings object, or a function from
 * the current own settings to new ones. Keys the school manages or locked are left as they were
 * (the options page shows them read-only; this is the backstop). Returns the settings in force.
 */
export async function updateSettings(change) {
  const [own, merged] = await Promise.all([readUserSettings(), readEffective()]);
  const wanted = typeof change === 'function' ? change(structuredClone(own)) : {...own, ...change};
  const next = {...own};
  for (const [key, value] of Object.entries(validateUserSettings(wanted).settings)) {
    if (key === 'sites') {
      next.sites = {...own.sites};
      for (const [id, on] of Object.entries(value)) if (isEditable(merged, 'sites', id)) next.sites[id] = on;
    } else if (isEditable(merged, key)) {
      next[key] = value;
    }
  }
  await api.storage.local.set({[SETTINGS_KEY]: {...next, version: SETTINGS_VERSION}});
  return readSettings();
}

/** Rewrites stored settings of an older shape in the current one (run on install/update). */
export async function migrateStoredSettings() {
  const got = await api.storage.local.get(SETTINGS_KEY);
  const {settings, notes, changed} = migrateSettings(got[SETTINGS_KEY]);
  for (const note of notes) console.info('headsup', note);
  if (changed) await api.storage.local.set({[SETTINGS_KEY]: settings});
}

export async function readDismissal(hash) {
  const got = await api.storage.local.get(DISMISSALS_KEY);
  return (got[DISMISSALS_KEY] || {})[hash];
}

export async function recordDismissal(hash, level, crisisMessages = 0) {
  const got = await api.storage.local.get(DISMISSALS_KEY);
  await api.storage.local.set({[DISMISSALS_KEY]: withDismissal(got[DISMISSALS_KEY], hash, level, Date.now(), crisisMessages)});
}

/** The sign ids the person said were wrong in this conversation (by hash). */
export async function readMuted(hash) {
  const got = await api.storage.local.get(MUTES_KEY);
  return mutedSigns(got[MUTES_KEY], hash);
}

/** Adds sign ids to this conversation's "this seems wrong" record; returns them all. */
export async function recordMuted(hash, signs) {
  const got = await api.storage.local.get(MUTES_KEY);
  const next = withMute(got[MUTES_KEY], hash, signs, Date.now());
  await api.storage.local.set({[MUTES_KEY]: next});
  return mutedSigns(next, hash);
}
