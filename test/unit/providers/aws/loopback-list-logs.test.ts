// List (paged, tags per function, FaaS Lab's first), delete and CloudWatch logs against the
// loopback API, asserting the requests the real SDK sends.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertSigned, loopback } from './loopback-harness';

test('list: every page of ListFunctions, one ListTags each, FaaS Lab’s functions first, other languages left out', async (t) => {
  const { api, provider, deploy } = await loopback(t);
  await deploy('hello.js', 'hello', { name: 'zz-mine' });
  await deploy('hello.py', 'hello', { name: 'aa-mine-py' });
  const template = { ...api.functions.get('zz-mine')! };
  for (let i = 0; i < 52; i++) {
    const name = `other-${String(i).padStart(2, '0')}`;
    api.functions.set(name, { ...template, name, tags: {}, idleInstances: [] });
  }
  api.functions.set('java-fn', { ...template, name: 'java-fn', runtime: 'java21', tags: {}, idleInstances: [] });
  api.requests.length = 0;

  const list = await provider.list();
  const lists = api.ops('ListFunctions');
  assert.equal(lists.length, 2, '55 functions: two pages of 50');
  assert.deepEqual(lists[0].query, { MaxItems: '50' });
  assert.deepEqual(lists[1].query, { Marker: '50', MaxItems: '50' });
  assert.equal(lists[0].rawPath, '/2015-03-31/functions');
  assert.equal(lists[0].method, 'GET');
  assert.equal(api.ops('ListTags').length, 54, 'java-fn is not described, so its tags are not read');
  for (const r of api.requests) assertSigned(r, 'lambda');

  assert.equal(list.length, 54);
  assert.deepEqual(
    list.slice(0, 3).map((d) => [d.name, d.managed, d.language]),
    [
      ['aa-mine-py', true, 'python'],
      ['zz-mine', true, 'node'],
      ['other-00', false, 'node'],
    ],
  );
  const other = list[2];
  assert.equal(other.codeHash, `sha256:${template.codeSha256}`, 'Lambda’s CodeSha256 stands in for a hash FaaS Lab never wrote');
  assert.equal(other.sourceFile, undefined);
  assert.equal(list.find((d) => d.name === 'zz-mine')!.sourceFile, template.tags['faaslab:sourceFile']);
});

test('get and remove: DELETE once, then gone; removing again is not an error', async (t) => {
  const { api, provider, deploy } = await loopback(t);
  const d = await deploy('hello.js', 'hello', { name: 'fn' });
  assert.deepEqual(await provider.get('fn'), d);
  api.requests.length = 0;
  await provider.remove(d);
  assert.deepEqual(
    api.requests.map((r) => [r.method, r.rawPath]),
    [['DELETE', '/2015-03-31/functions/fn']],
  );
  assert.equal(await provider.get('fn'), undefined);
  await provider.remove(d);
});

test('logs: FilterLogEvents on /aws/lambda/<name>, paged with nextToken, the newest lines oldest first', async (t) => {
  const { api, provider, deploy } = await loopback(t, { logPageSize: 3 });
  const d = await deploy('hello.js', 'hello', { name: 'fn' });
  const now = Date.now();
  api.logEvents.set(
    '/aws/lambda/fn',
    Array.from({ length: 7 }, (_, i) => ({ timestamp: now - 70_000 + i * 10_000, message: `line ${i}\n` })),
  );
  api.requests.length = 0;
  const lines = await provider.logs(d, { limit: 5 });
  assert.deepEqual(
    lines.map((l) => l.message),
    ['line 2', 'line 3', 'line 4', 'line 5', 'line 6'],
  );
  assert.equal(lines[0].time, new Date(now - 50_000).toISOString());
  const reqs = api.ops('FilterLogEvents');
  assert.equal(reqs.length, 3);
  for (const r of reqs) {
    assert.equal(r.method, 'POST');
    assert.equal(r.rawPath, '/');
    assert.equal(r.headers['x-amz-target'], 'Logs_20140328.FilterLogEvents');
    assert.equal(r.headers['content-type'], 'application/x-amz-json-1.1');
    assertSigned(r, 'logs');
    assert.equal(r.json!.logGroupName, '/aws/lambda/fn');
    assert.equal(r.json!.interleaved, true);
    assert.ok(Math.abs(Number(r.json!.startTime) - (now - 15 * 60_000)) < 5_000, 'the last 15 minutes first');
  }
  assert.deepEqual(
    reqs.map((r) => r.json!.nextToken),
    [undefined, '3', '6'],
  );

  api.logEvents.clear();
  assert.deepEqual(await provider.logs(d, { limit: 5 }), [], 'no log group yet: the function never ran');
});
