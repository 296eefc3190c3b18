// The GCP provider against the loopback Functions API (test/fixtures/gcp), with the real
// google-gax REST transport and a real OAuth2Client holding a fixed access token.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { TestContext } from 'node:test';
import { promisify } from 'node:util';
import { OAuth2Client } from 'google-auth-library';
import type { Artifact, FunctionSpec } from '../../../../src/core/model';
import { buildArtifact } from '../../../../src/core/packaging';
import { GcpFunctionsProvider, type GcpFunctionsProviderOptions } from '../../../../src/providers/gcp';
import { FunctionsApi, TEST_ACCESS_TOKEN, type Behaviour } from '../../../fixtures/gcp/functions-api';
import { RUNTIME_DIR, fixtureSpec } from '../../../fixtures/handlers/artifacts';

export { fixtureSpec };
export const PROJECT = 'faaslab-test';
export const REGION = 'us-central1';
export const LOCATION = `projects/${PROJECT}/locations/${REGION}`;
const REPO = path.resolve(__dirname, '../../../..');

export interface Loopback {
  api: FunctionsApi;
  provider: GcpFunctionsProvider;
  idTokenAudiences: string[];
}

export async function loopback(t: TestContext, behaviour: Partial<Behaviour> = {}, options: GcpFunctionsProviderOptions = {}): Promise<Loopback> {
  const api = new FunctionsApi(behaviour);
  const url = await api.start();
  const authClient = new OAuth2Client();
  authClient.setCredentials({ access_token: TEST_ACCESS_TOKEN, expiry_date: Date.now() + 3_600_000 });
  const idTokenAudiences: string[] = [];
  const provider = new GcpFunctionsProvider({
    project: PROJECT,
    region: REGION,
    authClient,
    apiEndpoint: url,
    loggingEndpoint: url,
    // Stands in for google-auth-library's ID token client: the server checks the audience.
    idToken: async (audience) => {
      idTokenAudiences.push(audience);
      return `id-token-for:${audience}`;
    },
    ...options,
  });
  t.after(async () => {
    await provider.dispose();
    await api.close();
  });
  return { api, provider, idTokenAudiences };
}

const built = new Map<string, Promise<Artifact>>();

export function gcpArtifact(spec: FunctionSpec): Promise<Artifact> {
  const key = `${spec.file}:${spec.handler}`;
  let artifact = built.get(key);
  if (!artifact) {
    artifact = buildArtifact(spec, { target: 'gcp', runtimeDir: RUNTIME_DIR });
    built.set(key, artifact);
  }
  return artifact.then((a) => ({ ...a, functionName: spec.name }));
}

/** Extracts a zip (the uploaded bytes) into a fresh folder; node_modules resolves to the repo's. */
export async function unzipToTemp(t: TestContext, zip: Buffer): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'faaslab-gcp-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'source.zip');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(file, zip);
  await promisify(execFile)('unzip', ['-q', file, '-d', path.join(dir, 'app')]);
  symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'app', 'node_modules'), 'dir');
  return path.join(dir, 'app');
}

/**
 * Loads a Node function's code as the Functions Framework does and serves `entryPoint` with
 * its test server on 127.0.0.1; returns the base URL.
 */
export async function serveWithFunctionsFramework(t: TestContext, appDir: string, entryPoint: string, env: Record<string, string> = {}): Promise<string> {
  Object.assign(process.env, env);
  // The same module instance as the code's require (node_modules is a symlink to the repo's).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(path.join(appDir, 'index.js'));
  const { getTestServer } = await import('@google-cloud/functions-framework/testing');
  const server: Server = getTestServer(entryPoint);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
