// Azure errors -> messages a user can act on: what happened, and what to do next.
import { UserError } from '../../core/model';
import { httpStatusOf, isNetworkCode, settledError } from '../shared/errors';

export { httpStatusOf, isAbort } from '../shared/errors';

export function isNotFound(err: unknown): boolean {
  return httpStatusOf(err) === 404;
}

/** Credentials or reachability: the same for every call, so readiness reports it. */
export function setupProblem(err: unknown): string | undefined {
  const name = err instanceof Error ? err.name : '';
  const message = err instanceof Error ? err.message : String(err);
  if (name === 'CredentialUnavailableError' || name === 'AggregateAuthenticationError') {
    return 'Azure credentials not found: run `az login` (or set AZURE_CLIENT_ID, AZURE_TENANT_ID and AZURE_CLIENT_SECRET for a service principal)';
  }
  if (name === 'AuthenticationRequiredError' || /AADSTS70043|AADSTS700082|expired/i.test(message)) {
    return 'The Azure sign-in has expired: run `az login` again';
  }
  if (httpStatusOf(err) === 401) return `Azure rejected the credentials (${message}): run \`az login\`, or check the service principal`;
  const code = (err as { code?: unknown }).code;
  if (isNetworkCode(code)) return `Could not reach Azure (${code}): check the network connection, or faasLab.azure.endpoint if set`;
  return undefined;
}

export function toUserError(err: unknown, action: string): Error {
  const settled = settledError(err, setupProblem);
  if (settled) return settled;
  const message = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: unknown }).code;
  if (httpStatusOf(err) === 403 || code === 'AuthorizationFailed') {
    return new UserError(`Azure denied ${action} (${message}): the signed-in identity needs the Contributor role on the resource group (or Website Contributor and Storage Account Contributor)`);
  }
  if (code === 'ResourceGroupNotFound') return new UserError(`${message}: create it (\`az group create\`) or change faasLab.azure.resourceGroup`);
  if (code === 'SubscriptionNotFound' || code === 'InvalidSubscriptionId') return new UserError(`${message}: check faasLab.azure.subscriptionId (\`az account list\`)`);
  return new UserError(`Azure ${action} failed: ${message}`);
}
