// context.invoke on the real Docker engine: a handler in a container (Node and Python) calls
// another deployed function through the provider's loopback endpoint, gets its result or its
// error, and the call's Invocation carries the nested one.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';
import { endpointInvoker } from '../../../../src/core/runtime/node/nested';
import { INVOKE_TOKEN_HEADER } from '../../../../src/core/runtime/node/protocol';
import { InvokeEndpoint } from '../../../../src/providers/shared/invoke-endpoint';
import { freePort } from '../../../../src/providers/shared/ports';
import { harness } from './harness';

const SHIM_DIR = path.resolve(__dirname, '../../../../src/core/runtime/python');

for (const file of ['caller.js', 'caller.py']) {
  test(`Docker ${file}: context.invoke returns the callee's result, its error, and says when a function is missing`, async (t) => {
    const h = await harness(t);
    if (!h) return;
    const hello = await h.deploy('hello.py', 'hello');
    const throws = await h.deploy('throws.js', 'throws');
    const d = await h.deploy(file, 'caller');
    const inv = await h.provider.invoke(d, { callee: hello.name, payload: { name: 'Ada' } });
    assert.equal(inv.status, 'ok', inv.error?.message);
    const answer = (inv.result as { answer: { message: string } }).answer;
    assert.equal(answer.message, 'Hello, Ada!');
    assert.equal(inv.nested?.length, 1);
    const nested = inv.nested![0];
    assert.deepEqual([nested.function, nested.status, nested.cold], [hello.name, 'ok', true]);
    assert.equal(typeof nested.metrics.runtime, 'number');
    assert.ok(nested.roundTripMs <= inv.roundTripMs);

    const again = await h.provider.invoke(d, { callee: hello.name, payload: { name: 'Bob' } });
    assert.deepEqual([again.cold, again.nested![0].cold], [false, false], 'warm containers serve both calls the second time');

    const failed = await h.provider.invoke(d, { callee: throws.name, payload: { x: 1 } });
    assert.deepEqual((failed.result as { caught: unknown }).caught, { name: 'ValidationError', message: 'bad input: {"x":1}' });
    assert.equal(failed.nested![0].status, 'error');

    const missing = await h.provider.invoke(d, { callee: 'nobody' });
    assert.match((missing.result as { caught: { message: string } }).caught.message, /no Docker function 'nobody': deploy it first/);
    assert.equal(missing.nested, undefined, 'no call was made');
  });
}

test('the invoke endpoint answers only a token it granted, and forgets a released one', async () => {
  const endpoint = new InvokeEndpoint();
  const calls: string[] = [];
  const grant = await endpoint.grant(async (name) => (calls.push(name), { ok: true, result: name.toUpperCase() }));
  const post = (token: string | undefined, body: string) =>
    fetch(`http://127.0.0.1:${grant.port}/invoke`, { method: 'POST', headers: token ? { [INVOKE_TOKEN_HEADER]: token } : {}, body });
  try {
    const ok = await post(grant.token, JSON.stringify({ name: 'abc', payload: 1 }));
    assert.deepEqual([ok.status, await ok.json()], [200, { ok: true, result: 'ABC' }]);
    for (const token of [undefined, 'wrong', grant.token.slice(1) + 'x']) {
      const refused = await post(token, JSON.stringify({ name: 'abc' }));
      assert.equal(refused.status, 403);
    }
    const bad = await post(grant.token, '{"payload": 1}');
    assert.equal(bad.status, 400);
    assert.match(((await bad.json()) as { error: { message: string } }).error.message, /name must be the name of a deployed FaaS Lab function/);
    grant.release();
    assert.equal((await post(grant.token, JSON.stringify({ name: 'abc' }))).status, 403);
    assert.deepEqual(calls, ['abc']);
  } finally {
    await endpoint.close();
  }
});

test('a container that cannot reach the endpoint says where it looked and what to set (Node and Python shims)', async () => {
  const port = await freePort();
  const env = { FAASLAB_INVOKE_URL: `http://127.0.0.1:${port}/invoke`, FAASLAB_INVOKE_TOKEN: 'tok' };
  const expected = new RegExp(`^context\\.invoke could not reach FaaS Lab at http://127\\.0\\.0\\.1:${port}/invoke \\(.*ECONNREFUSED.*\\): the Docker provider answers there while it runs the call; .*set faasLab\\.docker\\.networkMode to host$`);
  await assert.rejects(endpointInvoker(env)!('other', {}), { message: expected });
  const script = `import sys\nsys.path.insert(0, ${JSON.stringify(SHIM_DIR)})\nimport faaslab_runtime as r\ntry:\n    r._endpoint_invoker(${JSON.stringify(env)})("other", {})\nexcept RuntimeError as e:\n    print(e)`;
  const out = await new Promise<string>((resolve, reject) => execFile('python3', ['-c', script], (err, stdout) => (err ? reject(err) : resolve(stdout.trim()))));
  assert.match(out, new RegExp(expected.source.replace('ECONNREFUSED', '(ECONNREFUSED|Connection refused)')));
  assert.equal(endpointInvoker({}), undefined, 'no endpoint set: no context.invoke through it');
});
