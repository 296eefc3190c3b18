// The payload order for a seed, checked against the machine's python3 doing what FaaS Runner's
// experiment_caller.py does: the experiment's own payload list extended by itself until it covers
// the runs, random.seed(randomSeed) before every iteration, random.shuffle in place, thread i
// taking the next int(runs / threads) entries.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { parseExperiment } from '../../../../src/core/experiment/parse';
import { planExperiment } from '../../../../src/core/experiment/plan';
import { iterationsOf } from './planned';
import { PythonRandom } from '../../../../src/core/experiment/python-random';

const PYTHON_FAAS_RUNNER_ORDER = `
import json, random, sys
exp = json.loads(sys.argv[1])
payloads = [{'i': k} for k in range(exp['count'])]
memories = exp['memorySettings'] or [0]
out = []
for mem in memories:
    for it in range(exp['iterations']):
        random.seed(exp['randomSeed'])
        payloadList = payloads
        while len(payloadList) < exp['runs']:
            payloadList += payloads
        if exp['shufflePayloads']:
            random.shuffle(payloadList)
        per = int(exp['runs'] / exp['threads'])
        index = 0
        calls = []
        for thread in range(exp['threads']):
            for run in range(per):
                calls.append([thread, run, payloadList[index]['i']])
                index += 1
        out.append(calls)
print(json.dumps(out))
`;

function pythonOrder(exp: Record<string, unknown>): number[][][] {
  return JSON.parse(execFileSync('python3', ['-c', PYTHON_FAAS_RUNNER_ORDER, JSON.stringify(exp)], { encoding: 'utf8' }));
}

function faasLabOrder(exp: { count: number } & Record<string, unknown>): number[][][] {
  const { count, ...doc } = exp;
  const r = parseExperiment('/x/order.json', JSON.stringify({ function: 'f', ...doc, payloads: Array.from({ length: count }, (_, i) => ({ i })) }));
  assert.ok(r.spec, JSON.stringify(r.problems));
  return iterationsOf(planExperiment(r.spec)).map((it) => it.calls.map((c) => [c.thread, c.threadCall, c.payloadIndex]));
}

test('CPython random.seed + shuffle: the same permutations as python3 for small, large, zero and negative seeds', () => {
  const seeds = [42, 0, 1, 7, -3, 2 ** 32, 2 ** 40 + 5, Number.MAX_SAFE_INTEGER];
  const script = `import json, random, sys
out = []
for s in json.loads(sys.argv[1]):
    random.seed(s); l = list(range(50)); random.shuffle(l); out.append([l, random.getrandbits(32)])
print(json.dumps(out))`;
  const expected = JSON.parse(execFileSync('python3', ['-c', script, JSON.stringify(seeds)], { encoding: 'utf8' })) as [number[], number][];
  seeds.forEach((seed, i) => {
    const r = new PythonRandom(seed);
    const list = r.shuffle(Array.from({ length: 50 }, (_, k) => k));
    assert.deepEqual([list, r.getrandbits(32)], expected[i], `seed ${seed}`);
  });
});

test('shuffled payload orders equal FaaS Runner\'s for its example experiment (3 payloads, 50 runs, 50 threads, 3 iterations, seed 42)', () => {
  const exp = { count: 3, runs: 50, threads: 50, iterations: 3, randomSeed: 42, shufflePayloads: true, memorySettings: [] };
  const expected = pythonOrder(exp);
  assert.deepEqual(faasLabOrder(exp), expected);
  // Each iteration reshuffles the previous order, so the iterations differ.
  assert.notDeepEqual(expected[0], expected[1]);
});

test('orders match across memory settings, several runs per thread and other seeds', () => {
  for (const exp of [
    { count: 4, runs: 20, threads: 5, iterations: 2, randomSeed: 7, shufflePayloads: true, memorySettings: [256, 512] },
    { count: 5, runs: 12, threads: 3, iterations: 1, randomSeed: 123456789, shufflePayloads: true, memorySettings: [] },
    { count: 3, runs: 10, threads: 2, iterations: 2, randomSeed: 42, shufflePayloads: false, memorySettings: [128] },
  ]) {
    assert.deepEqual(faasLabOrder(exp), pythonOrder(exp), JSON.stringify(exp));
  }
});
