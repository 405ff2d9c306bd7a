// "Show these messages": the page's messages behind the signs are outlined. At urgent the dialog
// would hide them under its dark backdrop, so it steps aside: a small bar ("N messages are
// highlighted", "Hide the highlights") at the top or bottom edge, whichever is farther from the
// messages, without the backdrop; "Hide the highlights" brings the dialog back.
import {t} from '../shared/i18n.js';
import {messagesFor, prefersReducedMotion} from './warning-dom.js';

/** Highlights the messages behind the signs, or removes the highlight (`view`: the WarningView). */
export function toggleHighlight(view) {
  const toggle = view.highlightToggle;
  if (view.highlighter.active) {
    view.highlighter.clear();
    if (toggle) {
      toggle.textContent = t('show_messages');
      toggle.setAttribute('aria-pressed', 'false');
    }
    const peeking = view.wrap.classList.contains('peeking');
    view.wrap.classList.remove('peeking');
    view.card.classList.remove('peek-top', 'peek-bottom');
    view.syncModal();
    view.peekBar.hidden = true;
    view.announce('');
    if (peeking && toggle) toggle.focus({preventScroll: true});
    return;
  }
  const nodes = view.nodesFor(messagesFor(view.verdict));
  const n = view.highlighter.show(nodes, {reducedMotion: prefersReducedMotion()});
  if (toggle) {
    toggle.textContent = t('hide_messages');
    toggle.setAttribute('aria-pressed', 'true');
  }
  view.announce(t('showing_messages', [String(n)]));
  if (view.level !== 'urgent') return;
  // The dialog becomes a small bar at the top or bottom edge, away from the messages, without
  // its dark backdrop; "Hide the highlights" brings it back.
  view.wrap.classList.add('peeking');
  view.syncModal();
  view.peekText.textContent = t('showing_messages', [String(n)]);
  view.peekBar.hidden = false;
  view.peekBack.focus({preventScroll: true});
  const place = () => placePeek(view, nodes);
  place();
  // Once the smooth scroll to the messages has ended.
  setTimeout(place, prefersReducedMotion() ? 50 : 600);
}

/** Puts the stepped-aside dialog on the edge farther from the highlighted messages. */
function placePeek(view, nodes) {
  if (!view.card || !view.wrap.classList.contains('peeking')) return;
  const rects = nodes.filter((n) => n && n.isConnected).map((n) => n.getBoundingClientRect()).filter((r) => r.height > 0);
  const mid = rects.length ? (Math.min(...rects.map((r) => r.top)) + Math.max(...rects.map((r) => r.bottom))) / 2 : 0;
  const top = mid > window.innerHeight / 2;
  view.card.classList.toggle('peek-top', top);
  view.card.classList.toggle('peek-bottom', !top);
}
