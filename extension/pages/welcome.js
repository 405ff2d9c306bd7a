// First-run welcome: who uses this browser (one question), what Heads Up does and does not do,
// and (as Firefox asks of add-ons that read page content) what happens to that content. Opened once on install by the background,
// unless a school policy sets skipFirstRunConsent; reachable from the options page at any time.
import {api} from '../shared/api.js';
import {localise} from '../shared/i18n.js';
import {WELCOME_KEY} from '../shared/settings.js';
import {isEditable} from '../shared/policy.js';
import {forgetPolicy, readEffective, readUserSettings} from '../background/policy-store.js';
import {updateSettings} from '../background/settings-store.js';

localise(document);

/**
 * The one question: who uses this browser (under 18 or adult). Nothing is ticked until the
 * person or a school chose (the warning speaks to a young person meanwhile); a school policy
 * that sets the audience shows its choice, locked. Changeable later in the settings.
 */
async function renderAudience() {
  forgetPolicy();
  const [merged, own] = await Promise.all([readEffective(), readUserSettings()]);
  const managed = merged.managed.includes('audience');
  const chosen = managed || typeof own.audience === 'string' ? merged.settings.audience : null;
  const editable = isEditable(merged, 'audience');
  for (const input of document.querySelectorAll('input[name=audience]')) {
    input.checked = input.value === chosen;
    input.disabled = !editable;
  }
  document.querySelector('#audience .managed').hidden = !managed;
}
for (const input of document.querySelectorAll('input[name=audience]')) {
  input.addEventListener('change', () => { if (input.checked) updateSettings({audience: input.value}).catch(() => {}); });
}
renderAudience().then(() => { document.body.dataset.ready = 'true'; }, (err) => console.error('headsup welcome', err));
document.getElementById('ok').addEventListener('click', async () => {
  await api.storage.local.set({[WELCOME_KEY]: 'acknowledged'});
  window.close();
});

// A school policy that skips this page can arrive after the page opened (a managed browser's
// first start): the page then goes away by itself, as if it had never been shown.
api.storage.onChanged.addListener(async (_changes, area) => {
  if (area !== 'managed') return;
  renderAudience().catch(() => {});
  forgetPolicy();
  const {skipFirstRunConsent} = await readEffective();
  const got = await api.storage.local.get(WELCOME_KEY);
  if (!skipFirstRunConsent || got[WELCOME_KEY] === 'acknowledged') return;
  await api.storage.local.set({[WELCOME_KEY]: 'skipped-by-policy'});
  window.close();
});
