// Small pieces the warning is built from: a DOM builder that never parses HTML, and the
// translated reasons and message indices of a verdict.
import {t} from '../shared/i18n.js';

/** Small DOM builder: attributes via setAttribute, text via textContent, never HTML. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (name === 'text') node.textContent = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

function reasonText(signal) {
  for (const key of [signal.reason, `reason_${signal.id}`]) {
    if (key && /^[a-z_]+$/.test(key)) {
      const text = t(key);
      if (text !== key) return text;
    }
  }
  return t('reason_other');
}

/** What the page said about the other person that raised the level (the core's `cues`). */
const CUE_KEYS = Object.freeze({stranger: 'cue_stranger', new_thread: 'cue_new_thread'});

/**
 * Distinct, translated reasons in verdict order (two signals can share a sentence), then the
 * page's cues that raised the level ("The site shows this person isn’t one of your friends or
 * contacts").
 */
export function reasonsFor(verdict) {
  const cues = (Array.isArray(verdict.cues) ? verdict.cues : []).map((c) => CUE_KEYS[c]).filter(Boolean).map((k) => t(k));
  return [...new Set([...(verdict.signals || []).map(reasonText), ...cues])];
}

/** Indices of the messages involved in any signal, ascending. */
export function messagesFor(verdict) {
  const all = new Set();
  for (const s of verdict.signals || []) for (const i of s.messages || []) all.add(i);
  return [...all].sort((a, b) => a - b);
}

export function prefersReducedMotion() {
  return Boolean(window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches);
}
