// The Functions view's and the CodeLens's commands, run as plain functions against the real local
// platform: a real handler packaged and deployed, answers scripted, effects read back from the platform.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { resolveFunctionRef } from '../../../../src/core/functions/find';
import type { Deployment, Invocation } from '../../../../src/core/model';
import { changeMemory } from '../../../../src/extension/commands/change-memory';
import { changeTimeout } from '../../../../src/extension/commands/change-timeout';
import { deleteFunction } from '../../../../src/extension/commands/delete-function';
import { deploy } from '../../../../src/extension/commands/deploy';
import { invokeDeployed } from '../../../../src/extension/commands/function-invoke';
import { invoke } from '../../../../src/extension/commands/invoke';
import type { FunctionNode } from '../../../../src/extension/tree/nodes';
import { answering } from './scripted-input';
import { testWorkspace } from './workspace';

const ws = testWorkspace('commands');
after(() => ws.dispose());

const HELLO = `// @faas memory=128 timeout=10 platforms=local
export async function hello(request, context) {
  return { message: \`Hello, \${request.name ?? 'world'}!\` };
}
`;
let helloFile: string;

async function node(): Promise<FunctionNode> {
  const deployment = await ws.provider.get('hello');
  assert.ok(deployment, 'hello is deployed');
  return { kind: 'function', provider: ws.provider, deployment };
}

before(async () => {
  helloFile = ws.write('hello.js', HELLO);
});

test('deploy from the active editor packages and deploys once; the same code again is not redeployed', async () => {
  ws.activeFile = helloFile;
  const first = (await answering([], (ui) => deploy(ws.ctx, ui))) as Deployment;
  assert.equal(first.name, 'hello');
  assert.equal(first.memoryMB, 128);
  assert.deepEqual(ws.saved, [helloFile], 'the file is saved before it is packaged');
  assert.equal(ws.progress.at(-1)?.title, 'FaaS Lab: hello → Local');
  assert.match(ws.output.at(-1)!, /hello on Local: deployed in \d+ ms \(128 MB, timeout 10 s, code [0-9a-f]{12}\)/);
  assert.equal(ws.deploymentChanges, 1);

  const second = (await answering([], (ui) => deploy(ws.ctx, ui))) as Deployment;
  assert.equal(second.codeHash, first.codeHash);
  assert.match(ws.output.at(-1)!, /hello on Local: unchanged — not redeployed/);
  assert.equal(ws.deploymentChanges, 1, 'nothing changed, no refresh');
});

test('change memory: a listed size, another typed in, and Escape that changes nothing', async () => {
  await answering([{ pick: 'Memory for hello', choose: '512 MB' }], async (ui) => changeMemory(ws.ctx, ui, await node()));
  assert.equal((await ws.provider.get('hello'))?.memoryMB, 512);
  assert.equal(ws.output.at(-1), 'hello on Local: memory 128 → 512 MB');

  await answering(
    [
      { pick: 'Memory for hello', choose: 'Other…' },
      { input: 'Memory (MB, 128 to 10240)', type: '300' },
    ],
    async (ui) => changeMemory(ws.ctx, ui, await node()),
  );
  assert.equal((await ws.provider.get('hello'))?.memoryMB, 300);

  const shown = ws.progress.length;
  await answering([{ pick: 'Memory for hello', choose: undefined }], async (ui) => changeMemory(ws.ctx, ui, await node()));
  assert.equal((await ws.provider.get('hello'))?.memoryMB, 300);
  assert.equal(ws.progress.length, shown, 'no configure call was made');
});

test('change timeout: the new timeout is what the platform then reports', async () => {
  await answering([{ input: 'Timeout (seconds, 1 to 900)', type: '45' }], async (ui) => changeTimeout(ws.ctx, ui, await node()));
  assert.equal((await ws.provider.get('hello'))?.timeoutS, 45);
  assert.equal(ws.output.at(-1), 'hello on Local: timeout 10 → 45 s');
});

test('invoke with a picked payload file, then again from the view with the recent payload edited', async () => {
  ws.write('ada.payload.json', '{"name": "Ada"}');
  const spec = await resolveFunctionRef(`${helloFile}:hello`);
  const inv = (await answering([{ pick: 'Payload for hello', choose: 'ada.payload.json' }], (ui) => invoke(ws.ctx, ui, spec))) as Invocation;
  assert.equal(inv.status, 'ok');
  assert.deepEqual(inv.result, { message: 'Hello, Ada!' });
  assert.ok(ws.output.some((l) => l.includes('"message": "Hello, Ada!"')), 'the result is in the output');

  // The payload just used is offered first, as recent, and opens prefilled for editing.
  const again = (await answering(
    [
      { pick: 'Payload for hello', choose: '{"name":"Ada"}' },
      { input: 'Payload for hello (JSON)', type: '{"name": "Grace"}' },
    ],
    async (ui) => invokeDeployed(ws.ctx, ui, await node()),
  )) as Invocation;
  assert.deepEqual(again.result, { message: 'Hello, Grace!' });
  assert.match(ws.output.find((l) => l.startsWith('── hello · ok')) ?? '', /round trip [\d.]+ ms/);
});

test('a payload file that is not JSON is refused with its name and an example', async () => {
  ws.write('broken.payload.json', '{name: Ada}');
  await assert.rejects(
    answering([{ pick: 'Payload for hello', choose: 'broken.payload.json' }], async (ui) => invokeDeployed(ws.ctx, ui, await node())),
    /broken\.payload\.json: Not valid JSON: .*Example: \{"name": "Ada"\}/,
  );
});

test('delete: cancel keeps the function, confirm removes it from the platform', async () => {
  const kept = await answering([{ confirm: 'Delete hello from Local?', answer: false }], async (ui) => deleteFunction(ws.ctx, ui, await node()));
  assert.equal(kept, false);
  assert.ok(await ws.provider.get('hello'), 'still deployed');

  const changes = ws.deploymentChanges;
  await answering([{ confirm: 'Delete hello from Local?', answer: true }], async (ui) => deleteFunction(ws.ctx, ui, await node()));
  assert.equal(await ws.provider.get('hello'), undefined);
  assert.equal(ws.output.at(-1), 'Deleted hello from Local');
  assert.equal(ws.deploymentChanges, changes + 1);
});
