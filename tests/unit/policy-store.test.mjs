// extension/background/policy-store.js against a fake storage: a managed read that never
// answers (seen on freshly started Chromium) must not hang hello or stick in the cache.
import assert from 'node:assert/strict';
import {test} from 'node:test';

let managedGet = () => new Promise(() => {}); // never answers
let calls = 0;
globalThis.chrome = {
  storage: {
    managed: {get: (...args) => { calls += 1; return managedGet(...args); }},
    local: {get: async () => ({})},
  },
  runtime: {getURL: (p) => p},
};
const {readPolicy, readEffective, forgetPolicy, MANAGED_TIMEOUT_MS} = await import('../../extension/background/policy-store.js');

test('a managed read that never answers times out as "no policy" and is asked again next time', async () => {
  assert.ok(MANAGED_TIMEOUT_MS <= 2000, 'short enough not to stall a page');
  forgetPolicy();
  calls = 0;
  const started = Date.now();
  assert.deepEqual(await readPolicy({timeoutMs: 50}), {});
  assert.ok(Date.now() - started < 1000);
  assert.equal(calls, 1);
  // Not cached: the next read asks storage again, and takes a real answer once there is one.
  managedGet = async () => ({audience: 'adult'});
  assert.deepEqual(await readPolicy({timeoutMs: 50}), {audience: 'adult'});
  assert.equal(calls, 2);
  // A real answer is cached.
  assert.deepEqual(await readPolicy({timeoutMs: 50}), {audience: 'adult'});
  assert.equal(calls, 2);
});

test('readEffective (what hello uses) settles with the default timeout when storage hangs', async () => {
  forgetPolicy();
  managedGet = () => new Promise(() => {});
  const started = Date.now();
  const effective = await readEffective();
  const took = Date.now() - started;
  assert.ok(took >= MANAGED_TIMEOUT_MS - 50 && took < MANAGED_TIMEOUT_MS + 1000, `took ${took} ms`);
  assert.ok(effective && effective.settings, 'the person\'s own settings in force');
});

test('no managed storage or a throwing one is "no policy" (cached)', async () => {
  forgetPolicy();
  calls = 0;
  managedGet = () => { throw new Error('Managed storage manifest not found'); };
  assert.deepEqual(await readPolicy({timeoutMs: 50}), {});
  assert.deepEqual(await readPolicy({timeoutMs: 50}), {});
  assert.equal(calls, 1);
});
