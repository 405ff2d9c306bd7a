// The analysers the background owns: one per (tab, conversation).
// Nothing here is persisted: if the worker is stopped, the store starts empty and each content
// script, which still holds its messages in memory, is asked to send the whole list again.
// It also keeps, per conversation key, the sign ids the person said were wrong (ids only, as
// mutes.js stores them), so an analyser (re)built at any moment gets every mute known so far.

/** How many conversations' muted sign ids are kept in memory (the least recently used go). */
const MAX_MUTED_KEYS = 500;

/** Reply telling a content script to resend everything for that conversation. */
export const RESYNC = Object.freeze({resync: true});

/**
 * The page's cue record as the analyser takes it (Analyser.setPeer): only `stranger` and
 * `newThread`, only when they are booleans; anything else the content script sent is dropped.
 */
export function peerRecord(cues) {
  const out = {};
  if (cues && typeof cues === 'object') {
    if (typeof cues.stranger === 'boolean') out.stranger = cues.stranger;
    if (typeof cues.newThread === 'boolean') out.newThread = cues.newThread;
  }
  return out;
}

function samePeer(a, b) {
  return a.stranger === b.stranger && a.newThread === b.newThread;
}

export class ConversationStore {
  /**
   * @param makeAnalyser (audience, site) => {push(batch), result(), messageCount, free(), setPeer?(record)}
   *   setPeer is called only when the analyser has it (an older core has not: no cues, today's verdicts).
   */
  constructor(makeAnalyser) {
    this.makeAnalyser = makeAnalyser;
    this.byTab = new Map(); // tabId -> {key, audience, analyser, peer, muted: Set applied}
    this.muted = new Map(); // conversation key -> sign ids said to be wrong there
  }

  /** The sign ids said to be wrong in conversation `key` ([] when none). */
  mutedFor(key) {
    return this.muted.get(key) || [];
  }

  /** Adds sign ids to conversation `key`'s muted set; returns them all. */
  noteMuted(key, signs = []) {
    const before = this.mutedFor(key);
    const all = [...new Set([...before, ...signs])];
    this.muted.delete(key);
    this.muted.set(key, all);
    if (this.muted.size > MAX_MUTED_KEYS) this.muted.delete(this.muted.keys().next().value);
    return all;
  }

  /**
   * Analyses a batch. `start` is how many messages of this conversation the content script
   * believes the background already has; `reset` replaces everything. `cues` is the page's cue
   * record (content/cues.js), handed to the analyser when it differs from what it has. `muted`
   * (the stored "this seems wrong" sign ids) joins those the store already knows for `key`.
   * Returns {verdict, muted: all the conversation's muted sign ids} or RESYNC when the
   * background's state does not line up.
   */
  analyse({tabId, key, site, audience, start, reset, messages, muted = [], cues}) {
    const allMuted = this.noteMuted(key, muted);
    let entry = this.byTab.get(tabId);
    if (entry && (entry.key !== key || entry.audience !== audience || reset)) {
      this.forget(tabId);
      entry = undefined;
    }
    if (!entry) {
      if (!reset && start !== 0) return RESYNC;
      entry = {key, audience, analyser: this.makeAnalyser(audience, site ?? null), peer: {}, muted: new Set()};
      this.byTab.set(tabId, entry);
    }
    if (entry.analyser.messageCount !== start && !reset) {
      this.forget(tabId);
      return RESYNC;
    }
    try {
      // Signs the person said were wrong in this conversation count for less: from the start in
      // a new analyser, and at once for a mute that reached the store after this one was built.
      const missing = allMuted.filter((id) => !entry.muted.has(id));
      if (missing.length) {
        applyMute(entry.analyser, missing);
        for (const id of missing) entry.muted.add(id);
      }
      const peer = peerRecord(cues);
      if (typeof entry.analyser.setPeer === 'function' && !samePeer(entry.peer, peer)) {
        entry.analyser.setPeer(peer);
        entry.peer = peer;
      }
      const verdict = entry.analyser.push(messages);
      return {verdict, muted: allMuted};
    } catch (err) {
      // A trap inside the core leaves the analyser unusable: drop it and rebuild from the page.
      this.forget(tabId);
      console.error('headsup: analyser failed, asking for a resync', err);
      return RESYNC;
    }
  }

  /**
   * Remembers `signs` as muted in conversation `key` (every analyser built for it from now on
   * gets them) and lowers them in the tab's analyser when it holds that conversation; returns the
   * new verdict, or null (no analyser for it, or a core without `mute`).
   */
  mute(tabId, key, signs) {
    this.noteMuted(key, signs);
    const entry = this.byTab.get(tabId);
    if (!entry || entry.key !== key) return null;
    try {
      for (const id of signs) entry.muted.add(id);
      return applyMute(entry.analyser, signs);
    } catch (err) {
      this.forget(tabId);
      console.error('headsup: mute failed, the analyser is rebuilt on the next batch', err);
      return null;
    }
  }

  /** Frees the analyser of a tab (tab closed, or it moved to another conversation). */
  forget(tabId) {
    const entry = this.byTab.get(tabId);
    if (!entry) return;
    this.byTab.delete(tabId);
    try { entry.analyser.free(); } catch { /* already gone */ }
  }

  get size() {
    return this.byTab.size;
  }
}

/**
 * analyser.mute(ids) where the core has it (it returns the verdict); null otherwise. The core
 * refuses a list with a sign it does not know: then each sign is lowered on its own.
 */
function applyMute(analyser, signs) {
  if (typeof analyser.mute !== 'function') return null;
  try {
    return analyser.mute(signs);
  } catch {
    let verdict = null;
    for (const id of signs) {
      try { verdict = analyser.mute([id]); } catch { /* a sign this core does not know */ }
    }
    return verdict || analyser.result();
  }
}
