// Runs an experiment's plan against real providers: per platform, per memory setting, per
// iteration, with the load shape the spec asks for; every finished call is appended to the run's
// store at once (the next call does not wait for the write; the call counts once it is written). Cancelling stops issuing, aborts calls in flight and leaves them unrecorded, so
// a resume makes exactly the calls that are missing.
import { isUnmanaged, unmanagedRefusal } from '../functions/unmanaged';
import { BadInputError } from '../bad-input';
import { UserError, type Deployment, type PlatformId, type Provider } from '../model';
import type { PriceTable } from '../results/cost';
import type { InvocationRecord } from '../results/record';
import { emptyCounts, type MemorySettingError, type RunCounts, type RunStatus } from '../results/run-info';
import { createRun, feedRecords, readRunInfo, reopenRun, type RunWriter } from '../results/store';
import type { ProviderRegistry } from '../platforms';
import { enforceBudget, estimatePlanCost } from './budget';
import { idleVerdict, searchIdleTime } from './idle-search';
import { describeIteration, idleIteration, planExperiment, type Plan, type PlannedCall, type PlannedIteration, type PlannedSetting } from './plan';
import { ProgressTracker, type RunProgress } from './progress';
import { CancelScope } from './scheduler/cancel';
import { makeCall } from './scheduler/call';
import { DoneSeqs } from './scheduler/done';
import { InFlight } from './scheduler/in-flight';
import { SignalPool } from './scheduler/signals';
import { runBurst, runClosedLoop, runIdlePairs, runOpenLoop, type LoopControl } from './scheduler/loops';
import { AS_DEPLOYED, type ExperimentSpec, type IdleSearch } from './spec';
import { toRecord } from './to-record';
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
  /** The user agreed that memory settings and cold starts may change functions FaaS Lab did not create. */
  confirmUnmanaged?: boolean;
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
  const prior = options.resume ? { info: await readRunInfo(options.resume) } : undefined;
  let spec = options.spec;
  if (prior) {
    if (JSON.stringify(prior.info.spec) !== JSON.stringify(options.spec)) {
      problems.push("The experiment changed since this run started; resuming with the run's own spec (run.json) so the remaining calls match the plan");
    }
    spec = prior.info.spec;
  }
  const plan = planExperiment(spec);
  const done = new DoneSeqs();
  const counts = emptyCounts(plan.totals.calls);
  // An idle search's recorded probes (a handful of calls per idle time) are kept to replay their verdicts.
  const idleProbes: InvocationRecord[] = [];
  if (options.resume) {
    // The recorded calls, streamed: a resume keeps their seqs and counts, not their records.
    const recordProblems = await feedRecords(options.resume, {
      add(r) {
        if (done.add(r.seq)) countRecord(counts, r);
        if (spec.idle?.search) idleProbes.push(r);
      },
    });
    problems.unshift(...recordProblems);
  }
  // An idle search plans its calls as it goes: a resume replays the idle times already probed (their
  // recorded verdicts), finishes a time cut short, and goes on from there.
  if (spec.idle?.search) counts.planned = counts.recorded;
  const idleHistory = spec.idle?.search ? recordedIdleSteps(idleProbes, 2 * spec.idle.repeat) : new Map<string, RecordedIdleStep[]>();

  // Everything that can refuse the run happens before its folder exists.
  const targets = await resolveTargets(spec, options.providers, options.signal);
  if (!options.confirmUnmanaged) refuseUnmanagedChanges(spec, targets);
  checkPayloads(plan, targets);
  enforceBudget(spec.budgetUSD, estimatePlanCost(plan, new Map([...targets].map(([id, t]) => [id, t.deployment])), (first, size) => done.countIn(first, size), options.prices));

  const writer = prior
    ? await reopenRun(options.resume!)
    : await createRun({ runsDir: options.runsDir, spec, experimentFile: options.experimentFile, planned: counts.planned, faasLabVersion: options.faasLabVersion });
  try {
    options.onStart?.(writer.runDir, writer.runId);
  } catch (err) {
    problems.push(`onStart listener failed: ${messageOf(err)}`);
  }
  const execution = new Execution(plan, writer, counts, done, options, problems, idleHistory);
  return execution.run(targets);
}

const NO_RECORDS: InvocationRecord[] = [];

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
      if (platform === 'http') {
        throw new BadInputError(`No endpoint '${spec.function}' on http: link it (faas-lab link ${spec.function} --url http://...) or give its URL in the experiment ("endpoint": "http://...")`);
      }
      throw new BadInputError(`Function '${spec.function}' is not deployed on ${platform}: deploy it first (faas-lab deploy <file> --platform ${platform})`);
    }
    out.set(platform, { provider, deployment });
  }
  return out;
}

/** A payload a platform would refuse (over its size limit) stops the run before it starts, rather than failing every call. */
function checkPayloads(plan: Plan, targets: Map<PlatformId, Target>): void {
  for (const { provider, deployment } of targets.values()) {
    plan.payloads.forEach((payload, i) => {
      try {
        provider.checkPayload?.(deployment, payload);
      } catch (err) {
        if (err instanceof BadInputError) throw new BadInputError(`payloads[${i}]: ${err.message}; nothing was run`);
        throw err;
      }
    });
  }
}

/** Memory settings and cold starts reconfigure the function: not one FaaS Lab did not create, unless confirmed. */
function refuseUnmanagedChanges(spec: ExperimentSpec, targets: Map<PlatformId, Target>): void {
  const change = spec.memorySettings.some((mb) => mb !== AS_DEPLOYED) ? 'configure' : spec.coldStart ? 'recycle' : undefined;
  if (!change) return;
  for (const [platform, { provider, deployment }] of targets) {
    // The http platform refuses both itself, with its own reason.
    if (platform === 'http' || !isUnmanaged(deployment)) continue;
    const why = change === 'configure' ? 'set "memorySettings": [] to run it as deployed' : 'set "coldStart": false';
    throw unmanagedRefusal(deployment, provider.displayName, change, `${why}, or confirm that FaaS Lab may change it (faas-lab run --yes; Run Anyway in VS Code)`);
  }
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
  private readonly signals = new SignalPool(this.scope);
  private readonly inFlight = new InFlight();
  /** Batch writes of records not yet returned (their records are counted once they have). */
  private readonly writes = new InFlight();
  /** The store's batch the last record went into, with the records counted once it is written. */
  private batch: { written: Promise<void>; records: InvocationRecord[] } | undefined;
  private readonly progress: ProgressTracker;
  private readonly memorySettingErrors: MemorySettingError[];
  private liveRetries: number;
  private stoppedBy: string | undefined;
  private fatal: unknown;
  /** An idle search numbers its calls from here, after every call recorded before. */
  private nextSeq: number;
  /** An idle search was cut short by a cancel: the run is cancelled even if every planned call was made. */
  private searchCancelled = false;

  constructor(
    private readonly plan: Plan,
    private readonly writer: RunWriter,
    private readonly counts: RunCounts,
    private readonly done: DoneSeqs,
    private readonly options: RunOptions,
    private readonly problems: string[],
    /** A resumed idle search's steps as recorded, by `platform/memoryMB`. */
    private readonly idleHistory: ReadonlyMap<string, RecordedIdleStep[]>,
  ) {
    // A resume tries failed memory settings again, so only this session's failures count.
    this.memorySettingErrors = [];
    this.liveRetries = counts.retries;
    // After every recorded call, and after every recorded idle step's place (a step cut short is finished in it).
    const stepEnds = [...idleHistory.values()].flat().map((s) => s.firstSeq + s.size);
    this.nextSeq = Math.max(plan.totals.calls, done.next(), ...stepEnds);
    this.progress = new ProgressTracker(counts, () => this.inFlight.count, () => this.liveRetries, options.onProgress);
  }

  async run(targets: Map<PlatformId, Target>): Promise<RunResult> {
    const { signal } = this.options;
    const onAbort = (): void => this.scope.cancel();
    if (signal?.aborted) this.scope.cancel();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      await this.runSettings(targets);
    } catch (err) {
      this.fail(err);
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
    await this.inFlight.waitIdle();
    this.writer.hurry();
    await this.writes.waitIdle();
    return this.finish();
  }

  private shouldIssue(): boolean {
    return !this.scope.cancelled && this.stoppedBy === undefined && this.fatal === undefined;
  }

  private fail(err: unknown): void {
    this.fatal ??= err;
    this.scope.cancel();
  }

  /** Pulls the plan one memory setting at a time; each platform is put back to its memory when its settings are done. */
  private async runSettings(targets: Map<PlatformId, Target>): Promise<void> {
    let current: (Target & { platform: PlatformId; original: Deployment }) | undefined;
    try {
      for (const setting of this.plan.settings()) {
        if (!this.shouldIssue()) break;
        if (current?.platform !== setting.platform) {
          if (current) await this.restoreIfChanged(current);
          const target = targets.get(setting.platform)!;
          current = { ...target, platform: setting.platform, original: target.deployment };
        }
        current.deployment = await this.runSetting(current, setting);
      }
    } finally {
      if (current) await this.restoreIfChanged(current);
    }
  }

  private async restoreIfChanged(t: Target & { platform: PlatformId; original: Deployment }): Promise<void> {
    if (t.deployment.memoryMB !== t.original.memoryMB) await this.restoreMemory(t.provider, t.deployment, t.original.memoryMB, t.platform);
  }

  /** Runs one memory setting's pending calls; returns the deployment as it now is. */
  private async runSetting(target: Target & { original: Deployment }, setting: PlannedSetting): Promise<Deployment> {
    const spec = this.plan.spec;
    const search = spec.idle?.search;
    const pendingCalls = setting.size - this.done.countIn(setting.firstSeq, setting.size);
    let deployment = target.deployment;
    if ((pendingCalls === 0 && !search) || !this.shouldIssue()) return deployment;
    const wanted = setting.memoryMB === AS_DEPLOYED ? target.original.memoryMB : setting.memoryMB;
    if (deployment.memoryMB !== wanted) {
      try {
        deployment = await target.provider.configure(deployment, { memoryMB: wanted }, this.providerSignal);
      } catch (err) {
        if (this.scope.cancelled) return deployment;
        // A size the platform refuses is reported and skipped; the other sizes still run.
        this.memorySettingErrors.push({ platform: setting.platform, memoryMB: wanted, error: messageOf(err) });
        this.counts.skipped += pendingCalls;
        return deployment;
      }
    }
    const here = { provider: target.provider, deployment };
    // As FaaS Runner: sleepTime before each memory setting's first iteration, changed or not.
    await this.scope.sleep(spec.sleepTime * 1000);
    if (search) {
      await this.runIdleSearch(here, setting, search);
      return deployment;
    }
    let previous: PlannedIteration | undefined;
    for (const it of setting.iterations) {
      if (it.size - this.done.countIn(it.firstSeq, it.size) === 0) continue;
      if (!this.shouldIssue()) break;
      // Between load steps the steps' own pause, else sleepTime between iterations.
      if (previous) await this.scope.sleep((previous.step !== it.step ? (spec.steps?.pauseS ?? 0) : spec.sleepTime) * 1000);
      previous = it;
      if (!this.shouldIssue()) break;
      await this.runIteration(here, it);
    }
    return deployment;
  }

  /**
   * Probes idle times chosen as the search goes, numbering new calls after every recorded one. On a
   * resume, the idle times already probed are replayed from their records (the search takes the same
   * path through them), a time cut short gets its missing pairs in its own place, and new times follow.
   */
  private async runIdleSearch(target: Target, setting: PlannedSetting, search: IdleSearch): Promise<void> {
    const repeat = this.plan.spec.idle?.repeat ?? 1;
    const history = this.idleHistory.get(idleKey(setting.platform, target.deployment.memoryMB)) ?? [];
    let step = 0;
    const result = await searchIdleTime(search, async (idleS) => {
      if (!this.shouldIssue()) return undefined;
      const idleMs = idleS * 1000;
      const earlier = history[step];
      const replayed = earlier !== undefined && (earlier.idleMs === undefined || earlier.idleMs === idleMs);
      const shape = { ...setting, step: step++, idleMs, pairs: repeat, payloadCount: this.plan.payloads.length };
      if (replayed) {
        const it = idleIteration({ ...shape, firstSeq: earlier.firstSeq });
        const missing = it.size - this.done.countIn(it.firstSeq, it.size);
        if (missing === 0) return idleVerdict(earlier.probes);
        this.counts.planned += missing;
        const probes = await this.runIteration(target, it);
        return this.shouldIssue() ? idleVerdict([...earlier.probes, ...probes]) : undefined;
      }
      const it = idleIteration({ ...shape, firstSeq: this.nextSeq });
      this.nextSeq += it.size;
      this.counts.planned += it.size;
      const probes = await this.runIteration(target, it);
      return this.shouldIssue() ? idleVerdict(probes) : undefined;
    });
    if (this.scope.cancelled && result.incomplete !== undefined) {
      result.incomplete = 'cancelled';
      this.searchCancelled = true;
    }
    const outcome = { platform: setting.platform, memoryMB: target.deployment.memoryMB, ...result };
    // A resumed search's outcome replaces the one its cut-short session wrote.
    const outcomes = (this.writer.info.idleSearch ?? []).filter((o) => !(o.platform === outcome.platform && o.memoryMB === outcome.memoryMB));
    this.writer.info.idleSearch = [...outcomes, outcome];
    if (result.coldS === undefined && result.incomplete === undefined) {
      this.problems.push(`${setting.platform} ${target.deployment.memoryMB} MB: every probe up to idle.search.maxS (${search.maxS} s) was warm; raise maxS to find the time to a cold start`);
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

  /** Runs an iteration's pending calls and counts their records; returns the idle probes' records (none for load iterations). */
  private async runIteration(target: Target, it: PlannedIteration): Promise<InvocationRecord[]> {
    const probes = await this.issueIteration(target, it);
    // Its records are written and counted before the next phase's progress report.
    this.writer.hurry();
    await this.writes.waitIdle();
    return probes;
  }

  private async issueIteration(target: Target, it: PlannedIteration): Promise<InvocationRecord[]> {
    const spec = this.plan.spec;
    const probes: InvocationRecord[] = [];
    this.progress.setPhase(describeIteration(it, spec.iterations, target.deployment.memoryMB));
    if (spec.coldStart && it.idleMs === undefined) {
      try {
        await target.provider.recycle(target.deployment, this.providerSignal);
      } catch (err) {
        if (this.scope.cancelled) return probes;
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
      signals: this.signals,
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
        // A resumed pair's priming call is made again, to warm the instance, but recorded once.
        if (!result || this.fatal !== undefined || this.done.has(call.seq)) return;
        const { outcome, retries } = result;
        // Most calls made no nested calls: their record alone, without a list to hold it.
        const records = outcome.kind === 'answered' && outcome.invocation.nested?.length ? tracedRecords(context, call, outcome, retries) : undefined;
        const record = withPlanFields(records ? records[0] : toRecord(context, call, outcome, retries), it, call);
        const nested = records ? records.slice(1) : NO_RECORDS;
        // Calls it made belong to its load step; only the caller is an idle probe.
        this.record(record, it.idleMs === undefined && nested.length > 0 ? nested.map((n) => withPlanFields(n, it, call)) : nested);
        if (call.idleRole === 'probe') probes.push(record);
      },
    };
    const pending = (calls: Iterable<PlannedCall>): Iterable<PlannedCall> => (this.done.size === 0 ? calls : skipDone(calls, this.done));
    if (it.idleMs !== undefined) await runIdlePairs(pending(it.calls()), control, it.idleMs);
    else if (spec.mode === 'closed') await runClosedLoop(it.callsPerThread.map((_, t) => pending(it.threadCalls(t))), control);
    else if (spec.mode === 'burst') await runBurst(pending(it.calls()), control, spec.maxInFlight);
    else {
      const { delayed } = await runOpenLoop(pending(it.calls()), control, spec.maxInFlight);
      if (delayed > 0) {
        this.problems.push(
          `${describeIteration(it, spec.iterations, target.deployment.memoryMB)}: ${delayed} arrival(s) waited because maxInFlight (${spec.maxInFlight}) calls were in flight, so the achieved rate is below ${it.rps} per second`,
        );
      }
    }
    return probes;
  }

  /**
   * Hands the call's records to the store and counts the call once they are in the run's file, so a
   * resume never repeats a counted call. No new call waits for the write: the store batches them,
   * and each batch's records are counted together when its write returns.
   */
  private record(record: InvocationRecord, nested: InvocationRecord[]): void {
    // Stops issuing at once, not a write later.
    if (record.status !== 'ok' && !this.plan.spec.keepGoingOnError && this.stoppedBy === undefined) {
      this.stoppedBy = `call ${record.seq} ended ${record.status}${record.error ? ` (${record.error})` : ''}`;
    }
    let written: Promise<void>;
    try {
      // The calls it made follow it in the file (a resume counts each seq's first record).
      written = this.writer.append(record);
      for (const r of nested) {
        const next = this.writer.append(r);
        // A full batch split them: a failed write fails every later one too, and the last reports it.
        if (next !== written) written.catch(() => undefined);
        written = next;
      }
    } catch (err) {
      this.fail(err);
      return;
    }
    const current = this.batch;
    if (current?.written === written) {
      current.records.push(record);
      return;
    }
    // A new batch: every record handed over before it is in an earlier one. Batches are written,
    // and so counted, in order; each holds its own records, so none outlives its write.
    const batch = { written, records: [record] };
    this.batch = batch;
    this.writes.track(
      written.then(
        () => this.countWritten(batch),
        (err: unknown) => this.fail(err),
      ),
    );
  }

  /** Counts a batch's records: it is written. */
  private countWritten(batch: { written: Promise<void>; records: InvocationRecord[] }): void {
    if (this.batch === batch) this.batch = undefined;
    for (const record of batch.records) this.recorded(record);
  }

  private recorded(record: InvocationRecord): void {
    countRecord(this.counts, record);
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
    if (this.scope.cancelled && (c.recorded + c.skipped < c.planned || this.searchCancelled)) return 'cancelled';
    return c.errors + c.timeouts + c.throttled + c.skipped > 0 || c.recorded < c.planned ? 'completed-with-errors' : 'completed';
  }
}

/** One idle time of a search as a run recorded it: where its calls are numbered, and its probes. */
interface RecordedIdleStep {
  firstSeq: number;
  size: number;
  /** Absent while none of its probes is recorded. */
  idleMs?: number;
  probes: InvocationRecord[];
}

function idleKey(platform: PlatformId, memoryMB: number): string {
  return `${platform}/${memoryMB}`;
}

/**
 * A search's recorded steps per platform and memory size, in the order they were probed. A step is a
 * block of `size` calls (prime, probe, prime, probe, …) from its first seq; its calls are made in
 * order, so what a cut-short step recorded is the start of its block.
 */
function recordedIdleSteps(records: readonly InvocationRecord[], size: number): Map<string, RecordedIdleStep[]> {
  const byKey = new Map<string, InvocationRecord[]>();
  for (const r of records) {
    if (r.idleRole === undefined) continue;
    const key = idleKey(r.platform as PlatformId, r.memoryMB);
    const list = byKey.get(key) ?? [];
    list.push(r);
    byKey.set(key, list);
  }
  const out = new Map<string, RecordedIdleStep[]>();
  for (const [key, list] of byKey) {
    const steps: RecordedIdleStep[] = [];
    let current: RecordedIdleStep | undefined;
    for (const r of [...list].sort((a, b) => a.seq - b.seq)) {
      const offset = current ? r.seq - current.firstSeq : -1;
      const fits = current !== undefined && offset < size && offset % 2 === (r.idleRole === 'prime' ? 0 : 1) && (r.idleMs === undefined || current.idleMs === undefined || r.idleMs === current.idleMs);
      if (!fits) {
        // A step's first recorded call is its first pair's priming call.
        current = { firstSeq: r.idleRole === 'prime' ? r.seq : r.seq - 1, size, probes: [] };
        steps.push(current);
      }
      if (r.idleRole === 'probe') {
        current!.idleMs ??= r.idleMs;
        if (!current!.probes.some((p) => p.seq === r.seq)) current!.probes.push(r);
      }
    }
    out.set(key, steps);
  }
  return out;
}

/** Load steps and idle probes are told apart in the records by these fields. */
function withPlanFields(record: InvocationRecord, it: PlannedIteration, call: PlannedCall): InvocationRecord {
  if (it.idleMs !== undefined) {
    record.idleRole = call.idleRole;
    if (call.idleRole === 'probe') record.idleMs = it.idleMs;
  } else if (it.step !== undefined) {
    record.step = it.step;
    record.stepLoad = it.stepLoad;
  }
  return record;
}

function* skipDone(calls: Iterable<PlannedCall>, done: DoneSeqs): Generator<PlannedCall> {
  let primeDone = false;
  for (const call of calls) {
    // An idle pair whose probe is missing makes its priming call again (unrecorded) to warm the instance.
    if (call.idleRole === 'prime') primeDone = done.has(call.seq);
    else if (call.idleRole === 'probe' && !done.has(call.seq) && primeDone) {
      yield { ...call, seq: call.seq - 1, idleRole: 'prime' };
      yield call;
      continue;
    }
    if (!done.has(call.seq)) yield call;
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
