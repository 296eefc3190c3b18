// What a language scanner hands back for one annotated handler, and how that becomes a
// FunctionSpec once defaults are filled in.
import { DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_S, type FunctionSpec, type Language, type PackageKind, type PlatformId } from '../model';
import type { LineMap } from '../text/line-map';

/** Offsets (into the whole file text) of a piece of source, end exclusive. */
export interface Span {
  start: number;
  end: number;
}

/** Settings read from an annotation; absent fields take the defaults. */
export interface HandlerConfig {
  memoryMB?: number;
  timeoutS?: number;
  platforms?: PlatformId[];
  name?: string;
  /** Where `name=` was written, so a duplicate-name error can point at it. */
  nameSpan?: Span;
  env: Record<string, string>;
  requirements: string[];
  includes: string[];
  /** FaaSET `references=[fn]`: functions called by name through stubs. */
  references?: string[];
  /** How AWS Lambda ships the code; absent: the faasLab.aws.packageType setting decides. */
  package?: PackageKind;
}

export function emptyConfig(): HandlerConfig {
  return { env: {}, requirements: [], includes: [] };
}

/** An annotated handler declaration that parsed without errors. */
export interface Candidate {
  language: Language;
  /** The exported function (JS/TS) or top-level def (Python). */
  handler: string;
  /** From the start of the declaration through the end of the handler's name. */
  declaration: Span;
  handlerName: Span;
  config: HandlerConfig;
}

export function toFunctionSpec(file: string, lines: LineMap, candidate: Candidate): FunctionSpec {
  const { config } = candidate;
  const spec: FunctionSpec = {
    name: config.name ?? candidate.handler,
    file,
    range: lines.range(candidate.declaration.start, candidate.declaration.end),
    language: candidate.language,
    handler: candidate.handler,
    memoryMB: config.memoryMB ?? DEFAULT_MEMORY_MB,
    timeoutS: config.timeoutS ?? DEFAULT_TIMEOUT_S,
    platforms: config.platforms ?? ['local'],
    requirements: config.requirements,
    env: config.env,
    includes: config.includes,
  };
  // Set only when given: an absent field and `package: undefined` differ to deepEqual and JSON.
  if (config.package !== undefined) spec.package = config.package;
  if (config.references?.length) spec.references = config.references;
  return spec;
}
