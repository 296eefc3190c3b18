// The CLI commands whose output the golden test pins, over the runs in test/fixtures/store-golden
// (make-runs.ts builds them); capture.ts wrote expected/ with the store as it was before streaming.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../../../../src/cli/main';
import type { CliIO } from '../../../../../src/cli/io';

export const FIXTURES = path.resolve(__dirname, '../../../../fixtures/store-golden');
export const EXPECTED = path.join(FIXTURES, 'expected');

const run = (id: string) => path.join(FIXTURES, 'runs', id);
const SWEEP = run('sweep/2026-11-23T09-00-00-000Z');
const SWEEP_SLOW = run('sweep/2026-11-24T09-00-00-000Z');
const STEPS = run('steps/2026-11-23T10-00-00-000Z');
const IDLE = run('idle/2026-11-23T11-00-00-000Z');
const OUT = '<out>';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** Case name -> argv; `<out>` is replaced by a fresh temporary file or folder. */
export const CASES: Record<string, string[]> = {
  'report-sweep.txt': ['report', SWEEP],
  'report-sweep.json': ['report', SWEEP, '--json'],
  'report-sweep-by-payload-cold.json': ['report', SWEEP, '--json', '--group-by', 'function,platform,memoryMB,payloadIndex,cold'],
  'report-sweep-by-cold.txt': ['report', SWEEP, '--group-by', 'cold,platform'],
  'report-steps.txt': ['report', STEPS],
  'report-steps.json': ['report', STEPS, '--json', '--group-by', 'function,step'],
  'report-idle.txt': ['report', IDLE],
  'report-idle.json': ['report', IDLE, '--json'],
  'export-sweep.csv': ['export', SWEEP, '--csv', '--out', OUT],
  'export-sweep-faas-runner-names.csv': ['export', SWEEP, '--csv', '--cpu-names', 'faas-runner'],
  'export-steps.csv': ['export', STEPS, '--csv', '--out', OUT],
  'export-idle.csv': ['export', IDLE, '--csv'],
  'export-sweep-faas-runner': ['export', SWEEP, '--format', 'faas-runner', '--out', OUT, '--experiment', path.join(FIXTURES, 'sweep.experiment.json')],
  'compare-sweep.txt': ['compare', SWEEP, SWEEP_SLOW, '--fail-if', 'p95+10%', '--fail-if', 'runtime.p50+5ms', '--fail-if', 'mean+1ms'],
  'compare-sweep.json': ['compare', SWEEP, SWEEP_SLOW, '--json'],
};

/** Runs a case in-process: exit code, stdout, stderr and the files it wrote, as one text (temp paths replaced by <out>). */
export async function runCase(argv: readonly string[]): Promise<string> {
  const tmp = mkdtempSync(path.join(tmpdir(), 'faaslab-golden-'));
  try {
    const out = path.join(tmp, 'out');
    const args = argv.map((a) => (a === OUT ? out : a));
    let stdout = '';
    let stderr = '';
    const io: CliIO = { out: (t) => (stdout += t + '\n'), err: (t) => (stderr += t + '\n'), isTTY: false };
    const code = await runCli([...args, '--root', tmp], io, new AbortController().signal);
    const parts = [`exit ${code}`, '--- stdout', stdout, '--- stderr', stderr.split(path.relative(process.cwd(), tmp)).join('<tmp>').split(tmp).join('<tmp>')];
    // FaaS Runner's per-call JSON files are named by a random id: compare them by the rest of the name.
    const files = filesUnder(out).map((file) => ({ file, name: (path.relative(out, file) || '.').replace(UUID, '<uuid>') }));
    for (const { file, name } of files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) parts.push(`--- file ${name}`, readFileSync(file, 'utf8'));
    return parts.join('\n');
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function filesUnder(p: string): string[] {
  const s = statSync(p, { throwIfNoEntry: false });
  if (!s) return [];
  if (s.isFile()) return [p];
  return readdirSync(p).sort().flatMap((name) => filesUnder(path.join(p, name)));
}
