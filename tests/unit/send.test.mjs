import assert from 'node:assert/strict';
import {test} from 'node:test';
import {sendWithRetry} from '../../extension/shared/send.js';

const noSleep = async () => {};

test('returns the first reply', async () => {
  assert.deepEqual(await sendWithRetry(async (m) => ({echo: m}), 1, {sleep: noSleep}), {echo: 1});
});

test('a background that never answers times out, then the retry reaches a fresh one', async () => {
  let calls = 0;
  const send = () => { calls += 1; return calls === 1 ? new Promise(() => {}) : Promise.resolve('ok'); };
  assert.equal(await sendWithRetry(send, {}, {timeoutMs: 20, sleep: noSleep}), 'ok');
  assert.equal(calls, 2);
});

test('errors and empty replies are retried, then the last error is thrown', async () => {
  let calls = 0;
  const send = async () => { calls += 1; if (calls % 2) throw new Error(`fail ${calls}`); return undefined; };
  await assert.rejects(sendWithRetry(send, {}, {attempts: 3, timeoutMs: 50, sleep: noSleep}), /fail 3/);
  assert.equal(calls, 3);
});
