// Whether Azure Functions can be used now: settings, a credential Azure accepts, and access to
// the resource group. Never throws: a problem is a message and its fixes.
import type { Readiness, ReadinessFix } from '../../core/model';
import { ARM_SCOPE } from './client';
import type { AzureContext } from './context';
import { setupProblem, toUserError } from './errors';

const SIGN_IN: ReadinessFix = { kind: 'url', url: 'https://learn.microsoft.com/cli/azure/authenticate-azure-cli', label: 'Sign in to Azure' };
const setting = (name: string, label: string): ReadinessFix => ({ kind: 'setting', setting: `faasLab.azure.${name}`, label });

export async function checkReadiness(ctx: Partial<AzureContext> & Pick<AzureContext, 'clients'>): Promise<Readiness> {
  const missing = (
    [
      ['subscriptionId', 'the subscription (az account show --query id)'],
      ['resourceGroup', 'the resource group for FaaS Lab’s apps'],
      ['region', 'a region with Flex Consumption (az functionapp list-flexconsumption-locations)'],
      ['storageAccount', 'a storage account name in that resource group, for packages and app state; created on the first deploy if it does not exist'],
    ] as const
  ).filter(([key]) => !ctx[key]);
  if (missing.length > 0) {
    return {
      ready: false,
      message: `Azure Functions needs ${missing.map(([k, what]) => `faasLab.azure.${k} (${what})`).join(', ')}`,
      fixes: missing.map(([k]) => setting(k, `Set faasLab.azure.${k}`)),
    };
  }
  try {
    await ctx.clients.credential.getToken(ARM_SCOPE);
  } catch (err) {
    return { ready: false, message: setupProblem(err) ?? `Azure sign-in failed: ${(err as Error).message}`, fixes: [SIGN_IN] };
  }
  try {
    for await (const _ of ctx.clients.web.webApps.listByResourceGroup(ctx.resourceGroup!).byPage()) break;
  } catch (err) {
    return { ready: false, message: toUserError(err, `listing apps in resource group ${ctx.resourceGroup}`).message, fixes: [setting('resourceGroup', 'Set the resource group'), SIGN_IN] };
  }
  return { ready: true, detail: `Azure Functions (Flex Consumption) in ${ctx.region}, resource group ${ctx.resourceGroup}` };
}
