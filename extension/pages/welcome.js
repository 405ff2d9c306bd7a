// First-run welcome: what Heads Up does and does not do, and (as Firefox asks of add-ons that
// read page content) what happens to that content. Opened once on install by the background,
// unless a school policy sets skipFirstRunConsent; reachable from the options page at any time.
import {api} from '../shared/api.js';
import {localise} from '../shared/i18n.js';
import {WELCOME_KEY} from '../shared/settings.js';
import {forgetPolicy, readEffective} from '../background/policy-store.js';

localise(document);
document.getElementById('ok').addEventListener('click', async () => {
  await api.storage.local.set({[WELCOME_KEY]: 'acknowledged'});
  window.close();
});

// A school policy that skips this page can arrive after the page opened (a managed browser's
// first start): the page then goes away by itself, as if it had never been shown.
api.storage.onChanged.addListener(async (_changes, area) => {
  if (area !== 'managed') return;
  forgetPolicy();
  const {skipFirstRunConsent} = await readEffective();
  const got = await api.storage.local.get(WELCOME_KEY);
  if (!skipFirstRunConsent || got[WELCOME_KEY] === 'acknowledged') return;
  await api.storage.local.set({[WELCOME_KEY]: 'skipped-by-policy'});
  window.close();
});
