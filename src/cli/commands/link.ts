import { BadInputError } from '../../core/bad-input';
import { checkLink, LinkStore, linksFileOf, type Link } from '../../providers/shared/links';
import { parse, platformOption, UsageError } from '../args';
import type { Command } from '../context';
import { httpFlags, httpRequestOf, hasHttpFlags } from '../http-flags';
import { Exit } from '../io';

const USAGE =
  "faas-lab link <name> --url <url> [--method GET] [--header 'Name: value']... [--body-template '<text>']\n       faas-lab link <name> --platform aws --arn arn:aws:lambda:<region>:<account>:function:<function>";

/**
 * Adds a function FaaS Lab did not create under `name` (.faaslab/links.json): an HTTP endpoint, or
 * an existing Lambda function, checked to exist first. Invoke and experiments use it; FaaS Lab
 * never changes or deletes it without asking.
 */
export const linkCommand: Command = async (ctx, argv) => {
  const { values, positionals } = parse(argv, { platform: { type: 'string', short: 'p' }, json: { type: 'boolean' }, url: { type: 'string' }, arn: { type: 'string' }, ...httpFlags }, USAGE);
  if (positionals.length !== 1) throw new UsageError(`link takes one name\nusage: ${USAGE}`);
  const name = positionals[0];
  const platform = platformOption(values.platform ?? (values.arn !== undefined ? 'aws' : 'http'));
  let link: Link;
  const linkedAt = new Date().toISOString();
  if (platform === 'http') {
    if (values.url === undefined) throw new UsageError(`link needs the endpoint's URL: --url http://...\nusage: ${USAGE}`);
    if (values.arn !== undefined) throw new UsageError('--arn names a Lambda function: use it with --platform aws, without --url');
    const request = httpRequestOf(values);
    link = { platform: 'http', name, url: values.url, ...(Object.keys(request).length > 0 ? { request } : {}), linkedAt };
  } else if (platform === 'aws') {
    if (values.arn === undefined) throw new UsageError(`link --platform aws needs the function's ARN: --arn arn:aws:lambda:...\nusage: ${USAGE}`);
    if (values.url !== undefined || hasHttpFlags(values)) throw new UsageError('--url, --method, --header and --body-template are for HTTP endpoints: leave them out with --platform aws');
    link = { platform: 'aws', name, arn: values.arn, linkedAt };
  } else {
    throw new UsageError(`Functions on ${platform} cannot be linked: link an HTTP endpoint (--url) or a Lambda function (--platform aws --arn)`);
  }
  checkLink(link);
  const store = new LinkStore(linksFileOf(ctx.root));
  const previous = store.find(name, platform);
  await store.save(link);
  const provider = ctx.providers.get(platform);
  if (platform === 'aws') {
    // The link stays only if Lambda has that function and lets us read it.
    let found;
    try {
      found = await provider.get(name, ctx.signal);
    } catch (err) {
      await restore(store, link, previous);
      throw err;
    }
    if (!found) {
      await restore(store, link, previous);
      throw new BadInputError(`Lambda has no function ${values.arn}: check the ARN (aws lambda get-function --function-name <arn>) and the region and profile FaaS Lab uses`);
    }
  }
  const deployment = await provider.get(name, ctx.signal);
  if (values.json) ctx.io.out(JSON.stringify({ link, deployment }, null, 2));
  else ctx.io.out(`Linked ${name} on ${provider.displayName} → ${link.platform === 'http' ? link.url : link.arn}${previous ? ' (replaces the earlier link)' : ''}; FaaS Lab invokes it but never changes or deletes it without asking`);
  return Exit.ok;
};

async function restore(store: LinkStore, link: Link, previous: Link | undefined): Promise<void> {
  if (previous) await store.save(previous);
  else await store.remove(link.name, link.platform);
}
