import { UserError, type Deployment } from '../../core/model';
import { checkLink, checkLinkName, LinkStore, linksFileOf } from '../../providers/shared/links';
import type { PlatformNode } from '../tree/nodes';
import type { CommandBody } from './context';

/**
 * faasLab.linkEndpoint: adds an HTTP endpoint FaaS Lab does not deploy as a function of the
 * workspace (.faaslab/links.json), as `faas-lab link <name> --url` does; invoke and experiments
 * then call it by name. From the palette, or the http platform node of the Functions view.
 */
export const linkEndpoint: CommandBody<[PlatformNode?]> = async (ctx, ui, node) => {
  const root = ctx.rootFor(node?.rootUri?.fsPath);
  const store = new LinkStore(linksFileOf(root));
  const name = await ui.input({
    title: 'Link Existing Endpoint: function name',
    prompt: 'The name invoke and experiments ("function") call it by',
    validate: (text) => problemOf(() => checkLinkName(text.trim())),
  });
  if (name === undefined) return undefined;
  const url = await ui.input({
    title: `Link Existing Endpoint: URL of ${name.trim()}`,
    prompt: 'FaaS Lab POSTs each payload as JSON to it (faas-lab link --method/--header/--body-template to call it otherwise)',
    value: 'http://',
    validate: (text) => problemOf(() => checkLink({ platform: 'http', name: name.trim(), url: text.trim(), linkedAt: '' })),
  });
  if (url === undefined) return undefined;
  const link = { platform: 'http' as const, name: name.trim(), url: url.trim(), linkedAt: new Date().toISOString() };
  const previous = store.find(link.name, 'http');
  if (previous && !(await ui.confirm(`${link.name} is linked to ${previous.platform === 'http' ? previous.url : ''} already. Link it to ${link.url} instead?`, 'Replace Link'))) return undefined;
  await store.save(link);
  ctx.output.appendLine(`Linked ${link.name} on HTTP endpoint → ${link.url}: FaaS Lab invokes it but never changes or deletes it`);
  ctx.fireDeploymentsChanged();
  const deployment: Deployment | undefined = await ctx.platformsFor(root).get('http').get(link.name);
  if (!deployment) throw new UserError(`${link.name} was linked in ${store.file}, but the http platform does not see it: reload the window`);
  return deployment;
};

function problemOf(check: () => void): string | undefined {
  try {
    check();
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}
