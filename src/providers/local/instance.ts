// One function instance: a child process running the runtime shim, serving one call at a time
// over the JSON-lines channel on fd 3 (see src/core/runtime/node/protocol.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { NestedInvocation } from '../../core/model';
import type { CallRequest, CallResponse, InstanceMessage, InvokeRequest, NestedAnswer, ReadyMessage } from '../../core/runtime/node/protocol';
import { CallOutput, type OutputStream } from '../shared/call-output';
import { InstanceFailure, type FailureKind } from '../shared/instance-failure';
import type { LogSink } from '../shared/instance-platform';
import { onLines } from '../shared/lines';
import { answerNested, type InvokeByName } from '../shared/nested-calls';
import { functionPid, privateTmp, type PrivateTmpLaunch } from '../shared/private-tmp';
import type { SpawnQueue } from './spawn-queue';

export interface InstanceLaunch {
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Identifies the code and configuration the instance runs; a changed key retires it. */
  configKey: string;
}

export type InstanceState = 'starting' | 'idle' | 'busy' | 'dead';

/** The answer to one call, when it arrived (epoch and performance.now() ms), the log lines the instance wrote while serving it and the calls it made. */
export type CallAnswer = CallResponse & { logs: string[]; nested?: NestedInvocation[]; answerBytes: number; answeredAt: number; answeredMono: number };

export interface InstanceOptions {
  /** Answers the handler's `context.invoke(name, payload)`: the platform calls the named function. */
  invoke?: InvokeByName;
  /** Where the spawn waits for its turn; without one the process is spawned in the constructor. */
  spawnQueue?: SpawnQueue;
}

const STDERR_TAIL_LINES = 20;
export { MAX_CALL_OUTPUT_CHARS } from '../shared/call-output';
/** What unshare prints when the function it waits for died of SIGKILL. */
const UNSHARE_SIGKILL = 'unshare: sigprocmask unblock failed';
/** After exit, how long to wait for the last stderr bytes before reporting. */
const DRAIN_AFTER_EXIT_MS = 200;

interface Pending {
  phase: 'init' | 'call';
  id?: number;
  /** Told as the call's answer arrives, before its last output lines. */
  answered?: () => void;
  resolve: (value: CallAnswer | undefined) => void;
  reject: (err: InstanceFailure) => void;
}

export class Instance {
  readonly launch: InstanceLaunch;
  /** performance.now() at spawn (at construction until the queued spawn runs). */
  spawnedAt = performance.now();
  state: InstanceState = 'starting';
  uuid?: string;
  initDurationMs?: number;
  /** Calls served so far (0 until the first one ends). */
  calls = 0;
  /** Set when its code or configuration changed: it finishes its call, then stops. */
  retired = false;
  /** Resolves once the process has exited and its output is read. */
  readonly exited: Promise<void>;
  onExit?: (instance: Instance) => void;

  /** Undefined until the (queued) spawn has run. */
  private child: ChildProcess | undefined;
  /** The function's own process: the spawned one, or the wrapper's child once started (see privateTmp). */
  private ownPid: number | undefined;
  private wrapped = false;
  private channel: Socket | undefined;
  private cleanupTmp: (() => void) | undefined;
  /** Drops the queued spawn; set while the instance waits for its turn. */
  private cancelSpawn: (() => boolean) | undefined;
  private readonly launched: Promise<void>;
  /** Frees the spawn queue's start slot once loaded or gone. */
  private startDone: (() => void) | undefined;
  private resolveLaunched!: () => void;
  private resolveExited!: () => void;
  private readonly stderrTail: string[] = [];
  /** The current call's output (or loading's), up to its end marker. */
  private readonly out: CallOutput;
  private readonly sink: LogSink<Instance>;
  private pending: Pending | undefined;
  private killedFor: { kind: FailureKind; rssMB?: number } | undefined;
  private spawnError: Error | undefined;
  private nextId = 1;
  private diedOfSigkill = false;
  /** Stopped by SIGSTOP (CPU quota used up) and not yet continued. */
  private paused = false;
  private readonly readyPromise: Promise<void>;
  private readonly options: InstanceOptions;
  /** The current call's nested calls, in the order they ended. */
  private nested: NestedInvocation[] | undefined;

  constructor(launch: InstanceLaunch, logSink: LogSink<Instance>, options: InstanceOptions = {}) {
    this.launch = launch;
    this.options = options;
    this.sink = logSink;
    this.out = new CallOutput((stream, line) => logSink(stream, line, this));
    this.readyPromise = new Promise<void>((resolve, reject) => {
      this.pending = { phase: 'init', resolve: () => resolve(), reject };
    });
    // Nobody may be waiting when a starting instance is stopped (e.g. dispose): not an unhandled error.
    this.readyPromise.catch(() => undefined);
    this.exited = new Promise<void>((resolve) => (this.resolveExited = resolve));
    this.launched = new Promise<void>((resolve) => (this.resolveLaunched = resolve));
    if (options.spawnQueue) {
      this.cancelSpawn = options.spawnQueue.enqueue((done) => {
        this.startDone = done;
        this.spawnNow();
      });
    } else {
      this.spawnNow();
    }
  }

  /**
   * Resolves once the process has been spawned (at once without a spawn queue), or the instance
   * was stopped before its turn: its init time counts from here.
   */
  spawned(): Promise<void> {
    return this.launched;
  }

  /** Starts the process; never throws (a failed spawn is a failed start). */
  private spawnNow(): void {
    this.cancelSpawn = undefined;
    this.spawnedAt = performance.now();
    const launch = this.launch;
    const logSink = this.sink;
    let tmp: PrivateTmpLaunch;
    try {
      // Each instance its own /tmp, as each container on a cloud: SAAF's /tmp marker tells new instances apart.
      tmp = privateTmp(launch.command, launch.args, launch.env, { keepVisible: [launch.cwd], notice: (m) => logSink('stderr', m, this) });
      // Its own process group (detached: setsid), so kill() reaches what the handler spawned too.
      this.child = spawn(tmp.command, tmp.args, { cwd: launch.cwd, env: tmp.env, stdio: ['ignore', 'pipe', 'pipe', 'pipe'], detached: process.platform !== 'win32' });
    } catch (err) {
      // E.g. a temp folder that cannot be made, or arguments spawn() refuses.
      this.spawnError = err instanceof Error ? err : new Error(String(err));
      this.resolveLaunched();
      this.finish(undefined);
      return;
    }
    const child = this.child;
    this.wrapped = !tmp.samePid;
    if (!this.wrapped) this.ownPid = child.pid;
    this.channel = child.stdio[3] as Socket;
    // Idle instances must not keep a CLI process alive; the channel is ref'd while work is in flight.
    child.unref();
    for (const s of [child.stdout, child.stderr] as Socket[]) s.unref();
    this.cleanupTmp = tmp.cleanup;

    const read = (stream: OutputStream) =>
      new Promise<void>((r) =>
        onLines(child[stream]!, (l) => this.output(stream, l), () => {
          this.out.close(stream);
          r();
        }),
      );
    const stdoutDone = read('stdout');
    const stderrDone = read('stderr');
    onLines(this.channel, (line) => this.message(line));
    this.channel.on('error', () => undefined);

    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    child.on('error', (err) => {
      // Spawn failed (e.g. python3 not installed): there will be no exit event.
      this.spawnError = err;
      if (child.pid === undefined) this.finish(exit);
    });
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      // Processes the handler left behind in its group go with it.
      this.signalGroup('SIGKILL');
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise((r) => (timer = setTimeout(r, DRAIN_AFTER_EXIT_MS)));
      void Promise.race([Promise.all([stdoutDone, stderrDone]), late]).then(() => {
        clearTimeout(timer);
        this.finish(exit);
      });
    });
    this.resolveLaunched();
  }

  /** The instance is gone (exited, failed to spawn, or stopped before its spawn): fail what waits, tell the pool. */
  private finish(exit: { code: number | null; signal: NodeJS.Signals | null } | undefined): void {
    if (this.state === 'dead') return;
    this.state = 'dead';
    this.startDone?.();
    this.cleanupTmp?.();
    this.channel?.destroy();
    // unshare (util-linux 2.38) cannot re-raise SIGKILL, the one signal it then reports so: it is the function's death.
    this.out.settle();
    if (this.diedOfSigkill && exit?.code === 1) exit = { code: null, signal: 'SIGKILL' };
    this.failPending(exit?.code ?? null, exit?.signal ?? null);
    this.onExit?.(this);
    this.resolveExited();
  }

  /** The function's process id (undefined until a wrapped instance has started, or when spawning failed). */
  get pid(): number | undefined {
    // unshare forks the function a moment after the spawn: looked up until found.
    const wrapperPid = this.child?.pid;
    if (this.ownPid === undefined && this.wrapped && wrapperPid !== undefined && this.state !== 'dead') this.ownPid = functionPid(wrapperPid);
    return this.ownPid;
  }

  /** Resolves when the handler module has loaded; rejects with an InstanceFailure if it never does. */
  ready(): Promise<void> {
    return this.readyPromise;
  }

  /**
   * Sends one request; resolves with the answer, rejects with an InstanceFailure.
   * `payloadJson` is the payload already encoded (undefined: no payload).
   */
  call(payloadJson: string | undefined, deadlineMs: number, answered?: () => void): Promise<CallAnswer> {
    if (this.state !== 'idle') throw new Error(`Instance ${this.pid} is ${this.state}, not idle`);
    this.state = 'busy';
    // Idle means spawned and loaded: the channel is there.
    const channel = this.channel!;
    channel.ref();
    const id = this.nextId++;
    const end = this.out.begin(id);
    const answer = new Promise<CallAnswer | undefined>((resolve, reject) => {
      this.pending = { phase: 'call', id, resolve, reject, answered };
    });
    // Spliced rather than re-encoded: the payload was encoded once, by the caller, to validate it.
    const head: Omit<CallRequest, 'payload'> = { id, deadlineMs, end };
    const line = payloadJson === undefined ? JSON.stringify(head) : `${JSON.stringify(head).slice(0, -1)},"payload":${payloadJson}}`;
    channel.write(line + '\n');
    return answer as Promise<CallAnswer>;
  }

  /** Log lines written during the current call so far (for calls that end in a failure). */
  currentCallLogs(): string[] {
    return [...(this.out.logs ?? [])];
  }

  /** Stops the process now (SIGKILL); a pending call rejects with `kind`. */
  kill(kind: FailureKind, rssMB?: number): void {
    if (this.state === 'dead') return;
    this.killedFor ??= { kind, rssMB };
    const child = this.child;
    if (!child) {
      // Still waiting for its spawn: it never starts.
      this.cancelSpawn?.();
      this.cancelSpawn = undefined;
      this.resolveLaunched();
      this.finish(undefined);
      return;
    }
    // Whoever stops an instance waits for its exit: hold the event loop until it comes.
    child.ref();
    // A stopped process dies of SIGKILL too; continuing it first means none is ever left stopped.
    this.resume();
    if (this.wrapped && child.pid !== undefined) {
      // Killing the PID namespace's init kills all in it; unshare then reaps it and exits (killing unshare first would leave it unreaped).
      if (!this.signal('SIGKILL')) child.kill('SIGKILL');
      return;
    }
    this.signalGroup('SIGCONT');
    this.signalGroup('SIGKILL');
    child.kill('SIGKILL');
  }

  /** Stops the process where it is (SIGSTOP): its CPU quota is used up. */
  pause(): void {
    if (this.state === 'dead' || this.paused) return;
    this.paused = this.signal('SIGSTOP');
  }

  /** Continues a paused process (SIGCONT). */
  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.signal('SIGCONT');
  }

  /** Signals the function's own process; nothing once it has exited, so a reused pid is never hit. */
  private signal(signal: NodeJS.Signals): boolean {
    const pid = this.pid;
    if (this.state === 'dead' || pid === undefined) return false;
    if (!this.wrapped) return this.child!.kill(signal);
    try {
      process.kill(pid, signal);
      return true;
    } catch {
      return false;
    }
  }

  /** Signals the instance's process group (all it spawned); none on Windows. */
  private signalGroup(signal: NodeJS.Signals): void {
    const pid = this.child?.pid;
    if (pid === undefined || process.platform === 'win32') return;
    try {
      process.kill(-pid, signal);
    } catch {
      // The group is gone already.
    }
  }

  /** The process's last stderr lines (for crash reports). */
  lastStderr(): string[] {
    return [...this.stderrTail];
  }

  private output(stream: OutputStream, raw: string): void {
    if (this.wrapped && stream === 'stderr' && raw.startsWith(UNSHARE_SIGKILL)) {
      this.diedOfSigkill = true;
      return;
    }
    const line = this.out.strip(stream, raw);
    if (line === undefined) return;
    if (stream === 'stderr') {
      this.stderrTail.push(line);
      if (this.stderrTail.length > STDERR_TAIL_LINES) this.stderrTail.shift();
    }
    this.out.add(stream, line);
  }

  private message(line: string): void {
    let msg: InstanceMessage;
    try {
      msg = JSON.parse(line) as InstanceMessage;
    } catch {
      return;
    }
    const pending = this.pending;
    if ('invoke' in msg) {
      this.answerInvoke(msg);
      return;
    }
    if ('ready' in msg) {
      this.onReady(msg);
      return;
    }
    if (!pending || pending.phase !== 'call' || pending.id !== msg.id) return;
    const answeredAt = Date.now();
    const answeredMono = performance.now();
    pending.answered?.();
    // The output travels on other pipes than the answer: the call ends once both streams' end markers are in.
    void this.out.end().then((logs) => {
      if (this.pending !== pending || this.state === 'dead') return;
      this.pending = undefined;
      const nested = this.nested;
      this.nested = undefined;
      this.calls += 1;
      this.state = 'idle';
      this.channel!.unref();
      pending.resolve({ ...msg, logs, answerBytes: Buffer.byteLength(line), answeredAt, answeredMono, ...(nested ? { nested } : {}) });
    });
  }

  /** Calls the function the handler named and sends its result (or error) back to the handler. */
  private answerInvoke(request: InvokeRequest): void {
    const send = (answer: NestedAnswer) => this.state !== 'dead' && this.channel!.write(JSON.stringify({ invoke: request.invoke, ...answer }) + '\n');
    if (!this.options.invoke) {
      send({ ok: false, error: { type: 'InvokeUnavailable', message: 'This platform does not answer context.invoke' } });
      return;
    }
    void answerNested(this.options.invoke, request.name, request.payload, (call) => {
      if (this.state === 'busy') (this.nested ??= []).push(call);
    }).then(send);
  }

  private onReady(msg: ReadyMessage): void {
    const pending = this.pending;
    if (this.state !== 'starting' || !pending || pending.phase !== 'init') return;
    this.uuid = msg.uuid;
    this.out.settle();
    this.initDurationMs = performance.now() - this.spawnedAt;
    this.startDone?.();
    this.pending = undefined;
    this.state = 'idle';
    this.channel!.unref();
    pending.resolve(undefined);
  }

  private failPending(exitCode: number | null, signal: NodeJS.Signals | null): void {
    const pending = this.pending;
    this.pending = undefined;
    if (!pending) return;
    const stderrTail = this.lastStderr();
    let kind: FailureKind = this.killedFor?.kind ?? (this.spawnError ? 'spawn-failed' : 'crashed');
    // V8 stopping at --max-old-space-size is the memory limit too, just enforced from inside.
    if (kind === 'crashed' && stderrTail.some((l) => l.includes('JavaScript heap out of memory'))) kind = 'out-of-memory';
    pending.reject(
      new InstanceFailure(kind, { phase: pending.phase, exitCode, signal, stderrTail, rssMB: this.killedFor?.rssMB, cause: this.spawnError }),
    );
  }
}
