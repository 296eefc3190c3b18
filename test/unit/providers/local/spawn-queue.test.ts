import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';
import { resolveRuntimes } from '../../../../src/providers/local/executables';
import { Instance, type InstanceLaunch } from '../../../../src/providers/local/instance';
import { localCallHooks } from '../../../../src/providers/local/invoke';
import { launchFor } from '../../../../src/providers/local/launch';
import { MemoryWatch } from '../../../../src/providers/local/memory-watch';
import { SpawnQueue } from '../../../../src/providers/local/spawn-queue';
import { LocalState } from '../../../../src/providers/local/state';
import { callInstance } from '../../../../src/providers/shared/instance-call';
import { InstancePool } from '../../../../src/providers/shared/pool';
import { eventually, harness } from './harness';

/** Runs `count` jobs through `queue`; resolves with the jobs' indexes grouped by the event-loop turn that ran them. */
function turnsOf(queue: SpawnQueue, count: number, skip: number[] = []): Promise<number[][]> {
  const turns: number[][] = [];
  let current: number[] | undefined;
  let left = count - skip.length;
  return new Promise((resolve) => {
    const cancels = Array.from({ length: count }, (_, i) =>
      queue.enqueue((done) => {
        done();
        if (!current) {
          current = [];
          turns.push(current);
          // Microtasks run when the turn's callback returns: the next job is in another turn.
          queueMicrotask(() => (current = undefined));
        }
        current.push(i);
        if (--left === 0) setImmediate(() => resolve(turns));
      }),
    );
    for (const i of skip) assert.equal(cancels[i](), true, 'a queued spawn can be dropped');
  });
}

test('queued spawns run in order, at most K per event-loop turn, none in the turn that queued them', async () => {
  let ranSync = false;
  new SpawnQueue({ perTurn: 2 }).enqueue(() => (ranSync = true));
  assert.equal(ranSync, false);
  assert.deepEqual(await turnsOf(new SpawnQueue({ perTurn: 2 }), 5), [[0, 1], [2, 3], [4]]);
  assert.deepEqual(await turnsOf(new SpawnQueue({ perTurn: 1 }), 3), [[0], [1], [2]]);
  assert.equal(ranSync, true);
});

test('at most maxStarting spawned instances load at once: the next spawn waits for one to be done', async () => {
  const queue = new SpawnQueue({ perTurn: 10, maxStarting: 2 });
  const ran: number[] = [];
  const done: Array<() => void> = [];
  for (let i = 0; i < 4; i++) {
    queue.enqueue((d) => {
      ran.push(i);
      done.push(d);
    });
  }
  const turn = () => new Promise((r) => setImmediate(r));
  await turn();
  await turn();
  assert.deepEqual(ran, [0, 1]);
  assert.equal(queue.loading, 2);
  assert.equal(queue.waiting, 2);
  done[1]();
  done[1]();
  await turn();
  assert.deepEqual(ran, [0, 1, 2], 'one slot freed (twice: counted once), one more spawn');
  done[0]();
  done[2]();
  await turn();
  assert.deepEqual(ran, [0, 1, 2, 3]);
  assert.equal(queue.waiting, 0);
});

test('a spawn cancelled while queued never runs and takes no turn; cancelling one that ran says so', async () => {
  const queue = new SpawnQueue({ perTurn: 2 });
  assert.deepEqual(await turnsOf(queue, 6, [1, 2, 4]), [[0, 3], [5]]);
  let ran = 0;
  const cancel = queue.enqueue((done) => {
    ran++;
    done();
  });
  await new Promise((r) => setImmediate(r));
  assert.equal(ran, 1);
  assert.equal(cancel(), false);
  assert.equal(queue.waiting, 0);
  assert.throws(() => new SpawnQueue({ perTurn: 0 }), /at least 1 spawn per turn/);
  assert.throws(() => new SpawnQueue({ maxStarting: 0 }), /at least 1 instance starting/);
});

/** This process's child pids, from /proc (Linux). */
function childPids(): Set<number> {
  const pids = new Set<number>();
  for (const task of readdirSync('/proc/self/task')) {
    for (const pid of readFileSync(`/proc/self/task/${task}/children`, 'utf8').trim().split(' ')) if (pid) pids.add(Number(pid));
  }
  return pids;
}

test('an abort drops the queued spawns at once: no process starts after the signal', { skip: process.platform !== 'linux' && 'reads /proc' }, async (t) => {
  const { provider, deploy } = harness(t, { spawns: { perTurn: 1 } });
  const d = await deploy('sleeper.js', 'sleeper');
  const controller = new AbortController();
  const before = childPids();
  const calls = Array.from({ length: 30 }, () => provider.invoke(d, { ms: 5_000 }, { signal: controller.signal }));
  // Two turns: two spawns at most; the other 28 are still queued.
  await new Promise((r) => setImmediate(r));
  await new Promise((r) => setImmediate(r));
  controller.abort();
  const atAbort = childPids();
  const spawned = [...atAbort].filter((p) => !before.has(p));
  assert.ok(spawned.length >= 1 && spawned.length <= 2, `1 or 2 instances spawned before the abort, not ${spawned.length}`);
  const seenAfter = new Set<number>();
  const results = await Promise.allSettled(calls);
  // Watch a while longer: a spawn that outlived the abort would show up as a new child.
  for (let i = 0; i < 20; i++) {
    for (const p of childPids()) seenAfter.add(p);
    await new Promise((r) => setTimeout(r, 10));
  }
  assert.deepEqual([...seenAfter].filter((p) => !atAbort.has(p)), [], 'no child process appeared after the abort');
  assert.ok(results.every((r) => r.status === 'rejected' && (r.reason as Error).name === 'AbortError'));
  assert.ok(await eventually(() => provider.instanceCount(d.name) === 0), 'every instance, queued or started, is gone');
});

test("the init timeout counts from the instance's spawn, not from when it was queued", async (t) => {
  const { deploy, stateDir } = harness(t);
  const d = await deploy('sleeper.js', 'sleeper');
  const fn = (await new LocalState(stateDir).read(d.name))!;
  const launch = launchFor(fn, resolveRuntimes(undefined, undefined));
  const queue = new SpawnQueue({ perTurn: 1 });
  const pool = new InstancePool<Instance, InstanceLaunch>({
    maxConcurrency: 1,
    keepAliveMs: 60_000,
    create: (l) => new Instance(l, () => undefined, { spawnQueue: queue }),
    configKeyOf: (l) => l.configKey,
    specOf: (i) => i.launch,
    goneOnItsOwn: 'it exited',
    onStopped: () => undefined,
  });
  t.after(() => pool.stopAll('test over'));
  const limits = { name: d.name, memoryMB: d.memoryMB, timeoutS: 10, initTimeoutS: 3, maxConcurrency: 1 };
  const words = { stopped: () => 'stopped', concurrencyLimit: 'the limit', concurrencySetting: 'a setting' };
  const hooks = localCallHooks({ fn, limits, words, memoryWatch: new MemoryWatch(), cpuQuota: undefined, payloadJson: '{"ms":10}' });
  // A job ahead of the instance's spawn holds the queue (and the event loop) longer than the init timeout.
  const heldMs = 4_000;
  queue.enqueue(() => {
    const until = Date.now() + heldMs;
    while (Date.now() < until);
  });
  const inv = await callInstance({ spec: launch, limits, pool, hooks, log: () => undefined });
  assert.equal(inv.status, 'ok', `loaded after its spawn within the init timeout: ${inv.error?.message}`);
  assert.equal(inv.cold, true);
  assert.ok(inv.roundTripMs >= heldMs, 'the call waited for the queue');
  assert.ok(inv.metrics.initDurationMs! < heldMs, `init duration is timed from the spawn (${inv.metrics.initDurationMs} ms)`);
});
