// What the warning keeps one tap away, behind "More" (or "What to do now"): why it spoke up,
// the messages involved, the steps, the advice paths, and the smaller actions. Built with the
// warning's own DOM builder (textContent only).
import {t} from '../shared/i18n.js';
import {CHOICES, buildPath, pathById} from './advice.js';
import {el, reasonsFor, messagesFor} from './warning-dom.js';

/** Steps when things are serious; caution's steps never suppose that something was sent. */
const STEP_KEYS = ['step_stop', 'step_dont_pay', 'step_save', 'step_keep', 'step_report', 'step_tell'];
const STEP_KEYS_CAUTION = ['step_stop', 'step_caution_no_send', 'step_save', 'step_tell'];
const CRISIS_LIST_URL = 'https://findahelpline.com/';

/**
 * The "More" part of the warning. `view` is the WarningView (its act/openPath/highlight hooks);
 * `button(key, cls, onclick, extra)` makes a counted button. Returns {node, reasons, steps, choices,
 * pathPanel, reportPanel, highlightToggle}.
 */
export function buildMore(view, verdict, {level, adult, leadNode, button}) {
  const more = el('div', {id: 'hu-more', class: 'more', hidden: true});
  if (leadNode) more.append(leadNode);
  if (level === 'warning') more.append(el('p', {text: t('hope_warning')}));

  // Why, in plain words, and the messages involved.
  more.append(el('h3', {text: t('why_heading')}));
  const reasons = el('ul', {class: 'reasons'}, ...reasonsFor(verdict).map((r) => el('li', {text: r})));
  more.append(reasons);
  let highlightToggle = null;
  if (messagesFor(verdict).length) {
    highlightToggle = button('show_messages', 'link', () => view.toggleHighlight(),
      {'aria-pressed': 'false', 'data-action': 'highlight'});
    more.append(highlightToggle);
  }
  more.append(el('p', {class: 'hedge', text: t('hedge')}));

  // The person's own words show distress: the rest of the crisis steps (the line is on top).
  if (verdict.crisis) {
    more.append(el('div', {class: 'crisis'},
      ...buildPath(pathById('crisis'), {el, act: (a) => view.act(a), headingId: 'hu-crisis-h', skip: ['call']}).nodes,
      el('p', {class: 'note'}, el('a', {href: CRISIS_LIST_URL, target: '_blank', rel: 'noopener noreferrer', text: t('crisis_link_note')}))));
  }

  // What to do now, then "what is happening?" for a few steps that fit (a chosen path's steps
  // take the general ones' place, so they are not said twice in other words).
  const steps = el('div', {class: 'steps'}, el('h3', {text: t('steps_heading')}),
    el('ol', {}, ...(level === 'caution' ? STEP_KEYS_CAUTION : STEP_KEYS).map((k) => el('li', {text: t(k)}))));
  more.append(steps);
  const pathPanel = el('div', {id: 'hu-path', class: 'panel', role: 'region', 'aria-labelledby': 'hu-path-h', hidden: true});
  const choices = el('div', {class: 'choices', role: 'group', 'aria-labelledby': 'hu-choose-h'});
  for (const id of CHOICES) {
    choices.append(button(`advice_${id}_title`, 'choice', () => view.openPath(id),
      {'data-action': `path-${id}`, 'aria-expanded': 'false', 'aria-controls': 'hu-path'}));
  }
  more.append(el('h3', {id: 'hu-choose-h', text: t('advice_choose')}), choices, pathPanel);
  const reportPanel = el('div', {id: 'hu-report', class: 'panel', role: 'region', 'aria-labelledby': 'hu-report-h', hidden: true});
  more.append(reportPanel);

  // The smaller actions. Urgent has help and evidence on its first screen; an adult's caution
  // offers no help button (a platform move is not a crisis).
  const row = el('div', {class: 'row'});
  if (level !== 'urgent' && !(level === 'caution' && adult)) {
    row.append(button('action_help', '', () => view.onHelp(verdict.crisis ? 'crisis' : level), {'data-action': 'help'}));
  }
  if (level === 'warning' && view.onSaveEvidence) {
    row.append(button('action_save', '', () => view.act('save_evidence'), {'data-action': 'save-evidence'}));
  }
  // Not beside crisis help: the thanks card replaces the warning, and crisis help must stay.
  if (!verdict.crisis) row.append(button('action_wrong', 'link', () => view.wrong(), {'data-action': 'wrong'}));
  more.append(row);
  return {node: more, reasons, steps, choices, pathPanel, reportPanel, highlightToggle};
}
