import { existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { UserError } from '../../core/model';

/**
 * Whether Application Default Credentials can come from this machine without a network probe:
 * a key file, gcloud's ADC file, or a Google runtime's metadata server named by its environment.
 * Without one, google-auth-library would probe the metadata server address from a laptop.
 */
export function adcAvailableLocally(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.GOOGLE_APPLICATION_CREDENTIALS) return true;
  if (env.GCE_METADATA_HOST || env.K_SERVICE || env.CLOUD_SHELL) return true;
  const configDir = env.CLOUDSDK_CONFIG || (process.platform === 'win32' ? path.join(env.APPDATA ?? '', 'gcloud') : path.join(os.homedir(), '.config', 'gcloud'));
  return existsSync(path.join(configDir, 'application_default_credentials.json'));
}

export const NO_ADC_MESSAGE =
  'No Google credentials found: run `gcloud auth application-default login`, or set faasLab.gcp.keyFile (or GOOGLE_APPLICATION_CREDENTIALS) to a service-account key';

export function requireLocalAdc(): void {
  if (!adcAvailableLocally()) throw new UserError(NO_ADC_MESSAGE);
}
