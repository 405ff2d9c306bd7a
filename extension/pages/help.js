// Help page: crisis lines first, then services that take reports and take images down, for the
// country in settings (or guessed from the browser's language) and the audience (under 18 or
// adult), from extension/data/helplines.json; then how to block and report on the site the
// warning came from (?site=, from data/reporting.json). Links open only when clicked.
import {api} from '../shared/api.js';
import {initI18n, localise, t, uiLocale} from '../shared/i18n.js';
import {readEffective} from '../background/policy-store.js';
import {countryFor, isHttps, linesFor} from '../shared/helplines.js';
import {tIsolated} from '../shared/bidi.js';

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'text') node.textContent = v;
    else node.setAttribute(k, String(v));
  }
  node.append(...children.filter(Boolean));
  return node;
}

/**
 * A tel: link for a number made of digits; numbers with letters (1-800-CALL-FBI) stay text. The
 * number is isolated left-to-right inside the sentence (`key`), so Arabic does not reverse it.
 */
function phoneLink(phone, key) {
  const text = tIsolated(key, phone);
  if (/^\+?[\d\s().-]{3,}$/.test(phone)) return el('a', {href: `tel:${phone.replace(/[^+\d]/g, '')}`}, ...text);
  return el('span', {}, ...text);
}

function entryItem(e, english) {
  const kinds = (Array.isArray(e.kind) ? e.kind : [e.kind]).filter((k) => /^[a-z]+$/.test(k));
  const li = el('li', {'data-id': e.id, 'data-country': e.country});
  li.append(el('strong', {text: e.name}), ' ', el('span', {class: 'muted', text: kinds.map((k) => t(`help_kind_${k}`)).join(' · ')}));
  const ways = el('p', {class: 'ways'});
  if (e.phone) ways.append(phoneLink(e.phone, 'help_call'), ' ');
  if (e.text) ways.append(el('span', {}, ...tIsolated('help_text', e.text)), ' ');
  if (isHttps(e.url)) ways.append(el('a', {href: e.url, target: '_blank', rel: 'noopener noreferrer', text: t('help_open_site')}));
  li.append(ways);
  // The service descriptions are data in English; shown when the page is in English.
  if (english && e.what) li.append(el('p', {class: 'muted', text: e.what}));
  if (english && e.hours) li.append(el('p', {class: 'muted', text: e.hours}));
  return li;
}

/** How to block and report (localised steps), with links to the site's own help pages. */
function reportGuide(entry) {
  const nodes = [];
  if (entry) nodes.push(el('p', {}, el('strong', {text: t('report_heading_site', [entry.name])})));
  // The site's own steps are data in English: shown when the page is in English.
  const own = entry && Array.isArray(entry.steps) && uiLocale().startsWith('en') ? entry.steps.map(String) : null;
  nodes.push(el('ol', {}, ...(own || ['report_step_open', 'report_step_report', 'report_step_block', 'report_step_after'].map((k) => t(k))).map((text) => el('li', {text}))));
  if (entry && isHttps(entry.report)) {
    const p = el('p', {}, el('a', {href: entry.report, target: '_blank', rel: 'noopener noreferrer', text: t('report_link_report', [entry.name])}));
    if (isHttps(entry.block) && entry.block !== entry.report) p.append(' · ', el('a', {href: entry.block, target: '_blank', rel: 'noopener noreferrer', text: t('report_link_block', [entry.name])}));
    nodes.push(p);
  }
  nodes.push(el('p', {class: 'muted', text: t('report_note_anonymous')}));
  return nodes;
}

function countryName(code) {
  if (code === 'INT') return t('help_country_international');
  try { return new Intl.DisplayNames([uiLocale().replace('_', '-')], {type: 'region'}).of(code) || code; } catch { return code; }
}

async function json(rel) {
  return (await fetch(api.runtime.getURL(rel))).json();
}

/** The school's contact (set only by a school's policy), as one more place to get help. */
function schoolContact(c) {
  const nodes = [];
  if (c.name) nodes.push(el('p', {}, el('strong', {text: c.name})));
  if (c.text) nodes.push(el('p', {text: c.text}));
  const ways = el('p', {class: 'ways'});
  if (c.phone) ways.append(phoneLink(c.phone, 'school_contact_phone'), ' ');
  if (c.email) ways.append(el('a', {href: `mailto:${c.email}`}, ...tIsolated('school_contact_email', c.email)), ' ');
  if (isHttps(c.url)) ways.append(el('a', {href: c.url, target: '_blank', rel: 'noopener noreferrer', text: t('school_contact_url')}));
  nodes.push(ways);
  return nodes;
}

async function main() {
  const {settings} = await readEffective();
  await initI18n({readSettings: async () => settings});
  localise(document);
  const country = countryFor(settings.country, api.i18n.getUILanguage(), navigator.languages || []);
  const english = uiLocale().startsWith('en');
  document.getElementById('country-line').textContent = t('help_country', [countryName(country)]);
  document.getElementById('audience-line').textContent = t(settings.audience === 'adult' ? 'help_audience_adult' : 'help_audience_under18');
  document.body.dataset.country = country;
  let entries = [];
  try { entries = (await json('data/helplines.json')).entries || []; } catch { /* the general link stays */ }
  const {crisis, rest, hasLocal} = linesFor(entries, country, settings.audience);
  document.getElementById('crisis-lines').append(...crisis.map((e) => entryItem(e, english)));
  document.getElementById('help-lines').append(...rest.map((e) => entryItem(e, english)));
  document.getElementById('no-lines').hidden = hasLocal;
  document.getElementById('english-note').hidden = english;
  if (settings.schoolContact && typeof settings.schoolContact === 'object') {
    document.getElementById('school-body').append(...schoolContact(settings.schoolContact));
    document.getElementById('school').hidden = false;
  }
  if (settings.showLearnMore === false) document.getElementById('learn-more-link').hidden = true;
  const site = new URLSearchParams(location.search).get('site');
  if (site && /^[a-z0-9-]{1,40}$/.test(site)) {
    const id = site.startsWith('telegram') ? 'telegram' : (['chatrandom', 'ometv', 'emeraldchat'].includes(site) ? 'random-chat' : site);
    const entry = ((await json('data/reporting.json')).sites || []).find((s) => s.id === id) || null;
    const body = document.getElementById('site-guide-body');
    body.append(...reportGuide(entry));
    document.getElementById('site-guide').hidden = false;
  }
  const target = document.getElementById(location.hash.slice(1));
  if (target && target.scrollIntoView) target.scrollIntoView();
  document.body.dataset.ready = 'true';
}

if (typeof document !== 'undefined') {
  main().catch((err) => console.error('headsup help', err));
}
