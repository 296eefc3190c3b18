// The Python artifact for Google: main.py hands the user's handler to faaslab_gcp.py. Run under
// the real functions_framework when python3 has it; the adapter itself runs on a real Flask
// request (Flask is what the framework passes) when Flask is importable.
import assert from 'node:assert/strict';
import { execFile, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import * as path from 'node:path';
import { test } from 'node:test';
import { fixtureSpec, gcpArtifact, unzipToTemp } from './harness';
import { zipArtifact } from '../../../../src/core/packaging';

function importable(module: string): boolean {
  try {
    execFileSync('python3', ['-c', `import ${module}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

test('packaging for gcp: main.py, the adapter, the shim and requirements with the framework', async () => {
  const spec = fixtureSpec('hello.py', 'hello', { name: 'hello-py', platforms: ['gcp'], requirements: ['requests==2.32.3'] });
  const a = await gcpArtifact(spec);
  assert.equal(a.runtime, 'python312');
  assert.equal(a.entry, 'main.py');
  assert.equal(a.handler, 'hello');
  assert.deepEqual(a.files.map((f) => f.path).sort(), ['faaslab_gcp.py', 'faaslab_runtime.py', 'hello.py', 'main.py', 'requirements.txt']);
  assert.equal(Buffer.from(a.files.find((f) => f.path === 'main.py')!.data).toString(), 'import faaslab_gcp\n\nhello = faaslab_gcp.http_function("hello.hello")\n');
  assert.equal(Buffer.from(a.files.find((f) => f.path === 'requirements.txt')!.data).toString(), 'functions-framework>=3,<4\nrequests==2.32.3\n');
  await assert.rejects(gcpArtifact(fixtureSpec('main.py', 'hello', { file: path.resolve(__dirname, '../../../fixtures/gcp/main.py'), platforms: ['gcp'] })), /main\.py is the file Google Cloud Functions loads/);
});

test('Python entry on a real Flask request: metrics envelope with the header, plain result without, 400 for a body that is not JSON', { skip: importable('flask') ? false : 'python3 cannot import flask' }, async (t) => {
  const spec = fixtureSpec('hello.py', 'hello', { name: 'hello-py', platforms: ['gcp'] });
  const dir = await unzipToTemp(t, await zipArtifact(await gcpArtifact(spec)));
  const script = `
import json, sys, flask
sys.path.insert(0, ${JSON.stringify(dir)})
import main
app = flask.Flask("t")
out = []
for body, headers in ((b'{"name": "Ada"}', {"x-faaslab-metrics": "1"}), (b'', {}), (b'not json', {})):
    with app.test_request_context("/", method="POST", data=body, headers=headers):
        resp = app.make_response(main.hello(flask.request))
        out.append([resp.status_code, json.loads(resp.get_data())])
print(json.dumps(out))
`;
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile('python3', ['-c', script], { env: { ...process.env, K_SERVICE: 'hello-py', FAASLAB_MEMORY_MB: '512' }, timeout: 20_000 }, (err, out, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(out))),
  );
  const [[s1, envelope], [s2, plain], [s3, bad]] = JSON.parse(stdout.trim().split('\n').pop()!) as [number, Record<string, unknown>][];
  assert.equal(s1, 200);
  assert.equal(envelope.ok, true);
  assert.deepEqual((envelope.result as { message: string }).message, 'Hello, Ada!');
  const metrics = envelope.metrics as Record<string, unknown>;
  assert.equal(metrics.newcontainer, 1);
  assert.equal(metrics.lang, 'python');
  assert.equal(metrics.functionName, 'hello-py');
  assert.equal(metrics.functionMemory, 512);
  assert.equal(s2, 200);
  assert.equal((plain as { message: string }).message, 'Hello, world!');
  assert.equal(s3, 400);
  assert.equal((bad as { error: { type: string } }).error.type, 'BadRequest');
});

test('Python artifact under the real functions_framework', { skip: importable('functions_framework') ? false : 'python3 cannot import functions_framework (pip install functions-framework to run this)' }, async (t) => {
  const spec = fixtureSpec('hello.py', 'hello', { name: 'hello-py', platforms: ['gcp'] });
  const dir = await unzipToTemp(t, await zipArtifact(await gcpArtifact(spec)));
  const port = 18000 + Math.floor(Math.random() * 2000);
  const child = spawn('python3', ['-m', 'functions_framework', '--target', 'hello', '--host', '127.0.0.1', '--port', String(port)], { cwd: dir, stdio: 'ignore' });
  t.after(() => child.kill());
  let res: Response | undefined;
  for (let i = 0; i < 100 && !res; i++) {
    res = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', headers: { 'x-faaslab-metrics': '1', 'content-type': 'application/json' }, body: '{"name":"Ada"}' }).catch(() => undefined);
    if (!res) await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(res, 'the framework started');
  const body = (await res.json()) as { ok: boolean; result: { message: string } };
  assert.equal(body.ok, true);
  assert.equal(body.result.message, 'Hello, Ada!');
  child.kill();
  await once(child, 'exit');
});
