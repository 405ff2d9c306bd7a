// Options: audience, sensitivity, country, per-site on/off, extra sites, privacy statement.
import {api} from '../shared/api.js';
import {localise, t} from '../shared/i18n.js';
import {MSG} from '../shared/messages.js';
import {SETTINGS_KEY, normaliseSettings, originPattern, siteEnabled} from '../shared/settings.js';

const $ = (id) => document.getElementById(id);
// Countries that have help lines in extension/data/helplines.json (read at run time).
const FALLBACK_COUNTRIES = ['AU', 'CA', 'GB', 'IE', 'NZ', 'US'];

async function load() {
  const got = await api.storage.local.get(SETTINGS_KEY);
  return normaliseSettings(got[SETTINGS_KEY]);
}

async function save(settings) {
  await api.storage.local.set({[SETTINGS_KEY]: normaliseSettings(settings)});
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

function option(value, text, selected) {
  const o = document.createElement('option');
  o.value = value;
  o.textContent = text;
  o.selected = selected;
  return o;
}

function renderExtra(settings) {
  const list = $('extra');
  list.replaceChildren();
  for (const pattern of settings.extraOrigins) {
    const li = document.createElement('li');
    const name = document.createElement('span');
    name.textContent = pattern.replace(/\/\*$/, '');
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.textContent = t('options_extra_remove');
    remove.setAttribute('aria-label', `${t('options_extra_remove')} ${name.textContent}`);
    remove.addEventListener('click', async () => {
      await api.runtime.sendMessage({type: MSG.PAGE_BG_DISABLE_ORIGIN, pattern});
      renderExtra(await load());
    });
    li.append(name, ' ', remove);
    list.append(li);
  }
  $('extra-none').hidden = settings.extraOrigins.length > 0;
}

async function main() {
  localise(document);
  let settings = await load();
  for (const input of document.querySelectorAll('input[type=radio]')) {
    input.checked = settings[input.name] === input.value;
    input.addEventListener('change', async () => {
      settings = {...(await load()), [input.name]: input.value};
      await save(settings);
    });
  }

  const select = $('country');
  select.append(option('auto', t('options_country_auto'), settings.country === 'auto'));
  for (const code of await countries()) select.append(option(code, countryName(code), settings.country === code));
  select.addEventListener('change', async () => {
    settings = {...(await load()), country: select.value};
    await save(settings);
  });

  const {sites} = await api.runtime.sendMessage({type: MSG.PAGE_BG_SITES});
  const box = $('sites');
  for (const site of (sites.sites || []).slice().sort((a, b) => a.name.localeCompare(b.name))) {
    const label = document.createElement('label');
    const input = document.createElement('input');
    input.type = 'checkbox';
    input.checked = siteEnabled(settings, site.id);
    input.dataset.site = site.id;
    input.addEventListener('change', async () => {
      const now = await load();
      now.sites = {...now.sites, [site.id]: input.checked};
      await save(now);
    });
    label.append(input, ' ', site.name);
    box.append(label);
  }

  renderExtra(settings);
  $('extra-add').addEventListener('click', () => {
    const raw = $('extra-input').value.trim();
    const pattern = originPattern(/^[a-z]+:\/\//i.test(raw) ? raw : `https://${raw}`);
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
      renderExtra(await load());
      $('saved').textContent = t('options_saved');
    });
  });
}

main().catch((err) => console.error('headsup options', err));
