// What the packager ships to Azure: the v4-model Node bundle (with @azure/functions inlined, the
// host's core API left to the host), host.json and package.json; the v2-model Python app.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildArtifact } from '../../../../src/core/packaging';
import { RUNTIME_DIR, fixtureSpec } from '../../../fixtures/handlers/artifacts';

test('node: index.js registers the trigger, package.json main, host.json v2 with the extension bundle', async () => {
  const a = await buildArtifact(fixtureSpec('hello.js', 'hello', { name: 'hello-node', platforms: ['azure'] }), { target: 'azure', runtimeDir: RUNTIME_DIR });
  assert.equal(a.runtime, 'node 20');
  assert.equal(a.entry, 'index.js');
  assert.equal(a.handler, 'hello-node');
  assert.deepEqual(a.files.map((f) => f.path).sort(), ['host.json', 'index.js', 'package.json']);
  const text = (p: string) => Buffer.from(a.files.find((f) => f.path === p)!.data).toString();
  assert.equal(JSON.parse(text('package.json')).main, 'index.js');
  assert.equal(JSON.parse(text('host.json')).version, '2.0');
  const bundle = text('index.js');
  assert.match(bundle, /require\("@azure\/functions-core"\)/, 'the host provides its core API');
  assert.match(bundle, /registerAzureHttp\(/);
  assert.match(bundle, /authLevel: "function"/);
});

test('python: function_app.py builds the FunctionApp from faaslab_azure; requirements carry azure-functions', async () => {
  const a = await buildArtifact(fixtureSpec('hello.py', 'hello', { name: 'hello-py', platforms: ['azure'] }), { target: 'azure', runtimeDir: RUNTIME_DIR });
  assert.equal(a.runtime, 'python 3.11');
  assert.equal(a.entry, 'function_app.py');
  assert.deepEqual(a.files.map((f) => f.path).sort(), ['faaslab_azure.py', 'faaslab_runtime.py', 'function_app.py', 'hello.py', 'host.json', 'requirements.txt']);
  const text = (p: string) => Buffer.from(a.files.find((f) => f.path === p)!.data).toString();
  assert.equal(text('function_app.py'), 'import faaslab_azure\n\napp = faaslab_azure.function_app("hello.hello", "hello-py")\n');
  assert.equal(text('requirements.txt'), 'azure-functions\n');
});
