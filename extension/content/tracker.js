// Keeps the ordered list of messages of one conversation as the page shows them over time.
// Pages add new messages at the end, load older ones at the top when the person scrolls up, and
// some (virtualised lists) drop messages that scrolled far away. The core needs the messages in
// page order, so we merge each scan into what we already know and say what the background needs:
//   "none"   nothing new;
//   "append" only new messages after the last known one (send list.slice(from));
//   "reset"  something was inserted before known messages (send the whole list again).

/**
 * @param known  ordered [{key, ...}] already seen in this conversation
 * @param page   ordered [{key, ...}] read from the page now (may be a window of the whole)
 * @returns {list, change: 'none'|'append'|'reset', from}
 */
export function mergeMessages(known, page) {
  const index = new Map(known.map((m, i) => [m.key, i]));
  const seen = new Set();
  const list = known.slice();
  let pending = [];        // unknown messages seen before any known one
  let anchorKey = null;    // key of the last known (or inserted) message, in page order
  let insertedBefore = false;
  let appended = 0;

  const positionOf = (key) => list.findIndex((m) => m.key === key);

  for (const m of page) {
    if (seen.has(m.key)) continue; // duplicate key within one scan: keep the first
    seen.add(m.key);
    if (index.has(m.key)) {
      if (pending.length) {
        const at = positionOf(m.key);
        list.splice(at, 0, ...pending);
        insertedBefore = true;
        pending = [];
      }
      anchorKey = m.key;
      continue;
    }
    if (anchorKey === null) {
      pending.push(m);
      continue;
    }
    const at = positionOf(anchorKey) + 1;
    if (at < list.length) insertedBefore = true; else appended += 1;
    list.splice(at, 0, m);
    anchorKey = m.key;
  }
  if (pending.length) {
    // Nothing on the page is known: a fresh window. Treat it as newer messages.
    list.push(...pending);
    appended += pending.length;
  }
  if (insertedBefore) return {list, change: 'reset', from: 0};
  if (appended) return {list, change: 'append', from: known.length};
  return {list, change: 'none', from: known.length};
}

/**
 * Merges a window of the newest messages (readMessages with a small maxMessages) into `known`.
 * Keys "h:<hash>#n" number repeats within one read, so a window numbers its repeats from 0 where
 * a full read would not: the window is lined up with the end of `known` by content instead (the
 * longest run of the window's first messages equal to known's last ones), those messages take
 * their known keys, and the new ones after them are numbered on from known's repeats.
 * @returns mergeMessages' result plus `page` (the window with its keys as merged), or null when the window does
 *   not line up with the end of known (a gap, an edit or a deletion): read the whole page then.
 */
export function mergeWindow(known, window) {
  if (!known.length || !window.length) return null;
  const base = (key) => (key.startsWith('h:') ? key.slice(0, key.lastIndexOf('#')) : key);
  const same = (a, b) => base(a.key) === base(b.key) && a.from === b.from && a.text === b.text;
  let overlap = 0;
  for (let k = Math.min(window.length, known.length); k > 0 && !overlap; k--) {
    const at = known.length - k;
    let ok = true;
    for (let j = 0; j < k && ok; j++) ok = same(known[at + j], window[j]);
    if (ok) overlap = k;
  }
  if (!overlap) return null;
  const next = new Map(); // hash base -> next repeat number
  const keys = new Set();
  for (const m of known) {
    keys.add(m.key);
    if (!m.key.startsWith('h:')) continue;
    const n = Number(m.key.slice(m.key.lastIndexOf('#') + 1)) + 1;
    if (!(next.get(base(m.key)) >= n)) next.set(base(m.key), n);
  }
  const page = window.map((m, j) => {
    if (j < overlap) return {...m, key: known[known.length - overlap + j].key};
    if (!m.key.startsWith('h:')) return m;
    const b = base(m.key);
    const n = next.get(b) || 0;
    next.set(b, n + 1);
    return {...m, key: `${b}#${n}`};
  });
  // An id key seen again after the overlap means the window is not simply newer messages.
  if (page.slice(overlap).some((m) => keys.has(m.key))) return null;
  return {...mergeMessages(known, page), page};
}

/**
 * Does a page change at `node` (an added node or a changed text) touch the messages at or above
 * `head`, the oldest message of the newest window at the last read? Older messages loaded above,
 * an edit, the list re-rendered (head gone): the next read must be a full one.
 */
export function changedAbove(head, node) {
  if (!head || !head.isConnected) return true;
  // Preceding covers ancestors of head too (a container re-rendered around it).
  return Boolean(head.compareDocumentPosition(node) & 2); // eslint-disable-line no-bitwise -- DOCUMENT_POSITION_PRECEDING
}
