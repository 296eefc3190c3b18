// The returned-field cells of the statistics table as the user reads them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { responseCellText, responseHeading, returnedNumber } from '../../../../src/webviews/results/response-table';

test('a number field shows its mean and p50, a text field its values with counts, a missing one a dash', () => {
  assert.equal(responseCellText({ kind: 'number', n: 10, mean: 12.345678, p50: 1234567 }), 'mean 12.35 · p50 1,235,000');
  assert.equal(responseCellText({ kind: 'values', values: [{ value: 'hello', count: 1500 }, { value: '', count: 2 }], others: 0 }), 'hello ×1,500 · "" ×2');
  assert.equal(responseCellText({ kind: 'values', values: [{ value: 'true', count: 3 }], others: 12 }), 'true ×3 · others ×12');
  assert.equal(responseCellText(undefined), '–');
  assert.equal(returnedNumber(0.7), '0.7');
  assert.equal(returnedNumber(0.000123456), '0.0001235');
  assert.equal(responseHeading({ name: 'newcontainer', kind: 'number', calls: 1, values: [] }), '↩ newcontainer');
});
