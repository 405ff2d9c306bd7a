import assert from 'node:assert/strict';
import {test} from 'node:test';
import {mergeMessages} from '../../extension/content/tracker.js';

const m = (...keys) => keys.map((key) => ({key}));
const keys = (r) => r.list.map((x) => x.key).join('');

test('first read appends everything', () => {
  const r = mergeMessages([], m('a', 'b'));
  assert.equal(keys(r), 'ab');
  assert.equal(r.change, 'append');
  assert.equal(r.from, 0);
});

test('a re-read of the same page changes nothing', () => {
  const r = mergeMessages(m('a', 'b'), m('a', 'b'));
  assert.equal(r.change, 'none');
  assert.equal(keys(r), 'ab');
});

test('new messages at the end are an append from the old length', () => {
  const r = mergeMessages(m('a', 'b'), m('a', 'b', 'c', 'd'));
  assert.deepEqual([keys(r), r.change, r.from], ['abcd', 'append', 2]);
});

test('older messages loaded above need a reset, in page order, counted once', () => {
  const r = mergeMessages(m('c', 'd'), m('a', 'b', 'c', 'd'));
  assert.deepEqual([keys(r), r.change], ['abcd', 'reset']);
});

test('a virtualised window that dropped old messages keeps them and appends the new', () => {
  const r = mergeMessages(m('a', 'b', 'c'), m('c', 'd'));
  assert.deepEqual([keys(r), r.change, r.from], ['abcd', 'append', 3]);
});

test('a message inserted between known ones is a reset', () => {
  const r = mergeMessages(m('a', 'c'), m('a', 'b', 'c'));
  assert.deepEqual([keys(r), r.change], ['abc', 'reset']);
});

test('a page with nothing known (jumped far) is appended', () => {
  const r = mergeMessages(m('a', 'b'), m('x', 'y'));
  assert.deepEqual([keys(r), r.change, r.from], ['abxy', 'append', 2]);
});

test('duplicate keys within one read count once', () => {
  const r = mergeMessages([], m('a', 'a', 'b'));
  assert.equal(keys(r), 'ab');
});
