// The warning's shape at each level, by bounding boxes (not by eye), at a phone size (360 × 640)
// and a desktop size (1280 × 800), for each headline family (issue 13, points 3, 5 and 6):
// - the primary action is on screen without scrolling, at every level;
// - caution is one line by the top edge and covers neither the message box nor its row (Send),
//   closed or with "More" open;
// - the urgent dialog fits 600 px tall at 360 px wide, and its focus is on a visible element;
// - "Show these messages" at urgent moves the dialog aside, so the highlighted messages are seen.
// The caution card is also checked on the Tinder, Bumble and WhatsApp fixtures, whose message
// boxes and Send buttons sit differently. Screenshots of every state go to tests/artifacts/layout-*.png.
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import {
  ESCALATION, SEXTORTION, SITES, clickWarningButton, focusedInWarning, inViewport, launch, overlaps,
  readWarning, screenshot, waitFor, waitForLevel, warningBoxes,
} from './harness.mjs';

const HOST = 'www.instagram.com';
const SIZES = [{width: 360, height: 640}, {width: 1280, height: 800}];
/** Conversations for each headline family, with the level they reach. */
const FAMILIES = [
  {family: 'grooming', level: 'caution', title: /pictures/, messages: ESCALATION.slice(0, 3)},
  {family: 'grooming', level: 'warning', title: /pictures/, messages: ESCALATION.slice(0, 4)},
  {family: 'demand', level: 'warning', title: /money scam/, messages: [
    {from: 'them', text: 'send me $200 in steam gift cards'},
    {from: 'them', text: 'you have 1 hour to send it'},
  ]},
  {family: 'coercion', level: 'urgent', title: /blackmail/, messages: SEXTORTION},
  {family: 'crisis', level: 'urgent', title: /blackmail/, messages: ESCALATION},
];

let env;
let page;
let n = 0;

before(async () => {
  env = await launch();
  env.server.route(HOST, 'sites/instagram.html');
  page = await env.context.newPage();
  await page.goto(`https://${HOST}/`);
  await page.waitForFunction(() => window.__fixture);
});
after(async () => { await env?.close(); });

async function newThread() {
  n += 1;
  await page.evaluate(([k]) => window.__fixture.switchThread(k, 'Sam'), [`layout${n}`]);
}
async function say(...messages) {
  for (const m of messages) await page.evaluate(({from, text}) => window.__fixture.append(from, text), m);
}
/** The page's message box and its row (where Send lives), as boxes. */
function composerBoxes() {
  return page.evaluate(() => {
    const box = (e) => { const r = e.getBoundingClientRect(); return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; };
    const input = document.querySelector('[role=textbox]');
    return {input: box(input), row: box(input.parentElement)};
  });
}
/** Boxes once the card has stopped moving (its short fade-in). */
async function settledBoxes() {
  let last = null;
  return waitFor(async () => {
    const b = await warningBoxes(page);
    const same = b && last && JSON.stringify(b.card) === JSON.stringify(last.card);
    last = b;
    return same ? b : null;
  }, {what: 'warning boxes settled'});
}
async function closeWarning() {
  await page.keyboard.press('Escape');
  await waitForLevel(page, null).catch(async () => {
    await clickWarningButton(page, 'not-now');
    await waitForLevel(page, null);
  });
}

for (const size of SIZES) {
  for (const f of FAMILIES) {
    test(`${size.width}×${size.height}: ${f.family} at ${f.level} shows its primary action without scrolling`, async () => {
      await page.setViewportSize(size);
      await newThread();
      await say(...f.messages);
      const w = await waitFor(async () => {
        const x = await readWarning(page);
        return x && x.level === f.level && (f.family !== 'crisis' || /^You matter/.test(x.text)) ? x : null;
      }, {what: `${f.family} at ${f.level}`});
      assert.match(w.title, f.title);
      const b = await settledBoxes();
      const name = `layout-${size.width}x${size.height}-${f.family}-${f.level}`;
      await screenshot(page, name);
      assert.ok(b.primary, 'one primary action');
      assert.ok(inViewport(b.primary.box, b.viewport), `${name}: primary ${b.primary.action} on screen ${JSON.stringify(b.primary.box)}`);
      assert.ok(inViewport(b.buttons['not-now'], b.viewport), `${name}: "Not now" on screen`);
      assert.equal(b.scrollHeight <= b.clientHeight + 1, true, `${name}: the first screen needs no scrolling (${b.scrollHeight} > ${b.clientHeight})`);
      // Reasons and steps are one tap away, not on the first screen.
      assert.equal(b.buttons['path-threatened'], null, `${name}: advice choices behind More`);
      if (f.level === 'caution') {
        // One line on a desktop; on a phone the buttons wrap under the headline.
        const most = size.width < 500 ? 140 : 80;
        assert.ok(b.card.height <= most, `${name}: caution is one line (${b.card.height}px tall)`);
        const c = await composerBoxes();
        assert.ok(!overlaps(b.card, c.row), `${name}: the card covers the message box or Send`);
        await clickWarningButton(page, 'more');
        const open = await settledBoxes();
        await screenshot(page, `${name}-more`);
        assert.ok(!overlaps(open.card, (await composerBoxes()).row), `${name}: with More open the card covers the message box or Send`);
        assert.equal(await page.evaluate(() => document.activeElement.getAttribute('role')), null);
      }
      if (f.level === 'warning') {
        assert.ok(inViewport(b.buttons.more, b.viewport), `${name}: "What to do now" on screen`);
        assert.equal(b.primary.action, 'more');
        assert.ok(!overlaps(b.card, (await composerBoxes()).input), `${name}: the side card covers the message box`);
      }
      if (f.level === 'urgent') {
        if (size.width === 360) assert.ok(b.card.height <= 600, `${name}: the dialog fits 600 px (${b.card.height})`);
        assert.ok(inViewport(b.buttons['save-evidence'], b.viewport), `${name}: "Save evidence" on screen`);
        // Focus is on the primary action, which is on screen.
        const focused = await focusedInWarning(page);
        assert.equal(focused, b.primary.action, `${name}: focus on the primary (${focused})`);
      }
      await closeWarning();
    });
  }
}

test('360×640: "Show these messages" at urgent moves the dialog so the messages can be seen', async () => {
  await page.setViewportSize({width: 360, height: 640});
  await newThread();
  // Enough earlier messages that the chat scrolls.
  for (let i = 0; i < 12; i += 1) await say({from: i % 2 ? 'me' : 'them', text: `football practice at ${i + 3} tomorrow?`});
  await say(...SEXTORTION);
  await waitForLevel(page, 'urgent');
  await clickWarningButton(page, 'highlight');
  const outlined = () => page.evaluate(() => [...document.querySelectorAll('[role=row]')]
    .filter((r) => [r, ...r.querySelectorAll('*')].some((e) => e.style && e.style.outlineStyle === 'solid'))
    .map((r) => { const x = r.getBoundingClientRect(); return {text: r.textContent, left: x.left, right: x.right, top: x.top, bottom: x.bottom}; }));
  await waitFor(async () => (await outlined()).length > 0, {what: 'highlight'});
  await page.waitForTimeout(900); // the smooth scroll to the messages, and the dialog's move
  const b = await settledBoxes();
  const rows = await outlined();
  const first = rows.find((r) => r.bottom > 0 && r.top < b.viewport.height);
  assert.ok(first, 'a highlighted message on screen');
  assert.ok(!overlaps(b.card, first), `the dialog covers the highlighted message ${JSON.stringify(first)} / ${JSON.stringify(b.card)}`);
  assert.ok(b.card.height < b.viewport.height / 2, `the dialog stepped aside (${b.card.height}px tall)`);
  // No dark backdrop over the chat while the messages are shown.
  const backdrop = await page.evaluate(() => {
    const hit = document.elementFromPoint(180, 320);
    return hit ? hit.tagName : null;
  });
  assert.notEqual(backdrop, 'HEADS-UP-WARNING', 'the backdrop still covers the chat');
  assert.equal(await focusedInWarning(page), 'unpeek');
  await screenshot(page, 'layout-360x640-urgent-show-messages');
  await clickWarningButton(page, 'unpeek');
  const back = await settledBoxes();
  assert.ok(back.buttons.help && inViewport(back.buttons.help, back.viewport), 'the dialog is back');
  await closeWarning();
});

/** The page's message box (the lowest visible text box) and the row around it (Send), as boxes. */
function composerOn(p) {
  return p.evaluate(() => {
    const box = (e) => { const r = e.getBoundingClientRect(); return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; };
    const boxes = [...document.querySelectorAll('textarea, [contenteditable="true"], [role=textbox], input[type=text]')]
      .filter((e) => e.getBoundingClientRect().height > 0).sort((a, b) => b.getBoundingClientRect().bottom - a.getBoundingClientRect().bottom);
    const input = boxes[0];
    const send = [...input.parentElement.querySelectorAll('button')].map(box);
    return {input: box(input), row: box(input.parentElement), send};
  });
}

for (const id of ['tinder', 'bumble', 'whatsapp']) {
  test(`${id}: the caution card, closed and opened, covers neither the message box nor Send`, async () => {
    const site = SITES.sites.find((x) => x.id === id);
    const host = site.hosts[0];
    env.server.route(host, `sites/${id}.html`);
    const p = await env.context.newPage();
    try {
      await p.goto(`https://${host}/`);
      await p.waitForFunction(() => window.__fixture);
      for (const size of SIZES) {
        await p.setViewportSize(size);
        n += 1;
        await p.evaluate(([k]) => window.__fixture.switchThread(k, 'Sam'), [`layout-${id}-${n}`]);
        for (const m of ESCALATION.slice(0, 3)) await p.evaluate(({from, text}) => window.__fixture.append(from, text), m);
        await waitForLevel(p, 'caution');
        for (const state of ['closed', 'more']) {
          if (state === 'more') await clickWarningButton(p, 'more');
          await p.waitForTimeout(400);
          const b = await warningBoxes(p);
          const c = await composerOn(p);
          const name = `layout-${id}-${size.width}x${size.height}-caution-${state}`;
          await p.screenshot({path: `${process.cwd()}/tests/artifacts/${name}.png`});
          assert.ok(inViewport(b.primary.box, b.viewport), `${name}: primary on screen`);
          assert.ok(!overlaps(b.card, c.input), `${name}: covers the message box`);
          for (const send of c.send) assert.ok(!overlaps(b.card, send), `${name}: covers Send`);
        }
        await clickWarningButton(p, 'not-now');
        await waitForLevel(p, null);
      }
    } finally {
      await p.close();
    }
  });
}
