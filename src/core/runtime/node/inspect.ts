// SAAF-style metrics collected inside a Node function instance. Every /proc read is guarded:
// where a file is missing (macOS, Windows) the fields it would give are left out, never guessed.
import { randomUUID } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import * as os from 'node:os';
import { performance } from 'node:perf_hooks';
import type { FunctionMetrics } from '../../model';

/** /proc/stat "cpu" columns, in the order the kernel writes them, with their metric names. */
const CPU_FIELDS = [
  'cpuUserDelta',
  'cpuNiceDelta',
  'cpuKernelDelta',
  'cpuIdleDelta',
  'cpuIOWaitDelta',
  'cpuIrqDelta',
  'cpuSoftIrqDelta',
  'cpuStealDelta',
] as const;

/** /proc/stat counts USER_HZ ticks, 100 a second on every Linux ABI Node runs on; SAAF's Python Inspector reports ms. */
const MS_PER_TICK = 10;

interface MachineSample {
  cpu?: number[];
  contextSwitches?: number;
  pageFaults?: number;
}

/** What one call looked like before the handler ran. */
export interface CallProbe {
  machine: MachineSample;
  processCpu: NodeJS.CpuUsage;
  startTime: number;
  startMono: number;
}

/** Identity of this instance: the same for every call the process serves. */
const instance = { uuid: randomUUID(), calls: 0 };
let fixed: FunctionMetrics | undefined;
/** Files found missing once are not tried again: a failing open per call is wasted time. */
const missing = new Set<string>();

export function instanceUuid(): string {
  return instance.uuid;
}

/** Counts a call; returns 1 for the instance's first call (a new container), else 0. */
export function countCall(): 0 | 1 {
  instance.calls += 1;
  return instance.calls === 1 ? 1 : 0;
}

export function beginCall(): CallProbe {
  const machine = sampleMachine();
  const processCpu = process.cpuUsage();
  // Clocks last, so the /proc reads above are not counted as handler time.
  return { machine, processCpu, startTime: Date.now(), startMono: performance.now() };
}

export function endCall(probe: CallProbe, newcontainer: 0 | 1, identity: { functionName?: string; functionMemory?: number }): FunctionMetrics {
  // Clocks first, so the /proc reads below are not counted as handler time.
  const runtime = performance.now() - probe.startMono;
  const endTime = Date.now();
  const processCpu = process.cpuUsage(probe.processCpu);
  const machine = sampleMachine();
  const metrics: FunctionMetrics = {
    ...fixedMetrics(),
    uuid: instance.uuid,
    newcontainer,
    runtime: round3(runtime),
    startTime: probe.startTime,
    endTime,
    processCpuUserMs: round3(processCpu.user / 1000),
    processCpuKernelMs: round3(processCpu.system / 1000),
  };
  if (probe.machine.cpu && machine.cpu) {
    for (let i = 0; i < CPU_FIELDS.length; i++) {
      const before = probe.machine.cpu[i];
      const after = machine.cpu[i];
      if (before !== undefined && after !== undefined) metrics[CPU_FIELDS[i]] = (after - before) * MS_PER_TICK;
    }
  }
  if (probe.machine.contextSwitches !== undefined && machine.contextSwitches !== undefined) {
    metrics.contextSwitchesDelta = machine.contextSwitches - probe.machine.contextSwitches;
  }
  if (probe.machine.pageFaults !== undefined && machine.pageFaults !== undefined) {
    metrics.pageFaultsDelta = machine.pageFaults - probe.machine.pageFaults;
  }
  Object.assign(metrics, memoryInfo(), platformInfo(identity));
  return definedOnly(metrics);
}

/** Fields that cannot change while the process lives, read once. */
function fixedMetrics(): FunctionMetrics {
  if (fixed) return fixed;
  const cpuinfo = readHead('/proc/cpuinfo', 8192);
  const stat = readProc('/proc/stat');
  const btime = stat ? /^btime\s+(\d+)/m.exec(stat)?.[1] : undefined;
  fixed = definedOnly({
    vmuptime: btime === undefined ? undefined : Number(btime),
    cpuType: cpuinfo ? /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1]?.trim() : undefined,
    cpuModel: cpuinfo ? /^model\s*:\s*(.*)$/m.exec(cpuinfo)?.[1]?.trim() : undefined,
    cpuCores: cpuCount(),
    lang: 'node',
    version: process.versions.node,
  });
  return fixed;
}

function cpuCount(): number | undefined {
  const n = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return n > 0 ? n : undefined;
}

function sampleMachine(): MachineSample {
  const stat = readProc('/proc/stat');
  const vmstat = readProc('/proc/vmstat');
  const sample: MachineSample = {};
  if (stat) {
    const cpuLine = /^cpu\s+(.*)$/m.exec(stat)?.[1];
    if (cpuLine) sample.cpu = cpuLine.trim().split(/\s+/).slice(0, CPU_FIELDS.length).map(Number);
    const ctxt = /^ctxt\s+(\d+)/m.exec(stat)?.[1];
    if (ctxt !== undefined) sample.contextSwitches = Number(ctxt);
  }
  const pgfault = vmstat ? /^pgfault\s+(\d+)/m.exec(vmstat)?.[1] : undefined;
  if (pgfault !== undefined) sample.pageFaults = Number(pgfault);
  return sample;
}

/** totalMemory and freeMemory in kB, as /proc/meminfo and SAAF give them. */
function memoryInfo(): FunctionMetrics {
  const meminfo = readProc('/proc/meminfo');
  if (!meminfo) return {};
  const kb = (key: string) => {
    const v = new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(meminfo)?.[1];
    return v === undefined ? undefined : Number(v);
  };
  return { totalMemory: kb('MemTotal'), freeMemory: kb('MemFree') };
}

/** What the platform says about the function (env vars differ per platform). */
function platformInfo(identity: { functionName?: string; functionMemory?: number }): FunctionMetrics {
  const env = process.env;
  const memory = identity.functionMemory ?? numberOr(env.FAASLAB_MEMORY_MB ?? env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE);
  return {
    functionMemory: memory,
    functionRegion: env.FAASLAB_REGION ?? env.AWS_REGION ?? env.FUNCTION_REGION ?? env.REGION_NAME,
    functionName: identity.functionName ?? env.FAASLAB_FUNCTION_NAME ?? env.AWS_LAMBDA_FUNCTION_NAME ?? env.K_SERVICE ?? env.WEBSITE_SITE_NAME,
  };
}

/** /proc files stay open: each sample is one pread from offset 0 (the kernel renders them afresh), not open, fstat, two reads and close. */
const procFds = new Map<string, number>();
let procBuffer = Buffer.allocUnsafe(16384);

function readProc(file: string): string | undefined {
  if (missing.has(file)) return undefined;
  try {
    let fd = procFds.get(file);
    if (fd === undefined) {
      fd = openSync(file, 'r');
      procFds.set(file, fd);
    }
    for (;;) {
      const n = readSync(fd, procBuffer, 0, procBuffer.length, 0);
      if (n < procBuffer.length) return procBuffer.toString('latin1', 0, n);
      // /proc/stat grows with the core count: read again into a buffer that holds it all.
      procBuffer = Buffer.allocUnsafe(procBuffer.length * 2);
    }
  } catch {
    missing.add(file);
    return undefined;
  }
}

/** The first bytes of a file: /proc/cpuinfo grows with the core count; the first CPU is enough. */
function readHead(file: string, bytes: number): string | undefined {
  if (missing.has(file)) return undefined;
  try {
    const fd = openSync(file, 'r');
    try {
      const buf = Buffer.alloc(bytes);
      const n = readSync(fd, buf, 0, bytes, null);
      return buf.toString('latin1', 0, n);
    } finally {
      closeSync(fd);
    }
  } catch {
    missing.add(file);
    return undefined;
  }
}

export function numberOr(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

export function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

function definedOnly<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}
