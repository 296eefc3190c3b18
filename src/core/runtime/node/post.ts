// One HTTP(S) POST from inside a function, with Node builtins only (context.invoke on the cloud
// platforms): the answer's status, headers and body as text.
import type { IncomingHttpHeaders } from 'node:http';

export interface PostAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

export async function post(url: URL, headers: Record<string, string>, body: string): Promise<PostAnswer> {
  // Loaded when a handler calls out: most bundles never pay for node:https.
  const client = url.protocol === 'http:' ? await import('node:http') : await import('node:https');
  return new Promise((resolve, reject) => {
    const req = client.request(url, { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
