// The ARM client (@azure/arm-appservice) with the user's credential, plus the few calls the
// App Service SDK does not cover (storage keys and containers, through the same authenticated
// pipeline) and plain HTTPS to the SCM site and the function host.
import { WebSiteManagementClient } from '@azure/arm-appservice';
import type { TokenCredential } from '@azure/core-auth';
import { createDefaultHttpClient, createPipelineRequest, type PipelinePolicy } from '@azure/core-rest-pipeline';
import { request as httpsRequest, type Agent } from 'node:https';

export const ARM_SCOPE = 'https://management.azure.com/.default';
export const STORAGE_API_VERSION = '2023-05-01';
/** Microsoft.Web version for the calls made without the SDK (Flex's functionAppConfig is in it). */
export const SITES_API_VERSION = '2024-04-01';

export interface AzureClients {
  web: WebSiteManagementClient;
  credential: TokenCredential;
  armEndpoint: string;
  agent?: Agent;
  /** A call to ARM outside App Service (e.g. Microsoft.Storage), with the client's auth and retries. */
  arm(method: 'GET' | 'POST' | 'PUT' | 'PATCH', path: string, body?: unknown, signal?: AbortSignal): Promise<{ status: number; json: unknown }>;
}

export function createAzureClients(credential: TokenCredential, subscriptionId: string, endpoint: string | undefined, agent: Agent | undefined): AzureClients {
  const armEndpoint = (endpoint || 'https://management.azure.com').replace(/\/$/, '');
  // A custom HTTPS agent (corporate CA, or the tests' loopback certificate) on every request.
  const agentPolicy: PipelinePolicy = {
    name: 'faaslabHttpsAgent',
    sendRequest: (request, next) => {
      if (agent) request.agent = agent;
      return next(request);
    },
  };
  const web = new WebSiteManagementClient(credential, subscriptionId, {
    endpoint: armEndpoint,
    additionalPolicies: agent ? [{ policy: agentPolicy, position: 'perCall' }] : [],
  });
  const httpClient = createDefaultHttpClient();
  return {
    web,
    credential,
    armEndpoint,
    agent,
    async arm(method, path, body, signal) {
      const request = createPipelineRequest({ url: `${armEndpoint}${path}`, method, abortSignal: signal });
      if (body !== undefined) {
        request.body = JSON.stringify(body);
        request.headers.set('content-type', 'application/json');
      }
      const response = await web.pipeline.sendRequest(httpClient, request);
      return { status: response.status, json: response.bodyAsText ? (JSON.parse(response.bodyAsText) as unknown) : undefined };
    },
  };
}

export interface HttpsAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One HTTPS request with node:https (so the agent applies), answering status, headers and text. */
export function https(url: string, options: { method: string; headers?: Record<string, string>; body?: Uint8Array | string; agent?: Agent; signal?: AbortSignal }): Promise<HttpsAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { method: options.method, headers: options.headers, agent: options.agent, signal: options.signal }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}
