// Settings and dismissals in storage.local, read through the validators in shared/settings.js.
import {api} from '../shared/api.js';
import {SETTINGS_KEY, normaliseSettings} from '../shared/settings.js';
import {DISMISSALS_KEY, withDismissal} from './dismissals.js';

export async function readSettings() {
  const got = await api.storage.local.get(SETTINGS_KEY);
  return normaliseSettings(got[SETTINGS_KEY]);
}

export async function writeSettings(settings) {
  await api.storage.local.set({[SETTINGS_KEY]: normaliseSettings(settings)});
}

export async function readDismissal(hash) {
  const got = await api.storage.local.get(DISMISSALS_KEY);
  return (got[DISMISSALS_KEY] || {})[hash];
}

export async function recordDismissal(hash, level) {
  const got = await api.storage.local.get(DISMISSALS_KEY);
  await api.storage.local.set({[DISMISSALS_KEY]: withDismissal(got[DISMISSALS_KEY], hash, level, Date.now())});
}
