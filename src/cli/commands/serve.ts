import * as path from 'node:path';
import { DEFAULT_HOST_IDLE_SECONDS, loadInProcess } from '../../providers/local/descriptor';
import { hostFiles } from '../../providers/local/host-discovery';
import { HostAlreadyRunning, LocalHost } from '../../providers/local/host-server';
import { platformSettingsFrom } from '../../providers/settings';
import { parse, UsageError } from '../args';
import type { Command } from '../context';
import { Exit } from '../io';
import { workspaceSettings } from '../settings';

const USAGE = 'faas-lab serve [--idle-seconds N]';

/** Runs the workspace's local host in the foreground, logging each request, until Ctrl-C or its idle time. */
export const serveCommand: Command = async (ctx, argv) => {
  const { values } = parse(argv, { 'idle-seconds': { type: 'string' } }, USAGE);
  const settings = platformSettingsFrom(ctx.root, workspaceSettings(ctx.root)).local ?? {};
  const idleSeconds = values['idle-seconds'] === undefined ? (settings.hostIdleSeconds ?? DEFAULT_HOST_IDLE_SECONDS) : Number(values['idle-seconds']);
  if (!Number.isFinite(idleSeconds) || idleSeconds <= 0) throw new UsageError(`--idle-seconds must be a number of seconds above 0, e.g. --idle-seconds 900\nusage: ${USAGE}`);
  const { host: _mode, hostIdleSeconds: _idle, ...local } = settings;
  const { LocalProvider } = loadInProcess();
  const provider = new LocalProvider({ stateDir: hostFiles(ctx.root).dir, ...local });
  const host = new LocalHost({ root: ctx.root, provider, idleMs: idleSeconds * 1000, log: (line) => ctx.io.out(`${new Date().toISOString()} ${line}`) });
  try {
    const d = await host.start();
    ctx.io.out(`FaaS Lab local host for ${path.resolve(ctx.root)}\n  discovery file  ${hostFiles(ctx.root).discovery}\n  AWS endpoint    ${d.urls.aws}  (access key id: the token)\n  function URLs   ${d.urls.openfaas}`);
  } catch (err) {
    await provider.dispose();
    if (!(err instanceof HostAlreadyRunning)) throw err;
    ctx.io.err(err.message);
    return Exit.usage;
  }
  const stop = (reason: string) => void host.stop(reason);
  const onTerm = () => stop('SIGTERM');
  process.once('SIGTERM', onTerm);
  ctx.signal.addEventListener('abort', () => stop('interrupted'), { once: true });
  await host.stopped;
  process.off('SIGTERM', onTerm);
  await provider.dispose();
  return Exit.ok;
};
