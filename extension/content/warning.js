// The warning the person sees: a closed shadow root on a host element with `all: initial`.
// caution = small dismissible card; warning = clear panel; urgent = a modal alertdialog that
// takes focus and gives it back on close. Built with createElement/textContent only.
import {t, uiDirection, uiLangTag} from '../shared/i18n.js';
import {WARNING_CSS} from './warning-style.js';
import {Highlighter} from './highlight.js';
import {CHOICES, buildPath, buildReportGuide, pathById} from './advice.js';
import {isHttps} from '../shared/helplines.js';
import {EvidencePanel} from './warning-evidence.js';
import {headlineKeys} from './headline.js';
import {buildPausePanel} from './pause-panel.js';

const HOST_TAG = 'heads-up-warning';
const STEP_KEYS = ['step_stop', 'step_dont_pay', 'step_save', 'step_keep', 'step_report', 'step_tell'];
const CRISIS_LIST_URL = 'https://findahelpline.com/';

/** Small DOM builder: attributes via setAttribute, text via textContent, never HTML. */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (name === 'text') node.textContent = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

function reasonText(signal) {
  for (const key of [signal.reason, `reason_${signal.id}`]) {
    if (key && /^[a-z_]+$/.test(key)) {
      const text = t(key);
      if (text !== key) return text;
    }
  }
  return t('reason_other');
}

/** What the page said about the other person that raised the level (the core's `cues`). */
const CUE_KEYS = Object.freeze({stranger: 'cue_stranger', new_thread: 'cue_new_thread'});

/**
 * Distinct, translated reasons in verdict order (two signals can share a sentence), then the
 * page's cues that raised the level ("The site shows this person isn’t one of your friends or contacts").
 */
export function reasonsFor(verdict) {
  const cues = (Array.isArray(verdict.cues) ? verdict.cues : []).map((c) => CUE_KEYS[c]).filter(Boolean).map((k) => t(k));
  return [...new Set([...(verdict.signals || []).map(reasonText), ...cues])];
}

/** Indices of the messages involved in any signal, ascending. */
export function messagesFor(verdict) {
  const all = new Set();
  for (const s of verdict.signals || []) for (const i of s.messages || []) all.add(i);
  return [...all].sort((a, b) => a - b);
}

function prefersReducedMotion() {
  return Boolean(window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches);
}

export class WarningView {
  /**
   * @param onDismiss (level, why: 'not-now'|'wrong', crisisMessages: number) => void
   * @param onHelp (topic) => void
   * @param nodesFor (indices) => page elements of those messages
   * @param onSaveEvidence () => Promise<result of the background's save> (see warning-evidence.js)
   * @param helpData () => Promise<{reporting: reporting.json entry or null, crisis: [lines]}>
   */
  constructor({onDismiss, onHelp, nodesFor, onSaveEvidence = null, helpData = null}) {
    this.onDismiss = onDismiss;
    this.onHelp = onHelp;
    this.nodesFor = nodesFor;
    this.onSaveEvidence = onSaveEvidence;
    this.helpData = helpData;
    this.host = null;
    this.shadow = null;
    this.wrap = null;
    this.card = null;
    this.pause = null; // the open pause before an image is sent (see askBeforeSending)
    this.level = 'none';
    this.signature = '';
    this.returnFocus = null;
    this.highlighter = new Highlighter();
  }

  /** Is the warning card on the page? (The host can also hold only the pause panel.) */
  get visible() {
    return Boolean(this.card && this.host && this.host.isConnected);
  }

  /** Shows or updates the warning for a verdict (level other than none). */
  render(verdict) {
    const signature = JSON.stringify([verdict.level, verdict.crisis, (verdict.signals || []).map((s) => [s.id, s.messages]), verdict.cues || []]);
    if (this.visible && signature === this.signature) return;
    if (this.visible && this.verdict && this.level === verdict.level && Boolean(this.verdict.crisis) === Boolean(verdict.crisis)
      && (messagesFor(this.verdict).length > 0) === (messagesFor(verdict).length > 0)) {
      // Same level: update the reasons in place, so a path the person opened, the evidence
      // question or a save in progress is not swept away by a message arriving meanwhile.
      this.signature = signature;
      this.verdict = verdict;
      this.reasonsList.replaceChildren(...reasonsFor(verdict).map((r) => el('li', {text: r})));
      return;
    }
    const wasUrgent = this.visible && this.level === 'urgent';
    const keepFocus = wasUrgent && verdict.level === 'urgent';
    const returnFocus = wasUrgent ? this.returnFocus : null;
    this.teardown({restoreFocus: false});
    this.signature = signature;
    this.level = verdict.level;
    this.verdict = verdict;
    this.build(verdict);
    if (verdict.level === 'urgent') {
      this.returnFocus = returnFocus || (keepFocus ? null : document.activeElement);
      // Focus the main action without scrolling the "not your fault" opening out of view.
      this.primary.focus({preventScroll: true});
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
    this.onKey = null;
    for (const node of [this.card, this.backdrop]) if (node) node.remove();
    this.card = null;
    this.backdrop = null;
    if (!this.pause && !this.noticeNode) this.removeHost();
    if (restoreFocus && this.returnFocus && this.returnFocus.isConnected && this.returnFocus.focus) {
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
   * The pause before an image or video is added to this chat: a short panel beside the warning,
   * in the same closed shadow root. Resolves true for "Send anyway", false for "Don't send".
   * One at a time: a second file added while it is open gets the same answer.
   * @param verdict the conversation's verdict; cues the page's cue record (cues.js)
   */
  askBeforeSending({verdict, cues}) {
    if (this.pause) return this.pause.promise;
    this.ensureHost();
    if (this.noticeNode) {
      this.noticeNode.remove();
      this.noticeNode = null;
    }
    const returnFocus = document.activeElement;
    let resolve;
    const promise = new Promise((r) => { resolve = r; });
    const finish = (send) => {
      if (!this.pause || this.pause.promise !== promise) return;
      this.pause.node.remove();
      this.pause = null;
      if (!this.card && !this.noticeNode) this.removeHost();
      else if (this.live) this.announce(t(send ? 'pause_passed' : 'pause_kept'));
      if (returnFocus && returnFocus.isConnected && returnFocus.focus) returnFocus.focus({preventScroll: true});
      resolve(send);
    };
    const {node, first} = buildPausePanel({el, t, verdict, cues, onChoice: finish});
    this.pause = {node, promise};
    this.wrap.insertBefore(node, this.live);
    first.focus({preventScroll: true});
    return promise;
  }

  /**
   * A short line in the pause panel's place, gone after `ms` (or when a pause or the warning is
   * shown again): "Okay. Paste it again and it will go through."
   */
  notice(text, ms = 8000) {
    this.ensureHost();
    if (this.noticeNode) this.noticeNode.remove();
    const node = el('div', {class: 'pause notice', role: 'status'}, el('p', {text}));
    this.noticeNode = node;
    this.wrap.insertBefore(node, this.live);
    setTimeout(() => {
      if (this.noticeNode !== node) return;
      node.remove();
      this.noticeNode = null;
      if (!this.card && !this.pause) this.removeHost();
    }, ms);
  }

  dismiss(why) {
    const level = this.level;
    const crisisMessages = (this.verdict && this.verdict.crisisMessages) || 0;
    this.remove();
    this.onDismiss(level, why, crisisMessages);
  }

  build(verdict) {
    const level = verdict.level;
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
      const b = el('button', {type: 'button', class: cls, text: t(key), onclick, ...extra});
      buttons.push(b);
      return b;
    };

    // 1. Crisis help first when the person's own words show distress.
    let primary = null;
    if (verdict.crisis) {
      primary = button('crisis_action', 'primary', () => this.onHelp('crisis'));
      const lines = el('ul', {class: 'crisis-lines', 'aria-label': t('crisis_link_note'), hidden: true});
      this.fillCrisisLines(lines);
      card.append(el('div', {class: 'crisis'},
        el('p', {class: 'lead', text: t('crisis_lead')}),
        primary,
        lines,
        ...buildPath(pathById('crisis'), {el, act: (a, b) => this.act(a, b), headingId: 'hu-crisis-h', skip: ['call']}).nodes.slice(2),
        el('p', {class: 'note'}, el('a', {href: CRISIS_LIST_URL, target: '_blank', rel: 'noopener noreferrer', text: t('crisis_link_note')}))));
    }

    // 2. Title, then "not your fault" before anything else is said.
    const headline = headlineKeys(verdict);
    card.append(el('h2', {id: titleId, text: t(headline.title)}));
    const lead = el('div', {id: leadId},
      el('p', {class: 'lead', text: t(headline.lead)}),
      level === 'urgent' ? el('p', {text: t('hope_urgent')}) : null);
    card.append(lead);

    // 3. Why, in plain words, and the messages involved.
    card.append(el('h3', {text: t('why_heading')}));
    const reasons = el('ul', {class: 'reasons'});
    for (const r of reasonsFor(verdict)) reasons.append(el('li', {text: r}));
    card.append(reasons);
    this.reasonsList = reasons;
    const indices = messagesFor(verdict);
    if (indices.length) {
      const toggle = button('show_messages', 'link', () => {
        if (this.highlighter.active) {
          this.highlighter.clear();
          toggle.textContent = t('show_messages');
          toggle.setAttribute('aria-pressed', 'false');
          this.announce('');
        } else {
          const n = this.highlighter.show(this.nodesFor(messagesFor(this.verdict)), {reducedMotion: prefersReducedMotion()});
          toggle.textContent = t('hide_messages');
          toggle.setAttribute('aria-pressed', 'true');
          this.announce(t('showing_messages', [String(n)]));
        }
      }, {'aria-pressed': 'false', 'data-action': 'highlight'});
      card.append(toggle);
    }
    card.append(el('p', {class: 'hedge', text: t('hedge')}));

    // 4. What to do now: open on warning/urgent, behind a button on the small card.
    const stepsId = 'hu-steps';
    const steps = el('div', {id: stepsId, class: 'steps', hidden: level === 'caution'},
      el('h3', {text: t('steps_heading')}),
      el('ol', {}, ...STEP_KEYS.map((k) => el('li', {text: t(k)}))));
    card.append(steps);

    // 4b. Advice paths: the person says what is happening; a few steps for that.
    const pathPanel = el('div', {id: 'hu-path', class: 'panel', role: 'region', 'aria-labelledby': 'hu-path-h', hidden: true});
    const choices = el('div', {class: 'choices', role: 'group', 'aria-labelledby': 'hu-choose-h'});
    for (const id of CHOICES) {
      choices.append(button(`advice_${id}_title`, 'choice', () => this.openPath(id), {'data-action': `path-${id}`, 'aria-expanded': 'false', 'aria-controls': 'hu-path'}));
    }
    steps.append(el('h3', {id: 'hu-choose-h', text: t('advice_choose')}), choices, pathPanel);
    const reportPanel = el('div', {id: 'hu-report', class: 'panel', role: 'region', 'aria-labelledby': 'hu-report-h', hidden: true});
    card.append(reportPanel);
    this.evidence = new EvidencePanel({el, t, save: () => this.saveEvidence()});
    card.append(this.evidence.node);

    // 5. Actions: one primary, the rest secondary.
    const row = el('div', {class: 'row'});
    const help = button('action_help', primary ? '' : 'primary', () => this.onHelp(level), {'data-action': 'help'});
    primary = primary || help;
    row.append(help);
    if (level !== 'caution' && this.onSaveEvidence) {
      row.append(button('action_save', '', () => this.act('save_evidence'), {'data-action': 'save-evidence'}));
    }
    if (level === 'caution') {
      const more = button('action_steps', '', () => {
        const open = steps.hidden;
        steps.hidden = !open;
        more.setAttribute('aria-expanded', String(open));
      }, {'aria-expanded': 'false', 'aria-controls': stepsId, 'data-action': 'steps'});
      row.append(more);
    }
    row.append(button('action_not_now', '', () => this.dismiss('not-now'), {'data-action': 'not-now'}));
    row.append(button('action_wrong', 'link', () => this.dismiss('wrong'), {'data-action': 'wrong'}));
    card.append(row);

    this.backdrop = level === 'urgent' ? el('div', {class: 'backdrop', 'aria-hidden': 'true'}) : null;
    // An open pause panel stays after (over) the card: it is what the person is deciding now.
    const next = this.pause ? this.pause.node : this.live;
    if (this.backdrop) this.wrap.insertBefore(this.backdrop, next);
    this.wrap.insertBefore(card, next);

    this.primary = primary;
    this.mainPrimary = primary;
    this.crisisMode = Boolean(verdict.crisis);
    this.buttons = buttons;
    this.card = card;
    this.pathPanel = pathPanel;
    this.choices = choices;
    this.reportPanel = reportPanel;
    this.stepsPanel = steps;

    // Keyboard: Escape means "not now" everywhere; the urgent dialog keeps Tab inside itself.
    this.onKey = (e) => {
      // Only a person's key press counts: a page can dispatch a synthetic Escape (isTrusted false).
      if (!this.visible || !e.isTrusted) return;
      const path = e.composedPath();
      // Keys inside the pause panel are the panel's own (Escape there means "Don't send").
      if (this.pause && path.includes(this.pause.node)) return;
      const inside = path.includes(host);
      if (e.key === 'Escape' && (inside || level === 'urgent')) {
        e.preventDefault();
        e.stopPropagation();
        this.dismiss('not-now');
      } else if (e.key === 'Tab' && level === 'urgent') {
        this.trapTab(e);
      }
    };
    document.addEventListener('keydown', this.onKey, true);
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
      delete panel.dataset.path;
      return;
    }
    const {nodes, primaryButton} = buildPath(pathById(id), {el, act: (a, b) => this.act(a, b), headingId: 'hu-path-h'});
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
      if (this.stepsPanel && this.stepsPanel.hidden) this.stepsPanel.hidden = false;
      if (this.onSaveEvidence) this.evidence.ask();
    } else if (action === 'block_guide') {
      this.showReportGuide();
    } else if (action === 'open_report') {
      this.onHelp('report');
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
      if (l.phone) li.append(' ', el('span', {dir: 'ltr', text: l.phone}));
      if (l.text) li.append(' · ', el('span', {text: t('help_text', [l.text])}));
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
  async saveEvidence() {
    const host = this.host;
    host.style.setProperty('visibility', 'hidden', 'important');
    this.highlighter.clear();
    try {
      return await this.onSaveEvidence();
    } finally {
      if (host.isConnected) host.style.setProperty('visibility', 'visible', 'important');
    }
  }

  /** Keeps focus within the dialog (modal) by wrapping at both ends. */
  trapTab(e) {
    const scopes = [this.card, this.pause && this.pause.node].filter(Boolean);
    const focusables = scopes.flatMap((s) => [...s.querySelectorAll('button, a[href]')]).filter((n) => !n.closest('[hidden]'));
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
