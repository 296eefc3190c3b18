// context.invoke on the local platform: a handler calls another deployed function through the
// provider, gets its result or its error, and the call's Invocation carries the nested one.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseAnnotations } from '../../../../src/core/annotations';
import { fixtureArtifact, HANDLERS_DIR } from '../../../fixtures/handlers/artifacts';
import { harness } from './harness';

for (const file of ['caller.js', 'caller.py']) {
  test(`${file}: context.invoke returns the callee's result and the Invocation lists the nested call`, async (t) => {
    const { provider, deploy } = harness(t);
    await deploy('hello.py', 'hello', { name: 'hello-py' });
    const d = await deploy(file, 'caller', { name: `caller-${file.endsWith('.py') ? 'py' : 'js'}` });
    const inv = await provider.invoke(d, { callee: 'hello-py', payload: { name: 'Ada' } });
    assert.equal(inv.status, 'ok', inv.error?.message);
    const answer = (inv.result as { answer: { message: string; function: string } }).answer;
    assert.deepEqual([answer.message, answer.function], ['Hello, Ada!', 'hello-py']);
    assert.equal(inv.nested?.length, 1);
    const nested = inv.nested![0];
    assert.equal(nested.function, 'hello-py');
    assert.equal(nested.status, 'ok');
    assert.deepEqual((nested.result as { message: string }).message, 'Hello, Ada!');
    assert.ok(nested.roundTripMs <= inv.roundTripMs);

    // Warm: the same instances serve the second call.
    const again = await provider.invoke(d, { callee: 'hello-py', payload: { name: 'Bob' } });
    assert.equal(again.cold, false);
    assert.equal(again.nested![0].cold, false);
  });

  test(`${file}: the callee's error and a missing function reach the handler as errors it can catch`, async (t) => {
    const { provider, deploy } = harness(t);
    await deploy('throws.js', 'throws');
    const d = await deploy(file, 'caller');
    const failed = await provider.invoke(d, { callee: 'throws', payload: { x: 1 } });
    assert.equal(failed.status, 'ok', failed.error?.message);
    assert.deepEqual((failed.result as { caught: unknown }).caught, { name: 'ValidationError', message: 'bad input: {"x":1}' });
    assert.equal(failed.nested![0].status, 'error');

    const missing = await provider.invoke(d, { callee: 'nobody' });
    const caught = (missing.result as { caught: { message: string } }).caught;
    assert.match(caught.message, /no local function 'nobody': deploy it first/);
    assert.equal(missing.nested, undefined, 'no call was made');
  });
}

test('FaaSET references=[hello]: hello(request, None) in the function calls the deployed hello', async (t) => {
  const file = path.join(HANDLERS_DIR, 'faaset_caller.py');
  const { functions, problems } = parseAnnotations(file, readFileSync(file, 'utf8'));
  assert.deepEqual(problems, []);
  const spec = functions.find((f) => f.handler === 'faaset_caller')!;
  assert.deepEqual(spec.references, ['hello']);
  const { provider, deploy } = harness(t);
  await deploy('hello.js', 'hello');
  const d = await provider.deploy(spec, await fixtureArtifact(spec));
  const inv = await provider.invoke(d, { name: 'Ada' });
  assert.equal(inv.status, 'ok', inv.error?.message);
  assert.deepEqual((inv.result as { via_stub: { message: string; function: string } }).via_stub.message, 'Hello, Ada!');
  assert.equal(inv.nested?.[0]?.function, 'hello');
});
