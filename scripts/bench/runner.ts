import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as esbuild from 'esbuild';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { fmt } from './stats';
import { startStub } from './stub';

interface Scenario {
  calls: number;
  inFlight: number;
  sleepMs: number;
  targets: string;
}

/** Where the runner is far ahead (many slow calls in flight), and where its own overhead dominates (short calls). */
const SCENARIOS: Scenario[] = [
  { calls: 5000, inFlight: 1000, sleepMs: 1000, targets: '1000 held, ≤ 15 ms p50 overhead, peak RSS ≤ 130 MB' },
  { calls: 20000, inFlight: 100, sleepMs: 10, targets: '≥ 0.85× raw throughput, ≤ 2× raw p50 overhead' },
];

interface Figures {
  wallMs: number;
  recorded: number;
  ok: number;
  peakInFlight: number;
  overheadP50: number;
  overheadP99: number;
  peakRssMB: number;
  cpuMs: number;
}

/** The experiment runner against a sleeper stub (separate process), beside a raw node:http loop at the same concurrency. */
export async function benchRunner(): Promise<string[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'faaslab-bench-'));
  const script = path.join(dir, 'runner-child.js');
  await esbuild.build({ entryPoints: [path.join(__dirname, 'runner-child.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: script, mainFields: ['module', 'main'], logLevel: 'warning' });
  const lines: string[] = [];
  try {
    for (const s of SCENARIOS) lines.push(...(await scenario(script, s)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}

async function scenario(script: string, s: Scenario): Promise<string[]> {
  const stub = await startStub(s.sleepMs);
  try {
    const idealRate = s.inFlight / (s.sleepMs / 1000);
    const lines = [`runner: ${s.calls} calls of a ${s.sleepMs} ms sleeper stub (separate process) at ${s.inFlight} in flight; ideal ${idealRate}/s`];
    const figures = { runner: await child(script, 'runner', stub.url, s), raw: await child(script, 'raw', stub.url, s) };
    for (const mode of ['runner', 'raw'] as const) {
      const f = figures[mode];
      const rate = (f.recorded / f.wallMs) * 1000;
      lines.push(
        `  ${mode === 'runner' ? 'FaaS Lab runner ' : 'raw node:http   '} peak in flight ${f.peakInFlight} · ${rate.toFixed(0)}/s (${((100 * rate) / idealRate).toFixed(1)}% of ideal) · ` +
          `overhead p50 ${fmt(f.overheadP50)} p99 ${fmt(f.overheadP99)} · CPU ${(f.cpuMs / f.recorded).toFixed(3)} ms/call · peak RSS ${f.peakRssMB.toFixed(0)} MB · ${f.ok}/${s.calls} ok`,
      );
    }
    const { runner, raw } = figures;
    const ratio = (runner.recorded / runner.wallMs) / (raw.recorded / raw.wallMs);
    lines.push(
      `  runner/raw: throughput ×${ratio.toFixed(2)} · p50 overhead ×${(runner.overheadP50 / raw.overheadP50).toFixed(2)} · CPU per call ×${(runner.cpuMs / runner.recorded / (raw.cpuMs / raw.recorded)).toFixed(2)}`,
      `  targets: ${s.targets}`,
    );
    return lines;
  } finally {
    stub.stop();
  }
}

/** Each measurement runs bundled, in plain node (no TypeScript loader in the process whose RSS is read). */
async function child(script: string, mode: 'runner' | 'raw', url: string, s: Scenario): Promise<Figures> {
  const { stdout } = await promisify(execFile)(process.execPath, [script, mode, url, String(s.calls), String(s.inFlight)], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').pop()!) as Figures;
}
