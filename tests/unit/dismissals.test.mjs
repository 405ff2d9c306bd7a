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

test('self-harm words written after a dismissal always come through', () => {
  // Urgent dismissed with no crisis words; then the person writes them: shown, at the same level.
  const rec = withDismissal({}, 'h', 'urgent', 1, 0).h;
  assert.equal(showsDespiteDismissal({level: 'urgent', crisis: false, crisisMessages: 0}, rec), false);
  assert.equal(showsDespiteDismissal({level: 'urgent', crisis: true, crisisMessages: 1}, rec), true);
  // The crisis help itself dismissed: it stays closed for the same words, opens for new ones.
  const seen = withDismissal({}, 'h', 'urgent', 2, 1).h;
  assert.equal(showsDespiteDismissal({level: 'urgent', crisis: true, crisisMessages: 1}, seen), false);
  assert.equal(showsDespiteDismissal({level: 'urgent', crisis: true, crisisMessages: 2}, seen), true);
  // A record from before the count existed, or junk in the count, reads as none seen.
  assert.equal(showsDespiteDismissal({level: 'urgent', crisis: true, crisisMessages: 1}, {level: 'urgent', at: 1}), true);
  assert.equal(withDismissal({}, 'h', 'urgent', 1, 'lots').h.crisis, 0);
});

test('only a hash of the conversation is stored, never its text or key', async () => {
  const h = await conversationHash('instagram', 'instagram:12345');
  assert.match(h, /^[0-9a-f]{64}$/);
  assert.equal(h, await conversationHash('instagram', 'instagram:12345'));
  assert.notEqual(h, await conversationHash('instagram', 'instagram:12346'));
  const stored = JSON.stringify(withDismissal({}, h, 'warning', 5));
  assert.ok(!stored.includes('12345'));
  assert.deepEqual(Object.keys(JSON.parse(stored)[h]).sort(), ['at', 'crisis', 'level']);
});

test('records are capped, oldest dropped first', () => {
  let r = {};
  for (let i = 0; i < 510; i += 1) r = withDismissal(r, `h${i}`, 'caution', i);
  assert.equal(Object.keys(r).length, 500);
  assert.ok(!('h0' in r) && 'h509' in r);
});
