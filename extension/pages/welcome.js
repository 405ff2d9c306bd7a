// First-run welcome: what Heads Up does and does not do, and (as Firefox asks of add-ons that
// read page content) what happens to that content. Opened once on install by the background,
// unless a school policy sets skipFirstRunConsent; reachable from the options page at any time.
import {api} from '../shared/api.js';
import {localise} from '../shared/i18n.js';
import {WELCOME_KEY} from '../shared/settings.js';

localise(document);
document.getElementById('ok').addEventListener('click', async () => {
  await api.storage.local.set({[WELCOME_KEY]: 'acknowledged'});
  window.close();
});
