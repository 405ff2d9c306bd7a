import assert from 'node:assert/strict';
import {test} from 'node:test';
import {changedAbove, mergeMessages, mergeWindow} from '../../extension/content/tracker.js';
import {parseHTML} from 'linkedom';

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

// ── windowed reads (the newest few messages, read while only new ones arrive at the end) ──
// Keys as readMessages makes them: "h:<hash>#n", n counting repeats from the read's first message.
function read(texts) {
  const seen = new Map();
  return texts.map((text) => {
    const n = seen.get(text) || 0;
    seen.set(text, n + 1);
    return {key: `h:${text}#${n}`, from: 'them', text};
  });
}

test('window: new messages at the end are appended with the keys a full read gives them', () => {
  const page = ['hi', 'ok', 'how are you', 'ok', 'fine'];
  const known = read(page).slice();
  const later = [...page, 'ok', 'send a pic'];
  const r = mergeWindow(known, read(later.slice(-4))); // window: 'ok','fine','ok','send a pic'
  assert.ok(r, 'the window lines up with the end of known');
  assert.equal(r.change, 'append');
  assert.equal(r.from, 5);
  assert.deepEqual(r.list.map((m) => m.key), read(later).map((m) => m.key));
  assert.deepEqual(mergeMessages(known, read(later)).list.map((m) => m.key), r.list.map((m) => m.key));
  // Nothing new: nothing to send.
  assert.equal(mergeWindow(r.list, read(later.slice(-3))).change, 'none');
});

test('window: older messages loaded above leave the window alone; the full read then inserts them', () => {
  const page = ['a', 'b', 'c', 'd'];
  const known = read(page);
  const withOlder = ['x', 'y', ...page];
  // The newest window sees nothing new (the watcher reads everything after changes above).
  assert.equal(mergeWindow(known, read(withOlder.slice(-2))).change, 'none');
  const full = mergeMessages(known, read(withOlder));
  assert.equal(full.change, 'reset');
  assert.equal(keys(full).replace(/h:|#0/g, ''), 'xyabcd');
});

test('window: a gap, an edit or a deletion at the end means a full read (null)', () => {
  const known = read(['a', 'b', 'c', 'd']);
  assert.equal(mergeWindow(known, read(['e', 'f', 'g'])), null, 'more new messages than the window holds');
  assert.equal(mergeWindow(known, read(['b', 'c', 'D'])), null, 'last message edited');
  assert.equal(mergeWindow(known, read(['b', 'c', 'e'])), null, 'last message deleted, one new');
  assert.equal(mergeWindow([], read(['a'])), null, 'nothing known yet');
  assert.equal(mergeWindow(known, []), null, 'nothing on the page');
  // Site ids: an id seen again after the overlap is not a plain append.
  const ids = [{key: 'id:1', from: 'me', text: 'a'}, {key: 'id:2', from: 'me', text: 'b'}];
  assert.equal(mergeWindow(ids, [ids[1], {key: 'id:1', from: 'me', text: 'a'}]), null);
  assert.equal(mergeWindow(ids, [ids[1], {key: 'id:3', from: 'me', text: 'c'}]).change, 'append');
});

test('window: changes above the window head (older messages loaded) call for a full read; appends do not', () => {
  const {document} = parseHTML('<html><body><nav><a>Sam</a></nav><div id="t"><div class="m">a</div><div class="m" id="head">b</div><div class="m">c</div></div></body></html>');
  const t = document.getElementById('t');
  const head = document.getElementById('head');
  const row = (text) => { const el = document.createElement('div'); el.className = 'm'; el.textContent = text; return el; };
  const appended = row('d');
  t.append(appended);
  assert.equal(changedAbove(head, appended), false, 'a new message at the end');
  const older = row('older');
  t.prepend(older);
  assert.equal(changedAbove(head, older), true, 'older messages loaded above');
  // (Elements: linkedom misorders text nodes in compareDocumentPosition; Chromium does not.)
  assert.equal(changedAbove(head, t.children[1]), true, 'a message above changed');
  assert.equal(changedAbove(head, t), true, 'the list around it re-rendered');
  assert.equal(changedAbove(null, appended), true, 'nothing read yet');
  head.remove();
  assert.equal(changedAbove(head, appended), true, 'the head is gone');
});
