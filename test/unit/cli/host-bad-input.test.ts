// Bad input raised in the local host (the background process local calls go to) reaches the CLI as
// bad input: exit 2 with the host's message, not 3 (a platform error).
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { BadInputError } from '../../../src/core/bad-input';
import { UserError } from '../../../src/core/model';
import { hostFiles, processAlive, readDiscovery } from '../../../src/providers/local/host-discovery';
import { errorFromWire, errorToWire } from '../../../src/providers/local/host-wire';
import { cliAt } from './run-cli';

const root = mkdtempSync(path.join(tmpdir(), 'faaslab-host-bad-input-'));
cpSync(path.resolve(__dirname, '../../../examples'), path.join(root, 'examples'), { recursive: true });
const cli = cliAt(root);
const savedMode = process.env.FAASLAB_LOCAL_HOST;

before(() => delete process.env.FAASLAB_LOCAL_HOST);
after(() => {
  if (savedMode !== undefined) process.env.FAASLAB_LOCAL_HOST = savedMode;
  const host = readDiscovery(hostFiles(root).discovery);
  if (host && processAlive(host.pid)) process.kill(host.pid, 'SIGTERM');
  rmSync(root, { recursive: true, force: true });
});

function settings(values: Record<string, unknown>): void {
  mkdirSync(path.join(root, '.vscode'), { recursive: true });
  writeFileSync(path.join(root, '.vscode', 'settings.json'), JSON.stringify(values));
}

test('the wire keeps bad input apart from other errors the user can fix', () => {
  const bad = errorFromWire(errorToWire(new BadInputError('no such function')));
  assert.ok(bad instanceof BadInputError);
  assert.equal(bad.message, 'no such function');
  const user = errorFromWire(errorToWire(new UserError('the runtime is missing')));
  assert.ok(user instanceof UserError && !(user instanceof BadInputError));
  assert.ok(!(errorFromWire(errorToWire(new Error('boom'))) instanceof UserError));
});

test('through the local host: an unknown function and an over-size payload exit 2 with what to do', { timeout: 120_000 }, async () => {
  const deployed = await cli('deploy', path.join(root, 'examples/hello.js'));
  assert.equal(deployed.code, 0, deployed.err);
  const host = readDiscovery(hostFiles(root).discovery);
  assert.ok(host && processAlive(host.pid), 'the deploy went through the host');

  const unknown = await cli('invoke', 'nosuch', '--platform', 'local');
  assert.equal(unknown.code, 2, unknown.err);
  assert.match(unknown.err, /No function 'nosuch' on Local: deploy it first/);

  const big = path.join(root, 'big.payload.json');
  writeFileSync(big, JSON.stringify({ data: 'x'.repeat(7 * 1024 * 1024) }));
  const tooBig = await cli('invoke', 'hello', '--payload', `@${big}`);
  assert.equal(tooBig.code, 2, tooBig.err);
  assert.match(tooBig.err, /The payload is 7\.0 MB \(7340043 bytes\) of JSON, over the 6 MB \(6291456 bytes\) limit of a request on local \(AWS Lambda's synchronous limit\): .*raise faasLab\.local\.maxPayloadMB/);

  // The setting raised after the host started: this process lets the payload go, the host (still at
  // 6 MB, as it read the settings when it started) refuses it, and its refusal is still bad input.
  settings({ 'faasLab.local.maxPayloadMB': 10 });
  const refusedByHost = await cli('invoke', 'hello', '--payload', `@${big}`);
  assert.equal(readDiscovery(hostFiles(root).discovery)?.pid, host.pid, 'the same host answered');
  assert.equal(refusedByHost.code, 2, refusedByHost.err);
  assert.match(refusedByHost.err, /The payload is 7\.0 MB .* limit of a request on local/);
});
