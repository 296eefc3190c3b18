import { isUnmanaged, unmanagedQuestion, type UnmanagedChange } from '../../core/functions/unmanaged';
import type { Deployment, Provider } from '../../core/model';
import type { UserInput } from '../ui';

/** True when FaaS Lab created the function, or the user agreed in a modal to change one it did not. */
export async function mayChange(ui: UserInput, provider: Provider, deployment: Deployment, change: UnmanagedChange): Promise<boolean> {
  if (!isUnmanaged(deployment)) return true;
  return ui.confirm(unmanagedQuestion(deployment, provider.displayName, change), 'Change Anyway');
}
