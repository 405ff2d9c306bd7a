// Popup: is Heads Up watching this tab, on what site; turn it on for this site; links to help.
import {api} from '../shared/api.js';
import {localise, t} from '../shared/i18n.js';
import {MSG} from '../shared/messages.js';
import {originPattern} from '../shared/settings.js';

const $ = (id) => document.getElementById(id);

/** The tab this popup is about: ?tab=<id> when opened as a page, else the active tab. */
async function targetTab() {
  const id = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(id) && id > 0) return api.tabs.get(id);
  const [tab] = await api.tabs.query({active: true, currentWindow: true});
  return tab;
}

async function contentStatus(tabId) {
  try {
    return await api.tabs.sendMessage(tabId, {type: MSG.POPUP_CS_STATUS});
  } catch {
    return null; // no content script there
  }
}

/** Did the background's analyser start? (It tries again when the last failure is old.) */
async function engineRunning() {
  try {
    // A background that does not answer (being restarted) says nothing about the analyser.
    const late = new Promise((resolve) => { setTimeout(() => resolve(null), 3000); });
    const reply = await Promise.race([api.runtime.sendMessage({type: MSG.PAGE_BG_ENGINE}), late]);
    return !reply || reply.running !== false;
  } catch {
    return true; // no answer says nothing about the analyser
  }
}

async function show() {
  localise(document);
  const tab = await targetTab();
  const status = tab ? await contentStatus(tab.id) : null;
  if (status && status.watching && (status.running === false || !(await engineRunning()))) {
    // The analyser (wasm) could not start: the page is left as it is, with no warnings.
    $('status').textContent = t('popup_not_running');
    $('status').dataset.state = 'not-running';
    $('level').textContent = t('popup_not_running_detail');
    return;
  }
  if (status && status.watching) {
    $('status').textContent = status.site ? t('popup_watching', [status.site]) : t('popup_watching_page');
    $('level').textContent = status.level && status.level !== 'none' ? t('popup_level_shown') : t('popup_level_none');
    $('count').textContent = t('popup_count', [String(status.messages)]);
    $('count').dataset.count = String(status.messages);
    if (status.crisis) $('level').textContent = t('popup_level_crisis');
    if (status.closed) {
      // The warning was closed: bring it back (with its help and "Save evidence") on request.
      const again = $('show-again');
      again.hidden = false;
      again.addEventListener('click', async () => {
        try { await api.tabs.sendMessage(tab.id, {type: MSG.POPUP_CS_SHOW_AGAIN}); } catch { /* the page went away */ }
        window.close();
      });
    }
    return;
  }
  // Needs the tab's address: known through activeTab when the toolbar button opened us.
  const pattern = tab && tab.url ? originPattern(tab.url) : null;
  if (!pattern) {
    $('status').textContent = t('popup_cannot_watch');
    return;
  }
  $('status').textContent = t('popup_not_watching');
  const button = $('turn-on');
  button.hidden = false;
  button.addEventListener('click', () => {
    // permissions.request must be called straight from the click (no await before it).
    const always = api.permissions.request({origins: [pattern]});
    // Start watching this tab now: the toolbar click gave us this tab (activeTab), so this needs
    // no prompt, and it works even while the browser's permission prompt is still open.
    api.runtime.sendMessage({type: MSG.PAGE_BG_WATCH_TAB, tabId: tab.id}).then(() => {
      button.hidden = true;
      $('status').textContent = t('popup_on_this_visit');
    }, () => {});
    always.then(async (granted) => {
      if (!granted) {
        $('status').textContent = t('popup_permission_refused');
        return;
      }
      await api.runtime.sendMessage({type: MSG.PAGE_BG_ENABLE_ORIGIN, pattern, tabId: tab.id});
      button.hidden = true;
      $('status').textContent = t('popup_turned_on');
    }, () => {});
  });
}

show().catch((err) => console.error('headsup popup', err));
