// Link Existing Endpoint… and Unlink against the real http platform reading the workspace's
// .faaslab/links.json, and the confirmations every change to a function FaaS Lab did not create
// needs, against the real local platform. Answers are scripted; effects read back from disk and platform.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { Deployment } from '../../../../src/core/model';
import { changeMemory } from '../../../../src/extension/commands/change-memory';
import { changeTimeout } from '../../../../src/extension/commands/change-timeout';
import { deleteFunction } from '../../../../src/extension/commands/delete-function';
import { linkEndpoint } from '../../../../src/extension/commands/link-endpoint';
import { unlinkFunction } from '../../../../src/extension/commands/unlink-function';
import { deploy } from '../../../../src/extension/commands/deploy';
import { runExperiment } from '../../../../src/extension/commands/run-experiment';
import type { ExperimentFileRun } from '../../../../src/core/experiment/run-file';
import { ProviderRegistry } from '../../../../src/providers/registry';
import type { Provider } from '../../../../src/core/model';
import { fileUri } from './workspace';
import type { FunctionNode } from '../../../../src/extension/tree/nodes';
import { HttpEndpointProvider } from '../../../../src/providers/http';
import { LinkStore, linksFileOf } from '../../../../src/providers/shared/links';
import { answering } from './scripted-input';
import { testWorkspace } from './workspace';

const ws = testWorkspace('link-commands');
const http = new HttpEndpointProvider(new LinkStore(linksFileOf(ws.root)));
after(() => ws.dispose());
before(() => ws.ctx.platformsFor().register(http));

test('Link Existing Endpoint… asks name and URL (checking both), persists the link, and the http platform lists it', async () => {
  const linked = (await answering(
    [
      { input: 'Link Existing Endpoint: function name', type: 'orders' },
      { input: 'Link Existing Endpoint: URL of orders', type: 'http://127.0.0.1:8080/function/orders' },
    ],
    (ui) => linkEndpoint(ws.ctx, ui),
  )) as Deployment;
  assert.deepEqual([linked.name, linked.platform, linked.endpoint, linked.managed], ['orders', 'http', 'http://127.0.0.1:8080/function/orders', false]);
  assert.equal(ws.output.at(-1), 'Linked orders on HTTP endpoint → http://127.0.0.1:8080/function/orders: FaaS Lab invokes it but never changes or deletes it');
  assert.equal(ws.deploymentChanges, 1);
  const file = JSON.parse(readFileSync(linksFileOf(ws.root), 'utf8'));
  assert.deepEqual(file.links.map((l: { name: string; url: string }) => [l.name, l.url]), [['orders', 'http://127.0.0.1:8080/function/orders']]);
  // Another provider over the same workspace (another window, the CLI) finds it.
  assert.equal((await new HttpEndpointProvider(new LinkStore(linksFileOf(ws.root))).get('orders'))?.endpoint, 'http://127.0.0.1:8080/function/orders');

  // A name or URL the link cannot take is refused by the input's validation (the scripted answer fails it).
  await assert.rejects(
    answering([{ input: 'function name', type: '../up' }], (ui) => linkEndpoint(ws.ctx, ui)),
    /cannot name a linked function/,
  );
  await assert.rejects(
    answering(
      [
        { input: 'function name', type: 'x' },
        { input: 'URL of x', type: 'ftp://nope' },
      ],
      (ui) => linkEndpoint(ws.ctx, ui),
    ),
    /is not an http:\/\/ or https:\/\/ URL/,
  );
  // Linking a name again asks before replacing it; Cancel keeps the old URL.
  await answering(
    [
      { input: 'function name', type: 'orders' },
      { input: 'URL of orders', type: 'http://127.0.0.1:9090/other' },
      { confirm: /orders is linked to http:\/\/127\.0\.0\.1:8080\/function\/orders already/, answer: false },
    ],
    (ui) => linkEndpoint(ws.ctx, ui),
  );
  assert.equal((await http.get('orders'))?.endpoint, 'http://127.0.0.1:8080/function/orders');
});

test('Unlink forgets the link only; Delete on an endpoint says to unlink instead', async () => {
  const node: FunctionNode = { kind: 'function', provider: http, deployment: (await http.get('orders'))!, linked: true };
  await assert.rejects(answering([], (ui) => deleteFunction(ws.ctx, ui, node)), /HTTP endpoint FaaS Lab does not own, so it never deletes it: use Unlink/);
  assert.equal(await answering([], (ui) => unlinkFunction(ws.ctx, ui, node)), true);
  assert.equal(ws.output.at(-1), 'Unlinked orders from HTTP endpoint; http://127.0.0.1:8080/function/orders itself is unchanged');
  assert.equal(await http.get('orders'), undefined);
  assert.deepEqual(JSON.parse(readFileSync(linksFileOf(ws.root), 'utf8')).links, []);
});

test('a function FaaS Lab did not create: memory, timeout and delete each ask first, in words that say so', async () => {
  ws.activeFile = ws.write('theirs.js', '// @faas memory=128 timeout=10 platforms=local\nexport async function theirs() {\n  return 1;\n}\n');
  await answering([], (ui) => deploy(ws.ctx, ui));
  // As a cloud provider reports a function someone else made.
  const node = async (): Promise<FunctionNode> => ({ kind: 'function', provider: ws.provider, deployment: { ...(await ws.provider.get('theirs'))!, managed: false } });

  await answering(
    [
      { pick: 'Memory for theirs', choose: '256 MB' },
      { confirm: /^theirs on Local was not created by FaaS Lab\. Change its configuration anyway\?$/, answer: false },
    ],
    async (ui) => changeMemory(ws.ctx, ui, await node()),
  );
  assert.equal((await ws.provider.get('theirs'))?.memoryMB, 128, 'Cancel changes nothing');
  await answering(
    [
      { pick: 'Memory for theirs', choose: '256 MB' },
      { confirm: 'was not created by FaaS Lab', answer: true },
    ],
    async (ui) => changeMemory(ws.ctx, ui, await node()),
  );
  assert.equal((await ws.provider.get('theirs'))?.memoryMB, 256);
  await answering(
    [
      { input: 'Timeout (seconds, 1 to 900)', type: '20' },
      { confirm: 'was not created by FaaS Lab', answer: false },
    ],
    async (ui) => changeTimeout(ws.ctx, ui, await node()),
  );
  assert.equal((await ws.provider.get('theirs'))?.timeoutS, 10);

  await answering([{ confirm: /^theirs on Local was not created by FaaS Lab\. Delete it anyway\? /, answer: false }], async (ui) => deleteFunction(ws.ctx, ui, await node()));
  assert.ok(await ws.provider.get('theirs'), 'Cancel keeps it');
  await answering([{ confirm: 'Delete it anyway?', answer: true }], async (ui) => deleteFunction(ws.ctx, ui, await node()));
  assert.equal(await ws.provider.get('theirs'), undefined);
});

test('an experiment whose memory settings would change a function FaaS Lab did not create runs only after Run Anyway', async () => {
  ws.activeFile = ws.write('other.js', '// @faas memory=128 timeout=10 platforms=local\nexport async function other() {\n  return 2;\n}\n');
  await answering([], (ui) => deploy(ws.ctx, ui));
  // The real local platform, reporting its function as a cloud reports one someone else made.
  const local = ws.provider;
  const asTheirs: Provider = Object.assign(Object.create(local) as Provider, { get: async (name: string) => ({ ...(await local.get(name))!, managed: false }) });
  const registry = new ProviderRegistry();
  registry.register(asTheirs);
  const ctx = { ...ws.ctx, platformsFor: () => registry };
  const file = ws.write('other.experiment.json', JSON.stringify({ function: 'other', platform: 'local', memorySettings: [256], runs: 1 }));

  const refused = await answering([{ confirm: /^other on Local was not created by FaaS Lab\. Change its configuration anyway\? The experiment's memory settings/, answer: false }], (ui) => runExperiment(ctx, ui, fileUri(file)));
  assert.equal(refused, undefined);
  assert.match(ws.output.at(-1)!, /^Not run: other on Local was not created by FaaS Lab\. FaaS Lab only invokes it unless you confirm: set "memorySettings": \[\]/);
  assert.equal((await local.get('other'))?.memoryMB, 128);

  const run = (await answering([{ confirm: 'was not created by FaaS Lab', answer: true }], (ui) => runExperiment(ctx, ui, fileUri(file)))) as ExperimentFileRun;
  assert.equal(run.status, 'completed');
  assert.deepEqual(run.summary.groups.map((g) => [g.n]), [[1]]);
});
