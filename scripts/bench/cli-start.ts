import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { fmt, percentile } from './stats';

// Issue #17's figures before the cloud platforms became bundles of their own and commands loaded on use.
const BASELINE = { helpMs: 180, bareNodeMs: 60 };

function wallMs(args: string[]): number {
  const t0 = process.hrtime.bigint();
  execFileSync(process.execPath, args, { stdio: 'ignore' });
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** How long `faas-lab help` takes from process start to exit, beside bare `node -e 0` (target: within 2×). */
export function benchCliStart(repo: string): string[] {
  const cli = path.join(repo, 'dist/cli.js');
  if (!existsSync(cli)) return ['CLI start: not built (npm run build)'];
  const help: number[] = [];
  const bare: number[] = [];
  // Interleaved, so a busy machine weighs on both alike.
  for (let i = 0; i < 11; i++) {
    help.push(wallMs([cli, 'help']));
    bare.push(wallMs(['-e', '0']));
  }
  const helpMs = percentile(help, 50);
  const bareMs = percentile(bare, 50);
  return [
    `CLI start: faas-lab help p50 ${fmt(helpMs)} vs node -e 0 ${fmt(bareMs)} (${(helpMs / bareMs).toFixed(2)}×, target ≤ 2×; issue #17: ${BASELINE.helpMs} ms vs ${BASELINE.bareNodeMs} ms) over ${help.length} runs`,
  ];
}
