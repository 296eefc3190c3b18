// A /tmp of its own for each function instance, as each cloud container has: SAAF marks a
// container new with a file in /tmp, so instances sharing one would look like one container.
// Given the command that starts an instance, this returns the command line that gives it a
// private /tmp (a fresh folder mounted there), and a cleanup that removes the folder.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * - `unshare`: private mount and PID namespaces (util-linux unshare + mount, a fresh /proc): the
 *   function sees neither FaaS Lab nor the developer's other processes (nor their environments),
 *   and when it ends, or unshare is killed, the kernel kills every process it left. unshare stays
 *   the function's parent (samePid false); with setpriv, unshare dies with FaaS Lab (SIGKILL).
 * - `bwrap`: bubblewrap binds the folder on /tmp; bwrap stays the command's parent process.
 * - `tmpdir`: no namespace: TMPDIR (and TEMP, TMP) name the folder; code that writes to /tmp
 *   by its name still shares it.
 */
export type PrivateTmpMethod = 'unshare' | 'bwrap' | 'tmpdir';

export interface PrivateTmpOptions {
  /** Use this method without probing (tests); default: the first this machine allows. */
  method?: PrivateTmpMethod;
  /** Whether bwrap may be chosen, whose process is not the command's (its pid differs). Default false. */
  allowWrapperProcess?: boolean;
  /** Where the per-instance folders go; default os.tmpdir(). */
  baseDir?: string;
  /** Paths the instance must still see though they lie below /tmp: its working folder (the command's own path is kept too). */
  keepVisible?: string[];
  /** Told once per process when no namespace is possible and TMPDIR is used instead. */
  notice?: (message: string) => void;
}

export interface PrivateTmpLaunch {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  method: PrivateTmpMethod;
  /** The host folder the instance sees as /tmp (or as TMPDIR). */
  dir: string;
  /** True when the spawned process is the command itself; otherwise the command is its only child (see functionPid). */
  samePid: boolean;
  /** Removes the folder; call once the instance has exited. */
  cleanup(): void;
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * Paths below /tmp the instance must still see (its working folder, its executable), outermost
 * only: the private /tmp would hide them otherwise.
 */
function underTmp(paths: string[]): string[] {
  const real = paths.map((p) => {
    try {
      return realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  });
  const inside = [...new Set(real.filter((p) => p.startsWith('/tmp/')))].sort();
  return inside.filter((p, i) => !inside.slice(0, i).some((outer) => p.startsWith(outer + '/')));
}

/** In the new namespace: the kept paths bound into the folder at their places, the folder on /tmp, then the command (exec keeps the pid). */
function mountThenExec(dir: string, keep: string[]): string {
  const binds = keep.map((p) => {
    const inside = path.join(dir, path.relative('/tmp', p));
    return `mkdir -p ${shellQuote(inside)} && mount --bind ${shellQuote(p)} ${shellQuote(inside)}`;
  });
  return [...binds, `mount --rbind ${shellQuote(dir)} /tmp`, 'exec "$@"'].join(' && ');
}

/**
 * As root no user namespace is needed; otherwise one maps the user to itself and keeps the caps to mount.
 * --kill-child: the function dies with unshare; the function is the PID namespace's init, so all it spawned dies with it.
 */
function unshareArgs(dir: string, keep: string[]): string[] {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const user = root ? [] : ['--user', '--map-current-user', '--keep-caps'];
  const pid = ['--pid', '--fork', '--kill-child', '--mount-proc'];
  return ['--mount', '--propagation', 'private', ...user, ...pid, '--', '/bin/sh', '-c', mountThenExec(dir, keep), 'sh'];
}

let setprivFound: boolean | undefined;
/** unshare's own command line: under setpriv where there is one, so a SIGKILLed FaaS Lab takes unshare (and so the function) with it. */
function unshareCommand(args: string[]): { command: string; args: string[] } {
  setprivFound ??= executable('setpriv', process.env);
  return setprivFound ? { command: 'setpriv', args: ['--pdeathsig', 'SIGKILL', '--', 'unshare', ...args] } : { command: 'unshare', args };
}

/**
 * The function's own pid when the spawned process (`wrapperPid`) is a wrapper: its only child, read
 * from /proc (undefined when unreadable). Read once the function has started.
 */
export function functionPid(wrapperPid: number): number | undefined {
  try {
    const first = readFileSync(`/proc/${wrapperPid}/task/${wrapperPid}/children`, 'latin1').trim().split(' ')[0];
    return first ? Number(first) : undefined;
  } catch {
    return undefined;
  }
}

function bwrapArgs(dir: string, keep: string[]): string[] {
  return ['--dev-bind', '/', '/', '--bind', dir, '/tmp', ...keep.flatMap((p) => ['--bind', p, p]), '--die-with-parent', '--'];
}

const probed = new Map<boolean, { method: PrivateTmpMethod; why?: string }>();
let noticeGiven = false;
const PROBE_MARKER = 'faaslab-private-tmp-probe';

/** Runs a check through `command args`: undefined when the throwaway folder really was its /tmp, else why not. */
function tryMethod(command: string, args: (dir: string) => string[]): string | undefined {
  if (process.platform !== 'linux') return `${process.platform} has no mount namespaces`;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'faaslab-tmp-probe-'));
  try {
    writeFileSync(path.join(dir, PROBE_MARKER), '');
    const r = spawnSync(command, [...args(dir), '/bin/sh', '-c', `test -e /tmp/${PROBE_MARKER}`], { timeout: 5_000, encoding: 'utf8' });
    if (r.error) return r.error.message;
    return r.status === 0 ? undefined : `${command} failed: ${r.stderr.trim().split('\n')[0] || `exit ${r.status ?? r.signal}`}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Which method this machine allows, tried once per process. */
export function probePrivateTmp(allowWrapperProcess: boolean): { method: PrivateTmpMethod; why?: string } {
  let found = probed.get(allowWrapperProcess);
  if (found === undefined) {
    const unshare = tryMethod(unshareCommand([]).command, (dir) => unshareCommand(unshareArgs(dir, [])).args);
    const bwrap = unshare === undefined || !allowWrapperProcess ? undefined : tryMethod('bwrap', (dir) => bwrapArgs(dir, []));
    if (unshare === undefined) found = { method: 'unshare' };
    else if (allowWrapperProcess && bwrap === undefined) found = { method: 'bwrap' };
    else found = { method: 'tmpdir', why: allowWrapperProcess ? `unshare: ${unshare}; bwrap: ${bwrap}` : `unshare: ${unshare}` };
    probed.set(allowWrapperProcess, found);
  }
  return found;
}

/** Whether `command` names an executable (a path, or a name on PATH). */
function executable(command: string, env: NodeJS.ProcessEnv): boolean {
  const candidates = command.includes('/') ? [command] : (env.PATH ?? process.env.PATH ?? '').split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, command));
  return candidates.some((file) => {
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** The command line that starts `command args` with a /tmp of its own. */
export function privateTmp(command: string, args: string[], env: NodeJS.ProcessEnv, options: PrivateTmpOptions = {}): PrivateTmpLaunch {
  let method = options.method;
  // A command that cannot start must still fail to spawn (ENOENT), not exit 127 inside a wrapper.
  if (method === undefined && !executable(command, env)) method = 'tmpdir';
  if (method === undefined) {
    const found = probePrivateTmp(options.allowWrapperProcess ?? false);
    method = found.method;
    if (method === 'tmpdir' && !noticeGiven) {
      noticeGiven = true;
      options.notice?.(
        `Local instances cannot get a /tmp of their own here (${found.why ?? 'no mount namespace'}), so each gets its own TMPDIR instead; ` +
          'code that writes to /tmp by name shares it between instances. On Linux, install util-linux (unshare) or allow user namespaces to fix this.',
      );
    }
  }
  const dir = mkdtempSync(path.join(options.baseDir ?? os.tmpdir(), 'faaslab-tmp-'));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  // Installed Python requirements (PYTHONPATH, e.g. the local platform's cache) are code the instance imports.
  const pythonPath = (env.PYTHONPATH ?? '').split(path.delimiter).filter((p) => path.isAbsolute(p));
  const keep = underTmp([...(options.keepVisible ?? []), ...pythonPath, ...(path.isAbsolute(command) ? [path.dirname(command)] : [])]);
  switch (method) {
    case 'unshare':
      // TMPDIR inherited from the developer's shell would lead past the private /tmp.
      return { ...unshareCommand([...unshareArgs(dir, keep), command, ...args]), env: { ...env, TMPDIR: '/tmp' }, method, dir, samePid: false, cleanup };
    case 'bwrap':
      return { command: 'bwrap', args: [...bwrapArgs(dir, keep), command, ...args], env: { ...env, TMPDIR: '/tmp' }, method, dir, samePid: false, cleanup };
    case 'tmpdir':
      return { command, args, env: { ...env, TMPDIR: dir, TEMP: dir, TMP: dir }, method, dir, samePid: true, cleanup };
  }
}
