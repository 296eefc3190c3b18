import assert from 'node:assert/strict';
import { test } from 'node:test';
import { overrideValue, splitFaasRunnerArgs } from '../../../src/cli/faas-runner-flags';

const OWN = { json: 0, resume: 1, 'no-deploy': 0 } as const;

test('faas_runner.py\'s flags: -f, -e, -o and --key overrides, typed as it types them; FaaS Lab\'s own flags pass through', () => {
  const a = splitFaasRunnerArgs(
    ['-f', 'functions/hello.json', '-e', 'experiments/sweep.json', '--runs', '10', '--threads', '5', '--memorySettings', '[256,', '512]', '--json', '--resume', 'latest', '--experimentName', 'my', 'run', '--platform', 'HTTP', '-o', 'out'],
    OWN,
    'usage',
  );
  assert.equal(a.functionFile, 'functions/hello.json');
  assert.equal(a.experimentFile, 'experiments/sweep.json');
  assert.equal(a.outDir, 'out');
  // Words after an override are joined (without spaces) as faas_runner.py does.
  assert.deepEqual(a.experimentOverrides, { runs: 10, threads: 5, memorySettings: [256, 512], experimentName: 'myrun' });
  assert.deepEqual(a.functionOverrides, { platform: 'HTTP' });
  assert.deepEqual(a.rest, ['--json', '--resume', 'latest']);
});

test('a positional experiment file stays for FaaS Lab\'s parser; [0] indexes are accepted, others refused', () => {
  const a = splitFaasRunnerArgs(['sweep.json', '--shufflePayloads', 'true', '--runs[0]', '4'], OWN, 'usage');
  assert.deepEqual(a.rest, ['sweep.json']);
  assert.deepEqual(a.experimentOverrides, { shufflePayloads: true, runs: 4 });
  assert.throws(() => splitFaasRunnerArgs(['--runs[1]', '4'], OWN, 'usage'), /only index \[0\]/);
  assert.throws(() => splitFaasRunnerArgs(['-f', 'a.json', 'b.json'], OWN, 'usage'), /one function file and one experiment file/);
  assert.throws(() => splitFaasRunnerArgs(['--runs'], OWN, 'usage'), /--runs needs a value/);
});

test('override values: int(), else json.loads(), else the text', () => {
  assert.equal(overrideValue('10'), 10);
  assert.equal(overrideValue('-3'), -3);
  assert.equal(overrideValue('1.5'), 1.5);
  assert.deepEqual(overrideValue('{"name":"Ann"}'), { name: 'Ann' });
  assert.equal(overrideValue('false'), false);
  assert.equal(overrideValue('hello'), 'hello');
});
