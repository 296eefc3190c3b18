// Hostile and careless handlers on the local platform: what they start does not outlive them or
// FaaS Lab (even killed with SIGKILL, even while the CPU quota has them stopped), and they cannot
// read the developer's environment through /proc.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { eventually, harness } from './harness';

const linux = process.platform === 'linux';
const PARENT = path.join(__dirname, 'fixtures', 'hostile-parent.ts');

interface Proc {
  pid: number;
  ppid: number;
  pgid: number;
  state: string;
  command: string;
}

/** Every process /proc shows. */
function processes(): Proc[] {
  const all: Proc[] = [];
  for (const name of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'latin1');
      const [state, ppid, pgid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      all.push({ pid: Number(name), ppid: Number(ppid), pgid: Number(pgid), state, command: readFileSync(`/proc/${name}/cmdline`, 'latin1').split('\0')[0] });
    } catch {
      // Exited while being read.
    }
  }
  return all;
}

/** `root`'s descendants. */
function tree(root: number): Proc[] {
  const all = processes();
  const found: Proc[] = [];
  const parents = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all) {
      if (parents.has(p.ppid) && !parents.has(p.pid)) {
        parents.add(p.pid);
        found.push(p);
        grew = true;
      }
    }
  }
  return found;
}

/** Alive and not a zombie (a zombie is dead, only not yet reaped by whoever adopted it). */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    return stat[stat.lastIndexOf(')') + 2] !== 'Z';
  } catch {
    return false;
  }
}

test('kill -9 of FaaS Lab leaves no process behind: not its idle, busy or CPU-stopped instances, nor the sleep processes their handlers started', { skip: !linux && 'needs /proc' }, async (t) => {
  const { stateDir } = harness(t);
  const parent = spawn(process.execPath, ['--import', 'tsx', PARENT, stateDir, 'leave'], { stdio: ['ignore', 'pipe', 'inherit'] });
  t.after(() => parent.kill('SIGKILL'));
  const [line] = (await once(parent.stdout, 'data')) as [Buffer];
  assert.equal(line.toString().trim(), 'ready');
  // The quota stops and continues the 128 MB instance in turns: look until a snapshot catches it stopped.
  let left = tree(parent.pid!);
  for (const until = Date.now() + 10_000; !left.some((p) => p.state === 'T') && Date.now() < until; left = tree(parent.pid!)) {
    await new Promise((r) => setTimeout(r, 2));
  }
  const sleepers = left.filter((p) => p.command === 'sleep');
  assert.equal(sleepers.length, 9, `three instances started three sleep processes each: ${JSON.stringify(left)}`);
  assert.ok(left.some((p) => p.state === 'T'), 'one instance is stopped by its CPU quota');
  const ownGroup = processes().find((p) => p.pid === process.pid)?.pgid;
  // The instances' own groups (the parent shares this test's group).
  const groups = new Set(left.map((p) => p.pgid).filter((g) => g !== ownGroup));
  assert.ok(groups.size >= 3, 'each instance leads a group of its own');
  parent.kill('SIGKILL');
  const gone = () => !left.some((p) => running(p.pid)) && !processes().some((p) => groups.has(p.pgid) && p.state !== 'Z');
  await eventually(gone, 10_000);
  assert.deepEqual(left.filter((p) => running(p.pid)), [], 'no process of the tree remains');
  assert.deepEqual(processes().filter((p) => groups.has(p.pgid) && p.state !== 'Z'), [], 'no process of the instances’ groups remains');
});

test('a handler cannot read a secret from its parent’s or any ancestor’s environment', { skip: !linux && 'needs /proc' }, async (t) => {
  const { stateDir } = harness(t);
  const secret = `test-secret-${process.pid}-${Date.now()}`;
  const parent = spawn(process.execPath, ['--import', 'tsx', PARENT, stateDir, 'snoop'], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, AWS_SECRET_ACCESS_KEY: secret } });
  let out = '';
  parent.stdout.on('data', (d: Buffer) => (out += d.toString()));
  // The secret really is in FaaS Lab's environment, where a handler without isolation reads it.
  for (let i = 0; i < 100 && !readFileSync(`/proc/${parent.pid}/environ`, 'latin1').includes(secret); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(readFileSync(`/proc/${parent.pid}/environ`, 'latin1').includes(secret));
  await once(parent, 'close');
  const result = JSON.parse(out) as { ppid: number; found: string };
  assert.ok(typeof result.found === 'string' && result.found.length > 0, `the handler ran and reported: ${out}`);
  assert.ok(!result.found.includes(secret), 'the secret appears nowhere in what the handler found');
  assert.ok(!result.found.includes('AWS_SECRET_ACCESS_KEY'), 'nor does its name');
});
