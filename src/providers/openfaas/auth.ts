// Which OpenFaaS gateway FaaS Lab talks to and with what credentials, by faas-cli's conventions:
// the gateway from faasLab.openfaas.gateway, else OPENFAAS_URL, else http://127.0.0.1:8080
// (normalised as faas-cli does: lower case, no trailing slash, http:// when no scheme); basic
// auth from OPENFAAS_PASSWORD (FaaS Lab's; with faasLab.openfaas.username, default admin), else
// the `auths` entry for that gateway in faas-cli's login file ($OPENFAAS_CONFIG/config.yml, or
// ~/.openfaas/config.yml), which `faas-cli login` writes with `token` = base64(user:password).
import { readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { UserError } from '../../core/model';

export const DEFAULT_GATEWAY = 'http://127.0.0.1:8080';

export interface GatewayCredentials {
  username: string;
  password: string;
  /** Where they came from, for messages: `OPENFAAS_PASSWORD` or the login file's path. */
  source: string;
}

/** The gateway URL as faas-cli keys its logins. */
export function normalizeGateway(url: string): string {
  let gateway = url.trim().replace(/\/+$/, '').toLowerCase();
  if (!gateway.startsWith('http')) gateway = `http://${gateway}`;
  try {
    new URL(gateway);
  } catch {
    throw new UserError(`faasLab.openfaas.gateway is '${url}', which is not a URL: set it to the gateway's address, e.g. ${DEFAULT_GATEWAY}`);
  }
  return gateway;
}

export function gatewayFrom(setting: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return normalizeGateway(setting || env.OPENFAAS_URL || DEFAULT_GATEWAY);
}

/** faas-cli's login file: $OPENFAAS_CONFIG/config.yml, `.openfaas/config.yml` in CI (CI=true and no OPENFAAS_CONFIG), else ~/.openfaas/config.yml. */
export function loginFile(env: NodeJS.ProcessEnv = process.env): string {
  const ci = env.CI === 'true' || env.CI === '1';
  const dir = env.OPENFAAS_CONFIG || (ci ? '.openfaas' : path.join(os.homedir(), '.openfaas'));
  return path.join(dir.replace(/^~(?=$|\/)/, os.homedir()), 'config.yml');
}

export interface LoginEntry {
  gateway?: string;
  auth?: string;
  token?: string;
}

/**
 * The `auths` entries of faas-cli's config.yml. It is YAML that faas-cli writes in one shape
 * (a list of flat maps of plain or quoted strings), read here without a YAML library.
 */
export function parseLoginFile(text: string): LoginEntry[] {
  const entries: LoginEntry[] = [];
  let inAuths = false;
  let current: LoginEntry | undefined;
  // Where the list's dashes are, and its entries' keys: deeper lines (an entry's options) are not read.
  let itemIndent: number | undefined;
  let keyIndent: number | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s+#.*$/, '');
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    // A top-level key (faas-cli writes the list items of `auths` at its indentation or deeper).
    if (/^[^\s-]/.test(line)) {
      inAuths = /^auths\s*:\s*$/.test(line);
      current = undefined;
      itemIndent = keyIndent = undefined;
      continue;
    }
    if (!inAuths) continue;
    const indent = line.length - line.trimStart().length;
    const item = /^(\s*)-(\s+)(.*)$/.exec(line);
    let rest: string;
    if (item && (itemIndent === undefined || indent === itemIndent)) {
      itemIndent = indent;
      keyIndent = indent + 1 + item[2].length;
      entries.push((current = {}));
      rest = item[3];
    } else if (current && indent === keyIndent) {
      rest = line.trim();
    } else {
      continue;
    }
    const pair = /^([A-Za-z_]+)\s*:\s*(.*)$/.exec(rest);
    if (!pair || !current) continue;
    const key = pair[1];
    if (key === 'gateway' || key === 'auth' || key === 'token') current[key] = unquote(pair[2]);
  }
  return entries;
}

function unquote(value: string): string {
  const v = value.trim();
  if (v.length >= 2 && ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'")))) return v.slice(1, -1);
  return v;
}

/** The credentials for `gateway`, or undefined when none are set up (the gateway may not need any). */
export function credentialsFor(gateway: string, options: { username?: string; env?: NodeJS.ProcessEnv } = {}): GatewayCredentials | undefined {
  const env = options.env ?? process.env;
  if (env.OPENFAAS_PASSWORD) return { username: options.username || 'admin', password: env.OPENFAAS_PASSWORD, source: 'OPENFAAS_PASSWORD' };
  const file = loginFile(env);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const entry = parseLoginFile(text).find((e) => e.gateway !== undefined && normalizeGateway(e.gateway) === gateway);
  if (!entry?.token) return undefined;
  if (entry.auth && entry.auth !== 'basic') {
    throw new UserError(`${file} logs in to ${gateway} with '${entry.auth}' auth; FaaS Lab uses basic auth: run faas-cli login --gateway ${gateway} --username admin --password-stdin, or set OPENFAAS_PASSWORD`);
  }
  const decoded = Buffer.from(entry.token, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) throw new UserError(`The token for ${gateway} in ${file} is not base64 of user:password: log in again with faas-cli login --gateway ${gateway}`);
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1), source: file };
}

/** The Authorization header of basic auth. */
export function basicAuth(credentials: GatewayCredentials): string {
  return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
}
