// Deploying to Cloud Functions (2nd gen): the zip goes to a generated upload URL, then the
// function is created or updated and the long-running operation is waited for. Unchanged code
// (the faaslab-code-hash labels) is not uploaded again.
import type { protos } from '@google-cloud/functions';
import { UserError, type Artifact, type Deployment, type FunctionSpec } from '../../core/model';
import { zipArtifact } from '../../core/packaging/zip';
import {
  LABEL,
  checkFunctionName,
  checkTimeout,
  codeHashLabels,
  describeSource,
  memoryTier,
  toDeployment,
  type GcpFunction,
} from './config';
import type { GcpContext } from './context';
import { abortable, isNotFound, toUserError } from './errors';

type Operation = { promise(): Promise<[GcpFunction, ...unknown[]]> };

export async function locationOf(ctx: GcpContext): Promise<string> {
  if (!ctx.region) {
    throw new UserError('No Google Cloud region: set faasLab.gcp.region (e.g. us-central1), the region Cloud Functions deploys to');
  }
  return `projects/${await ctx.project()}/locations/${ctx.region}`;
}

export async function functionPath(ctx: GcpContext, name: string): Promise<string> {
  return `${await locationOf(ctx)}/functions/${name}`;
}

export async function getFunction(ctx: GcpContext, name: string, signal?: AbortSignal): Promise<GcpFunction | undefined> {
  const path = await functionPath(ctx, name);
  try {
    const [fn] = await abortable(ctx.clients.functions.getFunction({ name: path }), signal);
    return fn;
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

export async function deployFunction(ctx: GcpContext, spec: FunctionSpec, artifact: Artifact, signal?: AbortSignal): Promise<Deployment> {
  signal?.throwIfAborted();
  checkFunctionName(spec.name);
  checkTimeout(spec.timeoutS);
  const tier = memoryTier(spec.memoryMB);
  if (!/^(nodejs|python)\d+$/.test(artifact.runtime)) {
    throw new Error(`Artifact for ${spec.name} was built for runtime '${artifact.runtime}', not for Google Cloud Functions (package it with target 'gcp')`);
  }
  try {
    const parent = await locationOf(ctx);
    const name = `${parent}/functions/${spec.name}`;
    const existing = await getFunction(ctx, spec.name, signal);
    const hash = existing?.labels ? `${existing.labels[LABEL.codeHash] ?? ''}${existing.labels[LABEL.codeHashEnd] ?? ''}` : '';
    const build = existing?.buildConfig;
    const sameCode = hash === artifact.codeHash && build?.runtime === artifact.runtime && build?.entryPoint === artifact.handler && !!build?.source;
    const source = sameCode ? build!.source! : await upload(ctx, parent, artifact, signal);
    const fn: GcpFunction = {
      name,
      description: describeSource(spec.file, spec.handler),
      environment: 'GEN_2',
      labels: { ...(existing?.labels ?? {}), [LABEL.managed]: 'true', ...codeHashLabels(artifact.codeHash) },
      buildConfig: { runtime: artifact.runtime, entryPoint: artifact.handler, source },
      serviceConfig: {
        availableMemory: tier.memory,
        availableCpu: tier.cpu,
        timeoutSeconds: spec.timeoutS,
        // One call per instance, as on Lambda: measurements are not shared between calls.
        maxInstanceRequestConcurrency: 1,
        environmentVariables: { ...spec.env, ...ownEnv(spec.name, tier.memoryMB, spec.timeoutS, ctx.region!, await ctx.project()) },
        allTrafficOnLatestRevision: true,
      },
    };
    let operation: Operation;
    if (!existing) {
      [operation] = (await abortable(ctx.clients.functions.createFunction({ parent, function: fn, functionId: spec.name }), signal)) as unknown as [Operation];
    } else {
      const paths = ['description', 'labels', 'buildConfig.runtime', 'buildConfig.entryPoint', ...(sameCode ? [] : ['buildConfig.source']), ...SERVICE_PATHS];
      [operation] = (await abortable(ctx.clients.functions.updateFunction({ function: fn, updateMask: { paths } }), signal)) as unknown as [Operation];
    }
    const [result] = await abortable(operation.promise(), signal);
    return toDeployment(result)!;
  } catch (err) {
    throw toUserError(err, `deploying ${spec.name}`);
  }
}

const SERVICE_PATHS = [
  'serviceConfig.availableMemory',
  'serviceConfig.availableCpu',
  'serviceConfig.timeoutSeconds',
  'serviceConfig.maxInstanceRequestConcurrency',
  'serviceConfig.environmentVariables',
  'serviceConfig.allTrafficOnLatestRevision',
];

/** FAASLAB_CALL_URL: where the function's context.invoke finds another function of its project and region ({name}). */
export function ownEnv(name: string, memoryMB: number, timeoutS: number, region: string, project: string): Record<string, string> {
  return {
    FAASLAB_FUNCTION_NAME: name,
    FAASLAB_MEMORY_MB: String(memoryMB),
    FAASLAB_TIMEOUT_S: String(timeoutS),
    FAASLAB_REGION: region,
    FAASLAB_CALL_URL: `https://${region}-${project}.cloudfunctions.net/{name}`,
  };
}

/** Changes the service (memory, CPU, timeout, environment): a new revision, whose instances start cold. */
export async function updateService(ctx: GcpContext, fn: GcpFunction, service: protos.google.cloud.functions.v2.IServiceConfig, signal?: AbortSignal): Promise<Deployment> {
  const paths = Object.keys(service).map((k) => `serviceConfig.${k}`);
  const [operation] = (await abortable(
    ctx.clients.functions.updateFunction({ function: { name: fn.name, serviceConfig: service }, updateMask: { paths } }),
    signal,
  )) as unknown as [Operation];
  const [result] = await abortable(operation.promise(), signal);
  return toDeployment(result)!;
}

/** Waits for a delete to finish (the name is free again afterwards). */
export async function deleteFunction(ctx: GcpContext, name: string, signal?: AbortSignal): Promise<void> {
  const [operation] = (await abortable(ctx.clients.functions.deleteFunction({ name: await functionPath(ctx, name) }), signal)) as unknown as [{ promise(): Promise<unknown> }];
  await abortable(operation.promise(), signal);
}

/** PUT to the signed URL: a zip, with no credentials (the URL itself grants access). */
async function upload(ctx: GcpContext, parent: string, artifact: Artifact, signal?: AbortSignal): Promise<protos.google.cloud.functions.v2.ISource> {
  const [target] = await abortable(ctx.clients.functions.generateUploadUrl({ parent }), signal);
  if (!target.uploadUrl || !target.storageSource) throw new Error('Cloud Functions returned no upload URL');
  const zip = await zipArtifact(artifact);
  const response = await fetch(target.uploadUrl, { method: 'PUT', headers: { 'content-type': 'application/zip' }, body: new Uint8Array(zip), signal });
  if (!response.ok) {
    const text = (await response.text()).slice(0, 500);
    throw new UserError(`Uploading ${artifact.functionName}'s code to Cloud Storage failed (HTTP ${response.status}): ${text}`);
  }
  // Only where the object is: the decoded answer also holds defaults (generation 0, empty URL) that are not the caller's to send back.
  const { bucket, object, generation } = target.storageSource;
  return { storageSource: { bucket, object, ...(generation && String(generation) !== '0' ? { generation } : {}) } };
}
