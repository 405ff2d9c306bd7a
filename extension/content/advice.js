// Advice paths inside the warning: the person picks what is happening and gets a few short
// steps. Structure mirrors extension/data/advice.json (tests/unit/i18n.test.mjs checks that);
// the words live in _locales as advice_<path>_<title|lead|reassure|step>.
import {isHttps} from '../shared/helplines.js';
import {t, uiLocale} from '../shared/i18n.js';

/** [path id, [[step id, action|null, primary?], …]] — step ids with "_" for the data's "-". */
export const PATHS = Object.freeze([
  ['threatened', [['stop'], ['no_pay'], ['save', 'save_evidence', true], ['keep'], ['block', 'block_guide'], ['tell', 'open_help'], ['takedown', 'open_takedown']]],
  ['sent', [['stop'], ['no_pay'], ['takedown', 'open_takedown', true], ['save', 'save_evidence'], ['keep'], ['block', 'block_guide'], ['tell', 'open_help']]],
  ['paid', [['no_pay_more', null, true], ['stop'], ['save', 'save_evidence'], ['keep'], ['report', 'open_report'], ['block', 'block_guide'], ['tell', 'open_help']]],
  ['unsure', [['pause', null, true], ['no_send'], ['no_pay'], ['save', 'save_evidence'], ['block', 'block_guide'], ['tell', 'open_help']]],
  ['friend', [['listen', null, true], ['no_pay'], ['save'], ['block', 'block_guide'], ['adult', 'open_help'], ['takedown', 'open_takedown'], ['worried', 'open_crisis']]],
  ['crisis', [['call', 'open_help', true], ['danger'], ['person'], ['wait'], ['later', 'save_evidence']]],
].map(([id, steps]) => Object.freeze({id, steps: steps.map(([step, action = null, primary = false]) => ({step, action, primary}))})));

/** The paths a person can choose (crisis is not a choice: distress opens it by itself). */
export const CHOICES = Object.freeze(['threatened', 'sent', 'paid', 'unsure', 'friend']);

export function pathById(id) {
  return PATHS.find((p) => p.id === id) || null;
}

/**
 * Label of the button that does a step's action. The take-down button names the service for the
 * audience: Take It Down (NCMEC) for pictures taken under 18, StopNCII for adults.
 */
export function actionLabel(action, audience = 'teen') {
  if (action === 'open_takedown' && audience === 'adult') return t('advice_do_open_takedown_adult');
  return t(`advice_do_${action}`);
}

/**
 * Builds one path's panel content: title, lead (not-your-fault first), reassurance, steps.
 * `el` is the warning's DOM builder; `act(action, button)` runs a step's action.
 * Returns {nodes, primaryButton}: the button of the path's primary step, or (when that step is
 * words only, like "please don't pay any more") the path's first button, so one action stands out.
 */
export function buildPath(path, {el, act, headingId, skip = [], audience = 'teen'}) {
  let primaryButton = null;
  const items = [];
  for (const s of path.steps) {
    if (skip.includes(s.step)) continue;
    const li = el('li', {class: s.primary ? 'key-step' : null}, el('span', {text: t(`advice_${path.id}_${s.step}`)}));
    if (s.action) {
      const b = el('button', {type: 'button', class: 'step-action', 'data-action': `do-${s.action}`, text: actionLabel(s.action, audience)});
      b.addEventListener('click', () => act(s.action, b));
      li.append(' ', b);
      if (s.primary) primaryButton = b;
    }
    items.push(li);
  }
  if (!primaryButton) primaryButton = items.map((li) => li.querySelector('button')).find(Boolean) || null;
  const nodes = [
    el('h3', {id: headingId, tabindex: '-1', text: t(`advice_${path.id}_title`)}),
    el('p', {class: 'lead', text: t(`advice_${path.id}_lead`)}),
    el('p', {text: t(`advice_${path.id}_reassure`)}),
    el('ol', {class: 'path-steps'}, ...items),
  ];
  return {nodes, primaryButton};
}

/** The reporting guide for this site: localised general steps and links to the site's own pages. */
export function buildReportGuide(entry, {el, headingId}) {
  const nodes = [el('h3', {id: headingId, tabindex: '-1', text: entry ? t('report_heading_site', [entry.name]) : t('report_heading')})];
  // The site's own steps (reporting.json) are data in English: used when the UI is English.
  const own = entry && Array.isArray(entry.steps) && uiLocale().startsWith('en') ? entry.steps.map(String) : null;
  const steps = own || ['report_step_open', 'report_step_report', 'report_step_block', 'report_step_after'].map((k) => t(k));
  nodes.push(el('ol', {}, ...steps.map((text) => el('li', {text}))));
  if (entry) {
    const links = el('p', {});
    const link = (url, key) => (isHttps(url) ? el('a', {href: url, target: '_blank', rel: 'noopener noreferrer', text: t(key, [entry.name])}) : null);
    const report = link(entry.report, 'report_link_report');
    const block = entry.block && entry.block !== entry.report ? link(entry.block, 'report_link_block') : null;
    if (report) links.append(report);
    if (block) links.append(' · ', block);
    nodes.push(links);
  }
  nodes.push(el('p', {class: 'note', text: t('report_note_anonymous')}));
  return nodes;
}
