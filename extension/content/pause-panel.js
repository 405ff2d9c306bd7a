// The pause before an image or video goes into a chat that shows warning signs: a short, calm
// panel with two equal choices, drawn in the warning's closed shadow root (warning.js owns the
// host and calls askBeforeSending; image-pause.js decides when to ask). Built with
// createElement/textContent only.
//
// What it says depends on what the chat shows: they asked for a picture (and moved you to
// another app), or only that the chat has signs of the scam; the page's stranger cue is named
// when it is on. It never says the person did anything wrong, and it says plainly that the file
// was not opened and nothing has been sent.

import {t} from '../shared/i18n.js';
import {el} from './warning-dom.js';

/** Signs that mean "they asked for a picture". */
const ASKED = new Set(['sexual_request']);

/** The i18n keys of the panel's lines for a verdict and cue record, in order. */
export function pauseLines(verdict, cues) {
  const ids = new Set(((verdict && verdict.signals) || []).map((s) => s && s.id));
  const asked = [...ASKED].some((id) => ids.has(id));
  const lines = [];
  if (asked) lines.push(ids.has('platform_move') ? 'pause_asked_move' : 'pause_asked');
  else lines.push('pause_signs');
  if (cues && cues.stranger === true) lines.push('cue_stranger');
  lines.push('pause_choice', 'pause_private');
  return lines;
}

/**
 * The panel: {node, first}. `first` is the control to focus ("Don't send", the choice that
 * changes nothing). onChoice(true) = send anyway, onChoice(false) = don't send; Escape is
 * "Don't send".
 */
export function buildPausePanel({verdict, cues, onChoice}) {
  const [lead, ...rest] = pauseLines(verdict, cues);
  const choose = (send) => () => onChoice(send);
  const keep = el('button', {type: 'button', 'data-action': 'pause-dont-send', text: t('pause_dont_send'), onclick: choose(false)});
  const send = el('button', {type: 'button', 'data-action': 'pause-send-anyway', text: t('pause_send_anyway'), onclick: choose(true)});
  const node = el('div', {class: 'pause', role: 'alertdialog', 'aria-modal': 'false', 'aria-labelledby': 'hu-pause-title', 'aria-describedby': 'hu-pause-text'},
    el('h2', {id: 'hu-pause-title', text: t('pause_title')}),
    el('div', {id: 'hu-pause-text'},
      el('p', {class: 'lead', text: t(lead)}),
      ...rest.map((key) => el('p', {text: t(key)}))),
    el('div', {class: 'row equal'}, keep, send));
  node.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onChoice(false);
    }
  });
  return {node, first: keep};
}

/**
 * Shows the panel in `view`'s host (a WarningView: ensureHost, wrap, live, card, pause) and
 * resolves true for "Send anyway", false for "Don't send". One at a time: a second file added
 * while it is open gets the same answer. Focus goes to "Don't send", and back where it was after.
 */
export function askBeforeSending(view, {verdict, cues}) {
  if (view.pause) return view.pause.promise;
  view.ensureHost();
  clearNotice(view);
  const returnFocus = document.activeElement;
  let resolve;
  const promise = new Promise((r) => { resolve = r; });
  const finish = (send) => {
    if (!view.pause || view.pause.promise !== promise) return;
    view.pause.node.remove();
    view.pause = null;
    if (!view.card) view.removeHost();
    else view.announce(t(send ? 'pause_passed' : 'pause_kept'));
    if (returnFocus && returnFocus.isConnected && returnFocus.focus) returnFocus.focus({preventScroll: true});
    resolve(send);
  };
  const {node, first} = buildPausePanel({verdict, cues, onChoice: finish});
  view.pause = {node, promise, finish};
  view.wrap.insertBefore(node, view.live);
  first.focus({preventScroll: true});
  return promise;
}

function clearNotice(view) {
  if (!view.noticeNode) return;
  view.noticeNode.remove();
  view.noticeNode = null;
}

/**
 * A short line in the pause panel's place, gone after `ms` (or when a pause is shown again):
 * "Okay. Paste it again and it will go through."
 */
export function showNotice(view, text, ms = 8000) {
  view.ensureHost();
  clearNotice(view);
  const node = el('div', {class: 'pause notice', role: 'status'}, el('p', {text}));
  view.noticeNode = node;
  view.wrap.insertBefore(node, view.live);
  setTimeout(() => {
    if (view.noticeNode !== node) return;
    clearNotice(view);
    if (!view.card && !view.pause) view.removeHost();
  }, ms);
}
