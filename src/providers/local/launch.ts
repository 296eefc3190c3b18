// How an instance process is started: command line, working folder and environment.
import type { Runtimes } from './executables';
import type { InstanceLaunch } from './instance';
import type { CurrentFunction } from './state';

/**
 * Variables an instance inherits from FaaS Lab's own environment. A cloud function does not see
 * the developer's shell (credentials, NODE_OPTIONS from a debugger, VS Code's own variables), so
 * neither does a local one; what it needs goes in the annotation's env=.
 */
const INHERITED = [
  'PATH', 'HOME', 'USER', 'LOGNAME', 'SHELL', 'LANG', 'LANGUAGE', 'LC_ALL', 'LC_CTYPE', 'TZ', 'TMPDIR', 'TEMP', 'TMP',
  'SYSTEMROOT', 'SystemRoot', 'WINDIR', 'COMSPEC', 'PATHEXT', 'USERPROFILE', 'APPDATA', 'LOCALAPPDATA',
  'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy', 'SSL_CERT_FILE', 'NODE_EXTRA_CA_CERTS',
];

export function launchFor(fn: CurrentFunction, runtimes: Runtimes): InstanceLaunch {
  const { deployment: d, artifact } = fn;
  const env: NodeJS.ProcessEnv = {};
  for (const key of INHERITED) if (process.env[key] !== undefined) env[key] = process.env[key];
  Object.assign(env, d.env ?? {}, {
    FAASLAB_FUNCTION_NAME: d.name,
    FAASLAB_MEMORY_MB: String(d.memoryMB),
    FAASLAB_TIMEOUT_S: String(d.timeoutS),
  });
  let command: string;
  let args: string[];
  if (artifact.language === 'node') {
    Object.assign(env, runtimes.nodeEnv);
    command = runtimes.node;
    // V8's heap limit is the first line of the memory size; the provider's RSS watch is the second.
    args = [`--max-old-space-size=${Math.max(16, Math.floor(d.memoryMB))}`, '--enable-source-maps', artifact.entry];
  } else {
    env.FAASLAB_HANDLER = artifact.handler;
    env.PYTHONUNBUFFERED = '1';
    if (artifact.depsDir) env.PYTHONPATH = artifact.depsDir;
    command = runtimes.python;
    args = ['-u', artifact.entry];
  }
  const configKey = JSON.stringify([d.codeHash, d.memoryMB, d.timeoutS, d.env ?? {}, artifact, command, runtimes.nodeEnv]);
  return { command, args, cwd: fn.codeDir, env, configKey };
}
