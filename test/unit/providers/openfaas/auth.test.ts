// Gateway address and credentials by faas-cli's conventions, and how FaaS Lab names and sizes
// functions on OpenFaaS.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { credentialsFor, gatewayFrom, loginFile, normalizeGateway, parseLoginFile } from '../../../../src/providers/openfaas/auth';
import { memoryMBOf, serviceName } from '../../../../src/providers/openfaas/records';

const dir = mkdtempSync(path.join(tmpdir(), 'faaslab-openfaas-auth-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const token = (user: string, password: string) => Buffer.from(`${user}:${password}`).toString('base64');

test('the gateway: the setting, else OPENFAAS_URL, else 127.0.0.1:8080, normalised as faas-cli keys its logins', () => {
  assert.equal(gatewayFrom(undefined, {}), 'http://127.0.0.1:8080');
  assert.equal(gatewayFrom(undefined, { OPENFAAS_URL: 'Gateway.Example:31112/' }), 'http://gateway.example:31112');
  assert.equal(gatewayFrom('https://of.example.com//', { OPENFAAS_URL: 'http://other' }), 'https://of.example.com');
  assert.throws(() => normalizeGateway('http://exa mple'), /faasLab.openfaas.gateway is 'http:\/\/exa mple', which is not a URL: set it to the gateway's address/);
});

test("faas-cli's login file: OPENFAAS_CONFIG, .openfaas in CI, else ~/.openfaas", () => {
  assert.equal(loginFile({}), path.join(homedir(), '.openfaas', 'config.yml'));
  assert.equal(loginFile({ OPENFAAS_CONFIG: '/etc/of' }), '/etc/of/config.yml');
  assert.equal(loginFile({ OPENFAAS_CONFIG: '~/of' }), path.join(homedir(), 'of', 'config.yml'));
  assert.equal(loginFile({ CI: 'true' }), path.join('.openfaas', 'config.yml'));
});

test('the auths entries, as faas-cli writes them (either list indentation, quoted or not, with options)', () => {
  const text = [
    'auths:',
    '  - gateway: http://127.0.0.1:8080',
    '    auth: basic',
    `    token: ${token('admin', 'secret')}`,
    '  - gateway: "https://of.example.com"',
    "    auth: 'oauth2'",
    '    token: abc',
    '    options:',
    '      - name: client_id',
    '        value: x',
    '',
  ].join('\n');
  assert.deepEqual(parseLoginFile(text), [
    { gateway: 'http://127.0.0.1:8080', auth: 'basic', token: token('admin', 'secret') },
    { gateway: 'https://of.example.com', auth: 'oauth2', token: 'abc' },
  ]);
  assert.deepEqual(parseLoginFile(`auths:\n- gateway: http://g:8080\n  auth: basic\n  token: ${token('u', 'p')}\nother: 1\n`), [{ gateway: 'http://g:8080', auth: 'basic', token: token('u', 'p') }]);
  assert.deepEqual(parseLoginFile('other:\n  - gateway: http://g\n'), []);
});

test('credentials: OPENFAAS_PASSWORD wins; else the login for this gateway; a login FaaS Lab cannot use says what to do', () => {
  const config = mkdtempSync(path.join(dir, 'config-'));
  writeFileSync(
    path.join(config, 'config.yml'),
    `auths:\n  - gateway: http://127.0.0.1:8080\n    auth: basic\n    token: ${token('alice', 'pa:ss')}\n  - gateway: https://oauth.example\n    auth: oauth2\n    token: t\n  - gateway: http://broken:8080\n    auth: basic\n    token: bm9jb2xvbg==\n`,
  );
  const env = { OPENFAAS_CONFIG: config };
  assert.deepEqual(credentialsFor('http://127.0.0.1:8080', { env }), { username: 'alice', password: 'pa:ss', source: path.join(config, 'config.yml') });
  assert.equal(credentialsFor('http://127.0.0.1:9999', { env }), undefined);
  assert.deepEqual(credentialsFor('http://127.0.0.1:8080', { env: { ...env, OPENFAAS_PASSWORD: 'pw' }, username: 'ops' }), { username: 'ops', password: 'pw', source: 'OPENFAAS_PASSWORD' });
  assert.equal(credentialsFor('http://127.0.0.1:8080', { env: { ...env, OPENFAAS_PASSWORD: 'pw' } })?.username, 'admin');
  assert.throws(() => credentialsFor('https://oauth.example', { env }), /logs in to https:\/\/oauth.example with 'oauth2' auth; FaaS Lab uses basic auth: run faas-cli login --gateway https:\/\/oauth.example/);
  assert.throws(() => credentialsFor('http://broken:8080', { env }), /is not base64 of user:password: log in again with faas-cli login --gateway http:\/\/broken:8080/);
  assert.equal(credentialsFor('http://127.0.0.1:8080', { env: { OPENFAAS_CONFIG: path.join(dir, 'none') } }), undefined);
});

test('service names are DNS labels; others get a slug and a hash, so names that differ stay apart', () => {
  assert.equal(serviceName('hello-world'), 'hello-world');
  assert.match(serviceName('hello_world'), /^hello-world-[0-9a-f]{8}$/);
  assert.notEqual(serviceName('Hello'), serviceName('hello'));
  const long = serviceName('x'.repeat(100));
  assert.ok(long.length <= 63 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(long), long);
  assert.match(serviceName('___'), /^fn-[0-9a-f]{8}$/);
});

test('memory quantities as OpenFaaS reports them, in MB', () => {
  assert.deepEqual(['256Mi', '1Gi', '128M', '268435456', '512Ki', 'lots', undefined].map(memoryMBOf), [256, 1024, 122, 256, 1, undefined, undefined]);
});
