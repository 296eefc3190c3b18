import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RESPONSE_FIELD_MAX_CHARS, RESPONSE_MAX_FIELDS, captureResponse } from '../../../../src/core/results/response';

test('a returned object keeps its top-level fields as they are, with no note', () => {
  assert.deepEqual(captureResponse({ message: 'Hello Bob!', count: 3, nested: { a: 1 } }), { response: { message: 'Hello Bob!', count: 3, nested: { a: 1 } } });
  assert.deepEqual(captureResponse('plain text'), { response: { result: 'plain text' } });
  assert.deepEqual(captureResponse([1, 2]), { response: { result: [1, 2] } });
  assert.equal(captureResponse(undefined), undefined);
});

test('an oversized field keeps its first characters and the note says what was cut', () => {
  const big = 'x'.repeat(RESPONSE_FIELD_MAX_CHARS + 500);
  const captured = captureResponse({ ok: true, blob: big, list: Array.from({ length: 1000 }, (_, i) => i) })!;
  assert.equal(captured.response.ok, true);
  assert.equal(captured.response.blob, big.slice(0, RESPONSE_FIELD_MAX_CHARS));
  assert.equal((captured.response.list as string).length, RESPONSE_FIELD_MAX_CHARS);
  assert.ok((captured.response.list as string).startsWith('[0,1,2,'));
  assert.match(captured.responseNote!, new RegExp(`blob cut to its first ${RESPONSE_FIELD_MAX_CHARS} of ${big.length} characters`));
  assert.match(captured.responseNote!, /list cut to its first/);
});

test('at most RESPONSE_MAX_FIELDS fields are kept, the first ones, and the note counts the rest', () => {
  const wide = Object.fromEntries(Array.from({ length: RESPONSE_MAX_FIELDS + 5 }, (_, i) => [`f${i}`, i]));
  const captured = captureResponse(wide)!;
  assert.equal(Object.keys(captured.response).length, RESPONSE_MAX_FIELDS);
  assert.equal(captured.response.f0, 0);
  assert.equal(captured.response[`f${RESPONSE_MAX_FIELDS}`], undefined);
  assert.match(captured.responseNote!, /5 of 105 fields left out/);
});
