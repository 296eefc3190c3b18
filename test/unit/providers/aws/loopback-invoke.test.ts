// Invoke against the loopback Lambda API: the exact request, REPORT lines (Init Duration = cold),
// FunctionError payloads, throttling returned (not retried) as status 'throttled', a Pending
// function waited for, service errors recorded, cancellation, and sockets for 1000 in flight.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BadInputError } from '../../../../src/core/bad-input';
import { AwsLambdaProvider } from '../../../../src/providers/aws';
import { TEST_CREDENTIALS } from '../../../fixtures/aws/lambda-api/server';
import { ROLE, assertSigned, loopback } from './loopback-harness';

test('the Invoke request: RequestResponse, LogType Tail, the metrics envelope around the payload, by ARN', async (t) => {
  const { api, provider, deploy } = await loopback(t);
  const d = await deploy('hello.js', 'hello', { name: 'fn' });
  api.requests.length = 0;
  await provider.invoke(d, { name: 'Ada', n: [1, 2] });
  const [req] = api.requests;
  assert.equal(req.operation, 'Invoke');
  assert.equal(req.method, 'POST');
  assert.equal(req.rawPath, `/2015-03-31/functions/${encodeURIComponent(api.arn('fn'))}/invocations`);
  assert.equal(req.headers['x-amz-invocation-type'], 'RequestResponse');
  assert.equal(req.headers['x-amz-log-type'], 'Tail');
  assert.equal(req.headers['content-type'], 'application/octet-stream');
  assert.equal(req.body.toString('utf8'), '{"__faaslab":{"metrics":true},"payload":{"name":"Ada","n":[1,2]}}');
  assertSigned(req, 'lambda');
  assert.equal(api.requests.length, 1);
});

test('REPORT line: billed duration, max memory, and Init Duration marking the cold start; shim metrics kept', async (t) => {
  const { api, provider, deploy } = await loopback(t);
  const d = await deploy('hello.js', 'hello', { name: 'fn' });
  const cold = await provider.invoke(d, { sleepMs: 30 });
  assert.equal(cold.status, 'ok', cold.error?.message);
  assert.deepEqual(cold.result, { echo: { sleepMs: 30 } });
  assert.equal(cold.cold, true);
  assert.equal(cold.metrics.initDurationMs, 123.45);
  assert.equal(cold.metrics.maxMemoryUsedMB, 67);
  assert.ok(cold.metrics.billedDurationMs! >= 30, `billed ${cold.metrics.billedDurationMs}`);
  assert.equal(cold.metrics.newcontainer, 1, 'the shim’s own fields are there too');
  assert.ok(cold.metrics.runtime! >= 29);
  assert.ok(cold.roundTripMs >= cold.metrics.runtime!, 'round trip covers the handler');
  assert.ok(cold.clientEnd >= cold.clientStart);
  assert.match(cold.logs!, /^START RequestId: [0-9a-f-]+ Version: \$LATEST\n/);
  assert.match(cold.logs!, /\nREPORT RequestId: .*\tInit Duration: 123\.45 ms\t\n$/);

  const warm = await provider.invoke(d, {});
  assert.equal(warm.cold, false, 'a REPORT without Init Duration is a warm start');
  assert.equal(warm.metrics.initDurationMs, undefined);
  assert.equal(warm.metrics.newcontainer, 0);
  void api;
});

test('no REPORT line (no log tail): cold is left to the shim’s newcontainer', async (t) => {
  const { api, provider, deploy } = await loopback(t);
  const d = await deploy('hello.js', 'hello', { name: 'fn' });
  api.invokeReplies.push({ body: { ok: true, result: 1, metrics: { newcontainer: 1 } }, report: false });
  const inv = await provider.invoke(d, null);
  assert.equal(inv.status, 'ok');
  assert.equal(inv.cold, undefined);
  assert.deepEqual(inv.metrics, { newcontainer: 1 });
  assert.equal(inv.logs, '\n');
});

test('the handler threw (shim answers ok:false): an error record with the error type, message and metrics', async (t) => {
  const { api, provider, deploy } = await loopback(t);
  const d = await deploy('throws.js', 'throws', { name: 'fn' });
  api.invokeReplies.push({
    body: { ok: false, error: { type: 'ValidationError', message: 'bad input: {}', stack: 'ValidationError: bad input\n    at throws (throws.js:7:9)' }, metrics: { newcontainer: 0, runtime: 0.4 } },
    report: { durationMs: 1.5 },
  });
  const inv = await provider.invoke(d, {});
  assert.equal(inv.status, 'error');
  assert.deepEqual(inv.error, { type: 'ValidationError', message: 'bad input: {}', stack: 'ValidationError: bad input\n    at throws (throws.js:7:9)' });
  assert.equal(inv.metrics.runtime, 0.4);
  assert.equal(inv.metrics.billedDurationMs, 2);
});

test('FunctionError Unhandled: errorType and errorMessage from Lambda’s payload, trace as the stack', async (t) => {
  const { api, provider, deploy } = await loopback(t);
  const d = await deploy('hello.js', 'hello', { name: 'fn' });
  api.invokeReplies.push({
    headers: { 'X-Amz-Function-Error': 'Unhandled' },
    body: { errorType: 'Runtime.ImportModuleError', errorMessage: "Error: Cannot find module 'sharp'", trace: ['Runtime.ImportModuleError: Error: Cannot find module', '    at _loadUserApp (file:///var/runtime/index.mjs:1:1)'] },
    log: ['2026-11-23T10:00:00.000Z\tundefined\tERROR\tUncaught Exception'],
    report: { initDurationMs: 80.1 },
  });
  const inv = await provider.invoke(d, {});
  assert.equal(inv.status, 'error');
  assert.deepEqual(inv.error, {
    type: 'Runtime.ImportModuleError',
    message: "Error: Cannot find module 'sharp'",
    stack: 'Runtime.ImportModuleError: Error: Cannot find module\n    at _loadUserApp (file:///var/runtime/index.mjs:1:1)',
  });
  assert.equal(inv.cold, true);
  assert.equal(inv.metrics.initDurationMs, 80.1);
  assert.match(inv.logs!, /Uncaught Exception/);
});

test('timeout and out-of-memory, as the REPORT line and payload tell them, with what to do', async (t) => {
  const { api, provider, deploy } = await loopback(t);
  const d = await deploy('hello.js', 'hello', { name: 'fn', timeoutS: 3, memoryMB: 128 });
  api.invokeReplies.push({
    headers: { 'X-Amz-Function-Error': 'Unhandled' },
    body: { errorMessage: '2026-11-23T10:00:03.010Z 5f0e... Task timed out after 3.00 seconds' },
    report: { durationMs: 3000, extra: 'Status: timeout' },
  });
  const timedOut = await provider.invoke(d, {});
  assert.equal(timedOut.status, 'timeout');
  assert.equal(timedOut.error!.type, 'Timeout');
  assert.match(timedOut.error!.message, /^fn timed out after 3 s \(its timeout\): .*Task timed out after 3\.00 seconds\. If the work needs longer, raise timeout=/);
  assert.equal(timedOut.metrics.billedDurationMs, 3000);

  api.invokeReplies.push({
    headers: { 'X-Amz-Function-Error': 'Unhandled' },
    body: { errorType: 'Runtime.ExitError', errorMessage: 'RequestId: 1 Error: Runtime exited with error: signal: killed' },
    report: { maxMemoryUsedMB: 128, extra: 'Status: error\tError Type: Runtime.OutOfMemory' },
  });
  const oom = await provider.invoke(d, {});
  assert.equal(oom.status, 'error');
  assert.equal(oom.error!.type, 'OutOfMemory');
  assert.match(oom.error!.message, /^fn used 128 MB with a memory size of 128 MB \(RequestId: 1 Error: Runtime exited with error: signal: killed\)\. Use less memory per call, or raise memory=/);
  assert.equal(oom.metrics.maxMemoryUsedMB, 128);
});

test('429 TooManyRequests: one request, returned as status throttled (the runner retries and counts)', async (t) => {
  const { api, provider, deploy } = await loopback(t);
  const d = await deploy('hello.js', 'hello', { name: 'fn' });
  api.requests.length = 0;
  api.invokeReplies.push({
    status: 429,
    headers: { 'x-amzn-ErrorType': 'TooManyRequestsException', 'Retry-After': '1' },
    body: { Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded', Type: 'User', message: 'Rate Exceeded.' },
  });
  const inv = await provider.invoke(d, {});
  assert.equal(inv.status, 'throttled');
  assert.equal(inv.error!.type, 'Throttled');
  assert.match(inv.error!.message, /^Rate exceeded: Lambda throttled fn \(ReservedFunctionConcurrentInvocationLimitExceeded\)/);
  assert.deepEqual(inv.metrics, {});
  assert.ok(inv.roundTripMs >= 0 && inv.clientEnd >= inv.clientStart);
  assert.deepEqual(api.operations(), ['Invoke'], 'no SDK retry behind the runner’s back');
});

test('a Lambda service error (500) is an error record of that call, not retried', async (t) => {
  const { api, provider, deploy } = await loopback(t);
  const d = await deploy('hello.js', 'hello', { name: 'fn' });
  api.requests.length = 0;
  api.invokeReplies.push({ status: 500, headers: { 'x-amzn-ErrorType': 'ServiceException' }, body: { Type: 'Service', message: 'Internal error' } });
  const inv = await provider.invoke(d, {});
  assert.equal(inv.status, 'error');
  assert.deepEqual(inv.error, { type: 'ServiceException', message: 'Lambda could not run the call: Internal error' });
  assert.deepEqual(api.operations(), ['Invoke']);
});

test('a function still Pending: the 409 is not surfaced, the provider waits and calls again', async (t) => {
  const { api, provider, deploy } = await loopback(t);
  const d = await deploy('hello.js', 'hello', { name: 'fn' });
  api.functions.get('fn')!.pendingReads = 2;
  api.requests.length = 0;
  const inv = await provider.invoke(d, { x: 1 });
  assert.equal(inv.status, 'ok', inv.error?.message);
  assert.deepEqual(api.operations(), ['Invoke', 'GetFunctionConfiguration', 'GetFunctionConfiguration', 'GetFunctionConfiguration', 'Invoke']);
  assert.equal(api.ops('Invoke')[1].body.toString(), api.ops('Invoke')[0].body.toString());
});

test('a function that does not exist: the user is told to deploy it', async (t) => {
  const { provider } = await loopback(t);
  const ghost = { platform: 'aws' as const, name: 'ghost', language: 'node' as const, runtime: 'nodejs20.x', memoryMB: 128, timeoutS: 3, codeHash: '', updatedAt: '' };
  await assert.rejects(provider.invoke(ghost, {}), /AWS invoking ghost failed: ResourceNotFoundException: Function not found/);
});

test('wrong credentials: the SigV4 check fails and the user reads what to do', async (t) => {
  const { api } = await loopback(t);
  process.env.AWS_SECRET_ACCESS_KEY = 'not-the-secret';
  const wrong = new AwsLambdaProvider({ region: 'us-east-1', endpoint: api.url, roleArn: ROLE });
  t.after(() => wrong.dispose());
  const readiness = await wrong.readiness();
  assert.equal(readiness.ready, false);
  assert.match((readiness as { message: string }).message, /^AWS rejected the credentials \(InvalidSignatureException\): check the access key of the AWS_ACCESS_KEY_ID/);
  assert.match(api.requests.at(-1)!.sig.problem!, /signature mismatch/);
  process.env.AWS_SECRET_ACCESS_KEY = TEST_CREDENTIALS.secretAccessKey;
});

test('cancelling: an aborted signal stops a call in flight and rejects with AbortError', async (t) => {
  const { api, provider, deploy } = await loopback(t);
  const d = await deploy('hello.js', 'hello', { name: 'fn' });
  const controller = new AbortController();
  const call = provider.invoke(d, { sleepMs: 5_000 }, { signal: controller.signal });
  setTimeout(() => controller.abort(), 50);
  await assert.rejects(call, (err: Error) => err.name === 'AbortError');
  assert.equal(api.inFlight, 1, 'rejected while the function was still running: the call was stopped, not waited for');
});

test('sockets: 300 calls in flight reach the API at once (the SDK default of 50 would queue them); maxSockets caps it', async (t) => {
  const { api, provider, deploy } = await loopback(t, { record: false });
  const d = await deploy('hello.js', 'hello', { name: 'fn' });
  // Each call lasts 1.5 s on the server: long enough for all 300 to be sent even on a busy machine.
  const results = await Promise.all(Array.from({ length: 300 }, () => provider.invoke(d, { sleepMs: 1_500 })));
  assert.ok(results.every((r) => r.status === 'ok'));
  assert.ok(api.maxInFlight >= 250, `max in flight ${api.maxInFlight} (the SDK's default handler stops at 50)`);

  const capped = new AwsLambdaProvider({ region: 'us-east-1', endpoint: api.url, roleArn: ROLE, maxSockets: 10 });
  t.after(() => capped.dispose());
  api.maxInFlight = 0;
  await Promise.all(Array.from({ length: 40 }, () => capped.invoke(d, { sleepMs: 50 })));
  assert.equal(api.maxInFlight, 10);
});

test('a payload over Lambda’s 6 MB synchronous limit is refused before anything is sent, with its size and the limit', async (t) => {
  const { api, provider, deploy } = await loopback(t);
  const d = await deploy('hello.js', 'hello', { name: 'fn' });
  api.requests.length = 0;
  await assert.rejects(
    provider.invoke(d, { data: 'x'.repeat(6 * 1024 * 1024) }),
    (err: unknown) => err instanceof BadInputError && /The payload is 6\.0 MB \(\d+ bytes\) of JSON, over the 6 MB \(6291456 bytes\) limit of a request on AWS Lambda: send a smaller payload/.test(err.message),
  );
  assert.deepEqual(api.requests, [], 'nothing was sent');
});
