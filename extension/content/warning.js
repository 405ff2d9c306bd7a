// The warning the person sees: a closed shadow root on a host element with `all: initial`.
// caution = small dismissible card; warning = clear panel; urgent = a modal alertdialog that
// takes focus and gives it back on close. Built with createElement/textContent only.
import {t, uiDirection} from '../shared/i18n.js';
import {WARNING_CSS} from './warning-style.js';
import {Highlighter} from './highlight.js';

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

/** Distinct, translated reasons in verdict order (two signals can share a sentence). */
export function reasonsFor(verdict) {
  return [...new Set((verdict.signals || []).map(reasonText))];
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
   * @param onDismiss (level, why: 'not-now'|'wrong') => void
   * @param onHelp (topic) => void
   * @param nodesFor (indices) => page elements of those messages
   */
  constructor({onDismiss, onHelp, nodesFor}) {
    this.onDismiss = onDismiss;
    this.onHelp = onHelp;
    this.nodesFor = nodesFor;
    this.host = null;
    this.shadow = null;
    this.level = 'none';
    this.signature = '';
    this.returnFocus = null;
    this.highlighter = new Highlighter();
  }

  get visible() {
    return Boolean(this.host && this.host.isConnected);
  }

  /** Shows or updates the warning for a verdict (level other than none). */
  render(verdict) {
    const signature = JSON.stringify([verdict.level, verdict.crisis, (verdict.signals || []).map((s) => [s.id, s.messages])]);
    if (this.visible && signature === this.signature) return;
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
    this.announce(t(`title_${verdict.level}`));
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
    if (this.host) this.host.remove();
    this.host = null;
    this.shadow = null;
    if (restoreFocus && this.returnFocus && this.returnFocus.isConnected && this.returnFocus.focus) {
      this.returnFocus.focus();
    }
    if (restoreFocus) this.returnFocus = null;
  }

  dismiss(why) {
    const level = this.level;
    this.remove();
    this.onDismiss(level, why);
  }

  build(verdict) {
    const level = verdict.level;
    const host = document.createElement(HOST_TAG);
    // Inline (CSSOM) so no page rule can style or hide the host; :host rules lose to page rules.
    host.style.setProperty('all', 'initial', 'important');
    host.style.setProperty('display', 'block', 'important');
    const shadow = host.attachShadow({mode: 'closed'});
    const style = document.createElement('style');
    style.textContent = WARNING_CSS;
    shadow.append(style);

    const dir = uiDirection();
    const wrap = el('div', {class: 'wrap', dir, lang: chromeLang()});
    const live = el('div', {role: 'status', 'aria-live': 'polite', class: 'note', style: null});
    live.style.setProperty('position', 'absolute');
    live.style.setProperty('clip-path', 'inset(50%)');
    live.style.setProperty('inline-size', '1px');
    live.style.setProperty('overflow', 'hidden');
    this.live = live;

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
      card.append(el('div', {class: 'crisis'},
        el('p', {class: 'lead', text: t('crisis_lead')}),
        primary,
        el('p', {class: 'note'}, el('a', {href: CRISIS_LIST_URL, target: '_blank', rel: 'noopener noreferrer', text: t('crisis_link_note')}))));
    }

    // 2. Title, then "not your fault" before anything else is said.
    card.append(el('h2', {id: titleId, text: t(`title_${level}`)}));
    const lead = el('div', {id: leadId},
      el('p', {class: 'lead', text: t(`lead_${level}`)}),
      level === 'urgent' ? el('p', {text: t('hope_urgent')}) : null);
    card.append(lead);

    // 3. Why, in plain words, and the messages involved.
    card.append(el('h3', {text: t('why_heading')}));
    const reasons = el('ul', {class: 'reasons'});
    for (const r of reasonsFor(verdict)) reasons.append(el('li', {text: r}));
    card.append(reasons);
    const indices = messagesFor(verdict);
    if (indices.length) {
      const toggle = button('show_messages', 'link', () => {
        if (this.highlighter.active) {
          this.highlighter.clear();
          toggle.textContent = t('show_messages');
          toggle.setAttribute('aria-pressed', 'false');
          this.announce('');
        } else {
          const n = this.highlighter.show(this.nodesFor(indices), {reducedMotion: prefersReducedMotion()});
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

    // 5. Actions: one primary, the rest secondary.
    const row = el('div', {class: 'row'});
    const help = button('action_help', primary ? '' : 'primary', () => this.onHelp(level), {'data-action': 'help'});
    primary = primary || help;
    row.append(help);
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

    if (level === 'urgent') wrap.append(el('div', {class: 'backdrop', 'aria-hidden': 'true'}));
    wrap.append(card, live);
    shadow.append(wrap);
    (document.documentElement || document.body).append(host);

    this.host = host;
    this.shadow = shadow;
    this.primary = primary;
    this.buttons = buttons;
    this.card = card;

    // Keyboard: Escape means "not now" everywhere; the urgent dialog keeps Tab inside itself.
    this.onKey = (e) => {
      if (!this.visible) return;
      const inside = e.composedPath().includes(host);
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

  /** Keeps focus within the dialog (modal) by wrapping at both ends. */
  trapTab(e) {
    const focusables = [...this.card.querySelectorAll('button, a[href]')].filter((n) => !n.closest('[hidden]'));
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

function chromeLang() {
  try { return t('@@ui_locale').replace('_', '-'); } catch { return 'en'; }
}
