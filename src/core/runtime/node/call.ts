// Runs a user's handler once and measures the call: what every platform adapter of the shim shares.
// Bundled with user code like the rest of the shim, so it imports only Node builtins and siblings.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FunctionMetrics, InvocationError, NestedInvocation, TraceIds } from '../../model';
import { beginCall, countCall, endCall } from './inspect';

/** The second argument every handler receives, on every platform. */
export interface HandlerContext {
  functionName: string;
  memoryLimitInMB?: number;
  /** New for every call. */
  requestId: string;
  /** Time left before the platform stops the call. */
  getRemainingTimeInMillis(): number;
  /** Writes a line to the function's log. */
  log(...args: unknown[]): void;
  /** The platform's own context object, where it has one (e.g. Lambda's). */
  platformContext?: unknown;
  /**
   * Calls another FaaS Lab function on the same platform and resolves with its result (rejects
   * with its error). Every FaaS Lab platform gives it; absent where the shim is called outside FaaS Lab's adapters.
   */
  invoke?(name: string, payload?: unknown): Promise<unknown>;
}

export type Handler = (request: unknown, context: HandlerContext) => unknown;

export type Outcome = (
  | { ok: true; result: unknown; metrics: FunctionMetrics }
  | { ok: false; error: InvocationError; metrics: FunctionMetrics }
) & {
  /** Where the shim itself made the handler's nested calls (cloud platforms): those calls, and the ids this call ran under. */
  nested?: NestedInvocation[];
  trace?: TraceIds;
};

/** Calls the handler once (sync or async) and returns its result or error with the call's metrics. */
export async function runWithMetrics(handler: Handler, request: unknown, context: HandlerContext): Promise<Outcome> {
  const newcontainer = countCall();
  const identity = { functionName: context.functionName, functionMemory: context.memoryLimitInMB };
  const probe = beginCall();
  try {
    const result = await handler(request, context);
    return { ok: true, result, metrics: endCall(probe, newcontainer, identity) };
  } catch (thrown) {
    const metrics = endCall(probe, newcontainer, identity);
    return { ok: false, error: errorRecord(thrown), metrics };
  }
}

export function errorRecord(thrown: unknown): InvocationError {
  if (thrown instanceof Error) {
    return { type: thrown.name || thrown.constructor?.name || 'Error', message: thrown.message, stack: userFrames(thrown.stack) };
  }
  return { type: 'HandlerError', message: `The handler threw a non-Error value: ${describe(thrown)}` };
}

/**
 * The stack without the shim's own frames (everything from the runWithMetrics frame down), its
 * positions in the bundle mapped back to the handler's own files.
 */
function userFrames(stack: string | undefined): string | undefined {
  if (stack === undefined) return undefined;
  const lines = stack.split('\n');
  const shim = lines.findIndex((l) => /^\s+at (async )?runWithMetrics /.test(l));
  return (shim > 0 ? lines.slice(0, shim) : lines).map(originalPosition).join('\n');
}

const FRAME_POSITION = /(\(|at )([^()\s][^()]*?):(\d+):(\d+)(\)?)$/;
const INLINE_MAP = '//# sourceMappingURL=data:application/json;base64,';
const bundleMaps = new Map<string, SourceMap | undefined>();

/**
 * `at fn (/var/task/index.js:12:5)` → `at fn (/home/me/project/handler.ts:3:9)`, from the bundle's
 * inline source map. Platforms that run Node without --enable-source-maps (its parsing would slow
 * every cold start) still get stacks that name the user's files; the map is read on the first error.
 */
function originalPosition(line: string): string {
  const m = FRAME_POSITION.exec(line);
  if (!m) return line;
  const [, before, file, row, column, after] = m;
  const map = sourceMapOf(file);
  const entry = map?.findEntry(Number(row) - 1, Number(column) - 1) as { originalSource?: string; originalLine?: number; originalColumn?: number } | undefined;
  if (entry?.originalSource === undefined || entry.originalLine === undefined || entry.originalColumn === undefined) return line;
  let source = entry.originalSource.startsWith('file://') ? fileURLToPath(entry.originalSource) : entry.originalSource;
  // FaaS Lab's bundles name sources relative to a sourceRoot: the handler's folder where it was packaged.
  const root = map!.payload.sourceRoot;
  if (root && !isAbsolute(source) && !/^[a-z]+:/i.test(source)) source = root + source;
  return `${line.slice(0, m.index)}${before}${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}${after ?? ''}`;
}

function sourceMapOf(file: string): SourceMap | undefined {
  if (bundleMaps.has(file)) return bundleMaps.get(file);
  let map: SourceMap | undefined;
  try {
    const text = readFileSync(file, 'utf8');
    const at = text.lastIndexOf(INLINE_MAP);
    if (at >= 0) map = new SourceMap(JSON.parse(Buffer.from(text.slice(at + INLINE_MAP.length).trim(), 'base64').toString('utf8')) as SourceMapPayload);
  } catch {
    // Not a file, or no readable map: the frame stays as it is.
  }
  bundleMaps.set(file, map);
  return map;
}

function describe(value: unknown): string {
  try {
    return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    return String(value);
  }
}

/** The context FaaS Lab's own platforms (local, HTTP adapters) pass. */
export function makeContext(functionName: string, deadlineMs: number, memoryLimitInMB: number | undefined, invoke?: HandlerContext['invoke']): HandlerContext {
  return {
    ...(invoke ? { invoke } : {}),
    functionName,
    memoryLimitInMB,
    requestId: randomUUID(),
    getRemainingTimeInMillis: () => Math.max(0, deadlineMs - Date.now()),
    log: (...args: unknown[]) => console.log(...args),
  };
}
