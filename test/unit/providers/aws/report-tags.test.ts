// REPORT lines as Lambda writes them, and source paths kept in tag values Lambda accepts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseReportLine } from '../../../../src/providers/aws';
import { decodeTagValue, encodeTagValue } from '../../../../src/providers/aws/tags';

test('REPORT of a cold start (the AWS docs’ example), a warm one, SnapStart, timeout and out-of-memory', () => {
  const cold =
    'START RequestId: 8f5... Version: $LATEST\nhello\nEND RequestId: 8f5...\n' +
    'REPORT RequestId: 3604209a-e9a3-11e6-939a-754dd98c7be3\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\tMax Memory Used: 18 MB\tInit Duration: 171.42 ms\t\nXRAY TraceId: 1-5e...\n';
  assert.deepEqual(parseReportLine(cold), {
    requestId: '3604209a-e9a3-11e6-939a-754dd98c7be3',
    durationMs: 12.34,
    billedDurationMs: 13,
    memorySizeMB: 128,
    maxMemoryUsedMB: 18,
    initDurationMs: 171.42,
  });
  assert.equal(parseReportLine('REPORT RequestId: a\tDuration: 1.02 ms\tBilled Duration: 2 ms\tMemory Size: 512 MB\tMax Memory Used: 70 MB\t')!.initDurationMs, undefined);
  assert.deepEqual(parseReportLine('REPORT RequestId: b\tDuration: 5 ms\tBilled Duration: 300 ms\tMemory Size: 512 MB\tMax Memory Used: 90 MB\tRestore Duration: 290.5 ms\tBilled Restore Duration: 295 ms'), {
    requestId: 'b',
    durationMs: 5,
    billedDurationMs: 300,
    memorySizeMB: 512,
    maxMemoryUsedMB: 90,
    restoreDurationMs: 290.5,
  });
  assert.equal(parseReportLine('REPORT RequestId: c\tDuration: 3000.00 ms\tBilled Duration: 3000 ms\tMemory Size: 128 MB\tMax Memory Used: 40 MB\tStatus: timeout')!.status, 'timeout');
  const oom = parseReportLine('REPORT RequestId: d\tDuration: 80 ms\tBilled Duration: 80 ms\tMemory Size: 128 MB\tMax Memory Used: 128 MB\tStatus: error\tError Type: Runtime.OutOfMemory')!;
  assert.equal(oom.status, 'error');
  assert.equal(oom.errorType, 'Runtime.OutOfMemory');
  assert.equal(parseReportLine('START RequestId: x\nEND RequestId: x\n'), undefined);
  assert.equal(parseReportLine(undefined), undefined);
});

test('tag values: paths with characters Lambda refuses round-trip; too long is left out, not cut', () => {
  for (const p of ['/home/ada/project/handler.js', 'C:\\Users\\Ada\\My Project (copy)\\h.py', '/tmp/ä/ñ/x=y#1.js']) {
    const encoded = encodeTagValue(p)!;
    assert.match(encoded, /^[\p{L}\p{N} _.:/=+\-@]*$/u);
    assert.equal(decodeTagValue(encoded), p.replace(/\\/g, '/'));
  }
  assert.equal(encodeTagValue('(x)'), '=28=x=29=');
  assert.equal(encodeTagValue('/a'.repeat(200)), undefined);
});
