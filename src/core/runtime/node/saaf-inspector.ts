// FaaS Lab's SAAF-compatible Node.js Inspector: `new (require('./Inspector'))()` in a handler gets
// this class when no Inspector.js sits beside it (see src/core/packaging/saaf.ts). Field names and
// units are those of SAAF's Node.js Inspector (wlloyduw/SAAF, version 0.5): CPU times in /proc/stat
// clock ticks (1/100 s), memory in kB, times in epoch ms, vmuptime in epoch s. Its container
// identity is SAAF's: a container-id file in the temporary folder ($TMPDIR, else /tmp).
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/** SAAF Node's names for the first eight /proc/stat "cpu" columns, in the kernel's order. */
const CPU_STATES = ['cpuUsr', 'cpuNice', 'cpuKrn', 'cpuIdle', 'cpuIowait', 'cpuIrq', 'cpuSoftIrq', 'vmcpusteal'] as const;

type Attributes = Record<string, unknown>;

function read(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function statLine(stat: string | undefined, key: string): string | undefined {
  return stat === undefined ? undefined : new RegExp(`^${key}\\s+(.*)$`, 'm').exec(stat)?.[1]?.trim();
}

function counter(text: string | undefined, key: string): number | undefined {
  const value = statLine(text, key);
  return value === undefined ? undefined : Number(value.split(/\s+/)[0]);
}

/** The /proc/stat "cpu" line's ticks per state and the context switch count, now. */
function sampleCPU(): { ticks: number[]; contextSwitches?: number } {
  const stat = read('/proc/stat');
  return { ticks: statLine(stat, 'cpu')?.split(/\s+/).map(Number) ?? [], contextSwitches: counter(stat, 'ctxt') };
}

function containerFile(): string {
  return path.join(process.env.TMPDIR || '/tmp', 'container-id');
}

class Inspector {
  private readonly startTime = Date.now();
  private readonly attributes: Attributes = { version: 0.5, lang: 'node.js', startTime: this.startTime };
  private inspectedCPU = false;
  private inspectedMemory = false;

  /** uuid and newcontainer (1 the first time this instance's temporary folder is seen); vmuptime. */
  inspectContainer(): void {
    const file = containerFile();
    const known = read(file);
    if (known !== undefined) {
      this.attributes.uuid = known;
      this.attributes.newcontainer = 0;
    } else {
      const id = randomUUID();
      writeFileSync(file, id);
      this.attributes.uuid = id;
      this.attributes.newcontainer = 1;
    }
    const btime = counter(read('/proc/stat'), 'btime');
    if (btime !== undefined) this.attributes.vmuptime = btime;
  }

  /** cpuType, cpuModel; machine-wide CPU ticks per state since boot; contextSwitches. */
  inspectCPU(): void {
    this.inspectedCPU = true;
    const cpuinfo = read('/proc/cpuinfo');
    const cpuType = cpuinfo && /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1];
    if (cpuType) this.attributes.cpuType = cpuType.trim();
    const cpuModel = cpuinfo && /^model\s*:\s*(.*)$/m.exec(cpuinfo)?.[1];
    if (cpuModel) this.attributes.cpuModel = cpuModel.trim();
    const { ticks, contextSwitches } = sampleCPU();
    CPU_STATES.forEach((state, i) => {
      if (ticks[i] !== undefined) this.attributes[state] = ticks[i];
    });
    if (contextSwitches !== undefined) this.attributes.contextSwitches = contextSwitches;
  }

  /** cpuUsrDelta ... vmcpustealDelta in ticks and contextSwitchesDelta, since inspectCPU. */
  inspectCPUDelta(): void {
    if (!this.inspectedCPU) {
      this.attributes.SAAFCPUDeltaError = 'CPU not inspected before collecting deltas!';
      return;
    }
    const { ticks, contextSwitches } = sampleCPU();
    CPU_STATES.forEach((state, i) => {
      const before = this.attributes[state];
      if (ticks[i] !== undefined && typeof before === 'number') this.attributes[`${state}Delta`] = ticks[i] - before;
    });
    if (contextSwitches !== undefined && typeof this.attributes.contextSwitches === 'number') {
      this.attributes.contextSwitchesDelta = contextSwitches - this.attributes.contextSwitches;
    }
  }

  /** totalMemory and freeMemory in kB; pageFaults and majorPageFaults since boot. */
  inspectMemory(): void {
    this.inspectedMemory = true;
    const meminfo = read('/proc/meminfo');
    const kB = (key: string) => (meminfo ? /^\s*(\d+)/.exec(statLine(meminfo, `${key}:`) ?? '')?.[1] : undefined);
    const total = kB('MemTotal');
    const free = kB('MemFree');
    if (total !== undefined) this.attributes.totalMemory = Number(total);
    if (free !== undefined) this.attributes.freeMemory = Number(free);
    const vmstat = read('/proc/vmstat');
    if (vmstat === undefined) {
      this.attributes.SAAFMemoryError = '/proc/vmstat does not exist!';
      return;
    }
    const faults = counter(vmstat, 'pgfault');
    const major = counter(vmstat, 'pgmajfault');
    if (faults !== undefined) this.attributes.pageFaults = faults;
    if (major !== undefined) this.attributes.majorPageFaults = major;
  }

  /** pageFaultsDelta and majorPageFaultsDelta since inspectMemory. */
  inspectMemoryDelta(): void {
    if (!this.inspectedMemory) {
      this.attributes.SAAFMemoryDeltaError = 'Memory not inspected before collecting deltas!';
      return;
    }
    const vmstat = read('/proc/vmstat');
    if (vmstat === undefined) {
      this.attributes.SAAFMemoryDeltaError = '/proc/vmstat does not exist!';
      return;
    }
    for (const [key, name] of [['pgfault', 'pageFaults'], ['pgmajfault', 'majorPageFaults']] as const) {
      const now = counter(vmstat, key);
      const before = this.attributes[name];
      if (now !== undefined && typeof before === 'number') this.attributes[`${name}Delta`] = now - before;
    }
  }

  /** platform, and what it says of the function: functionName, functionMemory, functionRegion, ... */
  inspectPlatform(): void {
    const env = process.env;
    const a = this.attributes;
    if (env.AWS_LAMBDA_LOG_STREAM_NAME) {
      Object.assign(a, {
        platform: 'AWS Lambda',
        containerID: env.AWS_LAMBDA_LOG_STREAM_NAME,
        functionName: env.AWS_LAMBDA_FUNCTION_NAME,
        functionMemory: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
        functionRegion: env.AWS_REGION,
      });
      const cgroup = read('/proc/self/cgroup') ?? '';
      const at = cgroup.indexOf('sandbox-root-');
      if (at >= 0) a.vmID = cgroup.substring(at + 13, at + 19);
    } else if (env.X_GOOGLE_FUNCTION_NAME || env.K_SERVICE) {
      Object.assign(a, {
        platform: 'Google Cloud Functions',
        functionName: env.X_GOOGLE_FUNCTION_NAME ?? env.K_SERVICE,
        functionMemory: env.X_GOOGLE_FUNCTION_MEMORY_MB,
        functionRegion: env.X_GOOGLE_FUNCTION_REGION ?? env.FUNCTION_REGION,
      });
    } else if (env.__OW_ACTION_NAME) {
      Object.assign(a, { platform: 'IBM Cloud Functions', functionName: env.__OW_ACTION_NAME, functionRegion: env.__OW_API_HOST });
      const vm = read('/sys/hypervisor/uuid');
      if (vm) a.vmID = vm.trim();
    } else if (env.CONTAINER_NAME) {
      Object.assign(a, { platform: 'Azure Functions', containerID: env.CONTAINER_NAME, functionName: env.WEBSITE_SITE_NAME, functionRegion: env.Location ?? env.REGION_NAME });
    } else if (env.FAASLAB_FUNCTION_NAME) {
      Object.assign(a, { platform: 'FaaS Lab', functionName: env.FAASLAB_FUNCTION_NAME, functionMemory: env.FAASLAB_MEMORY_MB });
    } else {
      a.platform = 'Unknown Platform';
    }
    for (const key of Object.keys(a)) if (a[key] === undefined) delete a[key];
  }

  /** linuxVersion: what `uname -a` prints. */
  inspectLinux(): void {
    this.attributes.linuxVersion = this.runCommand('uname -a').replace('\n', '');
  }

  /** Every inspect method, then frameworkRuntime (ms spent in them since the Inspector was made). */
  inspectAll(): void {
    this.inspectContainer();
    this.inspectPlatform();
    this.inspectLinux();
    this.inspectMemory();
    this.inspectCPU();
    this.addTimeStamp('frameworkRuntime');
  }

  /** userRuntime (ms since inspectAll ended), the CPU and memory deltas, frameworkRuntimeDeltas. */
  inspectAllDeltas(): void {
    const framework = this.attributes.frameworkRuntime;
    if (typeof framework === 'number') this.addTimeStamp('userRuntime', this.startTime + framework);
    const deltaStart = Date.now();
    this.inspectCPUDelta();
    this.inspectMemoryDelta();
    this.addTimeStamp('frameworkRuntimeDeltas', deltaStart);
  }

  addAttribute(key: string, value: unknown): void {
    this.attributes[key] = value;
  }

  getAttribute(key: string): unknown {
    return this.attributes[key];
  }

  /** key = ms from timeSince (epoch ms; default: when the Inspector was made) to now. */
  addTimeStamp(key: string, timeSince?: number): void {
    this.attributes[key] = Date.now() - (timeSince || this.startTime);
  }

  /** Copies a response object's own fields into the attributes. */
  consumeResponse(response: unknown): void {
    if (response === null || typeof response !== 'object') {
      this.attributes.SAAFConsumeReponseError = 'There was an error consuming the response object: pass an object.';
      return;
    }
    Object.assign(this.attributes, response);
  }

  /** Standard output of a shell command (SAAF's helper); empty when it cannot run. */
  runCommand(command: string): string {
    try {
      return execFileSync('/bin/sh', ['-c', command], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    } catch {
      return '';
    }
  }

  /** runtime (ms since the Inspector was made) and endTime; returns every attribute. */
  finish(response?: unknown): Attributes {
    if (response !== undefined) this.consumeResponse(response);
    this.addTimeStamp('runtime');
    this.attributes.endTime = Date.now();
    return this.attributes;
  }
}

export = Inspector;
