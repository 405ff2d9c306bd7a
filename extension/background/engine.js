// Lazy start of the Rust core. A module service worker cannot use top-level await, so the first
// caller starts the wasm and everyone awaits the same promise. A failed start is retried on the
// next call (a worker stopped mid-fetch fails once); a start that failed twice in a row is
// remembered (the popup says Heads Up is not running, content scripts stop asking for a while)
// and tried again on the first call after RETRY_AFTER_MS.
import init, {Analyser, version} from '../pkg/headsup.js';
import {api} from '../shared/api.js';

/** How long a failed start is believed before the next call tries again. */
export const RETRY_AFTER_MS = 30000;

let ready = null;
let failure = null; // {at, message, count} of the last failed starts in a row; null once started

/** Resolves to {Analyser, version} once the wasm module is compiled and instantiated. */
export function engine() {
  if (!ready && failure && failure.count >= 2 && Date.now() - failure.at < RETRY_AFTER_MS) {
    return Promise.reject(new EngineDown(failure.message));
  }
  if (!ready) {
    ready = init({module_or_path: api.runtime.getURL('pkg/headsup_bg.wasm')})
      .then(() => {
        failure = null;
        return {Analyser, version: version()};
      })
      .catch((err) => {
        ready = null;
        failure = {at: Date.now(), message: String(err && err.message || err), count: (failure ? failure.count : 0) + 1};
        console.error('headsup: the analyser could not start', err);
        throw failure.count >= 2 ? new EngineDown(failure.message) : err;
      });
  }
  return ready;
}

/** {running, error}: tries a start when none was tried (or the last failure is old). */
export async function engineStatus() {
  try {
    await engine();
    return {running: true, error: null};
  } catch (err) {
    return {running: false, error: String(err && err.message || err)};
  }
}

/** The error of a core that could not start (the wasm did not load or compile). */
export class EngineDown extends Error {
  constructor(message) {
    super(`analyser not running: ${message}`);
    this.name = 'EngineDown';
    this.retryAfterMs = RETRY_AFTER_MS;
  }
}
