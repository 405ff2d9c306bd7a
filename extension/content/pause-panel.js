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
import {ASKED} from './image-pause.js';

/**
 * The i18n keys of the panel's lines for a verdict and cue record, in order. `muted`: sign ids
 * the person said were wrong in this chat (never named as what they did).
 */
export function pauseLines(verdict, cues, muted = []) {
  const ids = new Set(((verdict && verdict.signals) || []).map((s) => s && s.id));
  for (const id of muted || []) ids.delete(id);
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
export function buildPausePanel({verdict, cues, muted, onChoice}) {
  const [lead, ...rest] = pauseLines(verdict, cues, muted);
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
export function askBeforeSending(view, {verdict, cues, muted}) {
  if (view.pause) return view.pause.promise;
  view.ensureHost();
  clearNotice(view);
  // Focus inside our closed shadow root (a button of the card) is the host to the document.
  const active = document.activeElement;
  const returnFocus = active === view.host && view.shadow ? view.shadow.activeElement : active;
  let resolve;
  const promise = new Promise((r) => { resolve = r; });
  const finish = (send) => {
    if (!view.pause || view.pause.promise !== promise) return;
    // Back into the urgent dialog when one is open (where focus was in it, or its primary);
    // otherwise where focus was, or where a card closed meanwhile would have given it back.
    const modal = Boolean(view.card && view.level === 'urgent');
    const candidates = modal
      ? [returnFocus && returnFocus.getRootNode() === view.shadow ? returnFocus : null, view.primary]
      : [returnFocus, view.pause.thenFocus];
    const back = candidates.find((n) => n && n.isConnected && n.focus);
    view.pause.node.remove();
    view.pause = null;
    view.syncModal();
    if (!view.card) view.removeHost();
    else view.announce(t(send ? 'pause_passed' : 'pause_kept'));
    if (back) back.focus({preventScroll: true});
    resolve(send);
  };
  const {node, first} = buildPausePanel({verdict, cues, muted, onChoice: finish});
  view.pause = {node, promise, finish, returnFocus, thenFocus: null};
  view.syncModal();
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
