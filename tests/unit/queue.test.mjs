import assert from 'node:assert/strict';
import {test} from 'node:test';
import {SlicedQueue} from '../../extension/content/queue.js';

function harness(budgetMs, costMs) {
  let clock = 0;
  const slices = [];
  const scheduled = [];
  const processed = [];
  let drained = 0;
  const q = new SlicedQueue({
    budgetMs,
    now: () => clock,
    schedule: (fn) => scheduled.push(fn),
    process: (x) => { processed.push(x); clock += costMs; },
    onDrained: () => { drained += 1; },
  });
  const runAll = () => {
    while (scheduled.length) {
      const before = processed.length;
      scheduled.shift()();
      slices.push(processed.length - before);
    }
  };
  return {q, runAll, slices, processed, scheduled, get drained() { return drained; }};
}

test('pushing only schedules; nothing runs inside the observer callback', () => {
  const h = harness(4, 1);
  h.q.push(1, 2, 3);
  assert.equal(h.processed.length, 0);
  assert.equal(h.scheduled.length, 1);
  h.q.push(4);
  assert.equal(h.scheduled.length, 1, 'one slice scheduled at a time');
});

test('work is split into slices within the budget, then drains once', () => {
  const h = harness(4, 1);
  h.q.push(...Array.from({length: 10}, (_, i) => i));
  h.runAll();
  assert.deepEqual(h.processed, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.deepEqual(h.slices, [4, 4, 2]);
  assert.equal(h.drained, 1);
});

test('an item slower than the budget still makes progress (one per slice)', () => {
  const h = harness(4, 10);
  h.q.push('a', 'b');
  h.runAll();
  assert.deepEqual(h.slices, [1, 1]);
});

test('paused queues (hidden tab) do nothing until resumed', () => {
  const h = harness(4, 1);
  h.q.pause();
  h.q.push(1, 2);
  assert.equal(h.scheduled.length, 0);
  h.q.resume();
  h.runAll();
  assert.deepEqual(h.processed, [1, 2]);
  assert.equal(h.drained, 1);
});

test('kick with nothing queued still reaches onDrained (used after navigation)', () => {
  const h = harness(4, 1);
  h.q.kick();
  h.runAll();
  assert.equal(h.drained, 1);
});

test('the first slice after new nodes waits for idle time at most 50 ms; later slices 250 ms', () => {
  const timeouts = [];
  const scheduled = [];
  const q = new SlicedQueue({
    budgetMs: 4,
    now: () => 0,
    schedule: (fn, timeoutMs) => { timeouts.push(timeoutMs); scheduled.push(fn); },
    process: () => {},
    onDrained: () => {},
  });
  q.push(1);
  assert.deepEqual(timeouts, [50]);
  scheduled.shift()();
  q.kick();
  assert.deepEqual(timeouts, [50, 250], 'a kick with nothing new is not urgent');
});

test('a record of 200,000 added nodes is taken without spreading it (no stack overflow)', () => {
  const list = {length: 200000};
  for (let i = 0; i < list.length; i += 1) list[i] = i;
  // Spreading this many arguments is what overflowed the stack in the observer callback.
  assert.throws(() => [].push(...Array.from(list).concat(Array.from(list)).concat(Array.from(list))), RangeError);
  let processed = 0;
  const scheduled = [];
  const q = new SlicedQueue({maxItems: Infinity, budgetMs: Infinity, now: () => 0, schedule: (fn) => scheduled.push(fn), process: () => { processed += 1; }, onDrained: () => {}});
  q.pushAll(list);
  assert.equal(q.length, 200000);
  scheduled.shift()();
  assert.equal(processed, 200000);
  assert.equal(q.length, 0);
});

test('past maxItems the queue empties itself and says so once; later nodes queue again', () => {
  let overflows = 0;
  let drained = 0;
  const processed = [];
  const scheduled = [];
  const q = new SlicedQueue({
    maxItems: 100, budgetMs: 4, now: () => 0,
    schedule: (fn) => scheduled.push(fn), process: (x) => processed.push(x),
    onDrained: () => { drained += 1; }, onOverflow: () => { overflows += 1; },
  });
  q.pushAll(Array.from({length: 60}, (_, i) => i));
  q.pushAll(Array.from({length: 60}, (_, i) => 100 + i));
  assert.equal(overflows, 1);
  assert.equal(q.length, 0, 'the nodes are dropped: the owner re-reads the page instead');
  while (scheduled.length) scheduled.shift()();
  assert.equal(drained, 1, 'onDrained still runs, so the re-read happens');
  q.push('late');
  while (scheduled.length) scheduled.shift()();
  assert.deepEqual(processed, ['late']);
});
