// The function as each platform of an experiment has it now, for the cost estimate. Asked of the
// providers (never a cache that can lie), each with a time limit so a slow cloud cannot stall the form.
import type { Deployment, PlatformId } from '../../core/model';
import type { ProviderRegistry } from '../../providers/registry';

const ASK_TIMEOUT_MS = 5000;

export interface KnownDeployments {
  deployments: Map<PlatformId, Deployment>;
  /** Why a platform has no deployment to price, in words. */
  missing: Map<PlatformId, string>;
}

export async function findDeployments(registry: ProviderRegistry, functionName: string, platforms: readonly PlatformId[]): Promise<KnownDeployments> {
  const deployments = new Map<PlatformId, Deployment>();
  const missing = new Map<PlatformId, string>();
  await Promise.all(
    platforms.map(async (id) => {
      if (!registry.has(id)) {
        missing.set(id, 'this platform is not available in FaaS Lab yet');
        return;
      }
      try {
        const dep = await registry.get(id).get(functionName, AbortSignal.timeout(ASK_TIMEOUT_MS));
        if (dep) deployments.set(id, dep);
        else missing.set(id, `function not deployed (deploy "${functionName}" to ${id} to see its cost)`);
      } catch (err) {
        missing.set(id, `could not ask ${id} for "${functionName}": ${(err as Error).message}`);
      }
    }),
  );
  return { deployments, missing };
}
