// The Cloud Functions v2 client over HTTP/JSON (google-gax's REST transport: no gRPC, so it
// bundles and runs anywhere Node does), credentials from Application Default Credentials.
import { v2 } from '@google-cloud/functions';
import { GoogleAuth, type AuthClient } from 'google-auth-library';

export const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';

export interface GcpClientOptions {
  project?: string;
  /** An authenticated client to use instead of ADC (tests pass an OAuth2Client with a fixed token). */
  authClient?: AuthClient;
  /** Path to a service-account key file instead of ADC lookup. */
  keyFilename?: string;
  /** Cloud Functions API endpoint: a host, or a URL with scheme and port (e.g. http://127.0.0.1:8085). */
  apiEndpoint?: string;
}

export interface GcpClients {
  auth: GoogleAuth;
  functions: v2.FunctionServiceClient;
  close(): Promise<void>;
}

export function createGcpClients(options: GcpClientOptions): GcpClients {
  const auth = new GoogleAuth({
    scopes: [CLOUD_PLATFORM_SCOPE],
    ...(options.project ? { projectId: options.project } : {}),
    ...(options.authClient ? { authClient: options.authClient } : {}),
    ...(options.keyFilename ? { keyFilename: options.keyFilename } : {}),
  });
  const functions = new v2.FunctionServiceClient({ fallback: true, auth, ...endpointOptions(options.apiEndpoint) });
  return { auth, functions, close: () => functions.close() };
}

function endpointOptions(endpoint: string | undefined): { apiEndpoint?: string; port?: number; protocol?: string } {
  if (!endpoint) return {};
  if (!/^https?:\/\//.test(endpoint)) return { apiEndpoint: endpoint };
  const url = new URL(endpoint);
  const protocol = url.protocol.replace(':', '');
  return { apiEndpoint: url.hostname, port: url.port ? Number(url.port) : protocol === 'http' ? 80 : 443, protocol };
}
