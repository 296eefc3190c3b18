// context.invoke inside Google Cloud Functions: the callee's URL from FAASLAB_CALL_URL (FaaS Lab sets
// it at deploy: https://<region>-<project>.cloudfunctions.net/{name}), called with an identity
// token for that URL from the metadata server (the function's runtime service account), as the
// platform requires of callers. GCE_METADATA_HOST points at another metadata server, as in Google's libraries.
import { httpSender, type ResolveCallee } from './http-invoke';
import type { SendNested } from './nested';

export function gcpSender(env: NodeJS.ProcessEnv = process.env): SendNested {
  const resolve: ResolveCallee = async (name) => {
    const template = env.FAASLAB_CALL_URL;
    if (!template) throw new Error('context.invoke on Google Cloud Functions needs FAASLAB_CALL_URL, which FaaS Lab sets when it deploys: deploy this function again with FaaS Lab');
    const url = template.replace('{name}', encodeURIComponent(name));
    return { url, headers: { authorization: `Bearer ${await identityToken(url, env)}` } };
  };
  return httpSender('Google Cloud Functions', resolve);
}

async function identityToken(audience: string, env: NodeJS.ProcessEnv): Promise<string> {
  const host = env.GCE_METADATA_HOST || 'metadata.google.internal';
  const url = new URL(`http://${host}/computeMetadata/v1/instance/service-accounts/default/identity`);
  url.searchParams.set('audience', audience);
  const client = await import('node:http');
  const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = client.get(url, { headers: { 'Metadata-Flavor': 'Google' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', (err) => reject(new Error(`context.invoke could not get an identity token from the metadata server at ${host} (${err.message})`)));
  });
  if (answer.status !== 200 || answer.text.trim() === '') {
    throw new Error(`context.invoke could not get an identity token for ${audience}: the metadata server answered HTTP ${answer.status} ${answer.text.slice(0, 200)}`);
  }
  return answer.text.trim();
}
