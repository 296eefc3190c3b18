// The platform picker's choices: every registered platform and whether it can be used now.
import type { PlatformChoice } from '../../webviews/experiment/protocol';
import type { Provider } from '../../core/model';
import type { ProviderRegistry } from '../../providers/registry';

const READINESS_TIMEOUT_MS = 5000;

export async function platformChoices(registry: ProviderRegistry): Promise<PlatformChoice[]> {
  return Promise.all(registry.all().map((p) => choiceOf(p)));
}

async function choiceOf(provider: Provider): Promise<PlatformChoice> {
  const base = { id: provider.id, displayName: provider.displayName };
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<PlatformChoice>((resolve) => {
    timer = setTimeout(() => resolve({ ...base, ready: false, detail: `did not say whether it is ready within ${READINESS_TIMEOUT_MS / 1000} s` }), READINESS_TIMEOUT_MS);
  });
  const asked = provider.readiness().then(
    (r): PlatformChoice => (r.ready ? { ...base, ready: true, detail: r.detail ?? 'ready' } : { ...base, ready: false, detail: r.message }),
  );
  try {
    return await Promise.race([asked, late]);
  } finally {
    clearTimeout(timer);
  }
}
