// Unit tests for extension/content/adapter.js against the saved chat markup of every site.
// No browser: linkedom parses the fixture pages; layout is simulated where a test needs it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import {
  findAdapter, readMessages, conversationKey, peerInfo, genericAdapter, isChatLike, LIMITS,
} from '../../extension/content/adapter.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const data = JSON.parse(fs.readFileSync(path.join(root, 'extension/sites.json'), 'utf8'));
const byId = Object.fromEntries(data.sites.map((s) => [s.id, s]));

// ── the conversation every fixture shows ──────────────────────────────────────────────
const CONV = [
  ['them', 'Hey! How was the match today?', false],
  ['me', 'We won 2-1', false],
  ['them', 'Nice! Did you score?', false],
  ['me', 'No, but I had an assist', false],
  ['them', 'Still counts. Here is the team photo', true],
  ['me', 'See you at practice tomorrow', false],
];
const RANDOM = [
  ['them', 'hi from Lisbon', false],
  ['me', 'hey, Manchester here', false],
  ['them', 'cool, do you play football?', false],
  ['me', 'yes, school team', false],
];
const DISCORD = [...CONV.slice(0, 5), ['them', 'Coach says 10am sharp', false], CONV[5]];

/**
 * Per site: the page URL the fixture stands for, the expected messages, the conversation key
 * for that URL, the peer, and (layout sites) the fixture class that right-aligns my bubbles.
 */
const CASES = {
  bumble: { url: 'https://bumble.com/app/connections/c8a1e9f0', msgs: CONV, key: 'bumble:c8a1e9f0', peer: { name: 'Sam', link: null } },
  chatrandom: { url: 'https://chatrandom.com/', msgs: RANDOM, key: 'chatrandom:/', peer: { name: null, link: null } },
  discord: { url: 'https://discord.com/channels/@me/1122334455', msgs: DISCORD, key: 'discord:@me/1122334455', peer: { name: 'Sam Rivera', link: null } },
  emeraldchat: { url: 'https://www.emeraldchat.com/app', msgs: RANDOM, key: 'emeraldchat:/app', peer: { name: 'Text chat', link: null } },
  grindr: { url: 'https://web.grindr.com/chat/6a1f2e3d4c5b6a79', msgs: CONV, key: 'grindr:6a1f2e3d4c5b6a79', peer: { name: 'Sam', link: 'https://web.grindr.com/profile/48213377' } },
  instagram: {
    url: 'https://www.instagram.com/direct/t/340282366841710300949128171234567890/', msgs: CONV,
    key: 'instagram:340282366841710300949128171234567890', peer: { name: 'Sam Rivera', link: 'https://www.instagram.com/sam.rivera/' }, right: '.x13a6bvl',
  },
  messenger: {
    url: 'https://www.messenger.com/t/100087654321098/', msgs: CONV, key: 'messenger:100087654321098',
    peer: { name: 'Sam Rivera', link: 'https://www.facebook.com/profile.php?id=100087654321098' }, right: '.x13a6bvl',
  },
  okcupid: { url: 'https://www.okcupid.com/messages/1234567890123456789', msgs: CONV, key: 'okcupid:1234567890123456789', peer: { name: 'Sam', link: 'https://www.okcupid.com/profile/samr_2026' } },
  ometv: { url: 'https://ome.tv/', msgs: RANDOM, key: 'ometv:/', peer: { name: null, link: null } },
  reddit: { url: 'https://chat.reddit.com/room/!fixtureRoomA:reddit.com', msgs: CONV, key: 'reddit:!fixtureRoomA:reddit.com', peer: { name: 'samrivera', link: null } },
  snapchat: { url: 'https://www.snapchat.com/web/3c8f9a0e-5b7d-4e21-9f3a-6d2c1b0a9e87', msgs: CONV, key: 'snapchat:3c8f9a0e-5b7d-4e21-9f3a-6d2c1b0a9e87', peer: { name: 'Sam Rivera', link: null } },
  'telegram-a': { url: 'https://web.telegram.org/a/#5012345678', msgs: CONV, key: 'telegram-a:5012345678', peer: { name: 'Sam Rivera', link: null }, ids: true },
  'telegram-k': { url: 'https://web.telegram.org/k/#@samrivera', msgs: CONV, key: 'telegram-k:@samrivera', peer: { name: 'Sam Rivera', link: null }, ids: true },
  tiktok: { url: 'https://www.tiktok.com/messages?lang=en&u=6812345678901234567', msgs: CONV, key: 'tiktok:6812345678901234567', peer: { name: 'Sam Rivera', link: 'https://www.tiktok.com/@samrivera' } },
  tinder: { url: 'https://tinder.com/app/messages/5f1b2c3d4e5f60718293a4b55f1b2c3d4e5f60718293a4b6', msgs: CONV, key: 'tinder:5f1b2c3d4e5f60718293a4b55f1b2c3d4e5f60718293a4b6', peer: { name: 'Sam', link: null } },
  whatsapp: { url: 'https://web.whatsapp.com/', msgs: CONV, key: 'whatsapp:447700900123@c.us', peer: { name: 'Sam Rivera', link: null }, ids: true },
  x: { url: 'https://x.com/messages/1453209876-1460098765', msgs: CONV, key: 'x:1453209876-1460098765', peer: { name: 'Sam Rivera', link: 'https://x.com/samrivera' }, right: '.r-obd0qt' },
};

// ── helpers ───────────────────────────────────────────────────────────────────────────

/** linkedom does not parse declarative shadow DOM: attach the roots the way Chromium would. */
function attachDeclarativeShadows(scope) {
  for (const tpl of Array.from(scope.querySelectorAll('template[shadowrootmode]'))) {
    const host = tpl.parentNode;
    if (!host || host.shadowRoot) continue;
    const sr = host.attachShadow({ mode: tpl.getAttribute('shadowrootmode') });
    for (const n of Array.from(tpl.content.childNodes)) sr.appendChild(n);
    tpl.remove();
    attachDeclarativeShadows(sr);
  }
}

function fakeLocation(url) {
  const loc = {};
  const set = (u) => {
    const p = new URL(u, loc.href || undefined);
    Object.assign(loc, { href: p.href, hostname: p.hostname, host: p.host, origin: p.origin, pathname: p.pathname, search: p.search, hash: p.hash, protocol: p.protocol });
  };
  set(url);
  return { loc, set };
}

/** Parse a fixture, attach its shadow roots, and run its inline script (the test hook). */
function load(id) {
  const html = fs.readFileSync(path.join(root, 'tests/fixtures/sites', `${id}.html`), 'utf8');
  const { document } = parseHTML(html);
  attachDeclarativeShadows(document);
  const { loc, set } = fakeLocation(CASES[id].url);
  const history = { pushState: (_s, _t, u) => set(u) };
  const win = {};
  const script = document.querySelector('body > script').textContent;
  new Function('window', 'document', 'history', 'location', script)(win, document, history, loc);
  return { document, location: loc, fixture: win.__fixture };
}

function simplify(msgs) {
  return msgs.map((m) => [m.from, m.text, m.hasMedia]);
}

/**
 * Simulated layout: the thread is 1000px wide; elements inside `rightSel` sit at x 600–900,
 * everything else at x 100–400; message rows themselves span the full width (as real rows do),
 * so the adapter has to measure the bubble, not the row.
 */
function withLayout(document, adapter, rightSel, fn) {
  let proto = Object.getPrototypeOf(document.body);
  while (proto && !Object.prototype.hasOwnProperty.call(proto, 'getBoundingClientRect')) proto = Object.getPrototypeOf(proto);
  assert.ok(proto, 'linkedom has getBoundingClientRect somewhere on the element prototype chain');
  const original = proto.getBoundingClientRect;
  const thread = document.querySelector(adapter.thread.split(',')[0]) || document.querySelector(adapter.thread);
  proto.getBoundingClientRect = function () {
    const box = (l, r) => ({ left: l, right: r, top: 0, bottom: 20, width: r - l, height: 20, x: l, y: 0 });
    if (this === thread || (this.matches && this.matches(adapter.thread))) return box(0, 1000);
    if (this.matches && this.matches(adapter.message)) return box(0, 1000);
    return this.closest && this.closest(rightSel) ? box(600, 900) : box(100, 400);
  };
  try {
    return fn();
  } finally {
    proto.getBoundingClientRect = original;
  }
}

// ── per-site tests ────────────────────────────────────────────────────────────────────

for (const [id, c] of Object.entries(CASES)) {
  const adapter = byId[id];

  test(`${id}: findAdapter picks this entry for every host`, () => {
    assert.ok(adapter, `sites.json has ${id}`);
    for (const host of adapter.hosts) {
      const p = new URL(c.url).pathname;
      assert.equal(findAdapter(data, { hostname: host, pathname: p })?.id, id, host);
    }
  });

  test(`${id}: readMessages returns the conversation in order, with direction, text and media`, () => {
    const { document } = load(id);
    const msgs = readMessages(document, adapter);
    if (c.right) {
      // No layout in linkedom: direction is honestly unknown...
      assert.deepEqual(simplify(msgs), c.msgs.map(([, t, m]) => ['unknown', t, m]));
      // ...and with a simulated layout the right-hand bubbles are mine.
      const laid = withLayout(document, adapter, c.right, () => readMessages(document, adapter));
      assert.deepEqual(simplify(laid), c.msgs);
    } else {
      assert.deepEqual(simplify(msgs), c.msgs);
    }
    for (const m of msgs) {
      assert.equal(typeof m.key, 'string');
      assert.ok(m.node && m.node.nodeType === 1);
      if (c.ids) assert.match(m.key, /^id:/, 'site message ids are used as keys');
    }
  });

  test(`${id}: keys are stable across reads and across a fresh parse, and unique`, () => {
    const a = load(id);
    const k1 = readMessages(a.document, adapter).map((m) => m.key);
    const k2 = readMessages(a.document, adapter).map((m) => m.key);
    const k3 = readMessages(load(id).document, adapter).map((m) => m.key);
    assert.deepEqual(k1, k2);
    assert.deepEqual(k1, k3);
    assert.equal(new Set(k1).size, k1.length);
  });

  test(`${id}: conversationKey and peerInfo`, () => {
    const { document, location } = load(id);
    assert.equal(conversationKey(adapter, location, document), c.key);
    assert.deepEqual(peerInfo(adapter, document, { location }), c.peer);
  });

  test(`${id}: the fixture hook appends, prepends and switches thread in the site's own markup`, () => {
    const { document, location, fixture } = load(id);
    assert.equal(fixture.site, id);
    const before = readMessages(document, adapter).map((m) => m.key);
    fixture.append('them', 'New message from them');
    fixture.append('me', 'And my reply', { media: true });
    fixture.prepend('them', 'An older message');
    const after = readMessages(document, adapter);
    const texts = after.map((m) => m.text);
    assert.equal(texts[0], 'An older message');
    assert.deepEqual(texts.slice(-2), ['New message from them', 'And my reply']);
    // Older and newer messages do not disturb the keys of the ones already seen.
    assert.deepEqual(after.slice(1, 1 + before.length).map((m) => m.key), before);
    const mine = after[after.length - 1];
    if (c.right) {
      const laid = withLayout(document, adapter, c.right, () => readMessages(document, adapter));
      assert.deepEqual(laid.slice(-2).map((m) => m.from), ['them', 'me']);
      assert.equal(laid[0].from, 'them');
    } else {
      assert.deepEqual(after.slice(-2).map((m) => m.from), ['them', 'me']);
      assert.equal(after[0].from, 'them');
    }
    if (adapter.media && !['ometv', 'chatrandom', 'emeraldchat'].includes(id)) assert.equal(mine.hasMedia, true);

    fixture.switchThread(id === 'snapchat' ? '9b1c2d3e-4f50-4a6b-8c7d-0e1f2a3b4c5d' : '778899', 'Jo Park');
    assert.deepEqual(readMessages(document, adapter), [], 'a new thread starts empty');
    fixture.append('them', 'hello in the new thread');
    const fresh = readMessages(document, adapter);
    assert.deepEqual(fresh.map((m) => m.text), ['hello in the new thread']);
    const key = conversationKey(adapter, location, document);
    assert.ok(key && key !== c.key, `${id}: key changes with the thread (${key})`);
  });
}

// ── routing ───────────────────────────────────────────────────────────────────────────

test('findAdapter: unknown hosts, Telegram by path, odd input', () => {
  assert.equal(findAdapter(data, { hostname: 'example.org', pathname: '/' }), null);
  assert.equal(findAdapter(data, { hostname: 'web.telegram.org', pathname: '/k/' }).id, 'telegram-k');
  assert.equal(findAdapter(data, { hostname: 'web.telegram.org', pathname: '/a/' }).id, 'telegram-a');
  assert.equal(findAdapter(data, { hostname: 'web.telegram.org', pathname: '/' }), null);
  assert.equal(findAdapter(data, { hostname: 'WWW.INSTAGRAM.COM.', pathname: '/' }).id, 'instagram');
  assert.equal(findAdapter(data.sites, { hostname: 'discord.com' }).id, 'discord');
  assert.equal(findAdapter(null, { hostname: 'discord.com' }), null);
  assert.equal(findAdapter(data, null), null);
  assert.equal(findAdapter(data, {}), null);
});

// ── robustness ────────────────────────────────────────────────────────────────────────

const MINI = { id: 'mini', thread: '#t', message: '.m', text: '.x', exclude: '.skip', direction: 'attr', outgoing: '.out', media: 'img', conversationKey: { source: 'path', pattern: '^/c/(\\w+)' } };

test('never throws on missing nodes, bad selectors or bad input', () => {
  const { document } = parseHTML('<html><body><p>nothing here</p></body></html>');
  assert.deepEqual(readMessages(document, MINI), []);
  assert.deepEqual(readMessages(null, MINI), []);
  assert.deepEqual(readMessages(document, null), []);
  assert.deepEqual(readMessages(document, { ...MINI, thread: 'div[', message: '::nope(' }), []);
  assert.deepEqual(readMessages(document, { thread: 42, message: {} }), []);
  assert.equal(conversationKey(MINI, { pathname: '/other' }, document), null);
  assert.equal(conversationKey({ ...MINI, conversationKey: { source: 'path', pattern: '([' } }, { pathname: '/c/x' }, document), null);
  assert.equal(conversationKey(null, null, null), null);
  assert.deepEqual(peerInfo({ peerName: 'a[', peerLink: '###' }, document), { name: null, link: null });
  assert.deepEqual(peerInfo(null, null), { name: null, link: null });
});

test('text: excluded parts, script/style and nested messages are skipped; whitespace collapsed', () => {
  const { document } = parseHTML(`<html><body><div id="t">
    <div class="m out"><span class="x">  hello
       <b>there</b></span><span class="x skip">12:00</span><script>evil()</script><style>.a{}</style></div>
    <div class="m"><span class="x">outer <span class="m"><span class="x">nested</span></span></span></div>
    <div class="m"><span class="x">emoji <img alt="😀" src="data:,"> and photo</span><img src="data:," alt="a long description of a photo"></div>
    <div class="m"><span class="x">   </span></div>
  </div></body></html>`);
  const msgs = readMessages(document, MINI);
  assert.deepEqual(msgs.map((m) => [m.from, m.text, m.hasMedia]), [
    ['me', 'hello there', false],
    ['them', 'outer nested', false],
    ['them', 'emoji 😀 and photo', true],
  ]);
});

test('caps: at most LIMITS.maxMessages (the newest) and LIMITS.maxTextLength characters', () => {
  const { document } = parseHTML('<html><body><div id="t"></div></body></html>');
  const t = document.getElementById('t');
  for (let i = 0; i < LIMITS.maxMessages + 50; i++) {
    const m = document.createElement('div');
    m.setAttribute('class', 'm');
    const x = document.createElement('span');
    x.setAttribute('class', 'x');
    x.textContent = `message ${i}`;
    m.appendChild(x);
    t.appendChild(m);
  }
  const msgs = readMessages(document, MINI);
  assert.equal(msgs.length, LIMITS.maxMessages);
  assert.equal(msgs[msgs.length - 1].text, `message ${LIMITS.maxMessages + 49}`);
  assert.equal(msgs[0].text, 'message 50');

  const big = document.createElement('div');
  big.setAttribute('class', 'm');
  const x = document.createElement('span');
  x.setAttribute('class', 'x');
  x.textContent = 'a'.repeat(200000);
  big.appendChild(x);
  t.appendChild(big);
  const last = readMessages(document, MINI).pop();
  assert.equal(last.text.length, LIMITS.maxTextLength);
  assert.equal(readMessages(document, MINI, { maxMessages: 3 }).length, 3);
});

test('keys: repeated identical messages get distinct, stable keys', () => {
  const { document } = parseHTML(`<html><body><div id="t">
    <div class="m"><span class="x">ok</span></div><div class="m out"><span class="x">ok</span></div>
    <div class="m"><span class="x">ok</span></div></div></body></html>`);
  const k = readMessages(document, MINI).map((m) => m.key);
  assert.equal(new Set(k).size, 3);
  assert.deepEqual(readMessages(document, MINI).map((m) => m.key), k);
  assert.match(k[0], /#0$/);
  assert.match(k[2], /#1$/);
});

test('peerInfo: only http(s) links; names trimmed and capped', () => {
  const { document } = parseHTML(`<html><body><h1 id="n">   Sam
      Rivera ${'x'.repeat(500)}</h1><a id="bad" href="javascript:alert(1)">x</a><a id="rel" href="/u/sam">x</a></body></html>`);
  const a = { peerName: '#n', peerLink: '#bad' };
  const info = peerInfo(a, document, { location: { href: 'https://example.com/chat' } });
  assert.equal(info.link, null);
  assert.ok(info.name.startsWith('Sam Rivera x'));
  assert.equal(info.name.length, LIMITS.maxPeerName);
  assert.equal(peerInfo({ peerLink: '#rel' }, document, { location: { href: 'https://example.com/chat' } }).link, 'https://example.com/u/sam');
});

test('direction by layout mirrors in right-to-left threads', () => {
  const { document } = parseHTML(`<html dir="rtl"><body><div id="t" role="log">
    <div class="m"><span class="x">مرحبا</span></div><div class="m right"><span class="x">أهلا</span></div></div></body></html>`);
  const a = { ...MINI, direction: 'layout', outgoing: '', thread: '#t' };
  const out = withLayout(document, a, '.right', () => readMessages(document, a));
  assert.deepEqual(out.map((m) => m.from), ['me', 'them']);
});

test('adapter.js builds nothing from HTML strings', () => {
  const src = fs.readFileSync(path.join(root, 'extension/content/adapter.js'), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');
  assert.doesNotMatch(src, /\.(innerHTML|outerHTML)\b|insertAdjacentHTML|DOMParser|\beval\(|new Function/);
  assert.doesNotMatch(src, /\bchrome\.|\bbrowser\./, 'DOM only: no extension APIs');
});

// ── generic fallback ──────────────────────────────────────────────────────────────────

const CHAT_PAGE = `<html><body><header><h1>Jo Park</h1></header><main>
  <div role="log" aria-label="Chat">
    <div class="row"><div class="bubble">hi there</div></div>
    <div class="row end"><div class="bubble">hello!</div><time datetime="2026-03-12T18:00:00Z">18:00</time></div>
    <div class="row"><div class="bubble">how are you?</div></div>
  </div><textarea></textarea></main></body></html>`;

test('generic: isChatLike says yes to chats and no to articles', () => {
  assert.equal(isChatLike(parseHTML(CHAT_PAGE).document), true);
  // Every fixture but Reddit's (its log sits inside shadow roots, which the fallback does not enter).
  for (const id of Object.keys(CASES).filter((i) => i !== 'reddit')) assert.equal(isChatLike(load(id).document), true, `${id} looks chat-like`);
  const article = parseHTML(`<html><body><article><h1>News</h1><p>One.</p><p>Two.</p><p>Three.</p><p>Four.</p></article>
    <ul><li>Home</li><li>About</li><li>Contact</li></ul></body></html>`).document;
  assert.equal(isChatLike(article), false);
  assert.equal(isChatLike(null), false);
});

test('generic: reads an ARIA log, direction unknown without layout and from layout with it', () => {
  const { document } = parseHTML(CHAT_PAGE);
  const g = genericAdapter(data.generic);
  const msgs = readMessages(document, g);
  assert.deepEqual(msgs.map((m) => m.text), ['hi there', 'hello!', 'how are you?']);
  assert.deepEqual(msgs.map((m) => m.from), ['unknown', 'unknown', 'unknown']);
  const laid = withLayout(document, { thread: '[role="log"]', message: '.row' }, '.end', () => readMessages(document, g));
  assert.deepEqual(laid.map((m) => m.from), ['them', 'me', 'them']);
  assert.equal(laid[1].time, '2026-03-12T18:00:00Z');
  assert.equal(peerInfo(g, document).name, 'Jo Park');
  assert.equal(conversationKey(g, { pathname: '/chat/42' }, document), 'generic:/chat/42');
});

test('generic: repeated sibling blocks without ARIA; attribute hints win over layout', () => {
  const { document } = parseHTML(`<html><body><nav><a>Home</a></nav><section class="conv">
    <div class="msg incoming">are you there</div><div class="msg outgoing">yes</div>
    <div class="msg incoming">great</div><div class="msg outgoing">ok</div></section><input type="text"></body></html>`);
  const g = genericAdapter();
  assert.deepEqual(readMessages(document, g).map((m) => [m.from, m.text]), [
    ['them', 'are you there'], ['me', 'yes'], ['them', 'great'], ['me', 'ok'],
  ]);
  assert.equal(isChatLike(document), true);
});

test('generic: each fixture page yields its messages through the fallback too', () => {
  for (const id of ['whatsapp', 'telegram-k', 'discord', 'tinder', 'x']) {
    const { document } = load(id);
    const texts = readMessages(document, genericAdapter(data.generic)).map((m) => m.text);
    assert.ok(texts.some((t) => t.includes('How was the match today')), `${id}: ${JSON.stringify(texts).slice(0, 200)}`);
  }
});

test('newest window: walking back from the end gives what the full query gives', () => {
  // Nested matches, rows that are not messages, empty rows and repeats, in every site fixture.
  const { document } = parseHTML(`<html><body><div id="t">${Array.from({ length: 300 }, (_, i) => (
    i % 7 === 0 ? `<div class="sep">day ${i}</div>`
      : i % 11 === 0 ? `<div class="m"><div class="m"><span class="x">nested ${i}</span></div></div>`
        : `<div class="m${i % 2 ? ' out' : ''}"><span class="x">${i % 5 ? `message ${i}` : 'ok'}</span></div>`
  )).join('')}</div></body></html>`);
  for (const max of [1, 3, 40, 120, 399]) {
    const windowed = readMessages(document, MINI, { maxMessages: max });
    const full = readMessages(document, MINI, { maxMessages: LIMITS.maxMessages });
    const strip = (list) => list.map(({ key, from, text, node }) => [key, from, text, node]);
    // The full read numbers repeats from its first message: compare from where both start.
    const tail = full.slice(full.length - windowed.length);
    assert.deepEqual(strip(windowed).map((r) => r.slice(1)), strip(tail).map((r) => r.slice(1)), `max ${max}`);
    assert.equal(windowed.length, Math.min(max, full.length));
  }
  for (const [id, site] of Object.entries(byId)) {
    if (site.pierce || !CASES[id]) continue;
    const file = path.join(root, 'tests/fixtures/sites', `${id}.html`);
    if (!fs.existsSync(file)) continue;
    const { document: doc } = parseHTML(fs.readFileSync(file, 'utf8'));
    const full = readMessages(doc, site).map((m) => m.text);
    assert.deepEqual(readMessages(doc, site, { maxMessages: 2 }).map((m) => m.text), full.slice(-2), id);
  }
});
