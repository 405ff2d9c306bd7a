// The evidence pack's pure parts: strict escaping of hostile message text (proved by parsing the
// generated HTML), the JSON shape, the SHA-256 list, folder names and input caps.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {test} from 'node:test';
import {fileURLToPath} from 'node:url';
import {parseHTML} from 'linkedom';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const en = JSON.parse(fs.readFileSync(path.join(ROOT, 'extension/_locales/en/messages.json'), 'utf8'));
globalThis.chrome = {
  i18n: {
    getMessage: (k, subs) => (k === '@@ui_locale' ? 'en' : k === '@@bidi_dir' ? 'ltr' : en[k] ? en[k].message.replace(/\$[A-Z]+\$/, subs ? subs[0] : '') : ''),
    getUILanguage: () => 'en',
  },
  runtime: {getURL: (p) => p},
};
const ev = await import('../../extension/background/evidence.js');

const HOSTILE = [
  '<script>alert(1)</script>',
  '</bdi></td></tr></tbody></table><img src=x onerror=alert(2)>',
  '"><svg onload=alert(3)>',
  "' onmouseover='alert(4)",
  '<!-- comment --> <![CDATA[ x ]]> &amp; &lt;b&gt;',
  '<style>body{display:none}</style><meta http-equiv="refresh" content="0;url=https://evil.example">',
  'javascript:alert(5) <a href="javascript:alert(6)">click</a>',
  'RTL \u202eoverride\u202c and emoji 😀 and \u0000 nul',
  '<iframe srcdoc="<script>alert(7)</script>"></iframe>',
];

function request(texts, extra = {}) {
  return ev.normaliseRequest({
    site: 'instagram', siteName: 'Instagram <b>Direct</b>', url: 'https://www.instagram.com/direct/t/1?<x>', title: 'T',
    peer: {name: '<img src=x onerror=alert(8)>Sam', link: 'javascript:alert(9)'},
    level: 'urgent', reasons: ['They ask for <money>'],
    messages: texts.map((text, i) => ({from: i % 2 ? 'me' : 'them', text, time: i === 0 ? '<12:00>' : null, showedSigns: i === 1})),
    ...extra,
  });
}

const IDS = {handles: ['@<b>x</b>'], emails: [], phones: [], urls: ['javascript:alert(10)'], payment: {cashtags: [], paypal: [], crypto: [], iban: [], giftcards: ['"><script>']}};

test('escapeHtml escapes every markup character', () => {
  assert.equal(ev.escapeHtml(`<a href="x" title='y'>&</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  assert.equal(ev.escapeHtml(null), '');
  assert.equal(ev.escapeHtml('a\u0000b'), 'a\ufffdb');
  assert.equal(ev.escapeHtml('\ud800x'), '\ufffdx', 'lone surrogate replaced');
  assert.equal(ev.escapeHtml('😀'), '😀', 'pairs kept');
});

test('hostile message text comes out as the same text and never as markup', () => {
  const req = request(HOSTILE);
  const html = ev.packHtml(req, {identifiers: IDS, savedAt: new Date('2026-11-28T16:00:00Z'), screenshotDataUrl: 'data:image/png;base64,iVBORw0KGgo=', screenshotSha256: 'ab'});
  const {document} = parseHTML(html);
  assert.equal(document.querySelectorAll('script, iframe, svg, style:not(head style), meta[http-equiv=refresh], a').length, 0);
  assert.equal(document.querySelectorAll('style').length, 1, 'only our own stylesheet');
  assert.equal(document.querySelectorAll('img').length, 1, 'only the screenshot');
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) assert.ok(!/^on/i.test(a.name), `no ${a.name} on <${el.tagName}>`);
  }
  const texts = [...document.querySelectorAll('bdi.text')].map((b) => b.textContent);
  const expected = HOSTILE.map((t) => t.replace(/\u0000/g, '\ufffd'));
  assert.deepEqual(texts, expected);
  assert.equal(document.querySelectorAll('tbody tr').length, HOSTILE.length);
  assert.equal(document.querySelectorAll('tr.signs').length, 1);
  const body = document.body.textContent;
  for (const s of ['<img src=x onerror=alert(8)>Sam', 'javascript:alert(9)', '@<b>x</b>', '"><script>', 'Instagram <b>Direct</b>', '<12:00>', 'They ask for <money>']) {
    assert.ok(body.includes(s), `shown as text: ${s}`);
  }
  assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
});

test('the screenshot is embedded only as a strict PNG data URL', () => {
  const req = request(['hi']);
  for (const bad of ['javascript:alert(1)', 'data:text/html,<script>', 'data:image/png;base64,AAAA" onerror="x']) {
    const html = ev.packHtml(req, {identifiers: IDS, savedAt: new Date(), screenshotDataUrl: bad});
    const {document} = parseHTML(html);
    assert.equal(document.querySelectorAll('img').length, 0, bad);
  }
});

test('the JSON holds every message, the page, the other account and the reminder', () => {
  const req = request(HOSTILE);
  const json = ev.packJson(req, {identifiers: IDS, savedAt: new Date('2026-11-28T16:00:00Z'), screenshotSha256: null});
  assert.equal(json.format, 'heads-up-evidence/1');
  assert.equal(json.messages.length, HOSTILE.length);
  assert.deepEqual(json.messages.map((m) => m.text), HOSTILE);
  assert.equal(json.messages[1].showedSigns, true);
  assert.equal(json.messages[1].from, 'me');
  assert.equal(json.otherAccount.link, 'javascript:alert(9)');
  assert.equal(json.savedAt, '2026-11-28T16:00:00.000Z');
  assert.equal(json.reminder.length, 3);
  assert.equal(JSON.parse(JSON.stringify(json)).messages[0].text, HOSTILE[0]);
});

test('SHA-256 and the sums file match sha256sum', async () => {
  const bytes = new TextEncoder().encode('hello evidence');
  const want = crypto.createHash('sha256').update('hello evidence').digest('hex');
  assert.equal(await ev.sha256Hex(bytes), want);
  assert.equal(ev.sumsText([{name: 'a.html', sha256: want}, {name: 'b.json', sha256: 'ff'}]), `${want}  a.html\nff  b.json\n`);
});

test('folder names and input caps', () => {
  assert.equal(ev.packFolder(new Date(2026, 10, 28, 9, 5, 3, 42)), 'HeadsUp-evidence-2026-11-28_09-05-03-042');
  const big = ev.normaliseRequest({messages: Array.from({length: 6000}, () => ({text: 'x'.repeat(70000), from: 'weird'}))});
  assert.equal(big.messages.length, 5000);
  assert.equal(big.messages[0].text.length, 65536);
  assert.equal(big.messages[0].from, 'them');
  const odd = ev.normaliseRequest({messages: [null, 5, {text: 7}], peer: 'x'});
  assert.deepEqual(odd.messages.map((m) => m.text), ['', '', '']);
  assert.deepEqual(odd.peer, {name: null, link: null});
});
