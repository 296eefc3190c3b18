// Large payloads and output: lines split in one pass however they are chunked, and a payload over
// a platform's limit refused before it is sent, with its size and what to do.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UserError } from '../../../../src/core/model';
import { LineSplitter } from '../../../../src/core/runtime/node/line-splitter';
import { encodePayload } from '../../../../src/providers/shared/payload';

function split(chunks: string[]): string[] {
  const lines: string[] = [];
  const s = new LineSplitter((l) => lines.push(l));
  for (const c of chunks) s.push(c);
  s.end();
  return lines;
}

test('lines split across chunks, CRLF ends, several lines in a chunk and a last line without newline', () => {
  assert.deepEqual(split(['a', 'b\nc', 'd\r\n\ne\nf']), ['ab', 'cd', '', 'e', 'f']);
  assert.deepEqual(split(['x\n']), ['x']);
  assert.deepEqual(split([]), []);
});

test('a 20 MB line in 64 KB chunks comes out whole', () => {
  const line = 'x'.repeat(20 * 1024 * 1024);
  const chunks: string[] = [];
  for (let i = 0; i < line.length; i += 65_536) chunks.push(line.slice(i, i + 65_536));
  chunks.push('\nnext');
  const lines = split(chunks);
  assert.equal(lines.length, 2);
  assert.equal(lines[0].length, line.length);
  assert.equal(lines[1], 'next');
});

test('a payload over the limit is refused with its size, the limit and how to raise it', () => {
  const limit = { maxBytes: 6 * 1024 * 1024, platform: 'local', raise: 'raise faasLab.local.maxPayloadMB' };
  assert.equal(encodePayload({ data: 'x'.repeat(1000) }, limit), JSON.stringify({ data: 'x'.repeat(1000) }));
  assert.throws(
    () => encodePayload({ data: 'x'.repeat(7 * 1024 * 1024) }, limit),
    (err: unknown) => err instanceof UserError && /7\.0 MB of JSON, over the 6 MB a local call takes.*raise faasLab\.local\.maxPayloadMB/.test(err.message),
  );
  // Multi-byte characters count as their UTF-8 size.
  assert.throws(() => encodePayload({ data: 'é'.repeat(3.5 * 1024 * 1024) }, limit), UserError);
  assert.equal(encodePayload(undefined, limit), undefined);
});
