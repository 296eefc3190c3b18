import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as esbuild from 'esbuild';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { fmt } from './stats';
import { startStub } from './stub';

const CALLS = 5000;
const IN_FLIGHT = 1000;
const SLEEP_MS = 1000;

interface Figures {
  wallMs: number;
  recorded: number;
  ok: number;
  peakInFlight: number;
  overheadP50: number;
  overheadP99: number;
  peakRssMB: number;
}

/** The experiment runner at 1000 in flight against a 1 s sleeper stub, beside a raw node:http loop. */
export async function benchRunner(): Promise<string[]> {
  const stub = await startStub(SLEEP_MS);
  try {
    const idealRate = IN_FLIGHT / (SLEEP_MS / 1000);
    const lines = [`runner: ${CALLS} calls of a ${SLEEP_MS} ms sleeper stub (separate process) at ${IN_FLIGHT} in flight; ideal ${idealRate}/s`];
    for (const mode of ['runner', 'raw'] as const) {
      const f = await child(mode, stub.url);
      const rate = (f.recorded / f.wallMs) * 1000;
      lines.push(
        `  ${mode === 'runner' ? 'FaaS Lab runner ' : 'raw node:http   '} peak in flight ${f.peakInFlight} · ${rate.toFixed(0)}/s (${((100 * rate) / idealRate).toFixed(1)}% of ideal) · overhead p50 ${fmt(f.overheadP50)} p99 ${fmt(f.overheadP99)} · peak RSS ${f.peakRssMB.toFixed(0)} MB · ${f.ok}/${CALLS} ok`,
      );
    }
    lines.push('  targets: 1000 held, ≤ 15 ms p50 overhead, ≤ 150 MB RSS');
    return lines;
  } finally {
    stub.stop();
  }
}

/** Each measurement runs bundled, in plain node (no TypeScript loader in the process whose RSS is read). */
async function child(mode: 'runner' | 'raw', url: string): Promise<Figures> {
  const dir = mkdtempSync(path.join(tmpdir(), 'faaslab-bench-'));
  const script = path.join(dir, 'runner-child.js');
  await esbuild.build({ entryPoints: [path.join(__dirname, 'runner-child.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: script, mainFields: ['module', 'main'], logLevel: 'warning' });
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [script, mode, url, String(CALLS), String(IN_FLIGHT)], { maxBuffer: 1 << 20 });
    return JSON.parse(stdout.trim().split('\n').pop()!) as Figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
