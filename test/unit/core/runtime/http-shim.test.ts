// The shims' HTTP entry (what a container runs), without Docker: the packaged Node bundle and
// faaslab_runtime.py --http started as processes on a free loopback port, called over HTTP.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test, type TestContext } from 'node:test';
import { buildArtifact } from '../../../../src/core/packaging';
import { fixtureSpec, RUNTIME_DIR } from '../../../fixtures/handlers/artifacts';
import { freePort } from '../../../../src/providers/shared/ports';

interface Shim {
  port: number;
  child: ChildProcess;
  post(body: string, metrics: boolean): Promise<{ status: number; json: unknown }>;
  get(urlPath: string): Promise<{ status: number; json: unknown }>;
}


/** Packages `file`'s `handler` for the docker target and starts its HTTP entry as a process. */
async function startShim(t: TestContext, file: string, handler: string): Promise<Shim> {
  const spec = fixtureSpec(file, handler, { platforms: ['docker'] });
  const artifact = await buildArtifact(spec, { target: 'docker', runtimeDir: RUNTIME_DIR });
  const dir = mkdtempSync(path.join(tmpdir(), 'faaslab-http-shim-'));
  for (const f of artifact.files) {
    mkdirSync(path.dirname(path.join(dir, f.path)), { recursive: true });
    writeFileSync(path.join(dir, f.path), f.data);
  }
  const port = await freePort();
  const env = { ...process.env, PORT: String(port), FAASLAB_HTTP_HOST: '127.0.0.1', FAASLAB_MEMORY_MB: '256', FAASLAB_HANDLER: artifact.handler };
  const [command, args] = artifact.language === 'node' ? ['node', ['--enable-source-maps', artifact.entry]] : ['python3', ['-u', artifact.entry, '--http']];
  const child = spawn(command, args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdout!.resume();
  t.after(() => {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });
  const request = async (method: string, urlPath: string, body?: string, metrics = false) => {
    const headers: Record<string, string> = metrics ? { 'x-faaslab-metrics': '1' } : {};
    const res = await fetch(`http://127.0.0.1:${port}${urlPath}`, { method, body, headers });
    return { status: res.status, json: (await res.json()) as unknown };
  };
  const shim: Shim = { port, child, post: (body, metrics) => request('POST', '/', body, metrics), get: (p) => request('GET', p) };
  for (let waited = 0; ; waited += 20) {
    try {
      if ((await shim.get('/healthz')).status === 200) return shim;
    } catch {
      // not listening yet
    }
    if (waited > 10_000 || child.exitCode !== null) throw new Error(`${file} did not answer /healthz: ${stderr}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

for (const [lang, hello, throws] of [
  ['Node', 'hello.js', 'throws.js'],
  ['Python', 'hello.py', 'throws.py'],
] as const) {
  test(`${lang} HTTP entry: plain result for outside callers, result and metrics with x-faaslab-metrics`, async (t) => {
    const shim = await startShim(t, hello, 'hello');
    const health = (await shim.get('/healthz')).json as { ok: boolean; uuid: string; lang: string };
    assert.equal(health.ok, true);
    assert.match(health.uuid, /^[0-9a-f-]{36}$/);
    assert.equal(health.lang, lang === 'Node' ? 'node' : 'python');
    // OpenFaaS's probes ask of-watchdog's health path: the same answer.
    assert.deepEqual((await shim.get('/_/health')).json, health);

    const plain = await shim.post('{"name":"Ada"}', false);
    assert.equal(plain.status, 200);
    assert.equal((plain.json as { message: string }).message, 'Hello, Ada!');

    const enveloped = await shim.post('{"name":"Bob"}', true);
    const outcome = enveloped.json as { ok: boolean; result: { message: string; function: string }; metrics: Record<string, unknown> };
    assert.equal(enveloped.status, 200);
    assert.equal(outcome.ok, true);
    assert.equal(outcome.result.message, 'Hello, Bob!');
    assert.equal(outcome.metrics.uuid, health.uuid, 'the instance reports the uuid its health check gave');
    assert.equal(outcome.metrics.newcontainer, 0, 'the plain call before was its first');
    assert.equal(outcome.metrics.functionMemory, 256);
    assert.equal(typeof outcome.metrics.runtime, 'number');

    const empty = await shim.post('', true);
    assert.equal((empty.json as { ok: boolean }).ok, true, 'no body: the handler gets no payload');
    const bad = await shim.post('{not json', true);
    assert.equal(bad.status, 400);
    assert.match((bad.json as { error: { message: string } }).error.message, /not JSON/);
    assert.equal((await shim.get('/nothing')).status, 404);
  });

  test(`${lang} HTTP entry: a thrown error is HTTP 500 for outside callers, an error record with metrics for FaaS Lab`, async (t) => {
    const shim = await startShim(t, throws, 'throws');
    const plain = await shim.post('{"n":1}', false);
    assert.equal(plain.status, 500);
    const plainError = (plain.json as { error: { type: string; message: string } }).error;
    assert.equal(plainError.type, 'ValidationError');
    assert.match(plainError.message, /bad input/);

    const enveloped = await shim.post('{"n":2}', true);
    assert.equal(enveloped.status, 200);
    const outcome = enveloped.json as { ok: boolean; error: { type: string; stack: string }; metrics: { runtime?: number } };
    assert.equal(outcome.ok, false);
    assert.equal(outcome.error.type, 'ValidationError');
    assert.match(outcome.error.stack, /throws\.(js|py)/);
    assert.equal(typeof outcome.metrics.runtime, 'number');

      // Node's fixture returns a circular object; Python's a NaN: neither is JSON.
    const notJson = await shim.post(lang === 'Node' ? '{"circular":true}' : '{"nan":true}', true);
    assert.equal((notJson.json as { error: { type: string } }).error.type, 'ResultNotSerializable');
  });

  test(`${lang} HTTP entry: SIGTERM ends it (PID 1 in a container has no default handler)`, async (t) => {
    const shim = await startShim(t, hello, 'hello');
    const exited = once(shim.child, 'exit');
    shim.child.kill('SIGTERM');
    const [code] = (await exited) as [number | null];
    assert.equal(code, 0);
  });
}
