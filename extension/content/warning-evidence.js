// "Save evidence" inside the warning: asks first (what will be saved, where, that nothing is
// sent), then saves through the background and says exactly where the files went, with the
// reminder: don't delete, don't pay, where to take it.

export class EvidencePanel {
  /**
   * @param el the warning's DOM builder (textContent only)
   * @param t the i18n lookup
   * @param audience 'teen' | 'adult' (under-18s are told not to keep intimate pictures)
   * @param save ({screenshot: boolean}) => Promise<{ok, folder, files, screenshot}> from the background
   */
  constructor({el, t, audience = 'teen', save}) {
    this.el = el;
    this.t = t;
    this.audience = audience;
    this.save = save;
    this.busy = false;
    this.node = el('div', {id: 'hu-evidence', class: 'panel', role: 'region', 'aria-labelledby': 'hu-evidence-h', hidden: true});
  }

  /**
   * Shows the question: what the files hold (the screen picture holds whatever is on the screen),
   * a choice to leave the screen picture out, and for under-18s why to leave it out when a nude
   * is showing. Nothing is saved until the person confirms.
   */
  ask() {
    const {el, t} = this;
    if (this.busy) return;
    const confirm = el('button', {type: 'button', class: 'confirm primary', 'data-action': 'evidence-confirm', text: t('evidence_confirm')});
    const cancel = el('button', {type: 'button', 'data-action': 'evidence-cancel', text: t('evidence_cancel')});
    const include = el('input', {type: 'checkbox', id: 'hu-evidence-shot', 'data-action': 'evidence-screenshot'});
    include.checked = true;
    confirm.addEventListener('click', () => this.run({screenshot: include.checked}));
    cancel.addEventListener('click', () => { this.node.hidden = true; this.node.replaceChildren(); });
    this.node.replaceChildren(
      el('h3', {id: 'hu-evidence-h', tabindex: '-1', text: t('evidence_ask_heading')}),
      el('p', {text: t('evidence_ask')}),
      el('ul', {}, ...['evidence_what_chat', 'evidence_what_ids', 'evidence_what_hashes', 'evidence_what_screenshot']
        .map((k) => el('li', {text: t(k)}))),
      el('div', {class: 'evidence-option'}, include, el('label', {for: 'hu-evidence-shot', text: t('evidence_include_screenshot')})),
      this.audience === 'adult' ? null : el('p', {class: 'note', 'data-note': 'under-18', text: t('evidence_teen_images')}),
      el('p', {class: 'note', text: t('evidence_private')}),
      el('div', {class: 'row'}, confirm, cancel),
    );
    this.node.hidden = false;
    confirm.focus({preventScroll: true});
    if (this.node.scrollIntoView) this.node.scrollIntoView({block: 'nearest'});
  }

  async run({screenshot = true} = {}) {
    const {el, t} = this;
    if (this.busy) return;
    this.busy = true;
    const status = el('p', {role: 'status', 'data-state': 'saving', text: t('evidence_saving')});
    this.node.replaceChildren(el('h3', {id: 'hu-evidence-h', tabindex: '-1', text: t('evidence_ask_heading')}), status);
    let result;
    try {
      result = await this.save({screenshot});
    } catch (err) {
      result = {ok: false, error: String(err && err.message || err)};
    }
    this.busy = false;
    if (!result || !result.ok) {
      status.dataset.state = 'failed';
      status.textContent = t('evidence_failed');
      return;
    }
    status.dataset.state = 'saved';
    status.textContent = t('evidence_saved', [String(result.files.length)]);
    const where = el('p', {}, el('span', {text: t('evidence_where')}), ' ', el('code', {'data-folder': '', text: result.folder}));
    const files = el('ul', {class: 'files'}, ...result.files.map((f) => el('li', {}, el('code', {text: f.name}))));
    const nodes = [where, files];
    if (!result.screenshot && screenshot) nodes.push(el('p', {class: 'note', 'data-state': 'no-screenshot', text: t('evidence_screenshot_hint')}));
    nodes.push(el('h3', {text: t('evidence_next_heading')}),
      el('ul', {}, ...['evidence_reminder_keep', 'evidence_reminder_pay', 'evidence_reminder_where'].map((k) => el('li', {text: t(k)}))));
    this.node.append(...nodes);
    this.node.firstChild.focus();
  }
}
