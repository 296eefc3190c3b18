// Keeps the AWS SDK in tests away from this machine's real AWS setup and from the network:
// credentials only from what a test sets, no shared config files, no instance metadata lookups.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const home = mkdtempSync(path.join(tmpdir(), 'faaslab-aws-test-'));

export const AWS_TEST_HOME = home;

/** Static credentials in the environment (as `aws configure` users or CI would have them); none if omitted. */
export function isolateAwsEnv(credentials?: { accessKeyId: string; secretAccessKey: string }): void {
  for (const key of Object.keys(process.env)) if (key.startsWith('AWS_')) delete process.env[key];
  process.env.AWS_CONFIG_FILE = path.join(home, 'config');
  process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(home, 'credentials');
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  // The SDK's notice that its 2027 releases need Node 22 is noise in test output.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  writeFileSync(process.env.AWS_CONFIG_FILE, '');
  writeFileSync(process.env.AWS_SHARED_CREDENTIALS_FILE, '');
  if (credentials) {
    process.env.AWS_ACCESS_KEY_ID = credentials.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = credentials.secretAccessKey;
  }
}

let written = 0;

/** A profile in new isolated shared credentials and config files (new paths: the SDK caches files it has read). */
export function writeProfile(name: string, credentials: { accessKeyId: string; secretAccessKey: string }, region?: string): void {
  written++;
  process.env.AWS_CONFIG_FILE = path.join(home, `config-${written}`);
  process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(home, `credentials-${written}`);
  writeFileSync(process.env.AWS_SHARED_CREDENTIALS_FILE, `[${name}]\naws_access_key_id = ${credentials.accessKeyId}\naws_secret_access_key = ${credentials.secretAccessKey}\n`);
  writeFileSync(process.env.AWS_CONFIG_FILE, region ? `[profile ${name}]\nregion = ${region}\n` : '');
}
