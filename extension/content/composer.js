// Where the page's message box is, so the side cards never sit on it (or on Send beside it).
// Any site: the lowest visible text box outside our own warning.

const COMPOSER = 'textarea, [contenteditable="true"], [contenteditable=""], [role="textbox"], input[type="text"]';
/** The least room a card keeps (its headline and actions), even in a very short window. */
const MIN_ROOM = 96;
const GAP = 8;

/** The message box: the visible text box lowest on the screen, or null. */
export function findComposer(doc = document) {
  let best = null;
  let bestBottom = -Infinity;
  for (const node of doc.querySelectorAll(COMPOSER)) {
    const r = node.getBoundingClientRect();
    if (!r.width || !r.height || r.bottom > window.innerHeight + 1 || r.top < 0) continue;
    if (r.bottom > bestBottom) {
      best = node;
      bestBottom = r.bottom;
    }
  }
  return best;
}

/** The top of the message box's row: its parent when that is a bar around it (Send sits there). */
function composerRowTop(composer) {
  const c = composer.getBoundingClientRect();
  const parent = composer.parentElement;
  const p = parent ? parent.getBoundingClientRect() : null;
  return p && p.height < 200 && p.top < c.top ? p.top : c.top;
}

/**
 * Caps the card's height so it ends above the message box, which lies below the card (cards sit
 * at the top edge); the card scrolls inside when its content is longer. The message box's row
 * (Send and other buttons beside it) is the box's parent bar when it has one, so its top is the limit.
 */
export function fitAboveComposer(card) {
  card.style.removeProperty('max-block-size');
  const composer = findComposer();
  if (!composer) return;
  const r = card.getBoundingClientRect();
  const top = composerRowTop(composer);
  if (top <= r.top) return; // a message box above the card: nothing to keep clear below
  const room = Math.max(MIN_ROOM, Math.floor(top - r.top - GAP));
  card.style.setProperty('max-block-size', `${room}px`);
}
