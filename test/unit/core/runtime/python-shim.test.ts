import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

const SHIM_DIR = path.resolve(__dirname, '../../../../src/core/runtime/python');

/** Runs Python code with the shim importable as `r`; the code prints one JSON value. */
function python(code: string): Promise<unknown> {
  const script = `import sys, json\nsys.path.insert(0, ${JSON.stringify(SHIM_DIR)})\nimport faaslab_runtime as r\n${code}`;
  return new Promise((resolve, reject) => {
    execFile('python3', ['-c', script], { timeout: 20_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${err.message}\n${stderr}`));
      else resolve(JSON.parse(stdout.trim().split('\n').pop()!));
    });
  });
}

test('run_with_metrics: first call is a new container, metrics follow SAAF names', async () => {
  const out = (await python(`
import time
def h(req, ctx):
    time.sleep(0.03)
    return {"echo": req, "name": ctx.function_name}
ctx = r.Context("fn", 256, "req", time.time() * 1000 + 5000)
a = r.run_with_metrics(h, {"a": 1}, ctx)
b = r.run_with_metrics(h, None, ctx)
print(json.dumps([a, b]))
`)) as { ok: boolean; result: unknown; metrics: Record<string, number | string> }[];
  const [a, b] = out;
  assert.equal(a.ok, true);
  assert.deepEqual(a.result, { echo: { a: 1 }, name: 'fn' });
  assert.equal(a.metrics.newcontainer, 1);
  assert.equal(b.metrics.newcontainer, 0);
  assert.equal(a.metrics.uuid, b.metrics.uuid);
  assert.ok((a.metrics.runtime as number) >= 25, `runtime ${a.metrics.runtime}`);
  assert.equal(a.metrics.lang, 'python');
  assert.equal(a.metrics.functionName, 'fn');
  assert.equal(a.metrics.functionMemory, 256);
  assert.equal(typeof a.metrics.processCpuUserMs, 'number');
  if (process.platform === 'linux') {
    for (const key of ['cpuUserDelta', 'cpuStealDelta', 'contextSwitchesDelta', 'pageFaultsDelta', 'totalMemory', 'freeMemory', 'vmuptime', 'cpuType']) {
      assert.ok(key in a.metrics, key);
    }
    assert.ok((a.metrics.totalMemory as number) > 100, 'kB, as SAAF reports it');
    const memTotalKB = Number(/^MemTotal:\s+(\d+) kB/m.exec(readFileSync('/proc/meminfo', 'utf8'))![1]);
    assert.equal(a.metrics.totalMemory, memTotalKB, 'MemTotal of /proc/meminfo, in kB');
    // /proc/stat ticks are 10 ms: every CPU delta is a whole number of ticks in ms.
    for (const key of ['cpuUserDelta', 'cpuKernelDelta', 'cpuIdleDelta']) assert.equal((a.metrics[key] as number) % 10, 0, `${key} in ms`);
  }
});

test('run_with_metrics: exceptions become records with the user frames; async def is awaited', async () => {
  const out = (await python(`
class QuotaError(Exception):
    pass
def bad(req, ctx):
    raise QuotaError("over quota")
async def later(req, ctx):
    return "awaited"
ctx = r.Context("fn", None, "req", None)
print(json.dumps([r.run_with_metrics(bad, {}, ctx), r.run_with_metrics(later, {}, ctx), ctx.get_remaining_time_in_millis() > 10**9]))
`)) as [{ ok: boolean; error: { type: string; message: string; stack: string } }, { result: string }, boolean];
  const [failed, awaited, noDeadline] = out;
  assert.equal(failed.ok, false);
  assert.equal(failed.error.type, 'QuotaError');
  assert.equal(failed.error.message, 'over quota');
  assert.match(failed.error.stack, /in bad\n/);
  assert.doesNotMatch(failed.error.stack, /run_with_metrics/);
  assert.equal(awaited.result, 'awaited');
  assert.equal(noDeadline, true);
});

test('lambda_handler: plain value outside FaaS Lab, result and metrics for the envelope', async () => {
  const out = (await python(`
class LambdaContext:
    function_name = "lambda-fn"
    memory_limit_in_mb = "512"
    aws_request_id = "req-1"
    def get_remaining_time_in_millis(self):
        return 3000
def h(req, ctx):
    return {"got": req, "fn": ctx.function_name, "mem": ctx.memory_limit_in_mb, "id": ctx.aws_request_id, "left": ctx.get_remaining_time_in_millis() > 2000}
def bad(req, ctx):
    raise ValueError("bad")
entry = r.lambda_handler(h)
plain = entry({"x": 1}, LambdaContext())
wrapped = entry({"__faaslab": {"metrics": True}, "payload": {"x": 2}}, LambdaContext())
failed = r.lambda_handler(bad)({"__faaslab": {"metrics": True}}, LambdaContext())
try:
    r.lambda_handler(bad)({}, LambdaContext())
    raised = None
except ValueError as e:
    raised = str(e)
print(json.dumps([plain, wrapped, failed, raised]))
`)) as [unknown, { ok: boolean; result: unknown; metrics: Record<string, unknown> }, { ok: boolean; error: { type: string } }, string];
  const [plain, wrapped, failed, raised] = out;
  assert.deepEqual(plain, { got: { x: 1 }, fn: 'lambda-fn', mem: 512, id: 'req-1', left: true });
  assert.equal(wrapped.ok, true);
  assert.deepEqual((wrapped.result as { got: unknown }).got, { x: 2 });
  assert.equal(wrapped.metrics.functionName, 'lambda-fn');
  assert.equal(wrapped.metrics.newcontainer, 0, 'the plain call was the first');
  assert.equal(failed.ok, false);
  assert.equal(failed.error.type, 'ValueError');
  assert.equal(raised, 'bad', 'Lambda reports plain-call errors itself');
});

test('a module in the artifact folder loads by module.function; a missing one says what is wrong', async () => {
  const out = (await python(`
try:
    r.load_handler("faaslab_runtime.nothing_here")
    msg = None
except AttributeError as e:
    msg = str(e)
try:
    r.load_handler("nodot")
    msg2 = None
except ValueError as e:
    msg2 = str(e)
print(json.dumps([callable(r.load_handler("faaslab_runtime.error_record")), msg, msg2]))
`)) as [boolean, string, string];
  assert.equal(out[0], true);
  assert.match(out[1], /faaslab_runtime\.py has no function named 'nothing_here'/);
  assert.match(out[2], /must be module\.function/);
});

test('context.invoke where the call brings no way to call another function: the message names the platform it runs on', async () => {
  const message = (env: Record<string, string>) =>
    python(`
import os
os.environ.update(${JSON.stringify(env)})
ctx = r.Context("fn", 256, "req", None)
try:
    ctx.invoke("other", {"a": 1})
    print(json.dumps("no error"))
except RuntimeError as e:
    print(json.dumps(str(e)))
`) as Promise<string>;
  const lambda = await message({ AWS_LAMBDA_FUNCTION_NAME: 'fn', FAASLAB_FUNCTION_NAME: 'fn' });
  assert.equal(lambda, "context.invoke is not available on AWS Lambda: this call did not come through FaaS Lab's shim, which gives the function its way to call another one. " +
    "FaaS Lab's shim gives it on every platform it runs on (local, Docker, AWS Lambda, Google Cloud Functions, Azure Functions): deploy both functions there with FaaS Lab, or call 'other' through its own URL or API from here");
  assert.match(await message({ K_SERVICE: 'fn' }), /^context\.invoke is not available on Google Cloud Functions:/);
  assert.match(await message({ FUNCTIONS_WORKER_RUNTIME: 'python' }), /^context\.invoke is not available on Azure Functions:/);
  assert.match(await message({ FAASLAB_FUNCTION_NAME: 'fn' }), /^context\.invoke is not available on FaaS Lab's Docker platform:/);
  assert.match(await message({}), /^context\.invoke is not available on this machine outside FaaS Lab:/);
});
