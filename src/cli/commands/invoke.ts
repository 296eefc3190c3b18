import { existsSync, promises as fs } from 'node:fs';
import { deployIfChanged } from '../../core/functions/deploy';
import { formatProblem, resolveFunctionRef } from '../../core/functions/find';
import type { Deployment, Provider } from '../../core/model';
import { BadInputError } from '../../core/bad-input';
import type { HttpRequestOptions } from '../../core/http-request';
import { HttpEndpointProvider } from '../../providers/http';
import { commonOptions, parse, UsageError } from '../args';
import { hasHttpFlags, httpFlags, httpRequestOf } from '../http-flags';
import { platformFor } from '../linked-platform';
import type { CliContext, Command } from '../context';
import { Exit } from '../io';
import { describeInvocation } from './format';

const USAGE =
  "faas-lab invoke <function | file[:handler]> [--payload '<json>' | --payload @file.json] [--platform local] [--json]\n" +
  "       faas-lab invoke [<name>] --url <url> [--method GET] [--header 'Name: value']... [--body-template '<text>'] [--payload ...]";

export const invokeCommand: Command = async (ctx, argv) => {
  const { values, positionals } = parse(argv, { ...commonOptions, payload: { type: 'string', short: 'd' }, url: { type: 'string' }, ...httpFlags }, USAGE);
  const byUrl = values.url !== undefined;
  if (positionals.length !== 1 && !(byUrl && positionals.length === 0)) throw new UsageError(`invoke takes one function\nusage: ${USAGE}`);
  const ref = positionals[0] ?? 'url';
  if (byUrl && values.platform !== undefined && values.platform !== 'http') throw new UsageError('--url calls an HTTP endpoint: leave out --platform (or use --platform http)');
  const provider = ctx.providers.get(byUrl ? 'http' : platformFor(ctx.root, values.platform, ref));
  const request = httpRequestOf(values);
  if (!byUrl && hasHttpFlags(values) && provider.id !== 'http') throw new UsageError('--method, --header and --body-template are for HTTP endpoints: use them with --url or a linked endpoint');
  const payload = await readPayload(values.payload);
  const deployment = byUrl ? urlTarget(provider, ref, values.url!, request) : await target(ref, provider, ctx);
  if (!byUrl && hasHttpFlags(values) && provider instanceof HttpEndpointProvider) provider.setRequest(deployment.name, request);
  const inv = await provider.invoke(deployment, payload, { signal: ctx.signal });
  if (values.json) {
    ctx.io.out(JSON.stringify(inv, null, 2));
  } else {
    if (inv.status === 'ok') ctx.io.out(JSON.stringify(inv.result, null, 2) ?? 'undefined');
    else ctx.io.out(`${inv.error?.type ?? inv.status}: ${inv.error?.message ?? ''}${inv.error?.stack ? `\n${inv.error.stack}` : ''}`);
    ctx.io.err(describeInvocation(inv));
  }
  return inv.status === 'ok' ? Exit.ok : Exit.functionFailed;
};

/** An endpoint called once, by its URL, with no link kept. */
function urlTarget(provider: Provider, name: string, url: string, request: HttpRequestOptions): Deployment {
  if (!/^https?:\/\/[^\s/]+/.test(url)) throw new UsageError(`--url ${url}: give the endpoint's full http:// or https:// URL`);
  if (!(provider instanceof HttpEndpointProvider)) throw new Error('The http platform of this build is not the HTTP endpoint provider');
  return provider.addEndpoint(name, url, request);
}

/** A deployed name, or a handler file whose current code is deployed first if it changed. */
async function target(ref: string, provider: Provider, { io, signal }: CliContext): Promise<Deployment> {
  const file = ref.replace(/:[^:/\\]+$/, '');
  if (existsSync(file)) {
    const spec = await resolveFunctionRef(ref, (warning) => io.err(formatProblem(warning)));
    return (await deployIfChanged(spec, provider, { signal })).deployment;
  }
  const deployment = await provider.get(ref, signal);
  if (!deployment) {
    if (provider.id === 'http') throw new BadInputError(`No endpoint '${ref}' on http: link it first (faas-lab link ${ref} --url http://...) or call a URL (faas-lab invoke --url http://...)`);
    throw new BadInputError(`No function '${ref}' on ${provider.displayName}: deploy it first (faas-lab deploy <file>:${ref}) or check 'faas-lab list'`);
  }
  return deployment;
}

export async function readPayload(arg: string | undefined): Promise<unknown> {
  if (arg === undefined) return {};
  const fromFile = arg.startsWith('@');
  let text = arg;
  if (fromFile) {
    try {
      text = await fs.readFile(arg.slice(1), 'utf8');
    } catch {
      throw new UsageError(`Cannot read payload file ${arg.slice(1)}: check the path`);
    }
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UsageError(`The payload ${fromFile ? `in ${arg.slice(1)} ` : ''}is not valid JSON (${(err as Error).message}); pass e.g. --payload '{"name":"Ada"}'`);
  }
}
