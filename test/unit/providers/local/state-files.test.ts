// What the local platform writes under .faaslab/ is its owner's only, and never a repository's:
// a .gitignore on first use, owner-only folders, and owner-only files that may hold values.
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { harness } from './harness';

const posix = process.platform !== 'win32';
const mode = (file: string) => statSync(file).mode & 0o777;

test('.faaslab/ gets a .gitignore; deployment.json and logs are 0600, folders 0700', { skip: !posix && 'no POSIX modes' }, async (t) => {
  const h = harness(t);
  const d = await h.deploy('hello.js', 'hello', { env: { API_TOKEN: 'value' } });
  await h.provider.invoke(d, { name: 'x' });
  await h.provider.logs(d, { limit: 5 });
  const faaslab = path.dirname(h.stateDir);
  const ignore = readFileSync(path.join(faaslab, '.gitignore'), 'utf8');
  assert.match(ignore, /^#.*deployment\.json.*env values.*logs/m);
  assert.match(ignore, /^\*$/m);
  const fnDir = path.join(h.stateDir, 'functions', d.name);
  assert.equal(mode(path.join(fnDir, 'deployment.json')).toString(8), '600');
  assert.equal(mode(path.join(fnDir, 'logs.jsonl')).toString(8), '600');
  for (const dir of [faaslab, h.stateDir, path.join(h.stateDir, 'functions'), fnDir]) assert.equal(mode(dir).toString(8), '700', dir);
});
