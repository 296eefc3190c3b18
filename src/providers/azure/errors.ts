// Azure errors -> messages a user can act on: what happened, and what to do next.
import { UserError } from '../../core/model';

export function statusOf(err: unknown): number | undefined {
  const e = err as { statusCode?: unknown; response?: { status?: unknown } } | undefined;
  if (typeof e?.statusCode === 'number') return e.statusCode;
  return typeof e?.response?.status === 'number' ? e.response.status : undefined;
}

export function isNotFound(err: unknown): boolean {
  return statusOf(err) === 404;
}

export function isAbort(err: unknown): boolean {
  return err instanceof Error && err.name === 'AbortError';
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

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
  if (statusOf(err) === 401) return `Azure rejected the credentials (${message}): run \`az login\`, or check the service principal`;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return `Could not reach Azure (${code}): check the network connection, or faasLab.azure.endpoint if set`;
  return undefined;
}

export function toUserError(err: unknown, action: string): Error {
  if (isAbort(err) || err instanceof UserError) return err as Error;
  const setup = setupProblem(err);
  if (setup) return new UserError(setup);
  const message = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: unknown }).code;
  if (statusOf(err) === 403 || code === 'AuthorizationFailed') {
    return new UserError(`Azure denied ${action} (${message}): the signed-in identity needs the Contributor role on the resource group (or Website Contributor and Storage Account Contributor)`);
  }
  if (code === 'ResourceGroupNotFound') return new UserError(`${message}: create it (\`az group create\`) or change faasLab.azure.resourceGroup`);
  if (code === 'SubscriptionNotFound' || code === 'InvalidSubscriptionId') return new UserError(`${message}: check faasLab.azure.subscriptionId (\`az account list\`)`);
  return new UserError(`Azure ${action} failed: ${message}`);
}
