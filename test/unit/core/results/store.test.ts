import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { parseExperiment } from '../../../../src/core/experiment/parse';
import type { ExperimentSpec } from '../../../../src/core/experiment/spec';
import { UserError } from '../../../../src/core/model';
import type { InvocationRecord } from '../../../../src/core/results/record';
import { emptyCounts } from '../../../../src/core/results/run-info';
import { createRun, listRuns, readRun, reopenRun, resolveRun, scanRecords, timestampName } from '../../../../src/core/results/store';

const work = mkdtempSync(path.join(tmpdir(), 'faaslab-store-'));
after(() => rmSync(work, { recursive: true, force: true }));

function spec(name: string): ExperimentSpec {
  const r = parseExperiment(`/x/${name}.experiment.json`, '{"function": "hello", "runs": 3, "threads": 1}');
  assert.ok(r.spec);
  return r.spec;
}

function record(seq: number, runId = 'r'): InvocationRecord {
  return {
    runId,
    experiment: 'e',
    function: 'hello',
    platform: 'local',
    memoryMB: 128,
    iteration: 0,
    thread: 0,
    seq,
    payloadIndex: 0,
    warmup: false,
    clientStart: 1000 + seq,
    clientEnd: 1010 + seq,
    roundTripMs: 10,
    status: 'ok',
    retries: 0,
    uuid: `u${seq}`,
  };
}

test('a run folder is <experiment>/<timestamp> with run.json written at start and rewritten at the end', async () => {
  const runsDir = path.join(work, 'a');
  const now = new Date('2026-11-23T08:30:00.123Z');
  const writer = await createRun({ runsDir, spec: spec('sweep'), experimentFile: '/x/sweep.experiment.json', planned: 3, now, faasLabVersion: '9.9.9' });
  assert.equal(timestampName(now), '2026-11-23T08-30-00-123Z');
  assert.equal(writer.runDir, path.join(runsDir, 'sweep', '2026-11-23T08-30-00-123Z'));
  assert.equal(writer.runId, 'sweep/2026-11-23T08-30-00-123Z');
  const started = JSON.parse(readFileSync(path.join(writer.runDir, 'run.json'), 'utf8'));
  assert.equal(started.status, 'running');
  assert.equal(started.faasLabVersion, '9.9.9');
  assert.equal(started.nodeVersion, process.version);
  assert.equal(started.experimentFile, '/x/sweep.experiment.json');
  assert.deepEqual(started.platforms, ['local']);
  for (const key of ['hostname', 'platform', 'arch', 'cpuModel', 'cores', 'totalMemoryMB']) assert.ok(key in started.client, key);
  assert.equal(started.spec.function, 'hello');

  await writer.append(record(0, writer.runId));
  await writer.append(record(1, writer.runId));
  // In the file as soon as each append resolves: readable before the run ends.
  assert.equal(readFileSync(path.join(writer.runDir, 'invocations.jsonl'), 'utf8').split('\n').length, 3);
  const counts = { ...emptyCounts(3), recorded: 2, ok: 2 };
  await writer.finish('completed-with-errors', counts, { problems: ['one call missing'] });
  const { info, records, problems } = await readRun(writer.runDir);
  assert.equal(info.status, 'completed-with-errors');
  assert.ok(info.endedAt);
  assert.deepEqual(info.counts, counts);
  assert.deepEqual(info.problems, ['one call missing']);
  assert.deepEqual(
    records.map((r) => r.seq),
    [0, 1],
  );
  assert.deepEqual(problems, []);
  assert.deepEqual(readdirSync(writer.runDir).sort(), ['invocations.jsonl', 'run.json'], 'no temp file left behind');
  assert.throws(() => writer.append(record(2)), /closed/);
});

test('runs started in the same millisecond get separate folders', async () => {
  const runsDir = path.join(work, 'b');
  const now = new Date('2026-01-01T00:00:00.000Z');
  const a = await createRun({ runsDir, spec: spec('same'), planned: 1, now });
  const b = await createRun({ runsDir, spec: spec('same'), planned: 1, now });
  assert.notEqual(a.runDir, b.runDir);
  assert.equal(path.basename(b.runDir), '2026-01-01T00-00-00-000Z-2');
  await a.close();
  await b.close();
});

test('readRun skips a torn last line and says so; reopening cuts it before appending', async () => {
  const runsDir = path.join(work, 'c');
  const writer = await createRun({ runsDir, spec: spec('torn'), planned: 3 });
  await writer.append(record(0));
  await writer.append(record(1));
  await writer.close();
  const file = path.join(writer.runDir, 'invocations.jsonl');
  appendFileSync(file, JSON.stringify(record(2)).slice(0, 25));
  const read = await readRun(writer.runDir);
  assert.deepEqual(
    read.records.map((r) => r.seq),
    [0, 1],
  );
  assert.deepEqual(read.problems, ['invocations.jsonl: the last line is incomplete (the run was stopped while writing it); skipped']);

  const again = await reopenRun(writer.runDir);
  await again.append(record(2));
  await again.close();
  const after = await readRun(writer.runDir);
  assert.deepEqual(
    after.records.map((r) => r.seq),
    [0, 1, 2],
  );
  assert.deepEqual(after.problems, []);
  assert.equal(after.info.resumedAt?.length, 1);
  assert.equal(after.info.status, 'running');
});

test('a complete last line without its newline is kept, and the next append starts a new line', async () => {
  const runsDir = path.join(work, 'd');
  const writer = await createRun({ runsDir, spec: spec('nl'), planned: 2 });
  await writer.close();
  writeFileSync(path.join(writer.runDir, 'invocations.jsonl'), JSON.stringify(record(0)));
  const again = await reopenRun(writer.runDir);
  await again.append(record(1));
  await again.close();
  assert.deepEqual(
    (await readRun(writer.runDir)).records.map((r) => r.seq),
    [0, 1],
  );
});

test('a corrupt line in the middle is skipped with its line number', async () => {
  const runsDir = path.join(work, 'e');
  const writer = await createRun({ runsDir, spec: spec('mid'), planned: 2 });
  await writer.close();
  writeFileSync(path.join(writer.runDir, 'invocations.jsonl'), `${JSON.stringify(record(0))}\n{oops\n${JSON.stringify(record(1))}\n`);
  const read = await readRun(writer.runDir);
  assert.equal(read.records.length, 2);
  assert.deepEqual(read.problems, ['invocations.jsonl: line 2 is not valid JSON; skipped']);
});

test('scanRecords reads a run of several MB line by line, across chunk ends inside lines and inside UTF-8 characters', async () => {
  const runsDir = path.join(work, 'stream');
  const writer = await createRun({ runsDir, spec: spec('big'), planned: 0 });
  await writer.close();
  // 1 MB chunks: lines of varying length with multi-byte characters put chunk ends everywhere.
  const lines: string[] = [];
  for (let seq = 0; seq < 9000; seq++) lines.push(JSON.stringify({ ...record(seq), error: 'é€😀'.repeat(seq % 97) }));
  const text = `${lines.slice(0, 4000).join('\n')}\n\n   \n{damaged\n${lines.slice(4000).join('\n')}\n${lines[0].slice(0, 40)}`;
  writeFileSync(path.join(writer.runDir, 'invocations.jsonl'), text);
  assert.ok(Buffer.byteLength(text) > 3 * 1024 * 1024);
  const problems: string[] = [];
  let seq = 0;
  let chunks = 0;
  await scanRecords(
    writer.runDir,
    problems,
    (r) => {
      assert.equal(r.seq, seq);
      assert.equal(r.error, 'é€😀'.repeat(seq % 97));
      seq++;
    },
    () => void chunks++,
  );
  assert.equal(seq, 9000);
  // 1 MB at a time: afterChunk ran once per chunk read.
  assert.equal(chunks, Math.ceil(Buffer.byteLength(text) / (1 << 20)));
  assert.deepEqual(problems, ['invocations.jsonl: line 4003 is not valid JSON; skipped', 'invocations.jsonl: the last line is incomplete (the run was stopped while writing it); skipped']);
  const read = await readRun(writer.runDir);
  assert.equal(read.records.length, 9000);
  assert.deepEqual(read.problems, problems);
});

test('scanRecords of a run without a records file visits nothing', async () => {
  const runsDir = path.join(work, 'no-records');
  const writer = await createRun({ runsDir, spec: spec('none'), planned: 0 });
  await writer.close();
  rmSync(path.join(writer.runDir, 'invocations.jsonl'));
  const problems: string[] = [];
  await scanRecords(writer.runDir, problems, (r) => assert.fail(`no record expected, got ${r.seq}`));
  assert.deepEqual(problems, []);
});

test('listRuns is newest first and resolveRun accepts a path, <experiment>/<timestamp>, <experiment> and latest', async () => {
  const runsDir = path.join(work, 'f');
  const make = async (name: string, iso: string) => {
    const w = await createRun({ runsDir, spec: spec(name), planned: 1, now: new Date(iso) });
    await w.finish('completed', emptyCounts(1));
    return w.runDir;
  };
  const old = await make('alpha', '2026-01-01T00:00:00.000Z');
  const mid = await make('beta', '2026-02-01T00:00:00.000Z');
  const newest = await make('alpha', '2026-03-01T00:00:00.000Z');
  const runs = await listRuns(runsDir);
  assert.deepEqual(
    runs.map((r) => r.runDir),
    [newest, mid, old],
  );
  assert.equal(runs[0].runId, 'alpha/2026-03-01T00-00-00-000Z');
  assert.equal(runs[0].status, 'completed');

  assert.equal(await resolveRun(runsDir, 'latest'), newest);
  assert.equal(await resolveRun(runsDir, 'alpha'), newest);
  assert.equal(await resolveRun(runsDir, 'beta'), mid);
  assert.equal(await resolveRun(runsDir, 'alpha/2026-01-01T00-00-00-000Z'), old);
  assert.equal(await resolveRun(runsDir, old), old);
  await assert.rejects(resolveRun(runsDir, 'gamma'), (err: Error) => {
    assert.ok(err instanceof UserError);
    assert.equal(err.message, `No run 'gamma' in ${runsDir}: pass a run folder, <experiment>/<timestamp>, <experiment> (its latest run) or latest`);
    return true;
  });
  await assert.rejects(resolveRun(path.join(work, 'empty'), 'latest'), /No runs in .* yet: run an experiment first/);
  assert.deepEqual(await listRuns(path.join(work, 'missing')), []);
});

test('kill -9 while records stream in: every record counted is in the file once, and a resume adds the rest without duplicates', async (t) => {
  const runsDir = path.join(work, 'killed');
  const store = path.resolve(__dirname, '../../../../src/core/results/store.ts');
  const child = path.join(work, 'append-child.ts');
  // The child counts a record (prints its seq) only once its append has resolved, as the runner does.
  writeFileSync(
    child,
    `import { createRun } from ${JSON.stringify(store)};
const spec = ${JSON.stringify(spec('killed'))};
const record = ${record.toString()};
(async () => {
  const writer = await createRun({ runsDir: ${JSON.stringify(runsDir)}, spec, planned: 1000000 });
  process.stdout.write('dir ' + writer.runDir + '\\n');
  // Bounded, so a child this test failed to kill still ends on its own.
  for (let seq = 0; seq < 200000; seq += 50) {
    await Promise.all(Array.from({ length: 50 }, async (_, i) => {
      await writer.append(record(seq + i, writer.runId));
      process.stdout.write('counted ' + (seq + i) + '\\n');
    }));
  }
})();
`,
  );
  const proc = spawn(process.execPath, ['--import', 'tsx', child], { stdio: ['ignore', 'pipe', 'inherit'] });
  t.after(() => proc.kill('SIGKILL'));
  let out = '';
  const counted = new Set<number>();
  const exited = new Promise<NodeJS.Signals | null>((resolve) => proc.on('exit', (_code, signal) => resolve(signal)));
  proc.stdout.setEncoding('utf8');
  proc.stdout.on('data', (chunk: string) => {
    out += chunk;
    if ((out.match(/^counted /gm)?.length ?? 0) >= 3000) proc.kill('SIGKILL');
  });
  assert.equal(await exited, 'SIGKILL');
  for (const m of out.matchAll(/^counted (\d+)$/gm)) counted.add(Number(m[1]));
  const runDir = /^dir (.+)$/m.exec(out)?.[1];
  assert.ok(runDir, out.slice(0, 200));
  assert.ok(counted.size >= 3000);

  const killed = await readRun(runDir);
  const onDisk = killed.records.map((r) => r.seq);
  assert.equal(new Set(onDisk).size, onDisk.length, 'no record written twice');
  assert.deepEqual([...counted].filter((seq) => !onDisk.includes(seq)), [], 'every counted record is in the file');

  // Resume as the runner does: what is on disk is done, the rest is made again.
  const last = Math.max(...onDisk) + 100;
  const again = await reopenRun(runDir);
  const done = new Set(onDisk);
  await Promise.all(Array.from({ length: last + 1 }, (_, seq) => seq).filter((seq) => !done.has(seq)).map((seq) => again.append(record(seq, again.runId))));
  await again.close();
  const resumed = await readRun(runDir);
  assert.deepEqual(
    resumed.records.map((r) => r.seq).sort((a, b) => a - b),
    Array.from({ length: last + 1 }, (_, seq) => seq),
  );
  assert.deepEqual(resumed.problems, []);
});
