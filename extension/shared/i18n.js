// Every user-facing string comes from _locales through here.
import {api} from './api.js';

/** The message for `key` (with optional substitutions); the key itself if it is missing. */
export function t(key, substitutions) {
  const text = api.i18n.getMessage(key, substitutions);
  return text || key;
}

/** Writing direction of the UI language ("ltr" or "rtl"). */
export function uiDirection() {
  return api.i18n.getMessage('@@bidi_dir') === 'rtl' ? 'rtl' : 'ltr';
}

/**
 * Fills an extension page: `data-i18n` sets textContent, `data-i18n-<attr>` sets that attribute
 * (e.g. data-i18n-aria-label, data-i18n-placeholder, data-i18n-title).
 */
export function localise(root) {
  for (const el of root.querySelectorAll('*')) {
    for (const {name, value} of [...el.attributes]) {
      if (name === 'data-i18n') el.textContent = t(value);
      else if (name.startsWith('data-i18n-')) el.setAttribute(name.slice('data-i18n-'.length), t(value));
    }
  }
  if (root.documentElement) {
    root.documentElement.lang = api.i18n.getUILanguage();
    root.documentElement.dir = uiDirection();
  }
}
