// Extra sites (beyond the listed ones): turned on by the person from the popup or options page,
// or named by a school policy (extraSites, match patterns that may have a path).
// Each needs an optional host permission (asked for by the page, with the person's click) and a
// content script registered at run time with the scripting API: that API is why the manifest asks
// for the "scripting" permission.
import {api} from '../shared/api.js';
import {permissionFor} from '../shared/settings.js';
import {readSettings, updateSettings} from './settings-store.js';

const SCRIPT_ID_PREFIX = 'headsup-extra-';
const CONTENT_JS = ['content/content.js'];

function scriptId(pattern) {
  return SCRIPT_ID_PREFIX + pattern.replace(/[^a-z0-9]/gi, '_');
}

/** Makes the registered content scripts match the enabled extra sites whose host is granted. */
export async function syncRegistrations() {
  const settings = await readSettings();
  const granted = await api.permissions.getAll();
  const grantedOrigins = new Set(granted.origins || []);
  const wanted = settings.extraSites.filter((p) => grantedOrigins.has(permissionFor(p)) || grantedOrigins.has('*://*/*'));
  const existing = await api.scripting.getRegisteredContentScripts();
  const existingIds = new Set(existing.map((s) => s.id).filter((id) => id.startsWith(SCRIPT_ID_PREFIX)));
  const wantedIds = new Map(wanted.map((p) => [scriptId(p), p]));
  const stale = [...existingIds].filter((id) => !wantedIds.has(id));
  if (stale.length) await api.scripting.unregisterContentScripts({ids: stale});
  const missing = [...wantedIds].filter(([id]) => !existingIds.has(id));
  if (missing.length) {
    await api.scripting.registerContentScripts(missing.map(([id, pattern]) => ({
      id, matches: [pattern], js: CONTENT_JS, runAt: 'document_idle', allFrames: false,
    })));
  }
}

/** Turns an origin on (permission already granted by the page) and starts watching the tab now. */
export async function enableOrigin(pattern, tabId) {
  await updateSettings((own) => ({...own, extraSites: [...new Set([...(own.extraSites || []), pattern])]}));
  await syncRegistrations();
  if (typeof tabId === 'number') await injectInto(tabId);
}

/** Starts the content script in a tab now (needs activeTab or a host permission for it). */
export async function injectInto(tabId) {
  try {
    await api.scripting.executeScript({target: {tabId}, files: CONTENT_JS});
    return true;
  } catch (err) {
    console.warn('headsup: could not start in the tab now; it will on reload', err);
    return false;
  }
}

export async function disableOrigin(pattern) {
  const after = await updateSettings((own) => ({...own, extraSites: (own.extraSites || []).filter((p) => p !== pattern)}));
  // Keep the permission while a policy still names the site.
  if (!after.extraSites.includes(pattern)) {
    try { await api.permissions.remove({origins: [permissionFor(pattern)]}); } catch { /* not granted */ }
  }
  await syncRegistrations();
}
