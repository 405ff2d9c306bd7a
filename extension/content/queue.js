// Work queue processed in small time slices.
// The MutationObserver callback only pushes onto this queue; the work runs later, when the
// browser is idle (or on the next frame), for at most `budgetMs` per slice, so a busy chat page
// never janks because of us. When the queue is empty, `onDrained` runs once.

export const SLICE_TIMEOUT_MS = 250;
export const FIRST_SLICE_TIMEOUT_MS = 50;

export class SlicedQueue {
  constructor({process, onDrained, budgetMs = 4, now = () => performance.now(), schedule = defaultSchedule}) {
    this.process = process;
    this.onDrained = onDrained;
    this.budgetMs = budgetMs;
    this.now = now;
    this.schedule = schedule;
    this.items = [];
    this.scheduled = false;
    this.paused = false;
  }

  push(...items) {
    // The first slice after new nodes waits for idle time at most FIRST_SLICE_TIMEOUT_MS: on a
    // page that never idles, the idle timeout is the floor of the warning's delay.
    const fresh = this.items.length === 0;
    this.items.push(...items);
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
    return this.items.length;
  }

  runSlice() {
    this.scheduled = false;
    if (this.paused) return;
    const start = this.now();
    let done = 0;
    // Always make progress: at least one item per slice, then stop when the budget is spent.
    while (this.items.length && (done === 0 || this.now() - start < this.budgetMs)) {
      this.process(this.items.shift());
      done += 1;
    }
    if (this.items.length) this.kick();
    else this.onDrained();
  }
}

function defaultSchedule(fn, timeoutMs = SLICE_TIMEOUT_MS) {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(fn, {timeout: timeoutMs});
  else if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => fn());
  else setTimeout(fn, 16);
}
