// The HTTP function stub as the benchmark runs it: its own process, URL on the first line.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { test } from 'node:test';
import { HttpStubProvider } from '../../../fixtures/http-stub/provider';
import { FunctionStub } from '../../../fixtures/http-stub/server';

const MAIN = path.resolve(__dirname, '../../../fixtures/http-stub/main.ts');

test('the stub runs standalone, prints its URL first, sleeps as told and throttles the first K calls', async (t) => {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, '--port', '0', '--sleep-ms', '50', '--throttle-first', '1'], { stdio: ['ignore', 'pipe', 'inherit'] });
  t.after(() => child.kill('SIGTERM'));
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`stub exited with ${code}`)));
  });
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
  const provider = new HttpStubProvider({ url, functionName: 'fn' });
  t.after(() => provider.dispose());
  const dep = (await provider.get('fn'))!;
  const first = await provider.invoke(dep, {});
  assert.equal(first.status, 'throttled');
  const second = await provider.invoke(dep, { hello: 1 });
  assert.equal(second.status, 'ok');
  assert.deepEqual(second.result, { echo: { hello: 1 } });
  assert.equal(second.metrics.newcontainer, 1);
  assert.ok((second.metrics.runtime ?? 0) >= 49);
  const third = await provider.invoke(dep, { sleepMs: 0 });
  assert.equal(third.metrics.newcontainer, 0);
  assert.equal(third.metrics.uuid, second.metrics.uuid);
  const failed = await provider.invoke(dep, { fail: 'nope', sleepMs: 0 });
  assert.equal(failed.status, 'error');
  assert.deepEqual(failed.error, { type: 'HandlerError', message: 'nope' });
  const stats = await provider.stats();
  assert.deepEqual({ requests: stats.requests, throttled: stats.throttled, failed: stats.failed, instances: stats.instancesCreated }, { requests: 4, throttled: 1, failed: 1, instances: 1 });
});

test('the stub answers 429 while more than N requests are in flight', async (t) => {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, '--sleep-ms', '100', '--throttle-above', '2'], { stdio: ['ignore', 'pipe', 'inherit'] });
  t.after(() => child.kill('SIGTERM'));
  const url = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
  const provider = new HttpStubProvider({ url, functionName: 'fn' });
  t.after(() => provider.dispose());
  const dep = (await provider.get('fn'))!;
  const results = await Promise.all(Array.from({ length: 5 }, () => provider.invoke(dep, {})));
  assert.equal(results.filter((r) => r.status === 'ok').length, 2);
  assert.equal(results.filter((r) => r.status === 'throttled').length, 3);
});

test('the stub provider honours its abort signal: an abort mid-call destroys the request, an aborted signal sends none', async (t) => {
  const stub = new FunctionStub({ defaultSleepMs: 0 });
  const url = await stub.start();
  const provider = new HttpStubProvider({ url, functionName: 'fn' });
  t.after(async () => {
    await provider.dispose();
    await stub.close();
  });
  const dep = (await provider.get('fn'))!;
  const controller = new AbortController();
  // A provider that ignored its signal would get this call's answer after 3 s, not reject.
  const call = provider.invoke(dep, { sleepMs: 3000 }, { signal: controller.signal });
  // Abort once the stub holds the request.
  while ((await provider.stats()).inFlight === 0) await new Promise((r) => setTimeout(r, 10));
  controller.abort(new Error('given up'));
  await assert.rejects(call, (err: Error) => err.name === 'AbortError' && (err.cause as Error).message === 'given up');
  // The stub sees its connection close: the request is gone, not left sleeping.
  while ((await provider.stats()).inFlight !== 0) await new Promise((r) => setTimeout(r, 10));
  await assert.rejects(provider.invoke(dep, {}, { signal: controller.signal }), { name: 'AbortError' });
  assert.equal((await provider.stats()).requests, 1, 'no request for an aborted signal');
  // The provider still works after an abort.
  assert.equal((await provider.invoke(dep, { sleepMs: 0 }, { signal: new AbortController().signal })).status, 'ok');
});
