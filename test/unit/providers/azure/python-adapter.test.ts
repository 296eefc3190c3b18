// faaslab_azure.handle: the part of the Python trigger that needs no Functions host (the host
// and the azure-functions package are not on this machine).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';

const SHIM_DIR = path.resolve(__dirname, '../../../../src/core/runtime/python');
const HANDLERS = path.resolve(__dirname, '../../../fixtures/handlers');

test('handle: metrics envelope with the header, plain result without, 400 for a body that is not JSON', async () => {
  const script = `
import json, sys
sys.path[:0] = [${JSON.stringify(SHIM_DIR)}, ${JSON.stringify(HANDLERS)}]
import faaslab_azure, faaslab_runtime
h = faaslab_runtime.load_handler("hello.hello")
out = [faaslab_azure.handle(h, "hello-py", b'{"name": "Ada"}', {"x-faaslab-metrics": "1"}, "inv-9"),
       faaslab_azure.handle(h, "hello-py", b'', {}),
       faaslab_azure.handle(h, "hello-py", b'nope', {})]
print(json.dumps([[s, json.loads(b)] for s, b in out]))
`;
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile('python3', ['-c', script], { env: { ...process.env, FAASLAB_MEMORY_MB: '2048' }, timeout: 20_000 }, (err, out, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(out))),
  );
  const [[s1, envelope], [s2, plain], [s3, bad]] = JSON.parse(stdout.trim()) as [number, Record<string, unknown>][];
  assert.equal(s1, 200);
  assert.equal(envelope.ok, true);
  assert.deepEqual(envelope.result, { message: 'Hello, Ada!', function: 'hello-py', requestId: 'inv-9' });
  assert.equal((envelope.metrics as Record<string, unknown>).functionMemory, 2048);
  assert.equal(s2, 200);
  assert.equal((plain as { message: string }).message, 'Hello, world!');
  assert.equal(s3, 400);
  assert.equal((bad as { error: { type: string } }).error.type, 'BadRequest');
});
