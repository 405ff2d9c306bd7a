// "Not now" is remembered per conversation until something new and worse happens, or until the
// person writes self-harm words they had not written when they dismissed it: crisis help is never
// switched off by an earlier "not now". Only a hash of the conversation key is stored, with the
// level and a count of crisis messages: never text.
import {newCrisisWords, rank} from '../shared/levels.js';

export const DISMISSALS_KEY = 'dismissed';
const MAX_RECORDS = 500;

/** SHA-256 (hex) of "site|conversation". */
export async function conversationHash(site, conversation) {
  const bytes = new TextEncoder().encode(`${site}|${conversation}`);
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Should a verdict be shown, given the dismissal record for its conversation (or undefined)?
 * It shows again when the level is worse than the dismissed one, or when the person's own words
 * mention self-harm in more messages than when they dismissed it.
 */
export function showsDespiteDismissal(verdict, record) {
  if (!record) return true;
  return rank(verdict.level) > rank(record.level) || newCrisisWords(verdict, record.crisis);
}


/**
 * New record map after a dismissal (`crisis`: the dismissed verdict's count of crisis messages);
 * keeps the most recent MAX_RECORDS.
 */
export function withDismissal(records, hash, level, now, crisis = 0) {
  const count = Number.isInteger(crisis) && crisis > 0 ? crisis : 0;
  const next = {...(records || {}), [hash]: {level, crisis: count, at: now}};
  const keys = Object.keys(next);
  if (keys.length > MAX_RECORDS) {
    keys.sort((a, b) => next[a].at - next[b].at);
    for (const k of keys.slice(0, keys.length - MAX_RECORDS)) delete next[k];
  }
  return next;
}
