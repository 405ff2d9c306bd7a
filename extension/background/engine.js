// Lazy start of the Rust core. A module service worker cannot use top-level await, so the first
// caller starts the wasm and everyone awaits the same promise. A failed start is retried next time.
import init, {Analyser, version} from '../pkg/headsup.js';
import {api} from '../shared/api.js';

let ready = null;

/** Resolves to {Analyser, version} once the wasm module is compiled and instantiated. */
export function engine() {
  if (!ready) {
    ready = init({module_or_path: api.runtime.getURL('pkg/headsup_bg.wasm')})
      .then(() => ({Analyser, version: version()}))
      .catch((err) => {
        ready = null;
        throw err;
      });
  }
  return ready;
}
