// The cloud SDKs live in one platform bundle each (dist/providers/<id>.js), which extension.js and
// cli.js require on first use and share. Reads the build `npm run build` wrote (npm test builds first).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { promisify } from 'node:util';

const REPO = path.resolve(__dirname, '../../..');
const METAFILE = path.join(REPO, 'dist/metafile.json');
const PLATFORMS = ['aws', 'gcp', 'azure', 'docker', 'openfaas'] as const;
/** The SDK packages a platform bundle carries, by where they sit in node_modules. */
const SDK = /node_modules\/(@aws-sdk\/[^/]+|@google-cloud\/functions|google-gax|@azure\/(?:arm-appservice|identity|msal-node)|dockerode|ssh2)\//;
const run = promisify(execFile);

interface Metafile {
  outputs: Record<string, { inputs: Record<string, unknown> }>;
}

function metafile(): Metafile {
  assert.ok(existsSync(METAFILE), `${METAFILE} is missing: run 'npm run build' first`);
  return JSON.parse(readFileSync(METAFILE, 'utf8')) as Metafile;
}

const inputsOf = (meta: Metafile, output: string) => Object.keys(meta.outputs[output]?.inputs ?? {});
const sdksOf = (meta: Metafile, output: string) => new Set(inputsOf(meta, output).flatMap((f) => SDK.exec(f)?.[1] ?? []));

const root = mkdtempSync(path.join(os.tmpdir(), 'faaslab-bundles-'));
after(() => rmSync(root, { recursive: true, force: true }));

/** The built CLI in a clean environment: no cloud credentials, no Docker engine, HOME empty. */
function cli(args: string[]) {
  const env = { PATH: process.env.PATH ?? '', HOME: root, DOCKER_HOST: `unix://${path.join(root, 'no-engine.sock')}` };
  return run(process.execPath, [path.join(REPO, 'dist/cli.js'), ...args, '--root', root], { env, cwd: root }).then(
    (r) => ({ code: 0, ...r }),
    (err: { code: number; stdout: string; stderr: string }) => err,
  );
}

test('extension.js and cli.js carry no cloud SDK and no platform code but the descriptors', () => {
  const meta = metafile();
  for (const host of ['dist/extension.js', 'dist/cli.js']) {
    assert.deepEqual([...sdksOf(meta, host)], [], `${host} holds SDK code`);
    const platformCode = inputsOf(meta, host).filter((f) => /^src\/providers\/(aws|gcp|azure|docker|openfaas)\//.test(f) && !f.endsWith('/descriptor.ts'));
    assert.deepEqual(platformCode, [], `${host} holds platform code`);
  }
});

test('each platform bundle holds its own SDK; dockerode is one bundle both Docker and AWS require', () => {
  const meta = metafile();
  assert.ok([...sdksOf(meta, 'dist/providers/aws.js')].some((p) => p.startsWith('@aws-sdk/')));
  assert.ok(sdksOf(meta, 'dist/providers/gcp.js').has('@google-cloud/functions'));
  assert.ok(sdksOf(meta, 'dist/providers/azure.js').has('@azure/arm-appservice'));
  assert.ok(sdksOf(meta, 'dist/providers/dockerode.js').has('dockerode'));
  for (const id of ['aws', 'docker', 'openfaas']) {
    assert.ok(!sdksOf(meta, `dist/providers/${id}.js`).has('dockerode'), `${id}.js has its own dockerode`);
    assert.match(readFileSync(path.join(REPO, `dist/providers/${id}.js`), 'utf8'), /require\(["']\.\/dockerode\.js["']\)/);
  }
  // UserError and the other shared modules come from the bundle that loads the platform.
  for (const id of PLATFORMS) assert.ok(!inputsOf(meta, `dist/providers/${id}.js`).includes('src/core/model.ts'), `${id}.js has its own src/core/model.ts`);
});

test('each platform bundle loads from the built CLI on first use and answers without credentials', async () => {
  const { code, stdout } = await cli(['list', '--json']);
  assert.equal(code, 0);
  const listed = JSON.parse(stdout) as Record<string, { ready: boolean; message: string }>;
  for (const id of PLATFORMS) {
    assert.equal(listed[id]?.ready, false, `${id}: ${JSON.stringify(listed[id])}`);
    assert.ok(listed[id].message.length > 0);
  }
});

test("a platform bundle's UserError is the CLI's: a platform error exits 3 with its message, not as a crash", async () => {
  const { code, stderr } = await cli(['remove', 'no-such-function', '--platform', 'aws']);
  assert.equal(code, 3, stderr);
  assert.match(stderr, /AWS region not set/);
  assert.doesNotMatch(stderr, /Unexpected error/);
});

test('the packaged extension ships each SDK once, in its platform bundle, and no source maps', async () => {
  const meta = metafile();
  const { stdout } = await run(process.execPath, [path.join(REPO, 'node_modules/@vscode/vsce/vsce'), 'ls'], { cwd: REPO });
  const files = stdout.split('\n').filter(Boolean);
  for (const bundle of ['dist/extension.js', 'dist/cli.js', ...PLATFORMS.map((id) => `dist/providers/${id}.js`), 'dist/providers/dockerode.js', 'dist/providers/local.js', 'dist/lazy/features.js']) {
    assert.ok(files.includes(bundle), `${bundle} is not packaged`);
  }
  assert.deepEqual(files.filter((f) => f.endsWith('.map') || f === 'dist/metafile.json'), []);
  const shippedIn = new Map<string, string[]>();
  for (const file of files) for (const sdk of sdksOf(meta, file)) shippedIn.set(sdk, [...(shippedIn.get(sdk) ?? []), file]);
  assert.ok(shippedIn.size > 5);
  for (const [sdk, where] of shippedIn) assert.equal(where.length, 1, `${sdk} is packaged in ${where.join(', ')}`);
});

test('report, export, compare and runs need no platform bundle: they work with every bundle unloadable', async () => {
  // The built CLI beside platform bundles that throw as soon as they are required.
  const dist = mkdtempSync(path.join(os.tmpdir(), 'faaslab-no-bundles-'));
  try {
    copyFileSync(path.join(REPO, 'dist/cli.js'), path.join(dist, 'cli.js'));
    mkdirSync(path.join(dist, 'providers'));
    for (const id of [...PLATFORMS, 'dockerode']) writeFileSync(path.join(dist, 'providers', `${id}.js`), `throw new Error('the ${id} bundle was loaded');\n`);
    const runs = path.join(REPO, 'test/fixtures/store-golden/runs');
    const sweep = path.join(runs, 'sweep/2026-11-23T09-00-00-000Z');
    const env = { PATH: process.env.PATH ?? '', HOME: root };
    const cliAt = (args: string[]) => run(process.execPath, [path.join(dist, 'cli.js'), ...args, '--root', root], { env, cwd: root, maxBuffer: 1 << 26 });
    // The golden files hold what the in-process CLI printed, a line end added to each output.
    const expected = (name: string) => readFileSync(path.join(REPO, 'test/fixtures/store-golden/expected', name), 'utf8');
    const golden = (name: string) => expected(name).split('\n--- stdout\n')[1].split('\n--- stderr\n')[0];
    assert.equal(`${(await cliAt(['report', sweep])).stdout}\n`, golden('report-sweep.txt'));
    await cliAt(['export', sweep, '--csv', '--out', path.join(dist, 'sweep.csv')]);
    assert.equal(readFileSync(path.join(dist, 'sweep.csv'), 'utf8'), expected('export-sweep.csv').split('\n--- file .\n')[1]);
    const compared = await cliAt(['compare', sweep, path.join(runs, 'sweep/2026-11-24T09-00-00-000Z'), '--json']);
    assert.equal(compared.stdout, golden('compare-sweep.json'));
    assert.match((await cliAt(['runs'])).stdout, /No runs yet/);
    // The same CLI does load a bundle when a command needs its platform: the stand-ins are used.
    const refused = await cliAt(['remove', 'x', '--platform', 'aws']).then(
      () => assert.fail('remove on aws should need the aws bundle'),
      (err: { stderr: string }) => err.stderr,
    );
    assert.match(refused, /the aws bundle was loaded/);
  } finally {
    rmSync(dist, { recursive: true, force: true });
  }
});
