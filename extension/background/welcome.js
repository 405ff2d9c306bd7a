// First run: the welcome page says what Heads Up does and does not do, unless a school policy
// sets skipFirstRunConsent.
//
// On a freshly started managed Chromium the policy can reach storage.managed a moment after
// runtime.onInstalled (the first read may even time out, see policy-store.js). So when the first
// read shows no skip, we wait a short grace for a "managed" change before opening the page; and
// the page itself closes when a skipping policy arrives later still (pages/welcome.js).
import {api} from '../shared/api.js';
import {WELCOME_KEY} from '../shared/settings.js';
import {forgetPolicy, readEffective} from './policy-store.js';

/** How long a first run waits for a late school policy before showing the welcome page. */
export const POLICY_GRACE_MS = 2500;

/** Opens the welcome page once, unless it was seen or a policy skips it. */
export async function openWelcome(details, {graceMs = POLICY_GRACE_MS} = {}) {
  if (await welcomeDone()) return;
  let {skipFirstRunConsent} = await readEffective();
  if (!skipFirstRunConsent) {
    // Read again after the grace whether or not a change was announced: a first read that timed
    // out is not always followed by an event.
    await managedChangeWithin(graceMs);
    forgetPolicy();
    ({skipFirstRunConsent} = await readEffective());
  }
  if (await welcomeDone()) return;
  if (skipFirstRunConsent) {
    await api.storage.local.set({[WELCOME_KEY]: 'skipped-by-policy'});
    return;
  }
  // A Firefox temporary add-on (about:debugging, web-ext run, tests) gets the page in a background
  // tab, so it does not hide the chat page being worked on (hidden pages pause the watcher).
  await api.tabs.create({url: api.runtime.getURL('pages/welcome.html'), active: !details.temporary});
}

async function welcomeDone() {
  const got = await api.storage.local.get(WELCOME_KEY);
  return Boolean(got[WELCOME_KEY]);
}

/** Resolves true when storage.managed changes within `ms`, false otherwise. */
function managedChangeWithin(ms) {
  return new Promise((resolve) => {
    const done = (value) => {
      clearTimeout(timer);
      api.storage.onChanged.removeListener(onChanged);
      resolve(value);
    };
    const onChanged = (_changes, area) => { if (area === 'managed') done(true); };
    const timer = setTimeout(() => done(false), ms);
    api.storage.onChanged.addListener(onChanged);
  });
}
