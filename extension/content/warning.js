// The warning the person sees: a closed shadow root on a host element with `all: initial`.
// Sized by its level, with one primary action on its first screen and the rest one tap away
// behind "More" (warning-more.js):
//   caution — a one-line card by the top edge: it never covers the message box or Send;
//   warning — a side card: headline, "not your fault", one line of why, "What to do now", "Not now";
//   urgent  — a modal alertdialog: headline, "not your fault", hope, "Get help now" and "Save
//             evidence", small enough for a phone screen; it takes focus (on its primary, always in
//             view) and gives it back on close. "Show these messages" moves it out of the way.
// The pause before an image is sent (pause-panel.js) lives in the same host and shadow root,
// beside the card or alone. Built with createElement/textContent only.
import {t, uiDirection, uiLangTag} from '../shared/i18n.js';
import {WARNING_CSS} from './warning-style.js';
import {Highlighter} from './highlight.js';
import {buildPath, buildReportGuide, pathById} from './advice.js';
import {isHttps} from '../shared/helplines.js';
import {ltr, tIsolated} from '../shared/bidi.js';
import {EvidencePanel} from './warning-evidence.js';
import {headlineKeys} from './headline.js';
import {el, messagesFor, reasonsFor} from './warning-dom.js';
import {buildMore} from './warning-more.js';
import {fitAboveComposer} from './composer.js';
import {toggleHighlight} from './warning-peek.js';
import {askBeforeSending, showNotice} from './pause-panel.js';

export {messagesFor, reasonsFor};

const HOST_TAG = 'heads-up-warning';

export class WarningView {
  /**
   * @param onDismiss (level, why: 'not-now'|'wrong', crisisMessages: number) => void
   * @param onWrong (verdict) => Promise<void>: "this seems wrong" (lowers these signs in this chat)
   * @param onHelp (topic) => void
   * @param nodesFor (indices) => page elements of those messages
   * @param onSaveEvidence ({screenshot}) => Promise<result of the background's save> (see warning-evidence.js)
   * @param helpData () => Promise<{reporting: reporting.json entry or null, crisis: [lines]}>
   */
  constructor({onDismiss, onWrong = null, onHelp, nodesFor, onSaveEvidence = null, helpData = null}) {
    this.onDismiss = onDismiss;
    this.onWrong = onWrong;
    this.onHelp = onHelp;
    this.nodesFor = nodesFor;
    this.onSaveEvidence = onSaveEvidence;
    this.helpData = helpData;
    this.host = null;
    this.shadow = null;
    this.wrap = null;
    this.card = null;
    this.pause = null; // the open pause before an image is sent (pause-panel.js)
    this.noticeNode = null; // a short line in the pause's place ("paste it again")
    this.level = 'none';
    this.audience = 'teen';
    this.signature = '';
    this.returnFocus = null;
    this.thanks = false; // the card says "thank you" after "this seems wrong"
    this.highlighter = new Highlighter();
  }

  /** Is the warning card on the page? (The host can also hold only the pause panel.) */
  get visible() {
    return Boolean(this.card && this.host && this.host.isConnected);
  }

  /** Shows or updates the warning for a verdict (level other than none); audience 'teen'|'adult'. */
  render(verdict, {audience = 'teen'} = {}) {
    const signature = JSON.stringify([verdict.level, verdict.crisis, audience, (verdict.signals || []).map((s) => [s.id, s.messages]), verdict.cues || []]);
    if (this.visible && signature === this.signature) return;
    if (this.visible && this.verdict && this.level === verdict.level && this.audience === audience
      && Boolean(this.verdict.crisis) === Boolean(verdict.crisis)
      && (messagesFor(this.verdict).length > 0) === (messagesFor(verdict).length > 0)) {
      // Same level: update the reasons in place, so a path the person opened, the evidence
      // question or a save in progress is not swept away by a message arriving meanwhile.
      this.signature = signature;
      this.verdict = verdict;
      const reasons = reasonsFor(verdict);
      if (this.reasonsList) this.reasonsList.replaceChildren(...reasons.map((r) => el('li', {text: r})));
      if (this.whyLine) this.whyLine.textContent = reasons[0] || '';
      return;
    }
    const wasUrgent = this.visible && this.level === 'urgent';
    const keepFocus = wasUrgent && verdict.level === 'urgent';
    const returnFocus = wasUrgent ? this.returnFocus : null;
    this.teardown({restoreFocus: false});
    this.signature = signature;
    this.level = verdict.level;
    this.audience = audience;
    this.verdict = verdict;
    this.build(verdict);
    if (verdict.level === 'urgent') {
      const before = this.pause ? this.pause.returnFocus : document.activeElement;
      this.returnFocus = returnFocus || (keepFocus ? null : before);
      // The primary action is on the first screen, so focusing it scrolls nothing away. An open
      // pause panel keeps focus: it gives it to the dialog when it closes (pause-panel.js).
      if (!this.pause) this.primary.focus({preventScroll: true});
    }
    this.announce(t(headlineKeys(verdict).title));
  }

  /**
   * Puts the host back when the page removed it (a framework re-render, or a hostile page). On a
   * timer, not at once, so a page that removes it on every mutation cannot start an endless loop.
   */
  reattach() {
    if (!this.host || this.host.isConnected || this.reattachTimer) return;
    this.reattachTimer = setTimeout(() => {
      this.reattachTimer = null;
      if (this.host && !this.host.isConnected) (document.documentElement || document.body).append(this.host);
    }, 100);
  }

  /** Removes the warning (nothing left on the page). */
  remove() {
    this.teardown({restoreFocus: true});
    this.level = 'none';
    this.signature = '';
  }

  teardown({restoreFocus}) {
    this.highlighter.clear();
    if (this.onKey) document.removeEventListener('keydown', this.onKey, true);
    if (this.onResize) window.removeEventListener('resize', this.onResize);
    this.onKey = null;
    this.onResize = null;
    for (const node of [this.card, this.backdrop]) if (node) node.remove();
    this.card = null;
    this.backdrop = null;
    this.thanks = false;
    if (this.wrap) this.wrap.classList.remove('peeking');
    // The pause panel (or its notice) may still be open: the host stays for it.
    if (!this.pause && !this.noticeNode) this.removeHost();
    this.reasonsList = null;
    this.whyLine = null;
    if (restoreFocus && this.pause) {
      // Focus stays in the open pause panel; it goes back there when the panel closes.
      if (this.returnFocus) this.pause.thenFocus = this.returnFocus;
    } else if (restoreFocus && this.returnFocus && this.returnFocus.isConnected && this.returnFocus.focus) {
      this.returnFocus.focus();
    }
    if (restoreFocus) this.returnFocus = null;
  }

  removeHost() {
    if (this.host) this.host.remove();
    this.host = null;
    this.shadow = null;
    this.wrap = null;
    this.live = null;
  }

  /**
   * The host element and its closed shadow root, created when missing: the warning card and the
   * pause panel live side by side in it.
   */
  ensureHost() {
    if (this.host) {
      if (!this.host.isConnected) (document.documentElement || document.body).append(this.host);
      this.wrap.setAttribute('dir', uiDirection());
      this.wrap.setAttribute('lang', uiLangTag());
      return;
    }
    const host = document.createElement(HOST_TAG);
    // Inline (CSSOM) so no page rule can style or hide the host; :host rules lose to page rules.
    host.style.setProperty('all', 'initial', 'important');
    host.style.setProperty('display', 'block', 'important');
    const shadow = host.attachShadow({mode: 'closed'});
    const style = document.createElement('style');
    style.textContent = WARNING_CSS;
    const wrap = el('div', {class: 'wrap', dir: uiDirection(), lang: uiLangTag()});
    const live = el('div', {role: 'status', 'aria-live': 'polite', class: 'note'});
    live.style.setProperty('position', 'absolute');
    live.style.setProperty('clip-path', 'inset(50%)');
    live.style.setProperty('inline-size', '1px');
    live.style.setProperty('overflow', 'hidden');
    wrap.append(live);
    shadow.append(style, wrap);
    (document.documentElement || document.body).append(host);
    this.host = host;
    this.shadow = shadow;
    this.wrap = wrap;
    this.live = live;
  }

  /**
   * The pause before an image or video is added to this chat (pause-panel.js): resolves true for
   * "Send anyway", false for "Don't send". `verdict`, `cues` and `muted` (sign ids said to be
   * wrong here) say what the panel tells.
   */
  askBeforeSending({verdict, cues, muted = []}) {
    return askBeforeSending(this, {verdict, cues, muted});
  }

  /** Closes an open pause as "Don't send" (the person left the chat it was asked in). */
  cancelPause() {
    if (this.pause) this.pause.finish(false);
  }

  /** A short line in the pause panel's place for a few seconds ("Paste it again …"). */
  notice(text, ms) {
    showNotice(this, text, ms);
  }

  dismiss(why) {
    const level = this.level;
    const crisisMessages = (this.verdict && this.verdict.crisisMessages) || 0;
    this.remove();
    this.onDismiss(level, why, crisisMessages);
  }

  /**
   * "This seems wrong": thanks the person and says what happens (these signs count for less in
   * this chat only), then lowers them through the background. The card stays until closed.
   */
  wrong() {
    const verdict = this.verdict;
    const level = this.level;
    const crisisMessages = (verdict && verdict.crisisMessages) || 0;
    this.highlighter.clear();
    this.wrap.classList.remove('peeking');
    this.syncModal();
    const close = el('button', {type: 'button', class: 'primary', 'data-action': 'close', text: t('wrong_close')});
    close.addEventListener('click', () => this.remove());
    this.card.setAttribute('aria-describedby', 'hu-thanks');
    this.card.replaceChildren(
      el('h2', {id: 'hu-title', text: t('wrong_thanks_title')}),
      el('p', {id: 'hu-thanks', text: t('wrong_thanks_text')}),
      el('div', {class: 'row'}, close));
    this.primary = close;
    this.buttons = [close];
    // The reasons, "More" and the evidence panel are gone with the card's old content.
    this.reasonsList = null;
    this.whyLine = null;
    this.moreNode = null;
    this.evidence = null;
    // Escape now only closes the thanks: "wrong" is what the person said, not "not now".
    this.thanks = true;
    close.focus({preventScroll: true});
    this.announce(t('wrong_thanks_text'));
    this.onDismiss(level, 'wrong', crisisMessages);
    if (this.onWrong && verdict) Promise.resolve(this.onWrong(verdict)).catch(() => {});
  }

  build(verdict) {
    const level = verdict.level;
    const adult = this.audience === 'adult';
    this.ensureHost();
    const host = this.host;

    const titleId = 'hu-title';
    const leadId = 'hu-lead';
    const cardAttrs = level === 'urgent'
      ? {class: 'card urgent', role: 'alertdialog', 'aria-modal': 'true', 'aria-labelledby': titleId, 'aria-describedby': leadId}
      : {class: `card ${level}`, role: 'region', 'aria-labelledby': titleId, 'aria-describedby': leadId};
    const card = el('div', cardAttrs);

    const buttons = [];
    const button = (key, cls, onclick, extra = {}) => {
      const b = el('button', {type: 'button', class: cls || null, text: t(key), onclick, ...extra});
      buttons.push(b);
      return b;
    };

    // 1. Crisis help first when the person's own words show distress: the line, then the rest.
    let primary = null;
    if (verdict.crisis) {
      primary = button('crisis_action', 'primary', () => this.onHelp('crisis'), {'data-action': 'crisis'});
      const lines = el('ul', {class: 'crisis-lines', 'aria-label': t('crisis_link_note'), hidden: true});
      this.fillCrisisLines(lines);
      card.append(el('div', {class: 'crisis'}, el('p', {class: 'lead', text: t('crisis_lead')}), primary, lines));
    }

    // 2. The headline, drawn from what was seen, then "not your fault" before anything else.
    const headline = headlineKeys(verdict);
    // An adult's caution is lighter: no "you haven't done anything wrong" for a platform move.
    const leadKey = level === 'caution' && adult ? 'lead_caution_adult' : headline.lead;
    const title = el('h2', {id: titleId, text: t(headline.title)});
    const leadText = el('p', {id: leadId, class: 'lead', text: t(leadKey)});
    let whyLine = null;
    const line = el('div', {class: 'line'}, title);
    if (level === 'caution') {
      card.append(line);
    } else {
      card.append(title, leadText);
      // (The crisis lead above already says they are not alone: one hope line is enough.)
      if (level === 'urgent' && !verdict.crisis) card.append(el('p', {text: t('hope_urgent')}));
      if (level === 'warning') {
        whyLine = el('p', {class: 'why', text: reasonsFor(verdict)[0] || ''});
        card.append(whyLine);
      }
    }

    // 3. The first screen's actions: one primary, "Not now", and (urgent) "Save evidence".
    const moreToggle = (key, cls) => button(key, cls, () => this.toggleMore(),
      {'data-action': 'more', 'aria-expanded': 'false', 'aria-controls': 'hu-more'});
    const notNow = () => button('action_not_now', '', () => this.dismiss('not-now'), {'data-action': 'not-now'});
    if (level === 'urgent') {
      // In crisis mode the crisis line above is the help: no second help button.
      const help = primary ? null : button('action_help_now', 'primary', () => this.onHelp('help'), {'data-action': 'help'});
      primary = primary || help;
      const save = this.onSaveEvidence ? button('action_save', '', () => this.act('save_evidence'), {'data-action': 'save-evidence'}) : null;
      if (help) card.append(el('div', {class: 'row face'}, help, save), el('div', {class: 'row face'}, moreToggle('action_more', ''), notNow()));
      else card.append(el('div', {class: 'row face'}, save, moreToggle('action_more', ''), notNow()));
    } else {
      const more = moreToggle('action_steps', primary ? '' : 'primary');
      primary = primary || more;
      const row = el('div', {class: 'row face'}, more, notNow());
      if (level === 'caution') line.append(row);
      else card.append(row);
    }
    const peekText = el('p', {class: 'note'});
    const peekBack = el('button', {type: 'button', 'data-action': 'unpeek', text: t('hide_messages')});
    peekBack.addEventListener('click', () => this.toggleHighlight());
    const peekBar = el('div', {class: 'peek-bar', hidden: true}, peekText, el('div', {class: 'row'}, peekBack));
    buttons.push(peekBack);
    card.append(peekBar);

    // 4. Evidence: the question opens right under the actions.
    this.evidence = new EvidencePanel({el, t, audience: this.audience, save: (opts) => this.saveEvidence(opts)});
    card.append(this.evidence.node);

    // 5. Everything else, one tap away.
    const more = buildMore(this, verdict, {level, adult, leadNode: level === 'caution' ? leadText : null, button});
    card.append(more.node);

    // An open pause panel stays after (over) the card: it is what the person is deciding now.
    const next = this.pause ? this.pause.node : (this.noticeNode || this.live);
    this.backdrop = level === 'urgent' ? el('div', {class: 'backdrop', 'aria-hidden': 'true'}) : null;
    if (this.backdrop) this.wrap.insertBefore(this.backdrop, next);
    this.wrap.insertBefore(card, next);

    this.primary = primary;
    this.mainPrimary = primary;
    this.crisisMode = Boolean(verdict.crisis);
    this.buttons = buttons;
    this.card = card;
    this.moreNode = more.node;
    this.pathPanel = more.pathPanel;
    this.stepsBlock = more.steps;
    this.choices = more.choices;
    this.reportPanel = more.reportPanel;
    this.reasonsList = more.reasons;
    this.highlightToggle = more.highlightToggle;
    this.whyLine = whyLine;
    this.peekBar = peekBar;
    this.peekText = peekText;
    this.peekBack = peekBack;
    this.syncModal();

    // Keyboard: Escape means "not now" everywhere (after "this seems wrong" it only closes the
    // thanks); the urgent dialog keeps Tab inside itself, or inside the pause panel open over it.
    this.onKey = (e) => {
      // Only a person's key press counts: a page can dispatch a synthetic Escape (isTrusted false).
      if (!this.visible || !e.isTrusted) return;
      const path = e.composedPath();
      if (e.key === 'Tab' && level === 'urgent') {
        this.trapTab(e);
        return;
      }
      // Keys inside the pause panel are the panel's own (Escape there means "Don't send"). A
      // listener outside our closed shadow root never sees the panel in composedPath(): ask
      // the root where focus is.
      if (this.pause && this.pause.node.contains(this.shadow.activeElement)) return;
      const inside = path.includes(host);
      if (e.key === 'Escape' && (inside || level === 'urgent')) {
        e.preventDefault();
        e.stopPropagation();
        if (this.thanks) this.remove();
        else this.dismiss('not-now');
      }
    };
    document.addEventListener('keydown', this.onKey, true);
    // The side cards stay above the message box and Send, also when the window changes size.
    this.onResize = () => this.fit();
    window.addEventListener('resize', this.onResize);
    this.fit();
  }

  /** Keeps a caution or warning card clear of the page's message box. */
  fit() {
    if (this.card && this.level !== 'urgent') fitAboveComposer(this.card);
  }

  /**
   * The urgent dialog is modal (aria-modal) only while the person acts on it: not while it steps
   * aside (warning-peek.js), nor while the pause panel is open over it (or a screen reader may
   * treat the panel as inert).
   */
  syncModal() {
    if (!this.card || this.level !== 'urgent') return;
    const aside = Boolean(this.pause) || Boolean(this.wrap && this.wrap.classList.contains('peeking'));
    this.card.setAttribute('aria-modal', aside ? 'false' : 'true');
  }

  /** Opens or closes "More" (why, the steps, the paths and the smaller actions). */
  toggleMore(open = this.moreNode.hidden) {
    this.moreNode.hidden = !open;
    for (const b of this.card.querySelectorAll('[data-action=more]')) b.setAttribute('aria-expanded', String(open));
    this.fit();
  }

  /** "Show these messages" (or "Hide the highlights"): see warning-peek.js. */
  toggleHighlight() {
    toggleHighlight(this);
  }

  /** Makes `b` the one primary action (there is only ever one). */
  setPrimary(b) {
    if (!b || b === this.primary) return;
    if (this.primary) this.primary.classList.remove('primary');
    b.classList.add('primary');
    this.primary = b;
  }

  /** Opens one advice path (closes it when chosen again). */
  openPath(id) {
    const panel = this.pathPanel;
    const wasOpen = !panel.hidden && panel.dataset.path === id;
    for (const b of this.choices.querySelectorAll('button')) {
      b.setAttribute('aria-expanded', String(!wasOpen && b.dataset.action === `path-${id}`));
    }
    panel.replaceChildren();
    this.setPrimary(this.mainPrimary);
    if (wasOpen) {
      panel.hidden = true;
      this.stepsBlock.hidden = false;
      delete panel.dataset.path;
      return;
    }
    this.stepsBlock.hidden = true;
    const {nodes, primaryButton} = buildPath(pathById(id), {el, act: (a, b) => this.act(a, b), headingId: 'hu-path-h', audience: this.audience});
    panel.append(...nodes);
    panel.dataset.path = id;
    panel.hidden = false;
    // In crisis mode the crisis line stays the one primary action.
    if (primaryButton && !this.crisisMode) this.setPrimary(primaryButton);
    nodes[0].focus({preventScroll: false});
  }

  /** Runs a step's action. */
  act(action) {
    if (action === 'save_evidence') {
      if (this.onSaveEvidence) this.evidence.ask();
    } else if (action === 'block_guide') {
      this.showReportGuide();
    } else if (action === 'open_report' || action === 'open_takedown') {
      this.onHelp('report');
    } else if (action === 'open_crisis') {
      this.onHelp('crisis');
    } else {
      this.onHelp(this.crisisMode ? 'crisis' : 'help');
    }
  }

  /** The first crisis lines for the person's country, under the crisis button (links open on click). */
  async fillCrisisLines(list) {
    let lines = [];
    try { lines = this.helpData ? (await this.helpData()).crisis || [] : []; } catch { lines = []; }
    if (!list.isConnected && !this.visible) return;
    for (const l of lines) {
      const li = el('li', {}, el('strong', {text: l.name}));
      if (l.phone) li.append(' ', ltr(l.phone));
      if (l.text) li.append(' · ', el('span', {}, ...tIsolated('help_text', l.text)));
      if (isHttps(l.url)) li.append(' · ', el('a', {href: l.url, target: '_blank', rel: 'noopener noreferrer', text: t('help_open_site')}));
      list.append(li);
    }
    list.hidden = !lines.length;
  }

  async showReportGuide() {
    const panel = this.reportPanel;
    let entry = null;
    try { entry = this.helpData ? (await this.helpData()).reporting : null; } catch { entry = null; }
    if (!this.visible) return;
    panel.replaceChildren(...buildReportGuide(entry, {el, headingId: 'hu-report-h'}));
    panel.hidden = false;
    panel.firstChild.focus();
  }

  /** Hides the warning while the screen is captured, then shows it again. */
  async saveEvidence(opts = {}) {
    const host = this.host;
    host.style.setProperty('visibility', 'hidden', 'important');
    this.highlighter.clear();
    try {
      return await this.onSaveEvidence(opts);
    } finally {
      if (host.isConnected) host.style.setProperty('visibility', 'visible', 'important');
    }
  }

  /** Keeps focus within the dialog (modal), or the pause panel open over it, wrapping at both ends. */
  trapTab(e) {
    const scope = this.pause ? this.pause.node : this.card;
    const focusables = [...scope.querySelectorAll('button, a[href], input')].filter((n) => n.getClientRects().length > 0);
    if (!focusables.length) return;
    const current = this.shadow.activeElement;
    const i = focusables.indexOf(current);
    let next;
    if (i < 0) next = e.shiftKey ? focusables[focusables.length - 1] : focusables[0];
    else if (e.shiftKey && i === 0) next = focusables[focusables.length - 1];
    else if (!e.shiftKey && i === focusables.length - 1) next = focusables[0];
    if (next) {
      e.preventDefault();
      next.focus();
    }
  }

  announce(text) {
    if (!this.live) return;
    this.live.textContent = '';
    if (text) setTimeout(() => { if (this.live) this.live.textContent = text; }, 50);
  }
}
