// Work queue processed in small time slices.
// The MutationObserver callback only pushes onto this queue; the work runs later, when the
// browser is idle (or on the next frame), for at most `budgetMs` per slice, so a busy chat page
// never janks because of us. When the queue is empty, `onDrained` runs once.
//
// A page can add a hundred thousand nodes in one go (a whole thread appended as one fragment):
// one mutation record then lists them all. They are copied in a plain loop (spreading them into
// a call's arguments overflows the stack at about that size), and past `maxItems` the queue gives
// up on them: it empties itself and calls `onOverflow`, whose owner then re-reads the page once
// instead of looking at each node.

export const SLICE_TIMEOUT_MS = 250;
export const FIRST_SLICE_TIMEOUT_MS = 50;
/** Nodes queued at most; past it the owner re-reads the page once (see onOverflow). */
export const MAX_ITEMS = 5000;

export class SlicedQueue {
  constructor({process, onDrained, onOverflow = () => {}, maxItems = MAX_ITEMS, budgetMs = 4,
    now = () => performance.now(), schedule = defaultSchedule}) {
    this.process = process;
    this.onDrained = onDrained;
    this.onOverflow = onOverflow;
    this.maxItems = maxItems;
    this.budgetMs = budgetMs;
    this.now = now;
    this.schedule = schedule;
    this.items = [];
    this.head = 0; // items before `head` are done (shift() on a long array costs its length)
    this.scheduled = false;
    this.paused = false;
  }

  push(...items) {
    this.pushAll(items);
  }

  /** Queues every item of an array-like (a NodeList of any length). */
  pushAll(list) {
    // The first slice after new nodes waits for idle time at most FIRST_SLICE_TIMEOUT_MS: on a
    // page that never idles, the idle timeout is the floor of the warning's delay.
    const fresh = this.length === 0;
    if (this.length + list.length > this.maxItems) {
      this.items = [];
      this.head = 0;
      this.onOverflow();
    } else {
      for (let i = 0; i < list.length; i += 1) this.items.push(list[i]);
    }
    this.kick(fresh ? FIRST_SLICE_TIMEOUT_MS : undefined);
  }

  /** Asks for a slice even with nothing queued (so onDrained runs, e.g. after navigation). */
  kick(timeoutMs = SLICE_TIMEOUT_MS) {
    if (this.scheduled || this.paused) return;
    this.scheduled = true;
    this.schedule(() => this.runSlice(), timeoutMs);
  }

  pause() {
    this.paused = true;
  }

  resume() {
    this.paused = false;
    this.kick();
  }

  get length() {
    return this.items.length - this.head;
  }

  runSlice() {
    this.scheduled = false;
    if (this.paused) return;
    const start = this.now();
    let done = 0;
    // Always make progress: at least one item per slice, then stop when the budget is spent.
    while (this.length && (done === 0 || this.now() - start < this.budgetMs)) {
      const item = this.items[this.head];
      this.items[this.head] = undefined; // let the node go
      this.head += 1;
      this.process(item);
      done += 1;
    }
    if (this.length) {
      this.kick();
    } else {
      this.items = [];
      this.head = 0;
      this.onDrained();
    }
  }
}

function defaultSchedule(fn, timeoutMs = SLICE_TIMEOUT_MS) {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(fn, {timeout: timeoutMs});
  else if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => fn());
  else setTimeout(fn, 16);
}
