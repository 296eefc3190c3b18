// Starts and stops code-server (VS Code in a browser) for the integration test: a throwaway
// profile, the packaged extension installed into it, a copy of examples/ as the workspace.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface CodeServerOptions {
  /** code-server's out/node/entry.js (scripts/vscode-e2e.mjs installs it). */
  entry: string;
  vsix: string;
  /** Copied, so runs and platform state stay out of the repository. */
  workspaceSource: string;
  startTimeoutMs?: number;
}

export interface CodeServer {
  /** http://127.0.0.1:<port>/ */
  url: string;
  workspace: string;
  userDataDir: string;
  /** Where the .vsix was installed (one folder per extension). */
  extensionsDir: string;
  /** The temp folder holding everything above; removed by stop(). */
  root: string;
  /** What code-server printed, for failure reports. */
  log(): Promise<string>;
  /** Stops code-server and every process it started; returns the PIDs that had to be killed after it exited. */
  stop(): Promise<number[]>;
}

// Settings a new user would not have to change, pre-set so no page or prompt covers the editor.
const USER_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'chat.commandCenter.enabled': false,
  'workbench.colorTheme': 'Default Light Modern',
  'editor.minimap.enabled': false,
  'window.restoreWindows': 'none',
  'files.hotExit': 'off',
  // Nothing reaches for the network: no type downloads, no remote JSON schemas.
  'typescript.disableAutomaticTypeAcquisition': true,
  'json.schemaDownload.enable': false,
};

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const root = await mkdtemp(join(tmpdir(), 'faaslab-vscode-'));
  const workspace = join(root, 'examples');
  const userDataDir = join(root, 'user-data');
  const extensionsDir = join(root, 'extensions');
  const config = join(root, 'config.yaml');
  const logFile = join(root, 'code-server.log');
  await cp(options.workspaceSource, workspace, {
    recursive: true,
    filter: (src) => !/[\\/](\.faaslab|node_modules)$/.test(src),
  });
  await mkdir(join(userDataDir, 'User'), { recursive: true });
  await writeFile(join(userDataDir, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  // Our own config file, so code-server does not write one into ~/.config.
  await writeFile(config, 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');

  const base = [options.entry, '--config', config, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  // On a busy machine the install takes a minute or more; code-server exits 0 when a timeout's SIGTERM stops it.
  const installed = await new Promise<string>((resolve, reject) => {
    execFile(process.execPath, [...base, '--install-extension', options.vsix], { timeout: 180_000 }, (err, stdout, stderr) =>
      err ? reject(new Error(`code-server --install-extension ${options.vsix} failed: ${err.message}\n${stdout}${stderr}`)) : resolve(stdout + stderr),
    );
  });
  if (!/successfully installed/i.test(installed)) throw new Error(`installing ${options.vsix} did not report success:\n${installed}`);

  // Its own process group, so stop() can end the extension host and the function instances too.
  const child = spawn(
    process.execPath,
    [...base, '--bind-addr', '127.0.0.1:0', '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', '--disable-proxy', workspace],
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: serverEnv() },
  );
  const logStream = createWriteStream(logFile);
  child.stdout?.pipe(logStream);
  child.stderr?.pipe(logStream);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const server: CodeServer = {
    url: '',
    workspace,
    userDataDir,
    extensionsDir,
    root,
    log: () => readFile(logFile, 'utf8').catch(() => ''),
    stop: () => stop(child, exited, root),
  };
  try {
    server.url = await listeningUrl(child, options.startTimeoutMs ?? 60_000);
  } catch (err) {
    await server.stop();
    throw err;
  }
  return server;
}

/** $PORT would override --bind-addr; the rest of the environment (PATH: node, python3) is kept. */
function serverEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.PORT;
  return env;
}

function listeningUrl(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => done(new Error(`code-server did not start listening within ${timeoutMs / 1000} s; it printed:\n${seen}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const m = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(seen);
      if (m) done(undefined, m[1]);
    };
    const onExit = (code: number | null) => done(new Error(`code-server exited (${code}) before listening; it printed:\n${seen}`));
    function done(err?: Error, url?: string) {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      if (err) reject(err);
      else resolve(url as string);
    }
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}

async function stop(child: ChildProcess, exited: Promise<void>, root: string): Promise<number[]> {
  const pid = child.pid;
  if (pid !== undefined && child.exitCode === null && child.signalCode === null) {
    signalGroup(pid, 'SIGTERM');
    if (!(await within(exited, 10_000))) signalGroup(pid, 'SIGKILL');
    await within(exited, 5_000);
    // Whatever is left of the group (extension host, function instances) goes too.
    signalGroup(pid, 'SIGKILL');
  }
  // The workspace's local host outlives the editor by design (it stops after its idle time):
  // stop it as its discovery file names it; its instances must go with it.
  await stopLocalHost(join(root, 'examples'));
  // Anything still running from the temp folder outlived code-server: an orphan.
  const orphans = await processesMentioning(root);
  for (const p of orphans) {
    try {
      process.kill(p, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  await rm(root, { recursive: true, force: true, maxRetries: 3 });
  return orphans;
}

async function stopLocalHost(workspace: string): Promise<void> {
  let pid: number | undefined;
  try {
    pid = (JSON.parse(await readFile(join(workspace, '.faaslab', 'local', 'host.json'), 'utf8')) as { pid?: number }).pid;
  } catch {
    return; // no host was started
  }
  if (typeof pid !== 'number') return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return; // already gone
  }
  for (let waited = 0; waited < 10_000; waited += 100) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is already empty
  }
}

async function within(p: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const result = await Promise.race([p.then(() => true as const), timeout]);
  clearTimeout(timer);
  return result;
}

/**
 * The logs worth reading when a step fails: code-server's own, the extension host's, and the
 * FaaS Lab output channel as VS Code saved it (all of it, not only the lines on screen).
 */
export async function collectLogs(server: CodeServer, maxChars = 20_000): Promise<string> {
  const parts = [`=== code-server ===\n${tail(await server.log(), maxChars)}`];
  for (const file of await findFiles(join(server.userDataDir, 'logs'), /(FaaS Lab|exthost)\.log$/)) {
    parts.push(`=== ${file.slice(server.userDataDir.length + 1)} ===\n${tail(await readFile(file, 'utf8').catch(() => ''), maxChars)}`);
  }
  return parts.join('\n\n');
}

function tail(text: string, maxChars: number): string {
  return text.length > maxChars ? `…${text.slice(-maxChars)}` : text;
}

async function findFiles(dir: string, pattern: RegExp): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile() && pattern.test(e.name)).map((e) => join(e.parentPath ?? e.path, e.name)).sort();
}

/** PIDs of live processes whose command line mentions `text` (Linux /proc). */
export async function processesMentioning(text: string): Promise<number[]> {
  const pids: number[] = [];
  for (const name of await readdir('/proc').catch(() => [] as string[])) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    const state = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    // Zombies (state Z) have already exited; only their parent can clear them.
    if (cmdline.includes(text) && !/^\d+ \(.*\) Z /.test(state)) pids.push(pid);
  }
  return pids;
}
