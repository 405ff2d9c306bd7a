// Options: audience, sensitivity, the pause before an image is sent, country, per-site on/off, extra sites, privacy statement, and
// what a school's policy decides: managed settings are read-only with "Set by your school", a
// locked policy makes every setting read-only, and the school's own contact is shown.
// Redrawn whenever the person's settings or the policy change (storage.onChanged).
import {api} from '../shared/api.js';
import {localise, t} from '../shared/i18n.js';
import {tIsolated} from '../shared/bidi.js';
import {MSG} from '../shared/messages.js';
import {isEditable} from '../shared/policy.js';
import {matchPattern, originPattern, permissionFor, siteEnabled} from '../shared/settings.js';
import {forgetPolicy, readEffective} from '../background/policy-store.js';
import {updateSettings} from '../background/settings-store.js';

const $ = (id) => document.getElementById(id);
// Countries that have help lines in extension/data/helplines.json (read at run time).
const FALLBACK_COUNTRIES = ['AU', 'CA', 'GB', 'IE', 'NZ', 'US'];

async function save(change) {
  await updateSettings(change);
  $('saved').textContent = t('options_saved');
}

async function countries() {
  try {
    const data = await (await fetch(api.runtime.getURL('data/helplines.json'))).json();
    return [...new Set(data.entries.map((e) => e.country).filter((c) => /^[A-Z]{2}$/.test(c)))].sort();
  } catch {
    return FALLBACK_COUNTRIES;
  }
}

function countryName(code) {
  try {
    return new Intl.DisplayNames([api.i18n.getUILanguage()], {type: 'region'}).of(code);
  } catch {
    return code;
  }
}

function option(value, text) {
  const o = document.createElement('option');
  o.value = value;
  o.textContent = text;
  return o;
}

function el(tag, text) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  return e;
}

/** The school's contact: name, short text, phone, email, web page (all plain text or links). */
function renderSchool(contact) {
  $('school').hidden = !contact;
  const box = $('school-contact');
  box.replaceChildren();
  if (!contact) return;
  if (contact.name) {
    const name = el('p', contact.name);
    name.className = 'school-name';
    box.append(name);
  }
  if (contact.text) box.append(el('p', contact.text));
  const list = el('ul');
  const item = (a) => {
    const li = el('li');
    li.append(a);
    list.append(li);
  };
  if (contact.phone) {
    const a = el('a');
    a.append(...tIsolated('school_contact_phone', contact.phone));
    a.href = `tel:${contact.phone.replace(/[^0-9+]/g, '')}`;
    item(a);
  }
  if (contact.email) {
    const a = el('a');
    a.append(...tIsolated('school_contact_email', contact.email));
    a.href = `mailto:${contact.email}`;
    item(a);
  }
  if (contact.url) {
    const a = el('a', t('school_contact_url'));
    a.href = contact.url;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    item(a);
  }
  box.append(list);
}

async function hasPermission(pattern) {
  try {
    return await api.permissions.contains({origins: [permissionFor(pattern)]});
  } catch {
    return false;
  }
}

async function renderExtra(m) {
  const policyList = m.managed.includes('extraSites');
  const editable = isEditable(m, 'extraSites');
  const list = $('extra');
  list.replaceChildren();
  for (const pattern of m.settings.extraSites) {
    const li = el('li');
    const name = el('span', pattern.replace(/\/\*$/, ''));
    li.append(name);
    if (policyList) {
      li.append(' ', el('span', t('options_extra_managed')));
      li.lastChild.className = 'muted';
      if (!(await hasPermission(pattern))) {
        // The school named the site, but only the person can grant the browser permission.
        const allow = el('button', t('options_extra_allow'));
        allow.type = 'button';
        allow.setAttribute('aria-label', `${t('options_extra_allow')} ${name.textContent}`);
        allow.title = t('options_extra_needs_permission');
        allow.addEventListener('click', () => {
          api.permissions.request({origins: [permissionFor(pattern)]}).then(async (granted) => {
            if (granted) await api.runtime.sendMessage({type: MSG.PAGE_BG_ENABLE_ORIGIN, pattern});
            render();
          }, () => {});
        });
        li.append(' ', allow);
      }
    } else if (editable) {
      const remove = el('button', t('options_extra_remove'));
      remove.type = 'button';
      remove.setAttribute('aria-label', `${t('options_extra_remove')} ${name.textContent}`);
      remove.addEventListener('click', async () => {
        await api.runtime.sendMessage({type: MSG.PAGE_BG_DISABLE_ORIGIN, pattern});
        render();
      });
      li.append(' ', remove);
    }
    list.append(li);
  }
  $('extra-none').hidden = m.settings.extraSites.length > 0;
  $('extra-adder').hidden = !editable;
}

async function render() {
  forgetPolicy();
  const m = await readEffective();
  const s = m.settings;
  $('locked').hidden = !m.locked;
  renderSchool(s.schoolContact);
  for (const fs of document.querySelectorAll('fieldset[data-setting]')) {
    const key = fs.dataset.setting;
    fs.querySelector('.managed').hidden = !m.managed.includes(key);
    fs.dataset.editable = String(isEditable(m, key));
  }
  for (const input of document.querySelectorAll('input[type=radio]')) {
    input.checked = s[input.name] === input.value;
    input.disabled = !isEditable(m, input.name);
  }
  // On/off settings (the image pause): a school that set the key keeps it as it set it.
  for (const input of document.querySelectorAll('input[type=checkbox][data-bool]')) {
    input.checked = s[input.name] !== false;
    input.disabled = !isEditable(m, input.name);
  }
  const select = $('country');
  select.value = s.country;
  select.disabled = !isEditable(m, 'country');
  for (const input of document.querySelectorAll('#sites input[type=checkbox]')) {
    const id = input.dataset.site;
    input.checked = siteEnabled(s, id);
    input.disabled = !isEditable(m, 'sites', id);
    input.parentElement.querySelector('.managed').hidden = !m.managedSites.includes(id);
  }
  await renderExtra(m);
}

async function main() {
  localise(document);
  for (const input of document.querySelectorAll('input[type=radio]')) {
    input.addEventListener('change', () => save({[input.name]: input.value}));
  }
  for (const input of document.querySelectorAll('input[type=checkbox][data-bool]')) {
    input.addEventListener('change', () => save({[input.name]: input.checked}));
  }

  const select = $('country');
  select.append(option('', t('options_country_auto')));
  for (const code of await countries()) select.append(option(code, countryName(code)));
  select.addEventListener('change', () => save({country: select.value}));

  const {sites} = await api.runtime.sendMessage({type: MSG.PAGE_BG_SITES});
  const box = $('sites');
  for (const site of (sites.sites || []).slice().sort((a, b) => a.name.localeCompare(b.name))) {
    const label = el('label');
    const input = el('input');
    input.type = 'checkbox';
    input.dataset.site = site.id;
    input.addEventListener('change', () => save((own) => ({...own, sites: {...own.sites, [site.id]: input.checked}})));
    const note = el('span', t('options_managed'));
    note.className = 'managed muted';
    note.hidden = true;
    label.append(input, ' ', site.name, ' ', note);
    box.append(label);
  }

  $('extra-add').addEventListener('click', () => {
    const raw = $('extra-input').value.trim();
    const origin = originPattern(/^[a-z]+:\/\//i.test(raw) ? raw : `https://${raw}`);
    const pattern = origin && matchPattern(origin);
    if (!raw || !pattern) {
      $('extra-error').textContent = t('options_extra_bad');
      return;
    }
    $('extra-error').textContent = '';
    // Called straight from the click: browsers only show the permission prompt for a user gesture.
    api.permissions.request({origins: [pattern]}).then(async (granted) => {
      if (!granted) {
        $('extra-error').textContent = t('popup_permission_refused');
        return;
      }
      await api.runtime.sendMessage({type: MSG.PAGE_BG_ENABLE_ORIGIN, pattern});
      $('extra-input').value = '';
      await render();
      $('saved').textContent = t('options_saved');
    });
  });

  // The person's settings (another tab) or the school's policy changed: show what is in force now.
  api.storage.onChanged.addListener((changes, area) => {
    if (area === 'managed' || area === 'local') render().catch((err) => console.error('headsup options', err));
  });
  await render();
  document.body.dataset.ready = 'true';
}

main().catch((err) => console.error('headsup options', err));
