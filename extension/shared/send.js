// runtime.sendMessage with a timeout and retries.
// The background may be stopped at any moment (Chrome stops an idle service worker after ~30 s,
// Firefox suspends event pages). A message sent at that instant can get no answer at all, so we
// never wait forever and try again: the next attempt wakes a fresh background.

/** Resolves with the reply, or rejects after `attempts` tries each bounded by `timeoutMs`. */
export async function sendWithRetry(send, message, {timeoutMs = 4000, attempts = 4, delayMs = 150, sleep = defaultSleep} = {}) {
  let lastError = new Error('headsup: no attempt made');
  for (let i = 0; i < attempts; i += 1) {
    try {
      const reply = await withTimeout(Promise.resolve().then(() => send(message)), timeoutMs);
      if (reply === undefined) throw new Error('headsup: empty reply');
      return reply;
    } catch (err) {
      lastError = err;
      if (i + 1 < attempts) await sleep(delayMs * (i + 1));
    }
  }
  throw lastError;
}

function withTimeout(promise, ms) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`headsup: no reply within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function defaultSleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
