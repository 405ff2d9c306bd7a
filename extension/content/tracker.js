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
