import type { AzureClients } from './client';

export interface AzureTiming {
  /** Between polls of a deployment's status and of the app's state. */
  pollMs: number;
  /** Longest wait for a deployment or for the app to run. */
  maxWaitMs: number;
  /** How long a new function may take to appear (its key is read only then). */
  functionWaitMs: number;
}

export const DEFAULT_TIMING: AzureTiming = { pollMs: 2_000, maxWaitMs: 10 * 60_000, functionWaitMs: 3 * 60_000 };

export interface AzureContext {
  clients: AzureClients;
  subscriptionId: string;
  resourceGroup: string;
  region: string;
  /** faasLab.azure.storageAccount: holds the apps' packages and their runtime state. */
  storageAccount: string;
  timing: AzureTiming;
  /** Function keys by app, read once per provider (an app restart keeps them). */
  keys: Map<string, Promise<string>>;
}
