// Unit tests for extension/content/cues.js: the stranger and new-thread cues each site shows,
// read from the fixture pages. Each fixture keeps its site's cue markup in a <template
// id="fixture-cues"> (what its test hook shows in a browser); here the same markup is put in
// place the same way, so the page the unit test reads is the page the e2e test shows.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {parseHTML} from 'linkedom';
import * as cuesModule from '../../extension/content/cues.js';
const {readCues, sameCues, NEW_THREAD_MAX_MESSAGES} = cuesModule;
import {genericAdapter, readMessages} from '../../extension/content/adapter.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const data = JSON.parse(fs.readFileSync(path.join(root, 'extension/sites.json'), 'utf8'));
const byId = Object.fromEntries(data.sites.map((s) => [s.id, s]));

function page(id) {
  return parseHTML(fs.readFileSync(path.join(root, 'tests/fixtures/sites', `${id}.html`), 'utf8')).document;
}

/** What the fixture hook's showCue(kind) does, in linkedom. */
function showCue(document, kind) {
  const tpl = document.getElementById('fixture-cues');
  let shown = 0;
  for (const c of [...tpl.content.children]) {
    if (c.getAttribute('data-cue') !== kind) continue;
    const into = document.querySelector(c.getAttribute('data-into'));
    assert.ok(into, `${kind}: ${c.getAttribute('data-into')} is on the page`);
    const before = c.getAttribute('data-before') ? into.querySelector(c.getAttribute('data-before')) : into.firstChild;
    const copy = c.cloneNode(true);
    for (const a of ['data-cue', 'data-into', 'data-before']) copy.removeAttribute(a);
    into.insertBefore(copy, before);
    shown += 1;
  }
  return shown;
}

const kindsOf = (id) => [...page(id).getElementById('fixture-cues').content.children].map((c) => c.getAttribute('data-cue'));

/** Which cue each fixture shows, and what the record says with it. */
const EXPECT = {stranger: {stranger: true}, known: {stranger: false}, newThread: {newThread: true}};
const WITH_CUES = ['discord', 'instagram', 'messenger', 'snapchat', 'tinder', 'whatsapp'];

for (const id of WITH_CUES) {
  test(`${id}: the plain fixture shows no cue; each cue its site shows is read`, () => {
    const adapter = byId[id];
    assert.ok(adapter.cues, `${id} has cues in sites.json`);
    assert.deepEqual(readCues(adapter, page(id), {messages: 6}), {}, 'no cue on the plain page');
    const kinds = [...new Set(kindsOf(id))];
    assert.ok(kinds.length, `${id}: the fixture's template holds its cues`);
    for (const kind of kinds) {
      const doc = page(id);
      assert.ok(showCue(doc, kind) > 0);
      assert.deepEqual(readCues(adapter, doc, {messages: 6}), EXPECT[kind], `${id} ${kind}`);
      // The cue is not a message: the adapter still reads the same six messages.
      assert.equal(readMessages(doc, adapter).length, readMessages(page(id), adapter).length, `${id} ${kind}: messages unchanged`);
    }
  });
}

test('a stranger cue beats a known one; both cues together make one record', () => {
  const doc = page('discord');
  showCue(doc, 'newThread');
  showCue(doc, 'stranger');
  assert.deepEqual(readCues(byId.discord, doc, {messages: 2}), {stranger: true, newThread: true});
  showCue(doc, 'known');
  assert.equal(readCues(byId.discord, doc, {messages: 2}).stranger, true);
});

test('the beginning of a long history is not a new thread', () => {
  const doc = page('whatsapp');
  showCue(doc, 'newThread');
  assert.deepEqual(readCues(byId.whatsapp, doc, {messages: NEW_THREAD_MAX_MESSAGES}), {newThread: true});
  assert.deepEqual(readCues(byId.whatsapp, doc, {messages: NEW_THREAD_MAX_MESSAGES + 1}), {newThread: false});
});

test('WhatsApp: a phone number in the header (no saved name) is a stranger cue', () => {
  const doc = page('whatsapp');
  const header = doc.querySelector('#main header span[title]');
  header.setAttribute('title', '+44 7700 900999');
  header.textContent = '+44 7700 900999';
  assert.deepEqual(readCues(byId.whatsapp, doc, {messages: 6}), {stranger: true});
});

test('cue text in another site language is read (Spanish Discord, German Instagram)', () => {
  const doc = page('discord');
  showCue(doc, 'newThread');
  doc.querySelector('[class*="description"]').textContent = 'Este es el comienzo de tu historial de mensajes directos con @sam.';
  assert.deepEqual(readCues(byId.discord, doc, {messages: 3}), {newThread: true});
  const ig = page('instagram');
  showCue(ig, 'known');
  ig.querySelector('[data-cue], .x1xmf6yo span').textContent = 'Ihr folgt euch gegenseitig auf Instagram';
  assert.deepEqual(readCues(byId.instagram, ig, {messages: 3}), {stranger: false});
});

test('a message that quotes a cue is not a cue (only the site\'s own banner counts)', () => {
  const doc = page('snapchat');
  doc.querySelector('main ul li span[dir="auto"]').textContent = "isn't your friend yet. You have no mutual friends.";
  assert.deepEqual(readCues(byId.snapchat, doc, {messages: 6}), {});
});

test('generic fallback: notes such as "message request" and "beginning of your conversation"', () => {
  const g = genericAdapter(data.generic);
  const {document} = parseHTML(`<!doctype html><html><body><section><p role="note">Message request: this account is not in your contacts.</p>
    <p role="note">This is the beginning of your conversation.</p><div role="log"><div role="row">hi</div></div></section></body></html>`);
  assert.deepEqual(readCues(g, document, {messages: 1}), {stranger: true, newThread: true});
  const {document: friend} = parseHTML('<!doctype html><html><body><p role="note">You follow each other.</p></body></html>');
  assert.deepEqual(readCues(g, friend, {messages: 1}), {stranger: false});
});

test('bad data never throws: no cues, bad selectors, bad patterns, no document', () => {
  const doc = page('discord');
  assert.deepEqual(readCues(null, doc), {});
  assert.deepEqual(readCues({cues: null}, doc), {});
  assert.deepEqual(readCues(byId.discord, null), {});
  const bad = {cues: {stranger: [{selector: ':::'}, {selector: 'li', text: {en: '('}}, 'x', null], newThread: 'nope'}};
  assert.deepEqual(readCues(bad, doc), {});
});

test('sameCues: absent and undefined are the same', () => {
  assert.ok(sameCues({}, {stranger: undefined}));
  assert.ok(sameCues(null, {}));
  assert.ok(!sameCues({stranger: true}, {}));
  assert.ok(!sameCues({newThread: false}, {newThread: true}));
});

test('CueReader reads at most every everyMs, and comes back once for a change in between', () => {
  const {CueReader} = cuesModule;
  let clock = 0;
  const later = [];
  const doc = page('discord');
  const reader = new CueReader(byId.discord, {everyMs: 1000, now: () => clock, later: (ms) => later.push(ms)});
  assert.deepEqual(reader.read(doc, {messages: 6}), {});
  showCue(doc, 'stranger');
  clock = 400;
  assert.deepEqual(reader.read(doc, {messages: 6}), {}, 'too soon: the last record');
  assert.deepEqual(later, [600], 'asked to come back when the next read is due');
  clock = 500;
  reader.read(doc, {messages: 6});
  assert.deepEqual(later, [600], 'asked once');
  clock = 1000;
  assert.deepEqual(reader.read(doc, {messages: 6}), {stranger: true});
  showCue(doc, 'newThread');
  clock = 1050;
  assert.deepEqual(reader.read(doc, {messages: 6}), {stranger: true}, 'the new banner waits for the next read');
  clock = 2000;
  assert.deepEqual(reader.read(doc, {messages: 6}), {stranger: true, newThread: true});
  clock = 2100;
  assert.deepEqual(reader.read(doc, {messages: 40}), {stranger: true, newThread: false}, 'the count is always today\'s');
  clock = 2200;
  for (const n of doc.querySelectorAll('[class*="emptyChannelIntro"]')) n.remove();
  assert.deepEqual(reader.read(doc, {messages: 6, force: true}), {}, 'a new conversation reads at once');
});

test('words inside a message are never a cue: "You follow each other" typed by the other person', () => {
  const adapter = byId.instagram;
  const document = page('instagram');
  const thread = document.querySelector(Array.isArray(adapter.thread) ? adapter.thread.join(', ') : adapter.thread);
  const message = thread && thread.querySelector(Array.isArray(adapter.message) ? adapter.message.join(', ') : adapter.message);
  assert.ok(message, 'the fixture has a message');
  const span = document.createElement('span');
  span.textContent = 'You follow each other on Instagram';
  message.appendChild(span);
  assert.deepEqual(readCues(adapter, document, {messages: 6}), {}, 'a message cannot pass as a known contact');
});
