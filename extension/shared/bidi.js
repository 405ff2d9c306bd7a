// Numbers, handles and codes inside translated sentences, kept left-to-right: in Arabic a bare
// "1-800-843-5678" is laid out right-to-left ("5678-843-800-1"). The value goes in a <bdi
// dir="ltr">, the sentence around it stays in the page's direction. DOM nodes only, never HTML.
import {t} from './i18n.js';

const MARK = '\uE000'; // a private-use character: never in a translation

/** A <bdi dir="ltr"> holding `value` as text. */
export function ltr(value) {
  const b = document.createElement('bdi');
  b.setAttribute('dir', 'ltr');
  b.textContent = String(value);
  return b;
}

/**
 * The message `key` with `value` as its one substitution, as nodes: the sentence's text around
 * the value, the value isolated left-to-right. Append them with node.append(...nodes).
 */
export function tIsolated(key, value) {
  const parts = t(key, [MARK]).split(MARK);
  const nodes = [];
  parts.forEach((part, i) => {
    if (i > 0) nodes.push(ltr(value));
    if (part) nodes.push(document.createTextNode(part));
  });
  return nodes;
}
