// The warning's stylesheet, inside its closed shadow root. Logical properties for right-to-left,
// a dark scheme, and motion only for people who have not asked for less.
export const WARNING_CSS = `
:host { all: initial; }
* { box-sizing: border-box; }
.wrap {
  --bg: #fffdf8; --fg: #1f2328; --muted: #4b5563; --line: #e5dccb; --accent: #1d4ed8;
  --accent-fg: #ffffff; --soft: #f4efe4; --crisis: #7c2d12;
  font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  color: var(--fg);
}
@media (prefers-color-scheme: dark) {
  .wrap { --bg: #1d2024; --fg: #eef0f2; --muted: #c3c8cf; --line: #3a3f46; --accent: #8ab4ff;
    --accent-fg: #0b1220; --soft: #2a2e34; --crisis: #fdba74; }
}
.card {
  position: fixed; inset-block-start: 12px; inset-inline-end: 12px; z-index: 2147483647;
  inline-size: min(380px, calc(100vw - 24px)); max-block-size: calc(100vh - 24px); overflow: auto;
  background: var(--bg); border: 1px solid var(--line); border-radius: 14px;
  box-shadow: 0 8px 28px rgba(0,0,0,.18); padding: 14px 16px;
}
/* caution: one line by the top edge (title and two buttons), never over the message box. */
.card.caution { inline-size: auto; max-inline-size: min(880px, calc(100vw - 24px)); padding: 8px 12px; }
.card.caution .line { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 12px; }
.card.caution h2 { margin: 0; font-size: 1em; flex: 0 1 auto; }
.card.caution .row.face { margin: 0; }
.card.warning { border-inline-start: 6px solid var(--accent); }
.backdrop {
  position: fixed; inset: 0; z-index: 2147483646; background: rgba(15, 23, 42, .55);
}
.card.urgent {
  inset-block-start: 50%; inset-inline-start: 50%; inset-block-end: auto; inset-inline-end: auto;
  transform: translate(-50%, -50%); inline-size: min(520px, calc(100vw - 24px));
  max-block-size: calc(100vh - 24px); border: 2px solid var(--accent); padding: 18px 20px;
}
:host([dir=rtl]) .card.urgent, .wrap[dir=rtl] .card.urgent { transform: translate(50%, -50%); }
/* "Show these messages" at urgent: the dialog steps aside to an edge, without its backdrop. */
.peeking .backdrop { display: none; }
.peeking .card > :not(h2):not(.peek-bar) { display: none !important; }
.wrap .card.urgent.peek-top, .wrap .card.urgent.peek-bottom {
  transform: none; inset-inline-start: auto; inset-inline-end: 12px;
  inline-size: min(380px, calc(100vw - 24px)); padding: 12px 14px;
}
.wrap .card.urgent.peek-top { inset-block-start: 12px; inset-block-end: auto; }
.wrap .card.urgent.peek-bottom { inset-block-start: auto; inset-block-end: 12px; }
@media (max-width: 420px) {
  .card.urgent { padding: 14px 14px; }
  .urgent h2 { font-size: 1.15em; }
  .wrap { font-size: 15px; }
}
@media (prefers-reduced-motion: no-preference) {
  .card { animation: rise .18s ease-out; }
  @keyframes rise { from { opacity: 0; } to { opacity: 1; } }
}
h2 { font-size: 1.1em; margin: 0 0 8px; line-height: 1.3; }
.urgent h2 { font-size: 1.25em; }
h3 { font-size: .95em; margin: 12px 0 4px; }
p { margin: 0 0 8px; }
.lead { font-weight: 600; }
.crisis { background: var(--soft); border-inline-start: 4px solid var(--crisis); padding: 10px 12px; border-radius: 8px; margin-block-end: 12px; }
.crisis a { color: var(--accent); }
ul, ol { margin: 0 0 8px; padding-inline-start: 1.3em; }
li { margin-block-end: 4px; }
.hedge, .note { color: var(--muted); font-size: .9em; }
.row { display: flex; flex-wrap: wrap; gap: 8px; margin-block-start: 12px; }
.row.face { margin-block-start: 10px; }
.row.face + .row.face { margin-block-start: 8px; }
.more { border-block-start: 1px solid var(--line); margin-block-start: 12px; padding-block-start: 4px; }
.crisis .lead { margin-block-end: 8px; }
.crisis-lines { font-size: .92em; margin-block: 8px 0; }
.evidence-option { display: flex; gap: 8px; align-items: flex-start; margin-block: 6px 8px; }
.evidence-option input { margin-block-start: 4px; inline-size: 18px; block-size: 18px; }
button {
  font: inherit; font-size: .95em; border-radius: 10px; padding: 8px 14px; cursor: pointer;
  border: 1px solid var(--line); background: var(--soft); color: var(--fg);
}
button.primary { background: var(--accent); color: var(--accent-fg); border-color: var(--accent); font-weight: 600; }
button.link { background: none; border: none; padding: 4px 0; color: var(--accent); text-decoration: underline; }
button:focus-visible, a:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
@media (forced-colors: active) { .card { border: 2px solid CanvasText; } button { border: 1px solid ButtonText; } }
.choices { display: flex; flex-wrap: wrap; gap: 6px; margin-block-end: 8px; }
button.choice[aria-expanded=true] { border-color: var(--accent); box-shadow: inset 0 0 0 1px var(--accent); }
.panel { border-block-start: 1px solid var(--line); margin-block-start: 10px; padding-block-start: 8px; }
.panel h3:focus { outline: none; }
.panel h3:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.key-step > span { font-weight: 600; }
button.step-action { padding: 2px 10px; margin-block: 2px; font-size: .9em; }
.panel code { overflow-wrap: anywhere; font-size: .9em; }
.panel a { color: var(--accent); }
/* The pause before an image is sent: centred at the bottom, beside (not over) the warning card. */
.pause {
  position: fixed; inset-block-end: 16px; inset-inline: 0; margin-inline: auto; z-index: 2147483647;
  inline-size: min(400px, calc(100vw - 32px)); max-block-size: calc(100vh - 32px); overflow: auto;
  background: var(--bg); border: 2px solid var(--accent); border-radius: 14px;
  box-shadow: 0 8px 28px rgba(0,0,0,.22); padding: 16px;
}
.row.equal > button { flex: 1 1 0; font-weight: 600; }
@media (forced-colors: active) { .pause { border: 2px solid CanvasText; } }
[hidden] { display: none !important; }
`;
