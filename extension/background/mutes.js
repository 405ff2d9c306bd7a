// "This seems wrong": the signs the person said were wrong, per conversation. Only a hash of the
// conversation key (dismissals.js's conversationHash) and the sign ids are stored, never text.
// The core lowers each named sign to supporting evidence for that conversation (Analyser.mute);
// self-harm words are never lowered.
export const MUTES_KEY = 'muted';
const MAX_RECORDS = 500;
const MAX_SIGNS = 40;

/** Sign ids as the core names them ("platform_move"); anything else is dropped. */
export function cleanSigns(signs) {
  const ids = (Array.isArray(signs) ? signs : []).filter((s) => typeof s === 'string' && /^[a-z][a-z0-9_]{0,39}$/.test(s));
  return [...new Set(ids)].slice(0, MAX_SIGNS);
}

/** New record map with `signs` added to the conversation's; keeps the most recent MAX_RECORDS. */
export function withMute(records, hash, signs, now) {
  const before = (records && records[hash] && records[hash].signs) || [];
  const next = {...(records || {}), [hash]: {signs: cleanSigns([...before, ...signs]), at: now}};
  const keys = Object.keys(next);
  if (keys.length > MAX_RECORDS) {
    keys.sort((a, b) => next[a].at - next[b].at);
    for (const k of keys.slice(0, keys.length - MAX_RECORDS)) delete next[k];
  }
  return next;
}

/** The muted sign ids of a conversation hash ([] when none). */
export function mutedSigns(records, hash) {
  return cleanSigns(records && records[hash] && records[hash].signs);
}
