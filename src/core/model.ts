// The shared vocabulary of FaaS Lab: what a handler is, what a platform does with it, and
// what one invocation records. Everything below src/core and src/providers speaks these types.

export type Language = 'node' | 'python';

export const PLATFORM_IDS = ['local', 'docker', 'aws', 'gcp', 'azure', 'openfaas', 'http'] as const;
export type PlatformId = (typeof PLATFORM_IDS)[number];

export function isPlatformId(value: string): value is PlatformId {
  return (PLATFORM_IDS as readonly string[]).includes(value);
}

/** Zero-based line/column range in a source file (the shape editors use). */
export interface SourceRange {
  startLine: number;
  startCol: number;
  endLine: number;
  endCol: number;
}

/** A handler found in a source file by its annotation. */
export interface FunctionSpec {
  /** Deployed function name: `name=` from the annotation, else the handler's name. */
  name: string;
  /** Absolute path of the source file. */
  file: string;
  /** Range of the handler's declaration (where the CodeLens goes). */
  range: SourceRange;
  language: Language;
  /** The exported function (JS/TS) or top-level `def` (Python) to call. */
  handler: string;
  memoryMB: number;
  timeoutS: number;
  platforms: PlatformId[];
  /** Python requirements (pip specifiers); for Node, dependencies come from package.json. */
  requirements: string[];
  env: Record<string, string>;
  /** Extra files or folders (relative to the source file) shipped with the function. */
  includes: string[];
  /** Functions it calls by name (FaaSET `references=[fn]`): each name is a stub that calls the deployed function. */
  references?: string[];
  /**
   * `package=` of the annotation: how a platform that offers both ships the code (AWS Lambda:
   * a zip, or a container image pushed to ECR). Absent: the platform's setting decides.
   */
  package?: PackageKind;
}

export type PackageKind = 'zip' | 'image';

export const DEFAULT_MEMORY_MB = 128;
export const DEFAULT_TIMEOUT_S = 30;

export interface ArtifactFile {
  /** POSIX path inside the artifact. */
  path: string;
  data: Uint8Array;
  /** Unix mode, e.g. 0o755 for executables; defaults to 0o644. */
  mode?: number;
}

/** Deployable code for one function: the files a platform runs, and a hash of them. */
export interface Artifact {
  functionName: string;
  language: Language;
  /** Runtime identifier in the platform's terms, e.g. `nodejs20.x`, `python3.11`. */
  runtime: string;
  /** File (relative to the artifact root) the platform starts, e.g. `index.js`, `faaslab_local.py`. */
  entry: string;
  /** Handler string in the platform's terms, e.g. `index.handler` for Lambda. */
  handler: string;
  files: ArtifactFile[];
  /** sha256 hex over the files (paths, modes, bytes): equal hashes mean nothing to redeploy. */
  codeHash: string;
  requirements: string[];
  /**
   * Absolute paths of the workspace files that went in (handler, the modules and npm packages'
   * files it imports, includes). While none of them changes, packaging again gives the same artifact.
   */
  sources?: string[];
}

/** A function as a platform reports it. */
export interface Deployment {
  platform: PlatformId;
  name: string;
  language: Language;
  runtime: string;
  memoryMB: number;
  timeoutS: number;
  codeHash: string;
  /** URL, ARN or other address the platform calls the function by. */
  endpoint?: string;
  /** ISO-8601 time of the last code or configuration change. */
  updatedAt: string;
  /** Where the code came from, when FaaS Lab deployed it. */
  sourceFile?: string;
  handler?: string;
  env?: Record<string, string>;
  /** True when FaaS Lab deployed (tagged) it; clouds may list others too. */
  managed?: boolean;
  /** How the code was shipped, in the provider's words (see Provider.packaging), when it can ship it more than one way. */
  packaging?: string;
}

export type ReadinessFix =
  | { kind: 'setting'; setting: string; label: string }
  | { kind: 'url'; url: string; label: string }
  | { kind: 'command'; command: string; label: string };

/** Whether a platform can be used now, and if not, what the user must do. Never thrown. */
export type Readiness = { ready: true; detail?: string } | { ready: false; message: string; fixes: ReadinessFix[] };

export type InvocationStatus = 'ok' | 'error' | 'timeout' | 'throttled';

export interface InvocationError {
  /** e.g. `HandlerError`, `Timeout`, `OutOfMemory`, `Throttled`, `PlatformError`, or the thrown error's name. */
  type: string;
  message: string;
  stack?: string;
}

/**
 * Fields measured inside the function (by the runtime shim) or reported by the platform.
 * Names follow SAAF. A field the platform cannot give is absent, never invented.
 */
export interface FunctionMetrics {
  uuid?: string;
  newcontainer?: 0 | 1;
  /** The machine's boot time (/proc/stat btime), in epoch seconds. */
  vmuptime?: number;
  cpuType?: string;
  cpuModel?: string;
  cpuCores?: number;
  /** The shim's language (`node`, `python`) and that language's version (not SAAF's Inspector version). */
  lang?: string;
  version?: string;
  /** Handler run time in ms, measured inside the function. */
  runtime?: number;
  /** When the handler started and ended, in epoch ms. */
  startTime?: number;
  endTime?: number;
  /** /proc/stat deltas over the call in ms (ticks x 1000 / CLK_TCK), machine-wide, as SAAF's Python Inspector reports them. */
  cpuUserDelta?: number;
  cpuNiceDelta?: number;
  cpuKernelDelta?: number;
  cpuIdleDelta?: number;
  cpuIOWaitDelta?: number;
  cpuIrqDelta?: number;
  cpuSoftIrqDelta?: number;
  cpuStealDelta?: number;
  /** Machine-wide counts over the call (/proc/stat ctxt, /proc/vmstat pgfault). */
  contextSwitchesDelta?: number;
  pageFaultsDelta?: number;
  /** CPU time of the function's own process over the call, in ms. */
  processCpuUserMs?: number;
  processCpuKernelMs?: number;
  /** The machine's MemTotal and MemFree from /proc/meminfo, in kB (SAAF's unit). */
  totalMemory?: number;
  freeMemory?: number;
  /** The function's memory size in MB, as the platform reports it. */
  functionMemory?: number;
  functionRegion?: string;
  functionName?: string;
  /** Platform-reported fields. */
  billedDurationMs?: number;
  initDurationMs?: number;
  maxMemoryUsedMB?: number;
}

/** One call of a deployed function, as the client saw it. */
export interface Invocation {
  status: InvocationStatus;
  /** The handler's return value (status ok). */
  result?: unknown;
  error?: InvocationError;
  metrics: FunctionMetrics;
  /** Epoch ms when the client sent the request and when the answer arrived. */
  clientStart: number;
  clientEnd: number;
  roundTripMs: number;
  /** True when the platform itself says this call started a new instance. */
  cold?: boolean;
  /** Log lines the function wrote during this call, when the platform returns them. */
  logs?: string;
  /** The calls the handler made with `context.invoke`, each with its own nested calls. */
  nested?: NestedInvocation[];
  /** Ids the call ran under, where the function's shim chose them (platforms whose shims call each other). */
  trace?: TraceIds;
}

/** A call's place in a tree of nested calls: the top call's id, its own, and its caller's. */
export interface TraceIds {
  traceId: string;
  callId: string;
  parentId?: string;
}

/** A call a handler made with `context.invoke`, and the function it called. */
export type NestedInvocation = Invocation & { function: string };

export interface ConfigureChange {
  memoryMB?: number;
  timeoutS?: number;
}

export interface InvokeOptions {
  signal?: AbortSignal;
}

export interface LogEntry {
  time: string;
  message: string;
}

export interface Provider {
  readonly id: PlatformId;
  readonly displayName: string;
  /** Ready, or what the user must do. Never throws. */
  readiness(): Promise<Readiness>;
  /** `progress` hears what a long deploy is doing (e.g. `pushing the image to ECR…`), for progress notifications. */
  deploy(spec: FunctionSpec, artifact: Artifact, signal?: AbortSignal, progress?: (message: string) => void): Promise<Deployment>;
  /**
   * How deploy() would ship this artifact (e.g. `zip`, or `image:<tag>` for a container image whose
   * tag covers base image and Dockerfile), for platforms that ship code more than one way. A
   * deployment whose `packaging` differs is deployed again even when its code hash is the same.
   */
  packaging?(spec: FunctionSpec, artifact: Artifact, signal?: AbortSignal): Promise<string>;
  configure(deployment: Deployment, change: ConfigureChange, signal?: AbortSignal): Promise<Deployment>;
  /**
   * The memory size a function gets when `requestedMB` is asked for, on platforms that offer fixed
   * sizes and round up to one; throws a UserError for a size the platform cannot give.
   */
  memoryFor?(requestedMB: number): number;
  invoke(deployment: Deployment, payload: unknown, options?: InvokeOptions): Promise<Invocation>;
  /** What the platform has now; never a cache. */
  list(signal?: AbortSignal): Promise<Deployment[]>;
  get(name: string, signal?: AbortSignal): Promise<Deployment | undefined>;
  remove(deployment: Deployment, signal?: AbortSignal): Promise<void>;
  /** Make the next invocations start on fresh instances (cold-start experiments). */
  recycle(deployment: Deployment, signal?: AbortSignal): Promise<void>;
  /** Recent log lines, where the platform keeps them. */
  logs?(deployment: Deployment, options: { limit?: number; signal?: AbortSignal }): Promise<LogEntry[]>;
  /** Release processes, sockets and timers. */
  dispose?(): Promise<void>;
}

/** A problem in a user's file, with where it is and what to write instead. */
export interface Problem {
  file: string;
  range: SourceRange;
  message: string;
  severity: 'error' | 'warning';
}

/** An error whose message is meant for the user as it is (says what happened and what to do). */
export class UserError extends Error {
  override readonly name = 'UserError';
}
