// The scripted UserInput fails a test on a question it was not given an answer for, on an answer
// the user could not have given, and on answers left over.
import assert from 'node:assert/strict';
import { AssertionError } from 'node:assert';
import { test } from 'node:test';
import { answering, ScriptedInput } from './scripted-input';

const sizes = [
  { label: '128 MB', value: 128 },
  { label: '256 MB', value: 256, buttons: [{ icon: 'star', tooltip: 'Favourite', value: -256 }] },
];

test('answers come back in the order scripted: an item, a button, typed text, a confirmation, Escape', async () => {
  await answering(
    [
      { pick: 'Memory', choose: '256 MB' },
      { pick: /^Memory/, choose: '256 MB', button: 'Favourite' },
      { input: 'Timeout', type: '45' },
      { confirm: 'Delete hello', answer: false },
      { pick: 'Memory', choose: undefined },
    ],
    async (ui) => {
      assert.equal(await ui.pick(sizes, { title: 'Memory for hello' }), 256);
      assert.equal(await ui.pick(sizes, { title: 'Memory for hello' }), -256);
      assert.equal(await ui.input({ title: 'Timeout (seconds)', validate: (t) => (/^\d+$/.test(t) ? undefined : 'a number') }), '45');
      assert.equal(await ui.confirm('Delete hello from Local?', 'Delete'), false);
      assert.equal(await ui.pick(sizes, { title: 'Memory for hello' }), undefined);
      assert.deepEqual(ui.asked, ['pick: Memory for hello', 'pick: Memory for hello', 'input: Timeout (seconds)', 'confirm: Delete hello from Local?', 'pick: Memory for hello']);
    },
  );
});

test('an answer left unused fails the test', async () => {
  await assert.rejects(
    answering([{ pick: 'Memory', choose: '128 MB' }, { confirm: 'Delete', answer: true }], async (ui) => {
      await ui.pick(sizes, { title: 'Memory for hello' });
    }),
    (err: unknown) => err instanceof AssertionError && /1 scripted answer\(s\) never used: confirm Delete/.test(err.message),
  );
});

test('a question with no answer scripted, or another question than the next one, fails the test', async () => {
  const none = new ScriptedInput([]);
  await assert.rejects(none.confirm('Delete hello?', 'Delete'), /unexpected confirm "Delete hello\?": no answer is scripted/);

  const other = new ScriptedInput([{ input: 'Timeout', type: '10' }]);
  await assert.rejects(other.pick(sizes, { title: 'Memory for hello' }), /unexpected pick "Memory for hello": the script expects input Timeout next/);
  // Even when the code under test swallows the failure, the end check reports it.
  assert.throws(() => other.assertDone(), /unexpected pick/);
});

test('an answer the user could not give fails the test: no such item, no such button, text the input refuses', async () => {
  await assert.rejects(new ScriptedInput([{ pick: 'Memory', choose: '512 MB' }]).pick(sizes, { title: 'Memory' }), /no item labelled "512 MB"; offered: "128 MB", "256 MB"/);
  await assert.rejects(new ScriptedInput([{ pick: 'Memory', choose: '128 MB', button: 'Favourite' }]).pick(sizes, { title: 'Memory' }), /item "128 MB" has no button "Favourite"/);
  const refused = new ScriptedInput([{ input: 'Timeout', type: '0' }]);
  await assert.rejects(refused.input({ title: 'Timeout', validate: (t) => (+t >= 1 ? undefined : 'Enter a whole number from 1 to 900') }), /"0" would be refused: Enter a whole number from 1 to 900/);
});
