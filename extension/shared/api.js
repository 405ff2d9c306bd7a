// The one place that decides which extension API object to use.
// Firefox exposes a promise-based `browser`; Chrome (MV3) exposes `chrome`, whose methods
// also return promises when no callback is passed. Everything else imports `api` from here.
export const api = (globalThis.browser && globalThis.browser.runtime) ? globalThis.browser : globalThis.chrome;

/** True in Firefox, where a few APIs differ (background is an event page, not a worker). */
export const isFirefox = Boolean(globalThis.browser && globalThis.browser.runtime);
