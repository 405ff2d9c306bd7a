// The pause before an image or video is added to a chat that shows warning signs.
//
// When the conversation's level is caution or above (warning or above for a person who asked for
// warnings only when the signs are strong), or the page shows a stranger cue and they asked for a
// picture, adding an image or video to the chat — the file picker, paste, drag and
// drop — first asks the person (the panel is pause-panel.js, drawn by warning.js). The page's
// own handlers do not see the file until the person chooses:
//   "Send anyway": the very same File objects are handed to the page again (the input's change
//                  event, or a new paste/drop event carrying them), so the site receives them
//                  untouched;
//                  Firefox drops the files of a paste event a script makes; there "Send
//                  anyway" lets the person's next paste (within a minute) through untouched
//                  and says so ("paste it again");
//   "Don't send":  the file input is emptied (the same file can be chosen again later); a
//                  paste or drop simply does not happen.
// Nothing is read: only a file's type (image/… or video/…) or, when the browser gives none, its
// name's extension is looked at. Nothing is stored, nothing is blocked for good, and the pause can
// be turned off in the options (a school's policy can keep it on).
//
// How: listeners in the capture phase on the window, so they run before the page's own (except
// capture listeners the page put on the window before us). The events we dispatch ourselves are
// let through (dispatchEvent is synchronous: a flag is up while it runs).
import {rank} from '../shared/levels.js';

const IMAGE_OR_VIDEO = /^(image|video)\//i;
const EXTENSIONS = /\.(jpe?g|png|gif|webp|heic|heif|avif|bmp|tiff?|mp4|mov|m4v|webm|mkv|avi|3gp)$/i;

/** Is this file a picture or a video? (Its type, or its name when the type is empty; never its bytes.) */
export function isImageOrVideo(file) {
  if (!file) return false;
  const type = String(file.type || '');
  if (type) return IMAGE_OR_VIDEO.test(type);
  return EXTENSIONS.test(String(file.name || ''));
}

/** How long "paste it again" lets the next paste through. */
const PASTE_AGAIN_MS = 60000;

/** Signs that mean "they asked for a picture" (the stranger rule; pause-panel.js words it). */
export const ASKED = new Set(['sexual_request']);

/**
 * Should adding an image pause now?
 * @param enabled the setting (false: never)
 * @param from the least serious level warnings show at (settings: "caution", or "warning" when
 *   the person asked for warnings only when the signs are strong)
 * @param verdict the conversation's verdict (null: nothing read yet)
 * @param cues the page's cue record (cues.js)
 * @param wrongAt the level at which the person said the warning was wrong in this chat, or null
 * @param muted sign ids the person said were wrong in this chat (kept by the background, so
 *   they hold after a reload): they never count as "they asked" (the core already lowers them
 *   in the level)
 */
export function pauseWanted({enabled, verdict, cues, from = 'caution', wrongAt = null, muted = []}) {
  if (enabled === false || !verdict) return false;
  if (wrongAt && rank(verdict.level) <= rank(wrongAt)) return false;
  if (rank(verdict.level) >= Math.max(rank('caution'), rank(from))) return true;
  const ignored = new Set(Array.isArray(muted) ? muted : []);
  const asked = (verdict.signals || []).some((s) => s && ASKED.has(s.id) && !ignored.has(s.id));
  return Boolean(asked && cues && cues.stranger === true);
}

function filesOf(list) {
  return list ? Array.from(list) : [];
}

/** The strings a paste or drop carried (text/plain, text/html, …), to hand on with the files. */
function stringsOf(dt) {
  const out = [];
  try {
    for (const type of Array.from(dt.types || [])) {
      if (type === 'Files') continue;
      out.push([type, dt.getData(type)]);
    }
  } catch {
    /* what we have */
  }
  return out;
}

/**
 * Firefox runs content scripts in a compartment of their own: an event that carries a
 * DataTransfer reaches the page without its files unless both are built with the page's own
 * constructors (wrappedJSObject). Chromium shares them: no page window, our constructors.
 */
function pageWindow(win) {
  try {
    return win.wrappedJSObject || null;
  } catch {
    return null;
  }
}

function eventOf(win, name, type, init) {
  const page = pageWindow(win);
  if (!page) return new win[name](type, init);
  const pageInit = new page.Object();
  for (const [k, v] of Object.entries(init)) pageInit[k] = v;
  return new page[name](type, pageInit);
}

function transferOf(win, files, strings) {
  const page = pageWindow(win);
  const dt = page ? new page.DataTransfer() : new win.DataTransfer();
  for (const [type, value] of strings) {
    try { dt.setData(type, value); } catch { /* a type the browser will not set */ }
  }
  for (const f of files) dt.items.add(f);
  return dt;
}

export class ImagePause {
  /**
   * @param armed () => boolean: is the pause on for this chat now (see pauseWanted)?
   * @param ask () => Promise<boolean>: shows the panel; true = send anyway
   * @param pasteAgain () => void: tell the person to paste again (see the header; Firefox)
   * @param win the window to listen on
   */
  constructor({armed, ask, pasteAgain = () => {}, win = window}) {
    this.armed = armed;
    this.ask = ask;
    this.pasteAgain = pasteAgain;
    this.passPasteUntil = 0; // the person chose "Send anyway" for a paste we could not hand on
    this.win = win;
    this.releasing = 0; // > 0 while we dispatch an event ourselves: let it through
    this.held = new Map(); // file input -> Set of held event types ('input', 'change')
    this.onEvent = (e) => this.handle(e);
  }

  start() {
    for (const type of ['input', 'change', 'paste', 'drop']) this.win.addEventListener(type, this.onEvent, true);
  }

  /** The person moved to another conversation: a "paste it again" pass was for the old one. */
  forget() {
    this.passPasteUntil = 0;
  }

  /**
   * Asks; a panel that cannot be shown lets the file through (the pause is a courtesy: a file the
   * person chose must never be swallowed by it).
   */
  choose() {
    let asked;
    try {
      asked = Promise.resolve(this.ask());
    } catch (err) {
      asked = Promise.reject(err);
    }
    return asked
      .catch((err) => {
        console.warn('Heads Up: image pause could not ask; the file goes through', err && err.message);
        return true;
      });
  }

  stop() {
    for (const type of ['input', 'change', 'paste', 'drop']) this.win.removeEventListener(type, this.onEvent, true);
  }

  handle(e) {
    if (this.releasing) return;
    try {
      if (e.type === 'input' || e.type === 'change') this.onFileInput(e);
      else if (e.type === 'paste') this.onTransfer(e, e.clipboardData, 'paste');
      else if (e.type === 'drop') this.onTransfer(e, e.dataTransfer, 'drop');
    } catch (err) {
      // Never break the page's own handling because of us.
      console.warn('Heads Up: image pause', err && err.message);
    }
  }

  onFileInput(e) {
    const input = (e.composedPath && e.composedPath()[0]) || e.target;
    if (!input || input.tagName !== 'INPUT' || String(input.type).toLowerCase() !== 'file') return;
    const held = this.held.get(input);
    if (held) {
      // The same choice's second event (input, then change): hold it with the first.
      e.stopImmediatePropagation();
      held.add(e.type);
      return;
    }
    if (!filesOf(input.files).some(isImageOrVideo) || !this.armed()) return;
    e.stopImmediatePropagation();
    this.held.set(input, new Set([e.type]));
    this.choose().then((send) => {
      const types = this.held.get(input) || new Set();
      this.held.delete(input);
      if (!send) {
        input.value = ''; // the choice is undone; the same file can be picked again later
        return;
      }
      // Events in the order the browser fires them, so the site sees an ordinary choice.
      for (const type of ['input', 'change']) {
        if (types.has(type)) this.dispatch(input, eventOf(this.win, 'Event', type, {bubbles: true, composed: type === 'input'}));
      }
    }).catch((err) => console.warn('Heads Up: image pause', err && err.message));
  }

  onTransfer(e, dt, type) {
    if (!dt) return;
    const files = filesOf(dt.files);
    if (!files.some(isImageOrVideo)) return;
    if (type === 'paste' && Date.now() < this.passPasteUntil) {
      this.passPasteUntil = 0;
      return;
    }
    if (!this.armed()) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    const strings = stringsOf(dt);
    const target = (e.composedPath && e.composedPath()[0]) || e.target;
    const where = type === 'drop'
      ? {clientX: e.clientX, clientY: e.clientY, screenX: e.screenX, screenY: e.screenY}
      : {};
    this.choose().then((send) => {
      const to = target && target.isConnected ? target : (this.win.document.activeElement || this.win.document.body);
      if (!send) {
        // A site showing a "drop here" layer while a file is dragged over it can put it away.
        if (type === 'drop') this.dispatch(to, eventOf(this.win, 'DragEvent', 'dragleave', {bubbles: true, composed: true, ...where}));
        return;
      }
      const init = {bubbles: true, cancelable: true, composed: true, ...where};
      const again = type === 'paste'
        ? eventOf(this.win, 'ClipboardEvent', 'paste', {...init, clipboardData: transferOf(this.win, files, strings)})
        : eventOf(this.win, 'DragEvent', 'drop', {...init, dataTransfer: transferOf(this.win, files, strings)});
      const carried = type === 'paste' ? again.clipboardData : again.dataTransfer;
      if (!carried || carried.files.length !== files.length) {
        // This browser does not hand files on in a script's paste (Firefox): the next one passes.
        this.passPasteUntil = Date.now() + PASTE_AGAIN_MS;
        this.pasteAgain();
        return;
      }
      this.dispatch(to, again);
    }).catch((err) => console.warn('Heads Up: image pause', err && err.message));
  }

  dispatch(target, event) {
    this.releasing += 1;
    try {
      target.dispatchEvent(event);
    } finally {
      this.releasing -= 1;
    }
  }
}
