// The SDK clients one AWS provider uses, built from FaaS Lab's settings: one credential chain
// and one pair of keep-alive agents shared by every client, sized for an experiment's concurrency.
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ECRClient } from '@aws-sdk/client-ecr';
import { IAMClient } from '@aws-sdk/client-iam';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import * as http from 'node:http';
import * as https from 'node:https';

/** The SDK's default handler allows 50 sockets per host, which silently caps an experiment at 50 in flight. */
export const DEFAULT_MAX_SOCKETS = 1000;

export interface AwsClientSettings {
  /** e.g. `eu-west-1`; empty: AWS_REGION, then the profile's region in ~/.aws/config. */
  region?: string;
  /** A profile in ~/.aws/config or ~/.aws/credentials (SSO profiles too); empty: AWS_PROFILE or `default`. */
  profile?: string;
  /** Another Lambda/IAM/Logs/ECR endpoint (LocalStack, moto, a test server), e.g. `http://127.0.0.1:5000`. */
  endpoint?: string;
  /** Most simultaneous connections to AWS; at least the experiment's concurrency. */
  maxSockets?: number;
}

export interface AwsClients {
  /** Control-plane calls (create, update, get, list): the SDK's standard retries apply. */
  lambda: LambdaClient;
  /** Invoke only: no SDK retries, so a 429 comes back as a throttled invocation the runner retries. */
  invoker: LambdaClient;
  iam: IAMClient;
  logs: CloudWatchLogsClient;
  /** Repositories and registry logins for container-image functions. */
  ecr: ECRClient;
  settings: AwsClientSettings;
  /** The region the clients use; rejects when none is set anywhere. */
  region(): Promise<string>;
  destroy(): void;
}

export function createAwsClients(settings: AwsClientSettings): AwsClients {
  const maxSockets = Math.max(1, Math.floor(settings.maxSockets ?? DEFAULT_MAX_SOCKETS));
  // maxFreeSockets too: its default (256) closes idle sockets between an experiment's calls, and
  // every call beyond 256 in flight would then open a new connection (a TLS handshake on AWS).
  const agentOptions = { keepAlive: true, maxSockets, maxFreeSockets: maxSockets };
  const httpAgent = new http.Agent(agentOptions);
  const httpsAgent = new https.Agent(agentOptions);
  // One credential chain (env, shared files, SSO, process, IMDS), memoized, for every client.
  const credentials = fromNodeProviderChain(settings.profile ? { profile: settings.profile } : {});
  // Each client gets its own handler (destroying a client destroys its handler); the agents are shared.
  const config = () => ({
    ...(settings.region ? { region: settings.region } : {}),
    ...(settings.profile ? { profile: settings.profile } : {}),
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    credentials,
    requestHandler: new NodeHttpHandler({ httpAgent, httpsAgent, connectionTimeout: 10_000 }),
  });
  const lambda = new LambdaClient(config());
  const invoker = new LambdaClient({ ...config(), maxAttempts: 1 });
  const iam = new IAMClient(config());
  const logs = new CloudWatchLogsClient(config());
  const ecr = new ECRClient(config());
  return {
    lambda,
    invoker,
    iam,
    logs,
    ecr,
    settings,
    region: () => lambda.config.region(),
    destroy() {
      for (const client of [lambda, invoker, iam, logs, ecr]) client.destroy();
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
