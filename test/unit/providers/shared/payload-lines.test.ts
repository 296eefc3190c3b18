// Large payloads and output: lines split in one pass however they are chunked, and a payload over
// a platform's limit refused before it is sent, with its size and what to do.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BadInputError } from '../../../../src/core/bad-input';
import { awsPlatform } from '../../../../src/providers/aws';
import { azurePlatform } from '../../../../src/providers/azure';
import { dockerPlatform } from '../../../../src/providers/docker';
import { gcpPlatform } from '../../../../src/providers/gcp';
import { httpPlatform } from '../../../../src/providers/http/descriptor';
import { localPlatform } from '../../../../src/providers/local';
import { LineSplitter } from '../../../../src/core/runtime/node/line-splitter';
import { encodePayload, payloadLimitsOf, responseTooLarge } from '../../../../src/providers/shared/payload';

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
    (err: unknown) =>
      err instanceof BadInputError && /The payload is 7\.0 MB \(7340043 bytes\) of JSON, over the 6 MB \(6291456 bytes\) limit of a request on local: .*raise faasLab\.local\.maxPayloadMB/.test(err.message),
  );
  // Multi-byte characters count as their UTF-8 size.
  assert.throws(() => encodePayload({ data: 'é'.repeat(3.5 * 1024 * 1024) }, limit), BadInputError);
  assert.equal(encodePayload(undefined, limit), undefined);
});

const MB = 1024 * 1024;

test('each platform declares its documented request and response limits in its descriptor', () => {
  const figures = Object.fromEntries(
    [localPlatform, dockerPlatform, awsPlatform, gcpPlatform, azurePlatform, httpPlatform].map((d) => {
      const l = payloadLimitsOf(d);
      return [d.id, [l.request?.maxBytes, l.response?.maxBytes]];
    }),
  );
  assert.deepEqual(figures, {
    local: [6 * MB, 6 * MB],
    docker: [6 * MB, 6 * MB],
    aws: [6 * MB, 6 * MB],
    gcp: [32 * MB, 32 * MB],
    azure: [100 * MB, undefined],
    http: [undefined, undefined],
  });
  // A setting (faasLab.local.maxPayloadMB) replaces both sides, and says how it is raised.
  const raised = payloadLimitsOf(localPlatform, 25, 'raise it');
  assert.deepEqual([raised.request?.maxBytes, raised.response?.maxBytes, raised.request?.raise, raised.request?.basis], [25 * MB, 25 * MB, 'raise it', undefined]);
  assert.equal(payloadLimitsOf(localPlatform).request?.basis, "AWS Lambda's synchronous limit");
});

test('the request check names the size, the limit and the platform, for every platform with a limit', () => {
  for (const [descriptor, mb] of [[awsPlatform, 6], [gcpPlatform, 32], [dockerPlatform, 6]] as const) {
    const limit = payloadLimitsOf(descriptor).request!;
    assert.equal(encodePayload('x'.repeat(mb * MB - 2), limit)?.length, mb * MB, 'exactly at the limit passes');
    assert.throws(
      () => encodePayload('x'.repeat(mb * MB - 1), limit),
      (err: unknown) => err instanceof BadInputError && err.message.includes(`(${mb * MB + 1} bytes) of JSON, over the ${mb} MB (${mb * MB} bytes) limit of a request on ${descriptor.displayName}`),
    );
  }
});

test('a result over the response limit is Function.ResponseSizeTooLarge with both sizes; within it, or with no limit, nothing', () => {
  const limit = payloadLimitsOf(localPlatform).response!;
  const big = 'x'.repeat(6 * MB);
  const error = responseTooLarge(big, 6 * MB + 2, limit);
  assert.equal(error?.type, 'Function.ResponseSizeTooLarge');
  assert.match(error!.message, /returned 6\.0 MB \(6291458 bytes\) of JSON, over the 6 MB \(6291456 bytes\) limit of a response on local \(AWS Lambda's synchronous limit\): return less/);
  assert.equal(responseTooLarge('x'.repeat(6 * MB - 2), 6 * MB + 500, limit), undefined, 'the answer is bigger than the result: the result decides');
  assert.equal(responseTooLarge(big, 6 * MB + 2, undefined), undefined);
});
