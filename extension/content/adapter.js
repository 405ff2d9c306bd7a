// Heads Up — site adapter evaluation.
//
// Pure DOM code: no chrome.*/browser.* APIs, no innerHTML, nothing async. It reads the
// per-site knowledge in extension/sites.json (one entry per site) and turns a chat page into
// an ordered list of messages. The shell (watcher) decides when to call it.
//
// ── Exports ─────────────────────────────────────────────────────────────────────────────
//   findAdapter(sites, location)          → the entry whose `hosts` holds location.hostname
//                                           (case-insensitive) and, if it has `paths`, one of
//                                           them matches location.pathname; else null. `sites`
//                                           is the parsed sites.json or its `sites` array. SPAs:
//                                           call again after navigation (Telegram K vs A).
//   readMessages(root, adapter, opts?)    → [{key, from, text, time, hasMedia, node}] in document
//                                           order, at most LIMITS.maxMessages (the newest).
//                                           root: Document or Element. opts.maxMessages lowers
//                                           the cap; opts.shadowRootOf(el) reaches closed shadow
//                                           roots for `pierce` entries. Never throws.
//   conversationKey(adapter, location, document, opts?) → "<adapter.id>:<key>" or null (no
//                                           thread open / nothing matched).
//   peerInfo(adapter, document, opts?)    → {name, link}; either may be null; link is http(s)
//                                           only. opts.location resolves relative links when the
//                                           document has no base URI.
//   genericAdapter(config?)               → an adapter for unlisted chat-like pages (config =
//                                           sites.json `generic`; its fields override defaults).
//   isChatLike(document)                  → boolean heuristic for offering the generic fallback.
//   LIMITS                                → the caps below (frozen).
//
// ── Entry fields (sites.json; docs/sites.md has the full description) ──────────────────
//   id, name, confidence, hosts[], paths[]?, matches[], sources[], notes
//   pierce        true → selectors are also evaluated inside shadow roots (Reddit)
//   thread        selector of the container holding the messages (first match; when `root`
//                 itself matches, root is the thread)
//   message       selector of one message inside thread; matches nested in another are dropped
//   text          optional selector(s) of the text inside a message; every match not inside
//                 another match contributes, joined by a space. Default: the whole message.
//   exclude       optional selector of parts never read as text (timestamps, reactions, sender
//                 labels, quoted replies); whole subtrees are skipped
//   direction     "attr" | "layout" | "author":
//     attr:   me   when the message matches `outgoing`, contains a match of it, or has an
//                  ancestor inside the thread that matches it;
//             them when `incoming` matches the same way; with no `incoming`, every message
//                  that is not `outgoing` is them;
//             otherwise → layout, else 'unknown'.
//     layout: outgoing/incoming first (never defaulting to them), then geometry: the bubble's
//             box (`bubble`, else `text`, else the first descendant narrower than 90% of the
//             thread that holds text, else the message) — centre right of the thread's centre
//             by more than 4% of its width = me, left = them; mirrored in RTL threads. No
//             layout (zero-size boxes, as in unit tests) → 'unknown'.
//     author: the message's `author` (text, or a link's last path segment without '@') is
//             compared, lower-cased, with `self` (document-level selector of my own name),
//             `selfLabels` (literal words meaning me, e.g. "me") and the peer (peerName /
//             peerLink): self or label → me; peer → them; other author → them when self or
//             labels are known; with `oneToOne` a non-peer author is me. `authorInherit`
//             carries the last author to following messages that show none.
//   outgoing, incoming, author, self, selfLabels, authorInherit, oneToOne   see direction
//   bubble        optional selector of the visible bubble inside a message (layout measuring)
//   time          optional selector inside a message; `timeAttr` names the attribute to read
//                 (e.g. "datetime"), else its text. `timeAttr` alone reads the message itself.
//   idAttr        optional attribute carrying the site's message id; `idSelector` names the
//                 element inside the message that carries it (default: the message itself)
//   media         selector of img/video/attachment inside a message → hasMedia
//   peerName      document-level selector of the other person's display name; `peerNameAttr`
//                 reads an attribute instead of text; `peerNamePattern` is a regex whose first
//                 group is the name
//   peerLink      document-level selector of an <a> to their profile
//   cues          stranger / known / new-thread cues of the page: read by cues.js, not here
//   conversationKey  {source:"path"|"hash"|"search", pattern} — first group of the regex on
//                 location.pathname / .hash / .search; or {source:"selector", selector, attr?,
//                 pattern?} — the element's attribute or text (optionally through the regex);
//                 or an array of these, tried in order.
//
// Text is textContent with whitespace collapsed (not innerText: no layout needed), minus
// script/style/excluded parts, plus short <img alt> values (emoji drawn as pictures).
//
// ── Keys ────────────────────────────────────────────────────────────────────────────────
// With a site id (idAttr) the key is "id:<value>". Otherwise "h:<hash of from|text|media>#n"
// where n counts earlier messages in the same read with the same hash. Appending new
// messages never changes earlier keys; prepending older messages only renumbers messages
// whose exact content repeats. Virtualised lists that drop old nodes behave the same way.

/** Caps that keep the work bounded on hostile or huge pages. */
export const LIMITS = Object.freeze({
  maxMessages: 400, // messages returned per readMessages call (the newest are kept)
  maxCandidates: 5000, // message nodes looked at before giving up
  maxTextLength: 65536, // characters of text kept per message (64 KiB)
  maxNodesPerMessage: 20000, // DOM nodes walked per message when collecting text
  maxPeerName: 200, // characters kept of a display name
  maxGenericScan: 4000, // elements inspected when guessing a generic thread
  maxShadowScan: 20000, // elements inspected for shadow roots per query (pierce entries)
});

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const SKIP_TAGS = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'svg', 'SVG']);

// ── small safe helpers ─────────────────────────────────────────────────────────────────

function safeQuery(scope, selector) {
  if (!scope || typeof selector !== 'string' || !selector) return null;
  try {
    return scope.querySelector(selector);
  } catch {
    return null;
  }
}

function safeQueryAll(scope, selector) {
  if (!scope || typeof selector !== 'string' || !selector) return [];
  try {
    return Array.from(scope.querySelectorAll(selector));
  } catch {
    return [];
  }
}

function safeMatches(el, selector) {
  if (!el || el.nodeType !== ELEMENT_NODE || typeof selector !== 'string' || !selector) return false;
  try {
    return el.matches(selector);
  } catch {
    return false;
  }
}

function safeClosest(el, selector) {
  if (!el || typeof selector !== 'string' || !selector) return null;
  try {
    return el.closest(selector);
  } catch {
    return null;
  }
}

// Shadow DOM: an entry with `pierce: true` is evaluated across shadow roots (Reddit's chat is
// built from nested web components). Open roots are reached through el.shadowRoot; closed ones
// only when the caller passes opts.shadowRootOf (e.g. chrome.dom.openOrClosedShadowRoot).
function shadowOf(el, env) {
  if (!env || !env.pierce || !el) return null;
  try {
    return el.shadowRoot || (typeof env.shadowRootOf === 'function' ? env.shadowRootOf(el) : null) || null;
  } catch {
    return null;
  }
}

/** querySelectorAll that also searches shadow roots when env.pierce (breadth-first, bounded). */
function qa(env, scope, selector) {
  if (!env || !env.pierce) return safeQueryAll(scope, selector);
  if (!scope || typeof selector !== 'string' || !selector) return [];
  const out = [];
  const scopes = [scope];
  const own = scope.nodeType === ELEMENT_NODE ? shadowOf(scope, env) : null;
  if (own) scopes.push(own);
  let scanned = 0;
  while (scopes.length && out.length < LIMITS.maxCandidates) {
    const s = scopes.shift();
    for (const m of safeQueryAll(s, selector)) out.push(m);
    for (const el of safeQueryAll(s, '*')) {
      if (++scanned > LIMITS.maxShadowScan) return out;
      const sr = shadowOf(el, env);
      if (sr) scopes.push(sr);
    }
  }
  return out;
}

function q(env, scope, selector) {
  if (!env || !env.pierce) return safeQuery(scope, selector);
  return qa(env, scope, selector)[0] || null;
}

function contains(outer, inner) {
  try {
    return !!outer && !!inner && outer !== inner && outer.contains(inner);
  } catch {
    return false;
  }
}

function collapse(s) {
  return String(s || '').replace(/\s+/g, ' ').trim();
}

function attr(el, name) {
  try {
    const v = el && el.getAttribute ? el.getAttribute(name) : null;
    return v == null ? null : String(v);
  } catch {
    return null;
  }
}

/** Selector fields may be a string or an array of strings (joined as a selector list). */
function sel(v) {
  if (Array.isArray(v)) return v.filter((s) => typeof s === 'string' && s).join(', ');
  return typeof v === 'string' ? v : '';
}

// ── text ────────────────────────────────────────────────────────────────────────────────

/**
 * Visible-ish text of `el`: textContent of the subtree minus excluded subtrees and
 * script/style; short <img alt> values (emoji drawn as images) are kept. Bounded.
 */
function textOf(el, exclude, budget, env) {
  const parts = [];
  let length = 0;
  let visited = 0;
  const stack = [el];
  while (stack.length) {
    const node = stack.pop();
    if (++visited > LIMITS.maxNodesPerMessage || length >= budget) break;
    if (node.nodeType === TEXT_NODE) {
      // Only what the budget can still take: a 1 MB text node is not copied and collapsed whole.
      const t = (node.nodeValue || '').slice(0, budget - length);
      if (t) {
        parts.push(t);
        length += t.length;
      }
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE) continue;
    if (SKIP_TAGS.has(node.tagName)) continue;
    if (node !== el && exclude && safeMatches(node, exclude)) continue;
    if (node.tagName === 'IMG' || node.tagName === 'img') {
      const alt = attr(node, 'alt');
      // Emoji rendered as pictures carry the character in alt; photo alts are long sentences.
      if (alt && alt.length <= 8) {
        parts.push(alt);
        length += alt.length;
      }
      continue;
    }
    if (node.tagName === 'BR' || node.tagName === 'br') parts.push(' ');
    const kids = node.childNodes;
    // Block-ish children are separated by a space so words do not glue together.
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
    const sr = shadowOf(node, env);
    if (sr) for (let i = sr.childNodes.length - 1; i >= 0; i--) stack.push(sr.childNodes[i]);
    if (node !== el && /^(DIV|P|LI|TD|H[1-6])$/i.test(node.tagName)) parts.push(' ');
  }
  // The stack walk emits separators out of order for nested blocks; whitespace collapse
  // makes that harmless. Text order is preserved because children are pushed reversed.
  return collapse(parts.join('')).slice(0, budget);
}

function outermost(nodes) {
  const out = [];
  for (const n of nodes) {
    if (out.length && contains(out[out.length - 1], n)) continue;
    let nested = false;
    for (let i = out.length - 1; i >= 0 && i >= out.length - 4; i--) {
      if (contains(out[i], n)) {
        nested = true;
        break;
      }
    }
    if (!nested) out.push(n);
  }
  return out;
}

function messageText(node, adapter, env) {
  const exclude = sel(adapter.exclude);
  const textSel = sel(adapter.text);
  if (!textSel) return textOf(node, exclude, LIMITS.maxTextLength, env);
  const parts = outermost(qa(env, node, textSel).filter((n) => !(exclude && safeClosestWithin(n, exclude, node))));
  if (!parts.length && safeMatches(node, textSel)) parts.push(node);
  let out = '';
  for (const p of parts) {
    const t = textOf(p, exclude, LIMITS.maxTextLength - out.length, env);
    if (t) out = out ? `${out} ${t}` : t;
    if (out.length >= LIMITS.maxTextLength) break;
  }
  return out.slice(0, LIMITS.maxTextLength);
}

/** Is `el` (or an ancestor up to, not including, `stop`) matched by `selector`? */
function safeClosestWithin(el, selector, stop) {
  let cur = el;
  while (cur && cur !== stop) {
    if (safeMatches(cur, selector)) return true;
    cur = cur.parentElement;
  }
  return false;
}

// ── direction ──────────────────────────────────────────────────────────────────────────

function hits(node, selector, thread, env) {
  if (!selector) return false;
  if (safeMatches(node, selector) || q(env, node, selector)) return true;
  const anc = safeClosest(node.parentElement, selector);
  return !!anc && (anc === thread || contains(thread, anc));
}

function rectOf(el) {
  try {
    if (!el || typeof el.getBoundingClientRect !== 'function') return null;
    const r = el.getBoundingClientRect();
    if (!r || !(r.width > 0) || !(r.height >= 0)) return null;
    return r;
  } catch {
    return null;
  }
}

function isRtl(thread) {
  try {
    const view = thread.ownerDocument && thread.ownerDocument.defaultView;
    if (view && typeof view.getComputedStyle === 'function') {
      return view.getComputedStyle(thread).direction === 'rtl';
    }
  } catch {
    /* fall through */
  }
  return (safeClosest(thread, '[dir]') && attr(safeClosest(thread, '[dir]'), 'dir') === 'rtl') || false;
}

/** 'me' | 'them' | null from geometry; null when the page has no layout. */
function layoutSide(node, adapter, thread, ctx, env) {
  const t = rectOf(thread);
  if (!t) return null;
  const candidates = [q(env, node, sel(adapter.bubble)), q(env, node, sel(adapter.text)), node];
  let r = null;
  for (const c of candidates) {
    const cr = rectOf(c);
    if (cr && cr.width < t.width * 0.9) {
      r = cr;
      break;
    }
    if (cr && !r) r = cr;
  }
  if (r && !(r.width < t.width * 0.9)) {
    // Full-width row: measure the first narrower descendant that holds text (the bubble).
    // Visually hidden labels ("You sent", 1px boxes) and excluded parts are not bubbles.
    const exclude = sel(adapter.exclude);
    const kids = qa(env, node, '*').slice(0, 60);
    const hidden = [];
    for (const k of kids) {
      if (hidden.some((hdn) => contains(hdn, k))) continue;
      const kr = rectOf(k);
      if (!kr) continue; // no box of its own (display: contents, or not rendered)
      if (kr.width < 8 || kr.height < 8) {
        hidden.push(k);
        continue;
      }
      if (kr.width < t.width * 0.9 && hasText(k) && !(exclude && safeClosestWithin(k, exclude, node))) {
        r = kr;
        break;
      }
    }
  }
  if (!r) return null;
  const centre = (r.left + r.right) / 2;
  const tc = (t.left + t.right) / 2;
  const margin = t.width * 0.04;
  let side = null;
  if (centre > tc + margin) side = 'me';
  else if (centre < tc - margin) side = 'them';
  if (side && ctx.rtl === undefined) ctx.rtl = isRtl(thread);
  if (side && ctx.rtl) side = side === 'me' ? 'them' : 'me';
  return side;
}

function normaliseIdentity(el) {
  if (!el) return null;
  const href = attr(el, 'href');
  if (href) {
    const path = href.replace(/[?#].*$/, '').split('/').filter(Boolean);
    const last = path.length ? path[path.length - 1] : '';
    const v = last.replace(/^@/, '').toLowerCase();
    if (v) return v;
  }
  const v = collapse(el.textContent).replace(/^@/, '').toLowerCase();
  return v || null;
}

function authorSide(node, adapter, ctx, env) {
  let author = normaliseIdentity(q(env, node, sel(adapter.author)));
  if (!author && adapter.authorInherit) author = ctx.lastAuthor;
  if (author) ctx.lastAuthor = author;
  if (!author) return 'unknown';
  if (ctx.self && author === ctx.self) return 'me';
  const labels = Array.isArray(adapter.selfLabels) ? adapter.selfLabels : [];
  if (labels.some((l) => String(l).toLowerCase() === author)) return 'me';
  if (ctx.peers.has(author)) return 'them';
  if (ctx.self || labels.length) return 'them';
  if (adapter.oneToOne && ctx.peers.size) return 'me';
  return 'unknown';
}

function directionOf(node, adapter, thread, ctx, env) {
  const mode = adapter.direction || 'attr';
  if (mode === 'author') return authorSide(node, adapter, ctx, env);
  const out = sel(adapter.outgoing);
  const inc = sel(adapter.incoming);
  if (out && hits(node, out, thread, env)) return 'me';
  if (inc && hits(node, inc, thread, env)) return 'them';
  if (mode === 'attr' && out && !inc) return 'them';
  return layoutSide(node, adapter, thread, ctx, env) || 'unknown';
}

// ── keys ───────────────────────────────────────────────────────────────────────────────

/** Two FNV-1a passes with different offsets → 64 bits as hex; not cryptographic. */
function hash64(s) {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x01000193 + 0x100) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

function siteId(node, adapter, env) {
  if (!adapter.idAttr) return null;
  const holder = adapter.idSelector ? (safeMatches(node, adapter.idSelector) ? node : q(env, node, adapter.idSelector)) : node;
  const v = attr(holder, adapter.idAttr);
  return v ? v.slice(0, 256) : null;
}

function timeOf(node, adapter, env) {
  const s = sel(adapter.time);
  const el = s ? q(env, node, s) : node;
  if (!el) return null;
  if (adapter.timeAttr) return attr(el, adapter.timeAttr);
  if (!s) return null;
  const t = collapse(el.textContent);
  return t ? t.slice(0, 100) : null;
}

// ── public API ─────────────────────────────────────────────────────────────────────────

/**
 * The site entry for `location.hostname`, or null.
 * @param {{sites: object[]}|object[]} sites parsed sites.json, or its `sites` array
 * @param {{hostname: string}} location
 */
export function findAdapter(sites, location) {
  try {
    const list = Array.isArray(sites) ? sites : sites && Array.isArray(sites.sites) ? sites.sites : [];
    const host = String((location && location.hostname) || '').toLowerCase().replace(/\.$/, '');
    if (!host) return null;
    const path = String((location && location.pathname) || '/');
    for (const site of list) {
      if (!site || !Array.isArray(site.hosts) || !site.hosts.some((h) => String(h).toLowerCase() === host)) continue;
      // Two apps on one host (Telegram Web K at /k/, Web A at /a/) are told apart by `paths`.
      if (Array.isArray(site.paths) && site.paths.length && !site.paths.some((p) => {
        const re = compileRegex(p);
        return re ? re.test(path) : false;
      })) continue;
      return site;
    }
  } catch {
    /* fall through */
  }
  return null;
}

function findThread(root, adapter, env) {
  if (!root) return null;
  if (adapter.generic) return findGenericThread(root, adapter);
  const t = sel(adapter.thread);
  if (!t) return null;
  if (root.nodeType === ELEMENT_NODE && safeMatches(root, t)) return root;
  return q(env, root, t);
}

function messageNodes(thread, adapter, env, max) {
  if (adapter.generic) return genericMessages(thread, adapter);
  // Only the newest `max` survive; look at more than that so nested matches can drop out (a
  // few times as many for a small window; a margin for a full read, whose walk in script would
  // otherwise cost more than the query on a thread of a few thousand rows).
  const keep = Math.min(LIMITS.maxCandidates, max < LIMITS.maxMessages ? Math.max(max * 4, 50) : max + 100);
  // Full reads walk backwards too: on a thread of 100,000 rows the query over all of them was the
  // longest task (~100 ms) of a read that keeps only the newest 400.
  const last = lastMatches(thread, sel(adapter.message), keep, env);
  const all = last || qa(env, thread, sel(adapter.message));
  return outermost(all.length > keep ? all.slice(all.length - keep) : all);
}

/**
 * The last `keep` descendants of `thread` matching `selector`, in document order — the same as
 * the tail of querySelectorAll — found by walking the thread backwards from its last element,
 * so reading the newest few messages does not cost a query over thousands of rows. Null when
 * the walk does not apply (shadow roots, :scope, a bad selector) or looks at more than
 * WALK_PER_MATCH elements per match wanted (sparse matches: the query is cheaper then).
 */
const WALK_PER_MATCH = 64;
function lastMatches(thread, selector, keep, env) {
  if (env.pierce || !selector || /:scope/i.test(selector) || !thread || thread.nodeType !== ELEMENT_NODE) return null;
  try {
    thread.matches(selector); // throws on a bad selector: let the query path answer ([])
  } catch {
    return null;
  }
  const budget = keep * WALK_PER_MATCH;
  const out = [];
  let walked = 0;
  const deepestLast = (el) => {
    while (el.lastElementChild) el = el.lastElementChild;
    return el;
  };
  // Reverse document order: an element's descendants come before the element itself.
  let el = thread.lastElementChild ? deepestLast(thread.lastElementChild) : null;
  while (el && el !== thread) {
    if (++walked > budget) return null;
    if (el.matches(selector)) {
      out.push(el);
      if (out.length >= keep) break;
    }
    el = el.previousElementSibling ? deepestLast(el.previousElementSibling) : el.parentElement;
  }
  return out.reverse();
}

/**
 * Read the messages of the thread under `root` (a Document or an Element).
 * @returns {{key:string, from:'them'|'me'|'unknown', text:string, time:string|null, hasMedia:boolean, node:Element}[]}
 */
export function readMessages(root, adapter, opts = {}) {
  try {
    if (!adapter || typeof adapter !== 'object') return [];
    const env = { pierce: !!adapter.pierce, shadowRootOf: opts.shadowRootOf };
    const thread = findThread(root, adapter, env);
    if (!thread) return [];
    const max = Math.max(0, Math.min(Number(opts.maxMessages) || LIMITS.maxMessages, LIMITS.maxMessages));
    let nodes = messageNodes(thread, adapter, env, max);
    if (nodes.length > max) nodes = nodes.slice(nodes.length - max);
    const doc = thread.ownerDocument || root;
    const ctx = { lastAuthor: null, rtl: undefined, self: null, peers: new Set() };
    if (adapter.direction === 'author') {
      ctx.self = normaliseIdentity(q(env, doc, sel(adapter.self)));
      const pn = peerNameOf(adapter, doc, env);
      if (pn) ctx.peers.add(pn.replace(/^@/, '').toLowerCase());
      const pl = q(env, doc, sel(adapter.peerLink));
      if (pl) ctx.peers.add(normaliseIdentity(pl));
      ctx.peers.delete(null);
    }
    const seen = new Map();
    const out = [];
    const media = sel(adapter.media);
    for (const node of nodes) {
      const from = directionOf(node, adapter, thread, ctx, env);
      const text = messageText(node, adapter, env);
      const hasMedia = !!(media && (safeMatches(node, media) || q(env, node, media)));
      if (!text && !hasMedia) continue; // date separators, typing indicators, empty rows
      let key;
      const id = siteId(node, adapter, env);
      if (id) {
        key = `id:${id}`;
      } else {
        const h = hash64(`${from}|${text}|${hasMedia ? 1 : 0}`);
        const n = seen.get(h) || 0;
        seen.set(h, n + 1);
        key = `h:${h}#${n}`;
      }
      out.push({ key, from, text, time: timeOf(node, adapter, env), hasMedia, node });
    }
    return out;
  } catch {
    return [];
  }
}

function compileRegex(pattern) {
  if (typeof pattern !== 'string' || !pattern || pattern.length > 500) return null;
  try {
    return new RegExp(pattern);
  } catch {
    return null;
  }
}

function applyPattern(value, pattern) {
  if (!value) return null;
  if (!pattern) return value;
  const re = compileRegex(pattern);
  const m = re ? String(value).slice(0, 2000).match(re) : null;
  return m && m[1] ? m[1] : null;
}

function keyFrom(spec, location, document, env) {
  if (!spec || typeof spec !== 'object') return null;
  const src = spec.source;
  if (src === 'path' || src === 'hash' || src === 'search') {
    const value = String((location && location[src === 'path' ? 'pathname' : src]) || '');
    return spec.pattern ? applyPattern(value, spec.pattern) : null;
  }
  if (src === 'selector') {
    const el = q(env, document, sel(spec.selector));
    if (!el) return null;
    const v = spec.attr ? attr(el, spec.attr) : el.textContent;
    const k = applyPattern(collapse(v), spec.pattern);
    return k ? k.slice(0, 200) : null;
  }
  return null;
}

/**
 * A key for the open conversation: "<site id>:<key>", or null when no thread is open.
 * `opts.shadowRootOf` as for readMessages.
 */
export function conversationKey(adapter, location, document, opts = {}) {
  try {
    if (!adapter) return null;
    const env = { pierce: !!adapter.pierce, shadowRootOf: opts.shadowRootOf };
    const specs = Array.isArray(adapter.conversationKey) ? adapter.conversationKey : [adapter.conversationKey];
    for (const spec of specs) {
      const k = keyFrom(spec, location, document, env);
      if (k) return `${adapter.id || 'site'}:${k}`;
    }
  } catch {
    /* fall through */
  }
  return null;
}

function peerElement(adapter, document, env) {
  return q(env, document, sel(adapter.peerName));
}

function peerNameOf(adapter, document, env) {
  const el = peerElement(adapter, document, env);
  if (!el) return null;
  const raw = adapter.peerNameAttr ? attr(el, adapter.peerNameAttr) : el.textContent;
  const name = applyPattern(collapse(raw), adapter.peerNamePattern);
  return name ? collapse(name).slice(0, LIMITS.maxPeerName) || null : null;
}

function httpLink(el, document, location) {
  const href = attr(el, 'href');
  if (!href) return null;
  try {
    const base =
      (location && location.href) || (document && (document.baseURI || (document.location && document.location.href))) || undefined;
    const u = !base || /^about:/.test(base) ? new URL(href) : new URL(href, base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/**
 * The other person's display name and profile link, where the page shows them.
 * opts.location (a URL-like with href) resolves relative links when the document has no
 * base URI (as in tests); opts.shadowRootOf as for readMessages.
 */
export function peerInfo(adapter, document, opts = {}) {
  const info = { name: null, link: null };
  try {
    if (!adapter || !document) return info;
    const env = { pierce: !!adapter.pierce, shadowRootOf: opts.shadowRootOf };
    info.name = peerNameOf(adapter, document, env);
    const a = q(env, document, sel(adapter.peerLink));
    if (a) info.link = httpLink(a, document, opts.location);
  } catch {
    /* keep what we have */
  }
  return info;
}

// ── generic fallback ───────────────────────────────────────────────────────────────────

const GENERIC_DEFAULTS = Object.freeze({
  id: 'generic',
  name: 'Any chat-like page',
  generic: true,
  direction: 'layout',
  thread: '[role="log"], [role="feed"], [role="grid"], [role="list"], [aria-live="polite"]',
  message: '[role="row"], [role="listitem"], [role="article"], li',
  outgoing: '[data-outgoing="true"], [data-from-me="true"], .message-out, .outgoing, .is-out, .sent, .mine, .own',
  incoming: '[data-outgoing="false"], [data-from-me="false"], .message-in, .incoming, .is-in, .received, .theirs',
  text: '',
  exclude: 'time, button, [aria-hidden="true"]',
  time: 'time',
  timeAttr: 'datetime',
  media: 'img:not([alt=""]):not([width="16"]), video, audio, [data-testid*="image"], [data-testid*="video"]',
  peerName: 'header h1, header h2, [role="banner"] h1, [role="main"] h1, [role="main"] h2',
  peerLink: '',
  conversationKey: { source: 'path', pattern: '^(/.*)$' },
  composer: 'textarea, [contenteditable="true"], [contenteditable=""], [role="textbox"], input[type="text"]',
  minMessages: 3,
});

/**
 * An adapter for pages not in sites.json. `config` is sites.json's `generic` object; any
 * field it sets overrides the built-in default. Direction comes from attributes the page
 * might use, then from layout.
 */
export function genericAdapter(config) {
  const merged = { ...GENERIC_DEFAULTS };
  if (config && typeof config === 'object') {
    for (const [k, v] of Object.entries(config)) {
      if (k !== 'generic' && v !== undefined) merged[k] = v;
    }
  }
  merged.generic = true;
  return merged;
}

/** Does `el` hold any non-blank text? Looks at no more than 300 nodes (cheap on big pages). */
function hasText(el) {
  const stack = [el];
  let seen = 0;
  while (stack.length && seen++ < 300) {
    const n = stack.pop();
    if (!n) continue;
    if (n.nodeType === TEXT_NODE) {
      if (/\S/.test(n.nodeValue || '')) return true;
      continue;
    }
    if (n.nodeType !== ELEMENT_NODE || SKIP_TAGS.has(n.tagName)) continue;
    const kids = n.childNodes || [];
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return false;
}

function signature(el) {
  // Tag, role and the first class token: sibling messages share these even when a second class
  // says who sent them ("msg incoming" / "msg outgoing").
  const first = (attr(el, 'class') || '').trim().split(/\s+/)[0] || '';
  return `${el.tagName}|${attr(el, 'role') || ''}|${/\d{3,}/.test(first) ? '' : first}`;
}

/** Children of `parent` that share the most common tag/role/class signature and have text. */
function repeatedChildren(parent) {
  const kids = Array.from(parent.children || []).slice(0, 2000);
  if (kids.length < 3) return [];
  const groups = new Map();
  for (const k of kids) {
    const s = signature(k);
    if (!groups.has(s)) groups.set(s, []);
    groups.get(s).push(k);
  }
  let best = [];
  for (const g of groups.values()) if (g.length > best.length) best = g;
  return best.filter(hasText);
}

function roleItems(container, adapter) {
  return outermost(safeQueryAll(container, sel(adapter.message)).slice(-LIMITS.maxCandidates)).filter(hasText);
}

/**
 * The most message-rich container: an ARIA log wins outright (it is by definition a chat log);
 * otherwise the list/grid/feed or repeated-sibling container with the most text items.
 */
function findGenericThread(root, adapter) {
  const min = Number(adapter.minMessages) || 3;
  const rootIsThread = root.nodeType === ELEMENT_NODE && safeMatches(root, sel(adapter.thread));
  const candidates = rootIsThread ? [root] : safeQueryAll(root, sel(adapter.thread)).slice(0, 50);
  let best = null;
  let bestCount = 0;
  for (const c of candidates) {
    const n = roleItems(c, adapter).length || repeatedChildren(c).length;
    if (attr(c, 'role') === 'log' && n >= 1) return c;
    if (n >= 2 && n > bestCount) {
      best = c;
      bestCount = n;
    }
  }
  if (rootIsThread) return best;
  // Repeated message-like sibling blocks anywhere (bounded scan).
  const all = safeQueryAll(root, 'div, ul, ol, section, main').slice(0, LIMITS.maxGenericScan);
  for (const el of all) {
    const n = repeatedChildren(el).length;
    if (n >= min && n > bestCount) {
      best = el;
      bestCount = n;
    }
  }
  return best;
}

function genericMessages(thread, adapter) {
  const items = roleItems(thread, adapter);
  if (items.length) return items;
  return repeatedChildren(thread);
}

/**
 * Heuristic: does this page look like a chat? True when it has an ARIA log with text, or a
 * message composer together with a list/grid/feed (or repeated blocks) of at least three
 * text items.
 */
export function isChatLike(document) {
  try {
    if (!document) return false;
    const g = genericAdapter();
    const logs = safeQueryAll(document, '[role="log"]');
    if (logs.some(hasText)) return true;
    if (!safeQuery(document, g.composer)) return false;
    const thread = findGenericThread(document, g);
    return !!thread && genericMessages(thread, g).length >= g.minMessages;
  } catch {
    return false;
  }
}
