// Each instance's own /tmp, with the real unshare and bwrap of this machine, and the TMPDIR
// fallback forced: concurrent processes must not see each other's files, and SAAF's Inspector
// must call each of them a new container.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import * as path from 'node:path';
import { test } from 'node:test';
import { functionPid, privateTmp, probePrivateTmp, type PrivateTmpMethod } from '../../../../src/providers/shared/private-tmp';

const linux = process.platform === 'linux';
const hasBwrap = linux && ['/usr/bin/bwrap', '/bin/bwrap', '/usr/local/bin/bwrap'].some((p) => existsSync(p));
const PYTHON_RUNTIME = path.resolve(__dirname, '../../../../src/core/runtime/python');

/** Runs `command args` through privateTmp; resolves with its pid, stdout and the launch. */
function run(method: PrivateTmpMethod | undefined, command: string, args: string[], cwd?: string) {
  const launch = privateTmp(command, args, { PATH: process.env.PATH }, { ...(method === undefined ? {} : { method }), keepVisible: cwd === undefined ? [] : [cwd] });
  return new Promise<{ pid: number; out: string; launch: typeof launch }>((resolve, reject) => {
    const child = spawn(launch.command, launch.args, { cwd, env: launch.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    // 'close', not 'exit': stdout may still hold data when the process exits.
    child.on('close', (code) => (code === 0 ? resolve({ pid: child.pid!, out, launch }) : reject(new Error(`exit ${code}: ${err}`))));
  });
}

/** Writes its pid to a file in its temporary folder, waits for the other to do the same, lists the folder. */
const OWNER = 'echo $$ > "${TMPDIR:-/tmp}/owner"; sleep 0.4; echo "$$ $(cat "${TMPDIR:-/tmp}/owner") $(ls -A /tmp | grep -c . ) $TMPDIR"';

async function twoAtOnce(method: PrivateTmpMethod | undefined) {
  const both = await Promise.all([run(method, '/bin/sh', ['-c', OWNER]), run(method, '/bin/sh', ['-c', OWNER])]);
  const seen = both.map(({ pid, out, launch }) => {
    const [shellPid, owner, files, tmpdir] = out.trim().split(' ');
    const kept = readdirSync(launch.dir);
    launch.cleanup();
    return { pid, shellPid: Number(shellPid), owner: Number(owner), files: Number(files), tmpdir, kept, dir: launch.dir, samePid: launch.samePid };
  });
  for (const s of seen) {
    assert.equal(s.owner, s.shellPid, `${method}: each process reads back its own file`);
    assert.deepEqual(s.kept, ['owner'], `${method}: the file went into the instance's own folder`);
    assert.equal(existsSync(s.dir), false, 'cleanup removes the folder');
  }
  assert.notEqual(seen[0].dir, seen[1].dir);
  return seen;
}

test('by default, on Linux with util-linux, each process gets a private /tmp in a PID namespace of its own', { skip: !linux && 'no mount namespaces off Linux' }, async () => {
  const probe = probePrivateTmp(false);
  assert.equal(probe.method, 'unshare', `this machine allows a mount namespace (${probe.why})`);
  for (const s of await twoAtOnce(undefined)) {
    assert.equal(s.files, 1, 'the private /tmp holds only this process’s file');
    assert.equal(s.shellPid, 1, 'the command is its PID namespace’s init: all it starts ends with it');
    assert.equal(s.samePid, false);
    assert.equal(s.tmpdir, '/tmp');
  }
});

test('functionPid finds the command under unshare: signals and /proc/<pid> reach it', { skip: !linux && 'no mount namespaces off Linux' }, async () => {
  const launch = privateTmp('/bin/sh', ['-c', 'echo started; read line'], { PATH: process.env.PATH });
    const child = spawn(launch.command, launch.args, { env: launch.env, stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    await new Promise((r) => child.stdout.once('data', r));
    const pid = functionPid(child.pid!);
    assert.ok(pid !== undefined && pid !== child.pid, 'the command is the wrapper’s child');
    assert.match(readFileSync(`/proc/${pid}/cmdline`, 'latin1'), /^\/bin\/sh\0-c\0echo started/);
    process.kill(pid, 'SIGKILL');
    const [code, signal] = (await once(child, 'exit')) as [number | null, string | null];
    // unshare 2.38 cannot re-raise SIGKILL and says so (the local Instance reads that as SIGKILL).
  assert.ok(signal === 'SIGKILL' || (code === 1 && err.startsWith('unshare: sigprocmask unblock failed')), `the wrapper ends with the command (${code} ${signal} ${err})`);
    launch.cleanup();
});

test('bwrap gives each process a private /tmp; its pid is bwrap’s, not the command’s', { skip: !hasBwrap && 'bwrap is not installed' }, async () => {
  for (const s of await twoAtOnce('bwrap')) {
    assert.equal(s.files, 1);
    assert.notEqual(s.shellPid, s.pid);
    assert.equal(s.samePid, false);
  }
});

test('the fallback sets TMPDIR to a folder of each instance’s own', async () => {
  const seen = await twoAtOnce('tmpdir');
  for (const s of seen) {
    assert.equal(s.tmpdir, s.dir);
    assert.equal(s.shellPid, s.pid);
  }
});

/** Two Inspectors in one process (two calls of one instance), as JSON [newcontainer, uuid] pairs. */
const TWO_CALLS = [
  '-c',
  `import sys, json; sys.path.insert(0, ${JSON.stringify(PYTHON_RUNTIME)}); from SAAF import Inspector
calls = []
for _ in range(2):
    i = Inspector(); i.inspectContainer(); r = i.finish(); calls.append([r["newcontainer"], r["uuid"]])
print(json.dumps(calls))`,
];

for (const method of ['unshare', 'bwrap', 'tmpdir'] as const) {
  const skip = method === 'unshare' ? !linux && 'no mount namespaces off Linux' : method === 'bwrap' ? !hasBwrap && 'bwrap is not installed' : false;
  test(`SAAF's Inspector tells concurrent instances apart (${method})`, { skip }, async () => {
    // From a folder kept visible: the checkout itself may lie below /tmp, which the private /tmp hides.
    const [a, b] = await Promise.all([run(method, 'python3', TWO_CALLS, PYTHON_RUNTIME), run(method, 'python3', TWO_CALLS, PYTHON_RUNTIME)]);
    const calls = [a, b].map(({ out, launch }) => {
      launch.cleanup();
      return JSON.parse(out) as [number, string][];
    });
    for (const [first, second] of calls) {
      assert.equal(first[0], 1, 'the first call of each instance is a new container');
      assert.equal(second[0], 0, 'the second is not');
      assert.equal(second[1], first[1], 'and has the same uuid');
    }
    assert.notEqual(calls[0][0][1], calls[1][0][1], 'two instances, two uuids');
  });
}

for (const method of ['unshare', 'bwrap'] as const) {
  const skip = !linux ? 'no mount namespaces off Linux' : method === 'bwrap' && !hasBwrap ? 'bwrap is not installed' : false;
  test(`the instance's working folder stays visible though it lies below /tmp (${method})`, { skip }, async (t) => {
    const codeDir = mkdtempSync(path.join('/tmp', 'faaslab-code-'));
    t.after(() => rmSync(codeDir, { recursive: true, force: true }));
    writeFileSync(path.join(codeDir, 'handler.txt'), 'the code');
    const { out, launch } = await run(method, '/bin/sh', ['-c', `cat handler.txt; cat ${codeDir}/handler.txt; pwd; test -e /tmp/owner-of-host || echo private`], codeDir);
    launch.cleanup();
    assert.equal(out, `the codethe code${codeDir}\nprivate\n`);
    assert.ok(existsSync(path.join(codeDir, 'handler.txt')), 'the code folder itself is untouched');
  });
}

test('a command that cannot be found is not wrapped, so starting it fails as it would unwrapped', async () => {
  const launch = privateTmp('/nonexistent/python3', ['-u', 'x.py'], { PATH: process.env.PATH });
  launch.cleanup();
  assert.equal(launch.command, '/nonexistent/python3');
  assert.deepEqual(launch.args, ['-u', 'x.py']);
  assert.equal(launch.env.TMPDIR, launch.dir);
});
