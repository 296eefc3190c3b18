// `faas-lab compare` (the CI regression gate) and `faas-lab apply` (the memory recommendation) on
// real runs made on the local platform. A warm-up iteration keeps cold starts out, and 60 calls per
// run are enough to bound a p90 on both sides.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { runCli } from '../../../src/cli/main';
import type { CliIO } from '../../../src/cli/io';

const root = mkdtempSync(path.join(tmpdir(), 'faaslab-compare-'));
after(() => rmSync(root, { recursive: true, force: true }));

async function cli(argv: string[], ask?: (q: string) => Promise<string>): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n'), isTTY: false, ...(ask ? { ask } : {}) };
  const code = await runCli([...argv, '--root', root], io, new AbortController().signal);
  return { code, out, err };
}

writeFileSync(path.join(root, 'nap.js'), '// @faas memory=128 timeout=10\nexport async function nap(request) { await new Promise((r) => setTimeout(r, request.ms)); return request.ms; }\n');
function experiment(name: string, napMs: number, extra: object = {}): string {
  const file = path.join(root, `${name}.experiment.json`);
  writeFileSync(file, JSON.stringify({ experimentName: name, function: 'nap', source: 'nap.js', platform: 'local', payloads: [{ ms: napMs }], memorySettings: [256], runs: 60, threads: 4, iterations: 2, warmupBuffer: 1, ...extra }));
  return file;
}
const runs: Record<string, string> = {};
before(async () => {
  for (const [name, napMs, extra] of [['fast', 5, {}], ['slow', 80, {}], ['sweep', 5, { memorySettings: [256, 512], strategy: 'speed' }]] as const) {
    const r = await cli(['run', experiment(name, napMs, extra), '--json']);
    assert.equal(r.code, 0, r.err);
    runs[name] = path.relative(path.join(root, '.faaslab/runs'), JSON.parse(r.out).runDir);
  }
});

test('compare: a slower run fails --fail-if p90+10% (exit 1) with a one-screen diff', async () => {
  const r = await cli(['compare', runs.fast, runs.slow, '--fail-if', 'p90+10%', '--fail-if', 'mean+20ms']);
  assert.equal(r.code, 1, r.out + r.err);
  assert.match(r.out, /^group\s+metric\s+A → B\s+change\s+95% intervals\s+verdict$/m);
  assert.match(r.out, /nap · local · 256 MB\s+p90\s+[\d.]+ ms → [\d.]+ ms\s+\+[\d.]+%.*FAIL \(p90\+10%\)/);
  assert.match(r.out, /mean .*FAIL \(mean\+20ms\)/);
  assert.match(r.out, /2 regressions: worse beyond the bound and the 95% intervals do not overlap/);
});

test('compare: faster, or worse within the bound, passes (exit 0); --json carries the rows', async () => {
  const better = await cli(['compare', runs.slow, runs.fast, '--fail-if', 'p50+10%']);
  assert.equal(better.code, 0, better.out + better.err);
  assert.match(better.out, /p50 .* better$/m);
  assert.match(better.out, /No regression/);
  const generous = await cli(['compare', runs.fast, runs.slow, '--fail-if', 'p95+100000%', '--json']);
  assert.equal(generous.code, 0);
  const json = JSON.parse(generous.out);
  assert.equal(json.failed.length, 0);
  assert.equal(json.rows[0].beyondBound, false);
  const plain = await cli(['compare', runs.fast, runs.slow]);
  assert.equal(plain.code, 0, 'without --fail-if nothing fails');
  assert.match(plain.out, /p50 .* worse$/m);
});

test('compare: bad --fail-if and unrelated runs are bad input (exit 2)', async () => {
  const bad = await cli(['compare', runs.fast, runs.slow, '--fail-if', 'p97+10%']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--fail-if p97\+10%: write it as <metric>\+<N>%/);
  const unrelated = await cli(['compare', runs.fast, runs.sweep]);
  assert.equal(unrelated.code, 0, 'the sweep shares 256 MB with the fast run');
  const one = await cli(['compare', runs.fast]);
  assert.equal(one.code, 2);
});

test('apply: refuses without a terminal or --yes, asks when it can, and sets the recommended memory', async () => {
  const report = JSON.parse((await cli(['report', runs.sweep, '--json'])).out);
  const [rec] = report.analyses.recommendations;
  assert.equal(rec.strategy, 'speed');
  assert.ok([256, 512].includes(rec.memoryMB));
  const list = async () => JSON.parse((await cli(['list', '--json'])).out).local.functions.find((f: { name: string }) => f.name === 'nap').memoryMB;
  assert.equal(await list(), 128, 'the run put the memory back as deployed');

  const noTty = await cli(['apply', runs.sweep]);
  assert.equal(noTty.code, 2);
  assert.match(noTty.err, /No terminal to ask at: pass --yes/);
  const questions: string[] = [];
  const declined = await cli(['apply', runs.sweep], async (q) => (questions.push(q), 'n'));
  assert.equal(declined.code, 0);
  assert.match(questions[0], new RegExp(`Set nap on .* to ${rec.memoryMB} MB \\(now 128 MB\\), the size recommended by strategy speed\\? \\[y/N\\]`));
  assert.match(declined.out, /Nothing changed/);
  assert.equal(await list(), 128);

  const applied = await cli(['apply', runs.sweep, '--yes']);
  assert.equal(applied.code, 0, applied.err);
  assert.match(applied.out, new RegExp(`memory 128 → ${rec.memoryMB} MB`));
  assert.equal(await list(), rec.memoryMB);
  const again = await cli(['apply', runs.sweep, '--yes']);
  assert.match(again.out, /already has/);
  const single = await cli(['apply', runs.fast, '--yes']);
  assert.equal(single.code, 2);
  assert.match(single.err, /no memory recommendation: it needs ok calls at two or more memory sizes/);
});
