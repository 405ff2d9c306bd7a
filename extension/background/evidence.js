// The evidence pack: on the person's request, saves on this device (downloads API, nothing
// sent anywhere) a folder with
//   screenshot.png      the visible tab (tabs.captureVisibleTab; needs activeTab, see below)
//   conversation.html   every message, sender, time, which ones showed signs; prints well
//   conversation.json   the same as data
//   SHA256SUMS.txt      SHA-256 of each file above (`sha256sum -c SHA256SUMS.txt` checks them)
// The message texts come from the content script for this one call and are not kept: nothing
// here writes to storage, and the pack's contents live only in this function's variables.
//
// Message texts are hostile input (the other person wrote them). The HTML is generated as text
// with every dynamic value passed through escapeHtml(); there are no links (URLs are printed as
// text, so a `javascript:` link cannot be clicked), the only attribute built from data is the
// screenshot's data: URL after a strict check, and a CSP meta tag forbids scripts anyway.
//
// Screenshot: Chrome allows captureVisibleTab only with <all_urls> or activeTab. We ask for
// neither broad permission; activeTab is granted when the person clicks the Heads Up toolbar
// button on that tab. Without it the pack is saved without the picture and the warning says how
// to add one (click the toolbar button, then save again).
import {t, uiLangTag, uiDirection} from '../shared/i18n.js';

export const PACK_FORMAT = 'heads-up-evidence/1';
export const FILES = Object.freeze({
  screenshot: 'screenshot.png',
  html: 'conversation.html',
  json: 'conversation.json',
  sums: 'SHA256SUMS.txt',
});
const MAX_MESSAGES = 5000;
const MAX_TEXT = 65536;

const ESCAPES = {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'};

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c])
    // Lone surrogates and C0 controls (other than tab/newline) never belong in the document.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '\ufffd') // eslint-disable-line no-control-regex
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/**
 * A folder name for this moment, e.g. HeadsUp-evidence-2026-11-28_16-23-05-042 (local time, with
 * milliseconds so two saves in one second never share a folder).
 */
export function packFolder(date) {
  const p = (n, w = 2) => String(n).padStart(w, '0');
  return `HeadsUp-evidence-${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}_${p(date.getHours())}-${p(date.getMinutes())}-${p(date.getSeconds())}-${p(date.getMilliseconds(), 3)}`;
}

/** Lower-case hex SHA-256 of bytes (Uint8Array), via WebCrypto. */
export async function sha256Hex(bytes) {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const clip = (s, n) => (typeof s === 'string' ? s.slice(0, n) : '');

/** Cleans what the content script sent into the shape the pack stores. */
export function normaliseRequest(msg) {
  const messages = (Array.isArray(msg.messages) ? msg.messages : []).slice(0, MAX_MESSAGES).map((m, i) => ({
    index: i,
    from: m && m.from === 'me' ? 'me' : 'them',
    time: m && typeof m.time === 'string' && m.time ? clip(m.time, 100) : null,
    text: clip(m && m.text, MAX_TEXT),
    hasMedia: Boolean(m && m.hasMedia),
    showedSigns: Boolean(m && m.showedSigns),
  }));
  const peer = msg.peer && typeof msg.peer === 'object' ? msg.peer : {};
  return {
    site: clip(msg.site, 40),
    siteName: clip(msg.siteName, 120),
    url: clip(msg.url, 4096),
    title: clip(msg.title, 500),
    peer: {name: clip(peer.name, 200) || null, link: clip(peer.link, 2048) || null},
    level: clip(msg.level, 20),
    reasons: (Array.isArray(msg.reasons) ? msg.reasons : []).slice(0, 40).map((r) => clip(r, 500)),
    messages,
    // The person can leave the picture of the screen out (it holds whatever is on the screen).
    screenshot: msg.screenshot !== false,
  };
}

/** The reminder printed in the pack (and shown after saving). */
export function reminderLines() {
  return [t('evidence_reminder_keep'), t('evidence_reminder_pay'), t('evidence_reminder_where')];
}

const IDENTIFIER_GROUPS = [
  ['handles', 'evidence_ids_handles'], ['emails', 'evidence_ids_emails'], ['phones', 'evidence_ids_phones'],
  ['payment.cashtags', 'evidence_ids_cashtags'], ['payment.paypal', 'evidence_ids_paypal'],
  ['payment.crypto', 'evidence_ids_crypto'], ['payment.iban', 'evidence_ids_iban'],
  ['payment.giftcards', 'evidence_ids_giftcards'], ['urls', 'evidence_ids_urls'],
];

function group(ids, pathName) {
  const v = pathName.split('.').reduce((o, k) => (o && o[k]), ids);
  return Array.isArray(v) ? v.map(String) : [];
}

/** The JSON document of the pack (plain data). */
export function packJson(req, {identifiers, savedAt, screenshotSha256}) {
  return {
    format: PACK_FORMAT,
    savedAt: savedAt.toISOString(),
    savedBy: 'Heads Up (browser extension), on this device',
    page: {url: req.url, title: req.title, site: req.site, siteName: req.siteName},
    otherAccount: req.peer,
    warning: {level: req.level, reasons: req.reasons},
    identifiers,
    screenshot: screenshotSha256 ? {file: FILES.screenshot, sha256: screenshotSha256} : null,
    reminder: reminderLines(),
    messages: req.messages,
  };
}

/**
 * The printable, self-contained HTML document of the pack, as text (every value escaped). Numbers,
 * identifiers, addresses and dates are isolated left-to-right (an Arabic pack would reverse them).
 */
export function packHtml(req, {identifiers, savedAt, screenshotDataUrl, screenshotSha256}) {
  const e = escapeHtml;
  const lang = e(uiLangTag());
  const dir = uiDirection() === 'rtl' ? 'rtl' : 'ltr';
  const peerName = req.peer.name || t('evidence_unknown');
  const sender = (m) => (m.from === 'me' ? t('evidence_sender_me') : peerName);
  const idRows = IDENTIFIER_GROUPS.map(([key, label]) => {
    const list = group(identifiers, key);
    return list.length ? `<h3>${e(t(label))}</h3><ul class="ids">${list.map((v) => `<li><code dir="ltr">${e(v)}</code></li>`).join('')}</ul>` : '';
  }).join('');
  const img = typeof screenshotDataUrl === 'string' && /^data:image\/png;base64,[A-Za-z0-9+/]+=*$/.test(screenshotDataUrl)
    ? `<figure><img src="${screenshotDataUrl}" alt="${e(t('evidence_screenshot_alt'))}"><figcaption>${e(FILES.screenshot)} · SHA-256 <code>${e(screenshotSha256 || '')}</code></figcaption></figure>`
    : `<p class="muted">${e(t('evidence_no_screenshot'))}</p>`;
  const rows = req.messages.map((m) => `<tr class="${m.showedSigns ? 'signs' : ''}${m.from === 'me' ? ' me' : ''}">`
    + `<td>${m.index + 1}</td><td>${e(sender(m))}</td><td><bdi>${e(m.time || '')}</bdi></td>`
    + `<td><bdi class="text">${e(m.text)}</bdi>${m.hasMedia ? ` <em>${e(t('evidence_media'))}</em>` : ''}</td>`
    + `<td>${m.showedSigns ? e(t('evidence_signs_yes')) : ''}</td></tr>`).join('\n');
  return `<!doctype html>
<html lang="${lang}" dir="${dir}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<meta name="referrer" content="no-referrer">
<title>${e(t('evidence_doc_title'))} · ${e(savedAt.toISOString())}</title>
<style>
body { font: 14px/1.45 system-ui, sans-serif; margin: 24px; color: #111; }
h1 { font-size: 20px; } h2 { font-size: 16px; margin-top: 24px; } h3 { font-size: 14px; margin: 12px 0 4px; }
table { border-collapse: collapse; inline-size: 100%; } td, th { border: 1px solid #999; padding: 4px 6px; vertical-align: top; text-align: start; }
tr.signs td { background: #fff3cd; } tr.signs td:first-child { border-inline-start: 4px solid #b45309; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; } code { overflow-wrap: anywhere; }
.reminder { border: 2px solid #1d4ed8; padding: 8px 12px; border-radius: 8px; }
img { max-inline-size: 100%; border: 1px solid #999; } .muted { color: #555; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; } dt { font-weight: 600; } dd { margin: 0; overflow-wrap: anywhere; }
@media print { tr { break-inside: avoid; } figure { break-inside: avoid; } }
</style>
</head>
<body>
<h1>${e(t('evidence_doc_title'))}</h1>
<div class="reminder" role="note"><ul>${reminderLines().map((l) => `<li>${e(l)}</li>`).join('')}</ul></div>
<h2>${e(t('evidence_about'))}</h2>
<dl>
<dt>${e(t('evidence_saved_at'))}</dt><dd><bdi dir="ltr">${e(savedAt.toISOString())}</bdi> (<bdi dir="ltr">${e(savedAt.toString())}</bdi>)</dd>
<dt>${e(t('evidence_page'))}</dt><dd><code dir="ltr">${e(req.url)}</code></dd>
<dt>${e(t('evidence_site'))}</dt><dd>${e(req.siteName || req.site)}</dd>
<dt>${e(t('evidence_other_name'))}</dt><dd>${e(req.peer.name || t('evidence_unknown'))}</dd>
<dt>${e(t('evidence_other_link'))}</dt><dd><code>${e(req.peer.link || t('evidence_unknown'))}</code></dd>
<dt>${e(t('evidence_count'))}</dt><dd>${e(String(req.messages.length))}</dd>
</dl>
<h2>${e(t('evidence_ids_heading'))}</h2>
${idRows || `<p class="muted">${e(t('evidence_ids_none'))}</p>`}
<h2>${e(t('evidence_reasons_heading'))}</h2>
<ul>${req.reasons.map((r) => `<li>${e(r)}</li>`).join('')}</ul>
<h2>${e(t('evidence_screenshot_heading'))}</h2>
${img}
<h2>${e(t('evidence_messages_heading'))}</h2>
<table>
<thead><tr><th>#</th><th>${e(t('evidence_col_sender'))}</th><th>${e(t('evidence_col_time'))}</th><th>${e(t('evidence_col_text'))}</th><th>${e(t('evidence_col_signs'))}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<p class="muted">${e(t('evidence_hash_note'))}</p>
</body>
</html>
`;
}

/** SHA256SUMS.txt: one "hash  name" line per file, the format `sha256sum -c` reads. */
export function sumsText(files) {
  return files.map((f) => `${f.sha256}  ${f.name}`).join('\n') + '\n';
}

function baseName(p) {
  return String(p || '').split(/[\\/]/).pop();
}

function dataUrlBytes(dataUrl) {
  const b64 = dataUrl.slice(dataUrl.indexOf(',') + 1);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i += 1) out[i] = bin.charCodeAt(i);
  return out;
}

function bytesToBase64(bytes) {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** Downloads bytes to `filename` (relative to the downloads folder); resolves with the full path. */
async function download(api, filename, bytes, mime) {
  // A service worker has no URL.createObjectURL: use a data: URL there; Firefox's event page has blobs.
  let url;
  let revoke = () => {};
  if (typeof URL.createObjectURL === 'function') {
    url = URL.createObjectURL(new Blob([bytes], {type: mime}));
    revoke = () => URL.revokeObjectURL(url);
  } else {
    url = `data:${mime};base64,${bytesToBase64(bytes)}`;
  }
  try {
    const id = await api.downloads.download({url, filename, saveAs: false, conflictAction: 'uniquify'});
    const item = await waitForDownload(api, id);
    return item.filename || filename;
  } finally {
    revoke();
  }
}

function waitForDownload(api, id, timeoutMs = 30000) {
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = async (ok, why) => {
      if (done) return;
      done = true;
      api.downloads.onChanged.removeListener(listener);
      clearTimeout(timer);
      if (!ok) return reject(new Error(why || 'download failed'));
      const [item] = await api.downloads.search({id});
      resolve(item || {});
    };
    const listener = (delta) => {
      if (delta.id !== id || !delta.state) return;
      if (delta.state.current === 'complete') finish(true);
      else if (delta.state.current === 'interrupted') finish(false, delta.error && delta.error.current);
    };
    const timer = setTimeout(() => finish(false, 'download timed out'), timeoutMs);
    api.downloads.onChanged.addListener(listener);
    // It may have finished before the listener was added.
    api.downloads.search({id}).then(([item]) => {
      if (item && item.state === 'complete') finish(true);
      else if (item && item.state === 'interrupted') finish(false, item.error);
    }, () => {});
  });
}

/**
 * Saves the pack for `msg` (from the content script of `sender.tab`). `extract` is the core's
 * extractIdentifiers. Returns {ok, folder, files: [{name, path, sha256}], screenshot: bool}.
 */
export async function saveEvidence(msg, sender, {api, extract, now = () => new Date()}) {
  const req = normaliseRequest(msg);
  const savedAt = now();
  const folder = packFolder(savedAt);
  let screenshotDataUrl = null;
  let screenshotError = null;
  try {
    if (!req.screenshot) throw new Error('the person left the picture of the screen out');
    // captureVisibleTab takes whatever tab is showing in that window: only when it is this chat
    // (a person who just clicked in it is looking at it; anything else would save the wrong page).
    const [shown] = await api.tabs.query({active: true, windowId: sender.tab.windowId});
    if (!shown || shown.id !== sender.tab.id) throw new Error('the chat is not the tab on screen');
    screenshotDataUrl = await api.tabs.captureVisibleTab(sender.tab.windowId, {format: 'png'});
  } catch (err) {
    screenshotError = String(err && err.message || err);
  }
  const identifiers = extract(req.messages.map((m) => m.text));
  const enc = new TextEncoder();
  const written = [];
  let screenshotSha256 = null;
  if (screenshotDataUrl) {
    const png = dataUrlBytes(screenshotDataUrl);
    screenshotSha256 = await sha256Hex(png);
    written.push({name: FILES.screenshot, bytes: png, mime: 'image/png', sha256: screenshotSha256});
  }
  const html = enc.encode(packHtml(req, {identifiers, savedAt, screenshotDataUrl, screenshotSha256}));
  const json = enc.encode(JSON.stringify(packJson(req, {identifiers, savedAt, screenshotSha256}), null, 2) + '\n');
  written.push({name: FILES.html, bytes: html, mime: 'text/html', sha256: await sha256Hex(html)});
  written.push({name: FILES.json, bytes: json, mime: 'application/json', sha256: await sha256Hex(json)});
  const files = [];
  for (const f of written) {
    const path = await download(api, `${folder}/${f.name}`, f.bytes, f.mime);
    files.push({name: baseName(path) || f.name, path, sha256: f.sha256});
  }
  // The list names the files as they were actually written (the browser may rename on a clash).
  const sums = enc.encode(sumsText(files));
  const sumsPath = await download(api, `${folder}/${FILES.sums}`, sums, 'text/plain');
  files.push({name: baseName(sumsPath) || FILES.sums, path: sumsPath, sha256: await sha256Hex(sums)});
  const first = files[0].path;
  const cut = Math.max(first.lastIndexOf('/'), first.lastIndexOf('\\'));
  return {
    ok: true,
    folder: cut > 0 ? first.slice(0, cut) : folder,
    files,
    screenshot: Boolean(screenshotDataUrl),
    screenshotError,
    identifiers,
  };
}
