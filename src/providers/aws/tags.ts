// What FaaS Lab records on a Lambda function (as tags, so every machine sees the same), and a
// Lambda function's configuration and tags as a FaaS Lab Deployment.
import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import type { Deployment, Language } from '../../core/model';

export const TAG = {
  managed: 'faaslab:managed',
  codeHash: 'faaslab:codeHash',
  sourceFile: 'faaslab:sourceFile',
  handler: 'faaslab:handler',
  /** On ECR repositories: the function the repository holds images of. */
  function: 'faaslab:function',
  /** Container-image functions: `image:<tag>` (Lambda reports no runtime or language for them). */
  packaging: 'faaslab:packaging',
  language: 'faaslab:language',
  runtime: 'faaslab:runtime',
} as const;

/** Environment variables FaaS Lab sets itself; they are not the user's `env`. */
export const ENV_HANDLER = 'FAASLAB_HANDLER';
export const ENV_RECYCLE = 'FAASLAB_RECYCLE';
const OWN_ENV = new Set([ENV_HANDLER, ENV_RECYCLE]);

/** Lambda's handler string for the Python shim; FAASLAB_HANDLER names the user's module.function. */
export const PYTHON_LAMBDA_HANDLER = 'faaslab_runtime.lambda_entry';

const MAX_TAG_VALUE = 256;

/**
 * Tag values allow only letters, digits, spaces and `_ . : / = + - @`: any other character (and
 * `=`, the escape) is written as `=XXXX=` (hex code point). Backslashes become `/` first.
 */
export function encodeTagValue(value: string): string | undefined {
  let out = '';
  for (const ch of value.replace(/\\/g, '/')) {
    out += /^[\p{L}\p{N} _.:/+\-@]$/u.test(ch) ? ch : `=${ch.codePointAt(0)!.toString(16).toUpperCase()}=`;
  }
  return out.length <= MAX_TAG_VALUE ? out : undefined;
}

export function decodeTagValue(value: string): string {
  return value.replace(/=([0-9A-F]+)=/g, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)));
}

export function languageOf(runtime: string | undefined): Language | undefined {
  if (runtime?.startsWith('nodejs')) return 'node';
  if (runtime?.startsWith('python')) return 'python';
  return undefined;
}

/** Undefined for functions FaaS Lab cannot describe (other languages, container images it did not build). */
export function toDeployment(config: FunctionConfiguration, tags: Record<string, string> | undefined): Deployment | undefined {
  const t = tags ?? {};
  const image = config.PackageType === 'Image';
  // Lambda knows no runtime of an image: FaaS Lab's own images carry it in their tags.
  const runtime = image ? t[TAG.runtime] : config.Runtime;
  const language = languageOf(runtime);
  if (!language || !runtime || !config.FunctionName) return undefined;
  const env = Object.fromEntries(Object.entries(config.Environment?.Variables ?? {}).filter(([k]) => !OWN_ENV.has(k)));
  const deployment: Deployment = {
    platform: 'aws',
    name: config.FunctionName,
    language,
    runtime,
    memoryMB: config.MemorySize ?? 128,
    timeoutS: config.Timeout ?? 3,
    // Unmanaged functions have no FaaS Lab hash; Lambda's own hash of the code stands in.
    codeHash: t[TAG.codeHash] ?? `sha256:${config.CodeSha256 ?? ''}`,
    endpoint: config.FunctionArn,
    updatedAt: isoTime(config.LastModified),
    env,
    managed: t[TAG.managed] === 'true',
    packaging: image ? (t[TAG.packaging] ?? 'image') : 'zip',
  };
  if (t[TAG.sourceFile]) deployment.sourceFile = decodeTagValue(t[TAG.sourceFile]);
  if (t[TAG.handler]) deployment.handler = t[TAG.handler];
  return deployment;
}

/** Lambda writes `2024-01-31T12:00:00.000+0000`; FaaS Lab stores ISO-8601 UTC. */
function isoTime(lastModified: string | undefined): string {
  const ms = lastModified ? Date.parse(lastModified) : Number.NaN;
  return Number.isFinite(ms) ? new Date(ms).toISOString() : new Date(0).toISOString();
}
