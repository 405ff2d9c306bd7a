// Help page: crisis lines first, then services that take reports and take images down, for the
// country in settings (or guessed from the browser's language), from extension/data/helplines.json.
import {api} from '../shared/api.js';
import {localise} from '../shared/i18n.js';
import {SETTINGS_KEY, normaliseSettings} from '../shared/settings.js';

function guessCountry() {
  const m = /[-_]([A-Z]{2})$/.exec(api.i18n.getUILanguage() || '');
  return m ? m[1] : 'INT';
}

function entryItem(e) {
  const li = document.createElement('li');
  const name = document.createElement(e.url ? 'a' : 'strong');
  name.textContent = e.name;
  if (e.url) {
    name.href = e.url;
    name.target = '_blank';
    name.rel = 'noopener noreferrer';
  }
  li.append(name);
  for (const part of [e.phone, e.text, e.what]) {
    if (typeof part === 'string' && part) li.append(document.createElement('br'), part);
  }
  return li;
}

async function main() {
  localise(document);
  const settings = normaliseSettings((await api.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]);
  const country = settings.country === 'auto' ? guessCountry() : settings.country;
  const who = settings.audience === 'adult' ? 'adult' : 'under18';
  let entries = [];
  try {
    entries = (await (await fetch(api.runtime.getURL('data/helplines.json'))).json()).entries || [];
  } catch { /* the page still shows the general link */ }
  const fits = (e) => (e.country === country || e.country === 'INT') && (e.audience === who || e.audience === 'everyone' || !e.audience);
  const kinds = (e) => (Array.isArray(e.kind) ? e.kind : [e.kind]);
  const crisis = entries.filter((e) => fits(e) && kinds(e).includes('crisis'));
  const rest = entries.filter((e) => fits(e) && !kinds(e).includes('crisis'));
  document.getElementById('crisis-lines').append(...crisis.map(entryItem));
  document.getElementById('help-lines').append(...rest.map(entryItem));
  if (location.hash === '#crisis') document.getElementById('crisis').scrollIntoView();
}

main().catch((err) => console.error('headsup help', err));
