// Message names say who talks to whom: <from>-<to>-<what>.
// cs = content script, bg = background, popup = the toolbar popup, options = the options page.
export const MSG = Object.freeze({
  // content -> background: "I am on this page; what should I watch and how?"
  CS_BG_HELLO: 'cs-bg-hello',
  // content -> background: messages to analyse ({site, conversation, start, reset, messages})
  CS_BG_ANALYSE: 'cs-bg-analyse',
  // content -> background: the person closed the warning ("not now")
  CS_BG_DISMISS: 'cs-bg-dismiss',
  // content -> background: "this seems wrong": lower these signs in this conversation only
  // ({site, conversation, signs: [sign ids]}; answers {verdict} when the analyser is there)
  CS_BG_MUTE: 'cs-bg-mute',
  // content -> background: the conversation on this tab changed; forget the old analyser
  CS_BG_FORGET: 'cs-bg-forget',
  // content -> background: open the help page (a new tab only an extension page can open)
  CS_BG_OPEN_HELP: 'cs-bg-open-help',
  // content -> background: the person asked to save evidence; save the pack via downloads
  CS_BG_SAVE_EVIDENCE: 'cs-bg-save-evidence',
  // content -> background: help data for the warning (reporting guide for this site)
  CS_BG_HELP_DATA: 'cs-bg-help-data',
  // content -> background: the UI language chosen in settings, with its messages (or null)
  CS_BG_LOCALE: 'cs-bg-locale',
  // popup -> content: is Heads Up watching this tab, and what does it see?
  POPUP_CS_STATUS: 'popup-cs-status',
  // popup -> content: the person asked to see the closed warning of this chat again
  POPUP_CS_SHOW_AGAIN: 'popup-cs-show-again',
  // popup/options -> background: turn Heads Up on for an origin the person just granted
  PAGE_BG_ENABLE_ORIGIN: 'page-bg-enable-origin',
  // popup -> background: start watching this tab now (the toolbar click granted activeTab)
  PAGE_BG_WATCH_TAB: 'page-bg-watch-tab',
  // options -> background: turn Heads Up off for an extra origin
  PAGE_BG_DISABLE_ORIGIN: 'page-bg-disable-origin',
  // popup/options -> background: list of supported sites (from sites.json)
  PAGE_BG_SITES: 'page-bg-sites',
  // popup -> background: is the analyser running? ({running, error}; the wasm may fail to load)
  PAGE_BG_ENGINE: 'page-bg-engine',
});
