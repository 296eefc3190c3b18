import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { lambdaHandler, makeContext, runWithMetrics, type HandlerContext } from '../../../../src/core/runtime/node';

const context = (): HandlerContext => makeContext('fn', Date.now() + 5_000, 256);

// First in the file: the instance counter is per process, as it is per container.
test('the first call of an instance is a new container, later ones are not; the uuid stays', async () => {
  const first = await runWithMetrics(() => 1, {}, context());
  const second = await runWithMetrics(() => 2, {}, context());
  assert.equal(first.metrics.newcontainer, 1);
  assert.equal(second.metrics.newcontainer, 0);
  assert.match(first.metrics.uuid!, /^[0-9a-f-]{36}$/);
  assert.equal(second.metrics.uuid, first.metrics.uuid);
});

test('runWithMetrics returns the result of sync and async handlers with SAAF metrics', async () => {
  const sync = await runWithMetrics((req) => ({ echo: req }), { a: 1 }, context());
  assert.deepEqual(sync.ok && sync.result, { echo: { a: 1 } });

  const calledAt = performance.now();
  const slow = await runWithMetrics(async () => {
    await new Promise((r) => setTimeout(r, 30));
    return 'done';
  }, null, context());
  const wallMs = performance.now() - calledAt;
  assert.equal(slow.ok && slow.result, 'done');
  const m = slow.metrics;
  // The handler's own time, in ms: at least its sleep, within the call as seen from outside.
  assert.ok(m.runtime! >= 25 && m.runtime! <= wallMs, `runtime ${m.runtime} of ${wallMs} ms`);
  assert.ok(m.endTime! - m.startTime! >= 25);
  assert.equal(m.lang, 'node');
  assert.equal(m.version, process.versions.node);
  assert.equal(m.functionName, 'fn');
  assert.equal(m.functionMemory, 256);
  assert.equal(typeof m.processCpuUserMs, 'number');
  if (process.platform === 'linux') {
    for (const key of ['cpuUserDelta', 'cpuIdleDelta', 'contextSwitchesDelta', 'pageFaultsDelta', 'totalMemory', 'freeMemory', 'vmuptime'] as const) {
      assert.equal(typeof m[key], 'number', key);
    }
    const memTotalKB = Number(/^MemTotal:\s+(\d+) kB/m.exec(readFileSync('/proc/meminfo', 'utf8'))![1]);
    assert.equal(m.totalMemory, memTotalKB, 'MemTotal of /proc/meminfo, in kB as SAAF reports it');
    // /proc/stat ticks are 10 ms: every CPU delta is a whole number of ticks in ms.
    for (const key of ['cpuUserDelta', 'cpuKernelDelta', 'cpuIdleDelta'] as const) assert.equal(m[key]! % 10, 0, `${key} in ms`);
  }
  for (const [key, value] of Object.entries(m)) assert.notEqual(value, undefined, `${key} is absent, not undefined`);
});

test('a thrown error becomes a typed record with the user frames of its stack', async () => {
  class QuotaError extends Error {
    override name = 'QuotaError';
  }
  const failed = await runWithMetrics(() => {
    throw new QuotaError('over quota');
  }, {}, context());
  assert.equal(failed.ok, false);
  assert.ok(!failed.ok);
  assert.equal(failed.error.type, 'QuotaError');
  assert.equal(failed.error.message, 'over quota');
  assert.match(failed.error.stack!, /QuotaError: over quota/);
  assert.doesNotMatch(failed.error.stack!, /runWithMetrics/);
  assert.equal(typeof failed.metrics.runtime, 'number');

  const rejected = await runWithMetrics(() => Promise.reject(new TypeError('nope')), {}, context());
  assert.ok(!rejected.ok && rejected.error.type === 'TypeError');

  const odd = await runWithMetrics(() => {
    throw { code: 42 };
  }, {}, context());
  assert.ok(!odd.ok);
  assert.equal(odd.error.type, 'HandlerError');
  assert.match(odd.error.message, /non-Error value: \{"code":42\}/);
});

test('the context counts down to the deadline and gives each call its own request id', () => {
  const deadlineMs = Date.now() + 1_000;
  const a = makeContext('fn', deadlineMs, 128);
  const b = makeContext('fn', Date.now() - 1, undefined);
  // The time left to the deadline as read by the clock around the call, however busy the machine.
  const askedAt = Date.now();
  const leftMs = a.getRemainingTimeInMillis();
  const answeredAt = Date.now();
  assert.ok(leftMs <= deadlineMs - askedAt && leftMs >= Math.max(0, deadlineMs - answeredAt), `${leftMs} ms left`);
  assert.ok(leftMs <= 1_000);
  assert.equal(b.getRemainingTimeInMillis(), 0);
  assert.notEqual(a.requestId, b.requestId);
  assert.equal(a.memoryLimitInMB, 128);
});

const lambdaContext = {
  functionName: 'lambda-fn',
  memoryLimitInMB: '512',
  awsRequestId: 'req-1',
  getRemainingTimeInMillis: () => 3_000,
};

test('lambdaHandler: plain events get the plain return value, with a Lambda-derived context', async () => {
  let seen: HandlerContext | undefined;
  const handler = lambdaHandler((req, ctx) => {
    seen = ctx;
    return { got: req };
  });
  assert.deepEqual(await handler({ x: 1 }, lambdaContext), { got: { x: 1 } });
  assert.equal(seen?.functionName, 'lambda-fn');
  assert.equal(seen?.memoryLimitInMB, 512);
  assert.equal(seen?.requestId, 'req-1');
  assert.equal(seen?.getRemainingTimeInMillis(), 3_000);
  assert.equal(seen?.platformContext, lambdaContext);

  const failing = lambdaHandler(() => {
    throw new RangeError('bad');
  });
  await assert.rejects(failing({}, lambdaContext), RangeError, 'Lambda reports the error itself');
  // An event that merely has a __faaslab key without the metrics flag is still plain.
  assert.deepEqual(await handler({ __faaslab: {} }, lambdaContext), { got: { __faaslab: {} } });
});

test('lambdaHandler: the metrics envelope gets result and metrics, or error and metrics', async () => {
  const handler = lambdaHandler((req) => ({ got: req }));
  const ok = (await handler({ __faaslab: { metrics: true }, payload: { x: 2 } }, lambdaContext)) as Record<string, unknown>;
  assert.equal(ok.ok, true);
  assert.deepEqual(ok.result, { got: { x: 2 } });
  const metrics = ok.metrics as Record<string, unknown>;
  assert.equal(metrics.functionName, 'lambda-fn');
  assert.equal(metrics.functionMemory, 512);
  assert.equal(metrics.newcontainer, 0, 'this process already served calls');

  const failing = lambdaHandler(() => {
    throw new RangeError('bad');
  });
  const err = (await failing({ __faaslab: { metrics: true } }, lambdaContext)) as Record<string, unknown>;
  assert.equal(err.ok, false);
  assert.deepEqual({ ...(err.error as object), stack: undefined }, { type: 'RangeError', message: 'bad', stack: undefined });
  assert.equal(typeof (err.metrics as Record<string, unknown>).runtime, 'number');
});
