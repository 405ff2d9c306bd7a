import assert from 'node:assert/strict';
import {test} from 'node:test';
import {conversationHash, showsDespiteDismissal, withDismissal} from '../../extension/background/dismissals.js';

test('a dismissal holds for the same or a lower level, and lifts when things get worse', () => {
  const rec = {level: 'warning', at: 1};
  assert.equal(showsDespiteDismissal({level: 'caution'}, rec), false);
  assert.equal(showsDespiteDismissal({level: 'warning'}, rec), false);
  assert.equal(showsDespiteDismissal({level: 'urgent'}, rec), true);
  assert.equal(showsDespiteDismissal({level: 'caution'}, undefined), true);
});

test('only a hash of the conversation is stored, never its text or key', async () => {
  const h = await conversationHash('instagram', 'instagram:12345');
  assert.match(h, /^[0-9a-f]{64}$/);
  assert.equal(h, await conversationHash('instagram', 'instagram:12345'));
  assert.notEqual(h, await conversationHash('instagram', 'instagram:12346'));
  const stored = JSON.stringify(withDismissal({}, h, 'warning', 5));
  assert.ok(!stored.includes('12345'));
  assert.deepEqual(Object.keys(JSON.parse(stored)[h]).sort(), ['at', 'level']);
});

test('records are capped, oldest dropped first', () => {
  let r = {};
  for (let i = 0; i < 510; i += 1) r = withDismissal(r, `h${i}`, 'caution', i);
  assert.equal(Object.keys(r).length, 500);
  assert.ok(!('h0' in r) && 'h509' in r);
});
