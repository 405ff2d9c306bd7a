// Heads Up — what the page says about the other person: stranger and new-thread cues.
//
// Pure DOM code, like adapter.js: no chrome.*/browser.* APIs, nothing async, never throws. It
// reads an entry's `cues` in extension/sites.json and returns a small record for the open
// conversation, which travels with the messages to the background and from there to the
// analyser (Analyser.setPeer). Only what the page itself shows is read: a message-request or
// "not in your contacts" banner, "you don't follow each other", "no mutual servers", "this is
// the beginning of your conversation". Nothing is asked of the site and nothing is stored.
//
// ── Exports ─────────────────────────────────────────────────────────────────────────────
//   readCues(adapter, document, opts?) → {stranger?: boolean, newThread?: boolean}
//       stranger  true: a `stranger` cue is on the page; false: a `known` cue is (and no
//                 stranger cue); absent: the page says neither.
//       newThread true: a `newThread` cue (the conversation's beginning) is on the page and at
//                 most NEW_THREAD_MAX_MESSAGES messages follow it (opts.messages); false: a
//                 `history` cue is on the page, or the beginning is followed by more messages
//                 than that (a long history, scrolled to its start); absent: unknown.
//   sameCues(a, b)                     → true when two records say the same thing.
//   CueReader                          → readCues at most every CUE_LIMITS.everyMs for a watcher
//                                        (a selector over a 100,000-row page is not free), with
//                                        a timer that comes back for a change in between.
//   CUE_KINDS, NEW_THREAD_MAX_MESSAGES, CUE_LIMITS
//
// ── sites.json `cues` (docs/sites.md describes each site's) ─────────────────────────────
//   cues: {stranger: [spec], known: [spec], newThread: [spec], history: [spec]}, each optional.
//   spec: {selector, text?}
//     selector  document-level CSS selector (shadow roots are not pierced)
//     text      optional {<lang>: regex source, …}: the element's text (whitespace collapsed)
//               must match one of them, case-insensitively. Keys are site UI languages (en, es,
//               fr, de, pt…), or "*" for a pattern that holds in every language (a phone number).
//   A spec is on the page when one of the first CUE_LIMITS.elements elements matching its
//   selector (with its text, when given) is found.

export const CUE_KINDS = Object.freeze(['stranger', 'known', 'newThread', 'history']);

/** More messages than this after the conversation's beginning is a history, not a new thread. */
export const NEW_THREAD_MAX_MESSAGES = 30;

export const CUE_LIMITS = Object.freeze({
  elements: 40, // elements looked at per spec
  text: 500, // characters of an element's text compared
  specs: 20, // specs read per kind
  pattern: 300, // characters of a text pattern
  everyMs: 1500, // a watcher reads the cues at most this often (CueReader)
});

const compiled = new Map();

function regex(source) {
  if (typeof source !== 'string' || !source || source.length > CUE_LIMITS.pattern) return null;
  if (!compiled.has(source)) {
    let re = null;
    try {
      re = new RegExp(source, 'iu');
    } catch {
      re = null;
    }
    compiled.set(source, re);
  }
  return compiled.get(source);
}

function all(document, selector) {
  if (!document || typeof selector !== 'string' || !selector) return [];
  try {
    return Array.from(document.querySelectorAll(selector)).slice(0, CUE_LIMITS.elements);
  } catch {
    return [];
  }
}

function textOf(el) {
  return String((el && el.textContent) || '').slice(0, CUE_LIMITS.text * 2).replace(/\s+/g, ' ').trim().slice(0, CUE_LIMITS.text);
}

/** A selector list from a string or an array of strings (as adapter.js reads selector fields). */
function selectorOf(v) {
  if (Array.isArray(v)) return v.filter((s) => typeof s === 'string' && s).join(', ');
  return typeof v === 'string' ? v : '';
}

/**
 * Is this element inside a message? A message's words are the other person's, and someone could
 * type "You follow each other" to pass as a known contact: cues are read outside messages only.
 */
function inMessage(el, messageSelector) {
  if (!messageSelector || !el || typeof el.closest !== 'function') return false;
  try {
    return Boolean(el.closest(messageSelector));
  } catch {
    return false;
  }
}

/** Is this spec on the page (outside the messages)? */
function shows(document, spec, messageSelector) {
  if (!spec || typeof spec !== 'object') return false;
  const els = all(document, spec.selector).filter((el) => !inMessage(el, messageSelector));
  if (!els.length) return false;
  if (!spec.text || typeof spec.text !== 'object') return true;
  const patterns = Object.values(spec.text).map(regex).filter(Boolean);
  if (!patterns.length) return false;
  return els.some((el) => {
    const t = textOf(el);
    return t && patterns.some((re) => re.test(t));
  });
}

function any(document, specs, messageSelector) {
  return Array.isArray(specs) && specs.slice(0, CUE_LIMITS.specs).some((s) => shows(document, s, messageSelector));
}

/**
 * The cue record of the open conversation (see the header). `opts.messages`: how many messages
 * the adapter read (a beginning followed by many messages is a long history).
 */
export function readCues(adapter, document, opts = {}) {
  return recordOf(shown(adapter, document), opts.messages);
}

/** Which kinds of cue are on the page: {stranger, known, newThread, history} (booleans). */
function shown(adapter, document) {
  const out = {};
  try {
    const cues = adapter && adapter.cues;
    if (!cues || typeof cues !== 'object' || !document) return out;
    const messageSelector = selectorOf(adapter.message);
    for (const kind of CUE_KINDS) out[kind] = any(document, cues[kind], messageSelector);
  } catch {
    /* what we have */
  }
  return out;
}

/** The record from what is shown and how many messages were read. */
function recordOf(on, messages) {
  const out = {};
  if (on.stranger) out.stranger = true;
  else if (on.known) out.stranger = false;
  if (on.newThread) out.newThread = !(Number(messages) > NEW_THREAD_MAX_MESSAGES);
  else if (on.history) out.newThread = false;
  return out;
}

/** Do two cue records say the same? (Absent and undefined are the same.) */
export function sameCues(a, b) {
  const x = a || {};
  const y = b || {};
  return x.stranger === y.stranger && x.newThread === y.newThread;
}

/**
 * Reads a page's cues for a watcher, at most every CUE_LIMITS.everyMs: in between it uses the
 * banners it last saw (with the message count of now: a thread grows past a new thread at once)
 * and asks `later(ms)` once to come back (the watcher reads the page again then), so a banner
 * that appears or goes between two reads is still seen. `force` (a new conversation) reads at once.
 */
export class CueReader {
  constructor(adapter, {later, everyMs = CUE_LIMITS.everyMs, now = () => Date.now()} = {}) {
    this.adapter = adapter;
    this.later = later || (() => {});
    this.everyMs = everyMs;
    this.now = now;
    this.at = -Infinity;
    this.on = {};
    this.waiting = false;
  }

  read(document, {messages, force = false} = {}) {
    const t = this.now();
    if (!force && t - this.at < this.everyMs) {
      if (!this.waiting) {
        this.waiting = true;
        this.later(this.everyMs - (t - this.at));
      }
      return recordOf(this.on, messages);
    }
    this.at = t;
    this.waiting = false;
    this.on = shown(this.adapter, document);
    return recordOf(this.on, messages);
  }
}
