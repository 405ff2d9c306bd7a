// Background: owns the analysers, the settings and the dismissals; routes messages.
// Runs as a module service worker in Chrome and as an event page in Firefox. Listeners are
// registered synchronously at the top level (so a woken worker sees the event that woke it);
// the wasm starts lazily on first use (no top-level await in a module worker).
import {api} from '../shared/api.js';
import {MSG} from '../shared/messages.js';
import {PAGE_BG_SETTINGS, disabledSites, levelShown, minimumLevel} from '../shared/settings.js';
import {ConversationStore} from './conversations.js';
import {conversationHash, showsDespiteDismissal} from './dismissals.js';
import {EngineDown, engine, engineStatus} from './engine.js';
import {migrateStoredSettings, readSettings, readDismissal, readMuted, recordDismissal, recordMuted} from './settings-store.js';
import {cleanSigns} from './mutes.js';
import {forgetPolicy, readEffective, readPolicy} from './policy-store.js';
import {disableOrigin, enableOrigin, injectInto, syncRegistrations} from './extra-sites.js';
import {saveEvidence} from './evidence.js';
import {openWelcome} from './welcome.js';
import {initI18n, loadLocaleMessages} from '../shared/i18n.js';
import {countryFor, linesFor} from '../shared/helplines.js';
import {extractIdentifiers} from '../pkg/headsup.js';

let store = null;
let sitesPromise = null;

async function conversations() {
  const {Analyser} = await engine();
  if (!store) store = new ConversationStore((audience, site) => new Analyser(audience, site));
  return store;
}

/** sites.json, read once per background lifetime. */
function sites() {
  if (!sitesPromise) {
    sitesPromise = fetch(api.runtime.getURL('sites.json'))
      .then((r) => r.json())
      .catch((err) => {
        sitesPromise = null;
        throw err;
      });
  }
  return sitesPromise;
}

async function onHello(msg) {
  const [settings, siteData] = await Promise.all([readSettings(), sites()]);
  return {sites: siteData, disabled: disabledSites(settings), minimumLevel: minimumLevel(settings),
    showLearnMore: settings.showLearnMore, imagePause: settings.imagePause !== false};
}

async function onAnalyse(msg, sender) {
  const tabId = sender.tab ? sender.tab.id : -1;
  const hash = await conversationHash(msg.site, msg.conversation);
  const [settings, store, muted] = await Promise.all([readSettings(), conversations(), readMuted(hash)]);
  const out = store.analyse({
    muted,
    tabId,
    key: `${msg.site}|${msg.conversation}`,
    site: msg.site,
    audience: settings.audience,
    start: msg.start,
    reset: msg.reset,
    messages: msg.messages,
    cues: msg.cues,
  });
  if (out.resync) return out;
  const {verdict} = out;
  let show = levelShown(settings, verdict.level);
  // Crisis words always open the help, whatever the sensitivity setting.
  if (verdict.crisis && verdict.level !== 'none') show = true;
  if (show) {
    const record = await readDismissal(hash);
    show = showsDespiteDismissal(verdict, record);
  }
  // The image pause follows the settings in force (the school may keep it on); it leaves out
  // the signs the person said were wrong here (`muted`: sign ids only).
  return {verdict, show, muted: out.muted || [], audience: settings.audience, imagePause: settings.imagePause !== false, minimumLevel: minimumLevel(settings)};
}

/**
 * "This seems wrong": remembers the signs for this conversation (hash and sign ids only) and
 * lowers them in its analyser now; the store keeps them for any analyser built for it later (a
 * batch may be on its way with the mutes it read before these). Answers {verdict, muted}
 * (verdict null when the core cannot lower them yet; muted: all the conversation's sign ids).
 */
async function onMute(msg, sender) {
  const signs = cleanSigns(msg.signs);
  const all = await recordMuted(await conversationHash(msg.site, msg.conversation), signs);
  const tabId = sender.tab ? sender.tab.id : -1;
  const known = store || await conversations().catch(() => null);
  const verdict = known ? known.mute(tabId, `${msg.site}|${msg.conversation}`, all) : null;
  return {ok: true, verdict, muted: all};
}

async function onDismiss(msg) {
  await recordDismissal(await conversationHash(msg.site, msg.conversation), msg.level, msg.crisisMessages);
  return {ok: true};
}

async function onForget(msg, sender) {
  if (store && sender.tab) store.forget(sender.tab.id);
  return {ok: true};
}

async function onOpenHelp(msg) {
  const topic = /^[a-z-]{1,20}$/.test(msg.topic || '') ? msg.topic : 'help';
  const site = /^[a-z0-9-]{1,40}$/.test(msg.site || '') ? `?site=${msg.site}` : '';
  const url = api.runtime.getURL(`pages/help.html${site}#${topic}`);
  await api.tabs.create({url});
  return {ok: true};
}

/** The evidence pack, saved through the downloads API (see evidence.js). Keeps nothing. */
async function onSaveEvidence(msg, sender) {
  if (!sender.tab) throw new Error('evidence can only be saved from a tab');
  await initI18n({readSettings});
  await engine();
  return saveEvidence(msg, sender, {api, extract: (texts) => extractIdentifiers(texts)});
}

/**
 * Help data for the warning: the reporting guide of the site the person is on, and the first
 * crisis lines for their country and audience (shown first when their words show distress).
 */
async function onHelpData(msg) {
  const [reporting, helplines, settings] = await Promise.all([
    fetch(api.runtime.getURL('data/reporting.json')).then((r) => r.json()),
    fetch(api.runtime.getURL('data/helplines.json')).then((r) => r.json()),
    readSettings(),
  ]);
  const id = reportingId(String(msg.site || ''));
  const country = countryFor(settings.country, api.i18n.getUILanguage(), globalThis.navigator ? navigator.languages || [] : []);
  const {crisis} = linesFor(helplines.entries, country, settings.audience);
  return {
    reporting: (reporting.sites || []).find((s) => s.id === id) || null,
    crisis: crisis.slice(0, 2).map(({id: lineId, name, phone, text, url}) => ({id: lineId, name, phone, text, url})),
  };
}

/** sites.json ids → reporting.json ids (one guide covers Telegram's two clients and random chats). */
function reportingId(site) {
  if (site.startsWith('telegram')) return 'telegram';
  if (['chatrandom', 'ometv', 'emeraldchat'].includes(site)) return 'random-chat';
  return site;
}

/** The UI language chosen in settings, with its messages, for content scripts (null: the browser's). */
async function onLocale() {
  const locale = await initI18n({readSettings});
  return {locale, messages: locale ? await loadLocaleMessages(locale) : null};
}

const handlers = {
  [MSG.CS_BG_SAVE_EVIDENCE]: onSaveEvidence,
  [MSG.CS_BG_HELP_DATA]: onHelpData,
  [MSG.CS_BG_LOCALE]: onLocale,
  [MSG.CS_BG_HELLO]: onHello,
  [MSG.CS_BG_ANALYSE]: onAnalyse,
  [MSG.CS_BG_DISMISS]: onDismiss,
  [MSG.CS_BG_MUTE]: onMute,
  [MSG.CS_BG_FORGET]: onForget,
  [MSG.CS_BG_OPEN_HELP]: onOpenHelp,
  [MSG.PAGE_BG_SITES]: async () => ({sites: await sites()}),
  [MSG.PAGE_BG_ENABLE_ORIGIN]: async (msg) => { await enableOrigin(msg.pattern, msg.tabId); return {ok: true}; },
  [MSG.PAGE_BG_WATCH_TAB]: async (msg) => ({ok: await injectInto(msg.tabId)}),
  [MSG.PAGE_BG_DISABLE_ORIGIN]: async (msg) => { await disableOrigin(msg.pattern); return {ok: true}; },
  // Pages may also call readEffective() themselves; this serves pages that cannot import modules.
  [PAGE_BG_SETTINGS]: () => readEffective(),
  // popup -> background: did the analyser start? (tries once more when the last try is old)
  [MSG.PAGE_BG_ENGINE]: () => engineStatus(),
};

api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  const handler = msg && handlers[msg.type];
  if (!handler) return false;
  // Only our own extension's pages and content scripts can reach onMessage; still check.
  if (sender.id !== api.runtime.id) return false;
  handler(msg, sender).then(sendResponse, (err) => {
    // The wasm did not start (logged once by engine.js): content scripts wait, then ask again.
    if (err instanceof EngineDown) {
      sendResponse({error: err.message, engineDown: true, retryAfterMs: err.retryAfterMs});
      return;
    }
    console.error('headsup:', msg.type, err);
    sendResponse({error: String(err && err.message || err)});
  });
  return true; // the reply is asynchronous
});

api.tabs.onRemoved.addListener((tabId) => {
  if (store) store.forget(tabId);
});

api.permissions.onRemoved.addListener(() => {
  syncRegistrations().catch((err) => console.warn('headsup: sync after permission removal', err));
});

// School policy: read (and its notes logged) at start, cached, re-read when it changes.
readPolicy().catch((err) => console.warn('headsup: policy', err));
api.storage.onChanged.addListener((changes, area) => {
  if (area === 'managed') {
    forgetPolicy();
    // Extra sites may have changed; everything else is read per message, so it applies at once.
    readPolicy().then(syncRegistrations).catch((err) => console.warn('headsup: policy change', err));
  }
});

api.runtime.onInstalled.addListener((details) => {
  migrateStoredSettings()
    .then(syncRegistrations)
    .catch((err) => console.warn('headsup: sync on install', err));
  if (details && details.reason === 'install') openWelcome(details).catch((err) => console.warn('headsup: welcome', err));
});
