// What the Docker engine holds for a function, and how it is named. A function is an image (its
// code) plus a record: a created, never started container whose labels carry the configuration.
// list() and get() read records from the engine; nothing is cached on this side.
import { createHash } from 'node:crypto';
import type { Deployment, Language } from '../../core/model';
import { envFromJson } from '../shared/deployments';

export const LABEL = {
  managed: 'faaslab.managed',
  role: 'faaslab.role',
  function: 'faaslab.function',
  codeHash: 'faaslab.codeHash',
  language: 'faaslab.language',
  runtime: 'faaslab.runtime',
  memoryMB: 'faaslab.memoryMB',
  timeoutS: 'faaslab.timeoutS',
  handler: 'faaslab.handler',
  sourceFile: 'faaslab.sourceFile',
  env: 'faaslab.env',
  updatedAt: 'faaslab.updatedAt',
  image: 'faaslab.image',
  baseImage: 'faaslab.baseImage',
  configKey: 'faaslab.configKey',
  /** `<hostname>:<pid>` of the FaaS Lab process that started an instance (to clean up after a crash). */
  owner: 'faaslab.owner',
} as const;

export type Role = 'record' | 'instance';

/** A function's record as the engine holds it: its Deployment and the image instances run. */
export interface FunctionRecord {
  deployment: Deployment;
  image: string;
  baseImage: string;
  /** The record container's id. */
  containerId: string;
}

export function recordLabels(d: Deployment, image: string, baseImage: string): Record<string, string> {
  const labels: Record<string, string> = {
    [LABEL.managed]: 'true',
    [LABEL.role]: 'record',
    [LABEL.function]: d.name,
    [LABEL.codeHash]: d.codeHash,
    [LABEL.language]: d.language,
    [LABEL.runtime]: d.runtime,
    [LABEL.memoryMB]: String(d.memoryMB),
    [LABEL.timeoutS]: String(d.timeoutS),
    [LABEL.env]: JSON.stringify(d.env ?? {}),
    [LABEL.updatedAt]: d.updatedAt,
    [LABEL.image]: image,
    [LABEL.baseImage]: baseImage,
  };
  if (d.handler !== undefined) labels[LABEL.handler] = d.handler;
  if (d.sourceFile !== undefined) labels[LABEL.sourceFile] = d.sourceFile;
  return labels;
}

/** The record a container's labels describe, or undefined when they are not a FaaS Lab record. */
export function recordFromLabels(labels: Record<string, string> | undefined, containerId: string): FunctionRecord | undefined {
  if (!labels || labels[LABEL.role] !== 'record' || !labels[LABEL.function] || !labels[LABEL.image]) return undefined;
  const memoryMB = Number(labels[LABEL.memoryMB]);
  const timeoutS = Number(labels[LABEL.timeoutS]);
  if (!Number.isFinite(memoryMB) || !Number.isFinite(timeoutS)) return undefined;
  const env = envFromJson(labels[LABEL.env]);
  const deployment: Deployment = {
    platform: 'docker',
    name: labels[LABEL.function],
    language: labels[LABEL.language] === 'python' ? 'python' : ('node' satisfies Language),
    runtime: labels[LABEL.runtime] ?? '',
    memoryMB,
    timeoutS,
    codeHash: labels[LABEL.codeHash] ?? '',
    endpoint: labels[LABEL.image],
    updatedAt: labels[LABEL.updatedAt] ?? '',
    env,
    managed: true,
  };
  if (labels[LABEL.handler]) deployment.handler = labels[LABEL.handler];
  if (labels[LABEL.sourceFile]) deployment.sourceFile = labels[LABEL.sourceFile];
  return { deployment, image: labels[LABEL.image], baseImage: labels[LABEL.baseImage] ?? '', containerId };
}

/** Container name of a function's record; function names are valid container names as they are. */
export function recordName(functionName: string): string {
  return `faaslab-${functionName}`;
}

/**
 * Image repository of a function. Repositories are lowercase with single separators, function
 * names need not be: such names get a short hash so `Hello` and `hello` stay apart.
 */
export function imageRepository(functionName: string): string {
  const slug = functionName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'fn';
  return slug === functionName ? `faaslab-fn/${slug}` : `faaslab-fn/${slug}-${sha256(functionName).slice(0, 8)}`;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Docker's filter for containers or images with all the given labels. */
export function labelFilter(labels: Record<string, string>): { label: string[] } {
  return { label: Object.entries(labels).map(([k, v]) => `${k}=${v}`) };
}
