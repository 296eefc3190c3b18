// Runs an experiment's plan against real providers: per platform, per memory setting, per
// iteration, with the load shape the spec asks for; every finished call is appended to the run's
// store at once. Cancelling stops issuing, aborts calls in flight and leaves them unrecorded, so
// a resume makes exactly the calls that are missing.
import { BadInputError } from '../bad-input';
import { UserError, type Deployment, type PlatformId, type Provider } from '../model';
import type { PriceTable } from '../results/cost';
import type { InvocationRecord } from '../results/record';
import { emptyCounts, type MemorySettingError, type RunCounts, type RunStatus } from '../results/run-info';
import { createRun, readRun, reopenRun, type RunWriter } from '../results/store';
import type { ProviderRegistry } from '../platforms';
import { enforceBudget, estimatePlanCost } from './budget';
import { describeIteration, planExperiment, type Plan, type PlannedCall, type PlannedIteration } from './plan';
import { ProgressTracker, type RunProgress } from './progress';
import { CancelScope } from './scheduler/cancel';
import { makeCall } from './scheduler/call';
import { InFlight } from './scheduler/in-flight';
import { runBurst, runClosedLoop, runOpenLoop, type LoopControl } from './scheduler/loops';
import { AS_DEPLOYED, type ExperimentSpec } from './spec';
import { tracedRecords } from './trace';

export interface RunOptions {
  spec: ExperimentSpec;
  experimentFile?: string;
  providers: ProviderRegistry;
  /** Usually `<workspace>/.faaslab/runs`. */
  runsDir: string;
  signal?: AbortSignal;
  onProgress?: (p: RunProgress) => void;
  onRecord?: (r: InvocationRecord) => void;
  /** Called once the run folder exists and run.json is written (e.g. to open the results live). */
  onStart?: (runDir: string, runId: string) => void;
  /** A run folder to resume: its own spec (run.json) is used so seq numbers match. */
  resume?: string;
  prices?: PriceTable;
  /** Written to run.json; defaults to package.json's version. */
  faasLabVersion?: string;
}

export type FinalRunStatus = Exclude<RunStatus, 'running'>;

export interface RunResult {
  runDir: string;
  runId: string;
  status: FinalRunStatus;
  counts: RunCounts;
  problems: string[];
}

export async function runExperiment(options: RunOptions): Promise<RunResult> {
  const problems: string[] = [];
  const prior = options.resume ? await readRun(options.resume) : undefined;
  let spec = options.spec;
  if (prior) {
    problems.push(...prior.problems);
    if (JSON.stringify(prior.info.spec) !== JSON.stringify(options.spec)) {
      problems.push("The experiment changed since this run started; resuming with the run's own spec (run.json) so the remaining calls match the plan");
    }
    spec = prior.info.spec;
  }
  const plan = planExperiment(spec);
  const done = new Set<number>();
  const counts = emptyCounts(plan.totals.calls);
  for (const r of prior?.records ?? []) {
    if (done.has(r.seq)) continue;
    done.add(r.seq);
    countRecord(counts, r);
  }

  // Everything that can refuse the run happens before its folder exists.
  const targets = await resolveTargets(spec, options.providers, options.signal);
  enforceBudget(spec.budgetUSD, estimatePlanCost(plan, new Map([...targets].map(([id, t]) => [id, t.deployment])), (seq) => !done.has(seq), options.prices));

  const writer = prior
    ? await reopenRun(options.resume!)
    : await createRun({ runsDir: options.runsDir, spec, experimentFile: options.experimentFile, planned: plan.totals.calls, faasLabVersion: options.faasLabVersion });
  try {
    options.onStart?.(writer.runDir, writer.runId);
  } catch (err) {
    problems.push(`onStart listener failed: ${messageOf(err)}`);
  }
  const execution = new Execution(plan, writer, counts, done, options, problems);
  return execution.run(targets);
}

interface Target {
  provider: Provider;
  deployment: Deployment;
}

async function resolveTargets(spec: ExperimentSpec, providers: ProviderRegistry, signal?: AbortSignal): Promise<Map<PlatformId, Target>> {
  const out = new Map<PlatformId, Target>();
  for (const platform of spec.platforms) {
    if (!providers.has(platform)) {
      throw new UserError(`Platform '${platform}' is not available in this build of FaaS Lab: remove it from the experiment's platform(s)`);
    }
    const provider = providers.get(platform);
    const deployment = await provider.get(spec.function, signal);
    if (!deployment) {
      throw new BadInputError(`Function '${spec.function}' is not deployed on ${platform}: deploy it first (faas-lab deploy <file> --platform ${platform})`);
    }
    out.set(platform, { provider, deployment });
  }
  return out;
}

function countRecord(counts: RunCounts, r: InvocationRecord): void {
  counts.recorded++;
  counts.retries += r.retries;
  if (r.status === 'ok') counts.ok++;
  else if (r.status === 'error') counts.errors++;
  else if (r.status === 'timeout') counts.timeouts++;
  else counts.throttled++;
}

/** One session of a run (the first, or a resume): the state shared by its phases. */
class Execution {
  private readonly scope = new CancelScope();
  private readonly providerSignal = this.scope.signal();
  private readonly inFlight = new InFlight();
  private readonly progress: ProgressTracker;
  private readonly memorySettingErrors: MemorySettingError[];
  private liveRetries: number;
  private stoppedBy: string | undefined;
  private fatal: unknown;

  constructor(
    private readonly plan: Plan,
    private readonly writer: RunWriter,
    private readonly counts: RunCounts,
    private readonly done: Set<number>,
    private readonly options: RunOptions,
    private readonly problems: string[],
  ) {
    // A resume tries failed memory settings again, so only this session's failures count.
    this.memorySettingErrors = [];
    this.liveRetries = counts.retries;
    this.progress = new ProgressTracker(counts, () => this.inFlight.count, () => this.liveRetries, options.onProgress);
  }

  async run(targets: Map<PlatformId, Target>): Promise<RunResult> {
    const { signal } = this.options;
    const onAbort = (): void => this.scope.cancel();
    if (signal?.aborted) this.scope.cancel();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      for (const platform of this.plan.spec.platforms) {
        if (!this.shouldIssue()) break;
        await this.runPlatform(targets.get(platform)!, platform);
      }
    } catch (err) {
      this.fail(err);
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
    await this.inFlight.waitIdle();
    return this.finish();
  }

  private shouldIssue(): boolean {
    return !this.scope.cancelled && this.stoppedBy === undefined && this.fatal === undefined;
  }

  private fail(err: unknown): void {
    this.fatal ??= err;
    this.scope.cancel();
  }

  private async runPlatform(target: Target, platform: PlatformId): Promise<void> {
    const spec = this.plan.spec;
    const original = target.deployment;
    let deployment = original;
    try {
      const settings = groupBy(
        this.plan.iterations.filter((it) => it.platform === platform),
        (it) => it.memoryIndex,
      );
      for (const iterations of settings) {
        const pending = iterations.map((it) => ({ it, calls: it.calls.filter((c) => !this.done.has(c.seq)) }));
        const pendingCalls = pending.reduce((n, p) => n + p.calls.length, 0);
        if (pendingCalls === 0) continue;
        if (!this.shouldIssue()) return;
        const wanted = iterations[0].memoryMB === AS_DEPLOYED ? original.memoryMB : iterations[0].memoryMB;
        if (deployment.memoryMB !== wanted) {
          try {
            deployment = await target.provider.configure(deployment, { memoryMB: wanted }, this.providerSignal);
          } catch (err) {
            if (this.scope.cancelled) return;
            // A size the platform refuses is reported and skipped; the other sizes still run.
            this.memorySettingErrors.push({ platform, memoryMB: wanted, error: messageOf(err) });
            this.counts.skipped += pendingCalls;
            continue;
          }
        }
        // As FaaS Runner: sleepTime before each memory setting's first iteration, changed or not.
        await this.scope.sleep(spec.sleepTime * 1000);
        let first = true;
        for (const { it, calls } of pending) {
          if (calls.length === 0) continue;
          if (!this.shouldIssue()) return;
          if (!first) await this.scope.sleep(spec.sleepTime * 1000);
          first = false;
          if (!this.shouldIssue()) return;
          await this.runIteration({ provider: target.provider, deployment }, it, calls);
        }
      }
    } finally {
      if (deployment.memoryMB !== original.memoryMB) await this.restoreMemory(target.provider, deployment, original.memoryMB, platform);
    }
  }

  private async restoreMemory(provider: Provider, deployment: Deployment, memoryMB: number, platform: PlatformId): Promise<void> {
    try {
      // No signal: even a cancelled run puts the function back as it found it.
      await provider.configure(deployment, { memoryMB });
    } catch (err) {
      this.problems.push(`Could not restore ${platform} '${deployment.name}' to its original ${memoryMB} MB: ${messageOf(err)}; set it back by hand`);
    }
  }

  private async runIteration(target: Target, it: PlannedIteration, calls: PlannedCall[]): Promise<void> {
    const spec = this.plan.spec;
    this.progress.setPhase(describeIteration(it, spec.iterations, target.deployment.memoryMB));
    if (spec.coldStart) {
      try {
        await target.provider.recycle(target.deployment, this.providerSignal);
      } catch (err) {
        if (this.scope.cancelled) return;
        this.problems.push(`${it.platform} iteration ${it.iteration + 1}: could not recycle instances for a cold start (${messageOf(err)}); its calls may be warm`);
      }
    }
    const context = {
      runId: this.writer.runId,
      experiment: spec.experimentName,
      function: spec.function,
      platform: it.platform,
      memoryMB: target.deployment.memoryMB,
      iteration: it.iteration,
      warmup: it.warmup,
    };
    const settings = {
      ...(spec.timeoutS !== undefined ? { timeoutMs: spec.timeoutS * 1000 } : {}),
      retry: spec.retry,
      scope: this.scope,
      onRetry: () => {
        this.liveRetries++;
        this.progress.emit();
      },
    };
    const control: LoopControl = {
      scope: this.scope,
      inFlight: this.inFlight,
      shouldIssue: () => this.shouldIssue(),
      execute: async (call) => {
        const result = await makeCall(target, this.plan.payloads[call.payloadIndex], settings);
        if (!result || this.fatal !== undefined) return;
        const [record, ...nested] = tracedRecords(context, call, result.outcome, result.retries);
        await this.record(record, nested);
      },
    };
    if (spec.mode === 'closed') await runClosedLoop(calls, control);
    else if (spec.mode === 'burst') await runBurst(calls, control, spec.maxInFlight);
    else {
      const { delayed } = await runOpenLoop(calls, control, spec.maxInFlight);
      if (delayed > 0) {
        this.problems.push(
          `${describeIteration(it, spec.iterations, target.deployment.memoryMB)}: ${delayed} arrival(s) waited because maxInFlight (${spec.maxInFlight}) calls were in flight, so the achieved rate is below ${spec.rate?.rps} per second`,
        );
      }
    }
  }

  /** Counts the call once its record is in the run's file, so a resume never repeats a counted call. */
  private async record(record: InvocationRecord, nested: InvocationRecord[] = []): Promise<void> {
    try {
      // The calls it made follow it in the file: a resume counts each seq's first record.
      for (const r of [record, ...nested]) await this.writer.append(r);
    } catch (err) {
      this.fail(err);
      return;
    }
    this.done.add(record.seq);
    countRecord(this.counts, record);
    if (record.status !== 'ok' && !this.plan.spec.keepGoingOnError && this.stoppedBy === undefined) {
      this.stoppedBy = `call ${record.seq} ended ${record.status}${record.error ? ` (${record.error})` : ''}`;
    }
    try {
      this.options.onRecord?.(record);
    } catch (err) {
      // A listener's bug must not lose the run; say so once per kind of failure.
      const note = `onRecord listener failed: ${messageOf(err)}`;
      if (!this.problems.includes(note)) this.problems.push(note);
    }
    this.progress.emit();
  }

  private async finish(): Promise<RunResult> {
    const status = this.finalStatus();
    if (this.fatal !== undefined) this.problems.push(`The run failed: ${messageOf(this.fatal)}`);
    else if (status === 'cancelled') this.problems.push(`Cancelled: ${this.counts.recorded} of ${this.counts.planned} calls recorded; resume the run to make the rest`);
    if (this.stoppedBy) this.problems.push(`Stopped issuing calls because keepGoingOnError is false and ${this.stoppedBy}`);
    for (const e of this.memorySettingErrors) this.problems.push(`${e.platform} ${e.memoryMB} MB was skipped: ${e.error}`);
    this.progress.setPhase(status);
    const info = await this.writer.finish(status, this.counts, { problems: this.problems, memorySettingErrors: this.memorySettingErrors });
    return { runDir: this.writer.runDir, runId: info.runId, status, counts: { ...this.counts }, problems: [...this.problems] };
  }

  private finalStatus(): FinalRunStatus {
    if (this.fatal !== undefined || this.stoppedBy !== undefined) return 'failed';
    const c = this.counts;
    if (this.scope.cancelled && c.recorded + c.skipped < c.planned) return 'cancelled';
    return c.errors + c.timeouts + c.throttled + c.skipped > 0 || c.recorded < c.planned ? 'completed-with-errors' : 'completed';
  }
}

function groupBy<T>(items: T[], key: (item: T) => number): T[][] {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const k = key(item);
    const g = groups.get(k);
    if (g) g.push(item);
    else groups.set(k, [item]);
  }
  return [...groups.values()];
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
