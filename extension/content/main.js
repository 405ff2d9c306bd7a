// Content script: finds the chat on the page, keeps its messages in memory (never in storage),
// sends them to the background for analysis and shows the verdict.
//
// Loading: MV3 content scripts cannot be ES modules, so scripts/build-extension.mjs joins this
// module and what it imports into one classic script, content/content.js (each module keeps its
// own scope). We chose that over a dynamic-import loader (of runtime.getURL modules) because the
// loader needs the modules to be web-accessible resources: any page could then probe for the
// extension (revealing that someone uses a sextortion-safety tool), and the list of pages allowed
// to load them would have to be fixed in the manifest, which breaks sites turned on at run time.
import {api} from '../shared/api.js';
import {MSG} from '../shared/messages.js';
import {newCrisisWords, rank} from '../shared/levels.js';
import {sendWithRetry} from '../shared/send.js';
import {findAdapter, readMessages, conversationKey, genericAdapter, peerInfo} from './adapter.js';
import {changedAbove, mergeMessages, mergeWindow} from './tracker.js';
import {SlicedQueue} from './queue.js';
import {WarningView, messagesFor, reasonsFor} from './warning.js';
import {CueReader, sameCues} from './cues.js';
import {ImagePause, pauseWanted} from './image-pause.js';
import {t, useMessages} from '../shared/i18n.js';

const RETRY_AFTER_FAILURE_MS = 5000;
/** The longest wait between two rounds of asking the background for its hello. */
const HELLO_RETRY_MAX_MS = 30000;
/**
 * Messages read when only new messages can have arrived at the end: reading the newest 400 of a
 * 5,000-message page on every change was the content script's longest task.
 */
const WINDOW = 40;

/** The background's error reply as an Error; `engineDown` when its analyser could not start. */
function replyError(reply) {
  const err = new Error(reply.error);
  if (reply.engineDown) {
    err.engineDown = true;
    err.retryAfterMs = Math.max(RETRY_AFTER_FAILURE_MS, Number(reply.retryAfterMs) || 0);
  }
  return err;
}

/** Settles once the UI language chosen in settings (if any) is applied; see main(). */
let localeReady = Promise.resolve();

function send(message) {
  return sendWithRetry((m) => api.runtime.sendMessage(m), message);
}

/** Closed shadow roots of the page (Reddit-style chats) are visible to extensions only. */
function shadowRootOf(el) {
  if (api.dom && typeof api.dom.openOrClosedShadowRoot === 'function') return api.dom.openOrClosedShadowRoot(el);
  return el.openOrClosedShadowRoot || null; // Firefox exposes it on the element to extensions
}

class Watcher {
  /** @param imagePause the setting: pause before an image goes into a chat with warning signs */
  constructor(adapter, {imagePause = true, minimumLevel = 'caution'} = {}) {
    this.adapter = adapter;
    this.site = adapter.id || 'generic';
    this.conversation = null;
    this.known = [];          // ordered [{key, from, text, time, hasMedia}] of this conversation
    this.nodes = new Map();   // key -> page element (latest seen), for highlighting
    this.sent = 0;            // how many of `known` the background has
    this.needsReset = true;
    this.busy = false;
    this.again = false;
    this.verdict = null;
    this.cues = {};           // what the page says about the other person (cues.js)
    this.cueReader = new CueReader(adapter, {later: (ms) => setTimeout(() => this.markDirty(), ms)});
    this.sentCues = null;     // the cue record the background has for this conversation
    this.muted = [];          // sign ids said to be wrong in this conversation (the background keeps them)
    this.imagePause = imagePause !== false;
    this.minimumLevel = minimumLevel; // the least serious level shown (settings.sensitivity)
    this.audience = 'teen';   // whom the warning speaks to (settings; the background says)
    this.view = new WarningView({
      onDismiss: (level, why, crisisMessages) => this.dismiss(level, crisisMessages, why),
      onWrong: (verdict) => this.wrong(verdict),
      onHelp: (topic) => { send({type: MSG.CS_BG_OPEN_HELP, topic, site: this.site}).catch(() => {}); },
      nodesFor: (indices) => indices.map((i) => this.known[i] && this.nodes.get(this.known[i].key)).filter(Boolean),
      onSaveEvidence: (opts) => this.saveEvidence(opts),
      helpData: () => send({type: MSG.CS_BG_HELP_DATA, site: this.site}),
    });
    this.queue = new SlicedQueue({
      process: (node) => this.noteMutation(node),
      onDrained: () => { if (this.dirty) this.sync(); },
      // Too many nodes at once to look at one by one: read the page afresh instead.
      onOverflow: () => { this.dirty = true; this.above = true; },
    });
    this.dirty = true;
    this.head = null;         // oldest message element of the newest WINDOW, at the last read
    this.above = true;        // the page changed at or before `head` since the last read
    this.added = 0;           // page changes after `head` since the last read (widen the window)
    this.downUntil = 0;       // the background's analyser could not start: nothing to do until then
    this.engineDown = false;
    this.pause = new ImagePause({
      armed: () => pauseWanted({
        enabled: this.imagePause,
        from: this.minimumLevel,
        verdict: this.verdict,
        cues: this.cues,
        wrongAt: this.dismissed && this.dismissed.why === 'wrong' && this.dismissed.conversation === this.conversation ? this.dismissed.level : null,
        muted: this.muted,
      }),
      ask: () => localeReady.then(() => this.view.askBeforeSending({verdict: this.verdict, cues: this.cues, muted: this.muted})),
      pasteAgain: () => this.view.notice(t('pause_paste_again')),
    });
  }

  start() {
    this.pause.start();
    // The observer callback only queues; all reading happens in later idle slices.
    this.observer = new MutationObserver((records) => {
      for (const r of records) {
        if (r.addedNodes.length) this.queue.pushAll(r.addedNodes);
        else if (r.type === 'characterData') this.queue.push(r.target);
        // The page removed our warning: put it back (see WarningView.reattach).
        if (r.removedNodes.length && this.view.host && !this.view.host.isConnected) this.view.reattach();
      }
    });
    this.observer.observe(document.documentElement, {childList: true, subtree: true, characterData: true});
    document.addEventListener('visibilitychange', () => this.onVisibility());
    window.addEventListener('popstate', () => this.markDirty());
    window.addEventListener('hashchange', () => this.markDirty());
    // Scrolling up can load older messages without other signals in some virtual lists.
    document.addEventListener('scroll', () => this.markDirty(), {capture: true, passive: true});
    this.onVisibility();
    this.markDirty();
  }

  /**
   * Chats built from web components (Reddit) live in shadow roots, which a document observer
   * does not see into: observe every shadow root that holds a message as well. Such pages also
   * get a slow re-check, for a thread that was empty when we last looked.
   */
  observeShadowRoots(page) {
    if (!this.adapter.pierce) return;
    this.observedRoots = this.observedRoots || new WeakSet();
    for (const m of page) {
      for (let n = m.node; n; n = n.parentNode || n.host) {
        if (n.nodeType === 11 && n.host && !this.observedRoots.has(n)) {
          this.observedRoots.add(n);
          this.observer.observe(n, {childList: true, subtree: true, characterData: true});
        }
      }
    }
    if (!this.pollTimer) this.pollTimer = setInterval(() => { if (!document.hidden) this.markDirty(); }, 2000);
  }

  onVisibility() {
    if (document.hidden) this.queue.pause();
    else this.queue.resume();
  }

  markDirty() {
    this.dirty = true;
    this.queue.kick();
  }

  noteMutation(node) {
    // Our own warning never counts as a page change.
    if (node === this.view.host) return;
    this.dirty = true;
    // Older messages loaded, edited or removed above the newest window: read everything next.
    if (this.above || !node.isConnected) return;
    if (changedAbove(this.head, node)) this.above = true;
    else this.added += 1;
  }

  /** Reads the page: only the newest WINDOW messages when nothing changed above them. */
  read() {
    const strip = ({key, from, text, time, hasMedia}) => ({key, from, text, time, hasMedia});
    const windowed = !this.adapter.pierce && !this.above && !this.needsReset && this.known.length > 0;
    // Wide enough for what arrived meanwhile (a fast chat while we waited for the background).
    const size = WINDOW + this.added;
    this.added = 0;
    let page = windowed ? readMessages(document, this.adapter, {shadowRootOf, maxMessages: size}) : null;
    let merged = page && mergeWindow(this.known, page.map(strip));
    if (!merged) {
      page = readMessages(document, this.adapter, {shadowRootOf});
      merged = mergeMessages(this.known, page.map(strip));
    }
    const keys = merged.page || page;
    page.forEach((m, i) => this.nodes.set(keys[i].key, m.node));
    this.head = page.length ? page[Math.max(0, page.length - WINDOW)].node : null;
    this.above = !this.head; // nothing read: read everything next time
    return {page, list: merged.list, change: merged.change};
  }

  currentConversation() {
    return conversationKey(this.adapter, location, document) || `${this.site}:${location.pathname}`;
  }

  /** Reads the page, merges, and sends what the background does not have yet. One at a time. */
  async sync() {
    if (this.busy) { this.again = true; return; }
    if (document.hidden) return;
    if (Date.now() < this.downUntil) return; // the page stays untouched; a timer comes back
    this.busy = true;
    this.dirty = false;
    try {
      const conversation = this.currentConversation();
      if (conversation !== this.conversation) this.switchTo(conversation);
      const {page, list, change} = this.read();
      this.observeShadowRoots(page);
      this.known = list;
      if (change === 'reset') this.needsReset = true;
      const cues = this.cueReader.read(document, {messages: list.length, force: this.sentCues === null});
      if (!sameCues(cues, this.cues)) this.cues = cues;
      if (this.needsReset || this.sent < this.known.length || !sameCues(this.cues, this.sentCues)) await this.flush(conversation);
    } catch (err) {
      // The background did not answer after several tries: keep the messages, try later.
      this.needsReset = true;
      const wait = err && err.engineDown ? err.retryAfterMs : RETRY_AFTER_FAILURE_MS;
      if (err && err.engineDown) {
        // The analyser did not start (the wasm failed to load): stop asking for a while.
        this.engineDown = true;
        this.downUntil = Date.now() + wait;
        this.view.remove();
      }
      console.warn('Heads Up: will try again', err && err.message);
      setTimeout(() => this.markDirty(), wait);
    } finally {
      this.busy = false;
      if (this.again) { this.again = false; this.markDirty(); }
    }
  }

  /**
   * Did the person dismiss this conversation's warning at the verdict's level or above, in this
   * page, with no crisis words since?
   */
  dismissedAtOrAbove(conversation, verdict) {
    const d = this.dismissed;
    return Boolean(d && d.conversation === conversation && rank(verdict.level) <= rank(d.level)
      && !newCrisisWords(verdict, d.crisisMessages));
  }

  switchTo(conversation) {
    const hadOne = this.conversation !== null;
    this.conversation = conversation;
    this.known = [];
    this.nodes.clear();
    this.sent = 0;
    this.needsReset = true;
    this.verdict = null;
    this.cues = {};
    this.sentCues = null;
    this.muted = [];
    // A picture held for the old chat must not land in the new one.
    this.view.cancelPause();
    this.pause.forget();
    this.view.remove();
    if (hadOne) send({type: MSG.CS_BG_FORGET}).catch(() => {});
  }

  async flush(conversation) {
    const strip = (m) => ({from: m.from, text: m.text, time: m.time || undefined, hasMedia: Boolean(m.hasMedia)});
    // The cue record travels with every batch; the background hands it on when it changed.
    const cues = this.cues;
    const base = {type: MSG.CS_BG_ANALYSE, site: this.site, conversation, cues};
    let reply;
    if (!this.needsReset) {
      const count = this.known.length;
      reply = await send({...base, start: this.sent, reset: false, messages: this.known.slice(this.sent).map(strip)});
      if (reply.resync) this.needsReset = true;
      else if (!reply.error) this.sent = count;
    }
    if (this.needsReset) {
      const count = this.known.length;
      reply = await send({...base, start: 0, reset: true, messages: this.known.map(strip)});
      if (reply.error) throw replyError(reply);
      this.sent = count;
      this.needsReset = false;
    }
    if (reply.error) throw replyError(reply);
    this.engineDown = false;
    if (typeof reply.imagePause === 'boolean') this.imagePause = reply.imagePause;
    if (typeof reply.minimumLevel === 'string') this.minimumLevel = reply.minimumLevel;
    if (conversation !== this.conversation) return; // the person moved on meanwhile
    this.sentCues = cues;
    this.verdict = reply.verdict;
    if (Array.isArray(reply.muted)) this.muted = reply.muted;
    if (reply.audience === 'adult' || reply.audience === 'teen') this.audience = reply.audience;
    const shown = reply.show && !this.dismissedAtOrAbove(conversation, reply.verdict);
    if (shown) await localeReady;
    if (conversation !== this.conversation) return;
    if (shown) this.view.render(reply.verdict, {audience: this.audience});
    else if (reply.verdict.level === 'none') this.view.remove();
  }

  /**
   * Sends the conversation as loaded to the background, which saves the evidence pack. The texts
   * travel once, for this save; the background keeps none of them. No retry: a retry could save twice.
   */
  async saveEvidence({screenshot = true} = {}) {
    const flagged = new Set(this.verdict ? messagesFor(this.verdict) : []);
    const peer = peerInfo(this.adapter, document, {shadowRootOf});
    // Two frames so the hidden warning is really gone from the screen before the capture.
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return api.runtime.sendMessage({
      type: MSG.CS_BG_SAVE_EVIDENCE,
      screenshot: screenshot !== false,
      site: this.site,
      siteName: this.adapter.name || location.hostname,
      url: location.href,
      title: document.title,
      peer: {name: peer && peer.name || null, link: peer && peer.link || null},
      level: this.verdict ? this.verdict.level : 'none',
      reasons: this.verdict ? reasonsFor(this.verdict) : [],
      messages: this.known.map((m, i) => ({from: m.from, text: m.text, time: m.time || null, hasMedia: Boolean(m.hasMedia), showedSigns: flagged.has(i)})),
    });
  }

  dismiss(level, crisisMessages = 0, why = 'not-now') {
    // A reply already on its way was computed before the background knew of this dismissal: it
    // must not bring the warning back at the same level (see flush). "This is wrong" also turns
    // the image pause off for this chat at that level.
    this.dismissed = {conversation: this.conversation, level, crisisMessages, why};
    send({type: MSG.CS_BG_DISMISS, site: this.site, conversation: this.conversation, level, crisisMessages}).catch(() => {});
  }

  /**
   * "This seems wrong": the background lowers these signs for this conversation only (it keeps a
   * hash of the conversation and the sign ids, never text) and answers with the new verdict.
   */
  async wrong(verdict) {
    const conversation = this.conversation;
    const signs = [...new Set((verdict.signals || []).map((s) => s.id).filter((id) => typeof id === 'string'))];
    const reply = await send({type: MSG.CS_BG_MUTE, site: this.site, conversation, signs});
    if (!reply || conversation !== this.conversation) return;
    if (reply.verdict) this.verdict = reply.verdict;
    if (Array.isArray(reply.muted)) this.muted = reply.muted;
  }

  status() {
    return {
      watching: true,
      running: !this.engineDown, // false: the analyser could not start (see popup)
      site: this.adapter.generic ? null : (this.adapter.name || this.site),
      generic: Boolean(this.adapter.generic),
      messages: this.known.length,
      level: this.verdict ? this.verdict.level : 'none',
      // A warning the person closed (or one held back by an earlier "not now"): the popup offers it again.
      closed: Boolean(this.verdict && this.verdict.level !== 'none' && !this.view.visible),
      crisis: Boolean(this.verdict && this.verdict.crisis),
      // What the page says about the other person, as the background has it (cues.js).
      cues: this.sentCues || {},
    };
  }

  /** Shows this chat's warning again, on the person's request (the popup). */
  async showAgain() {
    if (!this.verdict || this.verdict.level === 'none') return false;
    this.dismissed = null;
    await localeReady;
    this.view.render(this.verdict, {audience: this.audience});
    return true;
  }
}

/**
 * The background's hello, asked until it answers. A worker stopped again and again while the page
 * loads (Chrome under memory pressure, a crash loop) must not leave this page unwatched for its
 * whole life: after each round of retries we wait longer (1 s, 2 s, 4 s … at most 30 s) and ask again.
 */
async function helloWhenAnswered() {
  for (let round = 0; ; round += 1) {
    try {
      return await send({type: MSG.CS_BG_HELLO});
    } catch (err) {
      const wait = Math.min(HELLO_RETRY_MAX_MS, 1000 * 2 ** Math.min(round, 5));
      console.warn(`Heads Up: no answer from the background yet; asking again in ${wait} ms`, err && err.message);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

async function main() {
  // executeScript (turning a site on) may inject us again into a page that already has us.
  if (globalThis.__headsUpStarted) return;
  globalThis.__headsUpStarted = true;
  if (window.top !== window) return; // chats live in the top frame on the supported sites
  const hello = await helloWhenAnswered();
  // The UI language chosen in settings (when it is not the browser's): messages come from the
  // background. Asked in parallel, so reading the chat does not wait; the warning waits for it.
  localeReady = send({type: MSG.CS_BG_LOCALE}).then((chosen) => {
    if (chosen && chosen.locale && chosen.messages) useMessages(chosen.locale, chosen.messages);
  }, () => { /* the browser's language it is */ });
  let adapter = findAdapter(hello.sites, location);
  if (!adapter) {
    // A listed host on a path no entry covers (e.g. Telegram's start page): not a chat we know.
    const host = location.hostname.toLowerCase();
    if ((hello.sites.sites || []).some((s) => (s.hosts || []).some((h) => String(h).toLowerCase() === host))) return;
    // Not a listed site: we were injected because the person turned Heads Up on here.
    adapter = genericAdapter(hello.sites && hello.sites.generic);
  } else if ((hello.disabled || []).includes(adapter.id)) {
    return;
  }
  const watcher = new Watcher(adapter, {imagePause: hello.imagePause, minimumLevel: hello.minimumLevel});
  api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
    if (msg && msg.type === MSG.POPUP_CS_STATUS) {
      sendResponse(watcher.status());
    }
    if (msg && msg.type === MSG.POPUP_CS_SHOW_AGAIN) {
      watcher.showAgain().then((shown) => sendResponse({shown}), () => sendResponse({shown: false}));
      return true; // answers later
    }
    return false;
  });
  watcher.start();
}

main().catch((err) => console.warn('Heads Up could not start on this page', err && err.message));
