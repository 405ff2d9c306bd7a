// "Learn more" for parents, carers and schools: static text, every string from _locales
// (content from docs/learn-more.md), in the UI language chosen in settings or the browser's.
import {initI18n, localise} from '../shared/i18n.js';
import {readEffective} from '../background/policy-store.js';

initI18n({readSettings: async () => (await readEffective()).settings}).then(() => {
  localise(document);
  document.body.dataset.ready = 'true';
}).catch((err) => console.error('headsup learn-more', err));
