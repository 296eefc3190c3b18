// The analysis steps over a large run, in this process: per-group summaries, the concurrency
// timeline, and the results explorer's shaping (figures the unit tests used to print).
import { concurrencyTimeline } from '../../src/core/results/concurrency';
import { summarizeRun } from '../../src/core/results/summary';
import { shapeRun } from '../../src/core/results/view/shape';
import { generateRecords, runInfo } from '../../test/fixtures/webview-browser/generate';
import { fmt, percentile } from './stats';

const CALLS = 100_000;
const REPEATS = 5;

export function benchAnalysis(): string[] {
  const records = generateRecords({ count: CALLS, warmupPerSize: 8, seed: 11 });
  const info = runInfo();
  const steps: [string, () => unknown][] = [
    ['summarizeRun', () => summarizeRun(info, records)],
    ['concurrencyTimeline', () => concurrencyTimeline(records)],
    ['shapeRun (results explorer)', () => shapeRun({ runDir: '/r', info, records })],
  ];
  const lines = [`analysis of ${CALLS.toLocaleString('en')} calls (median of ${REPEATS}):`];
  for (const [name, step] of steps) {
    const times: number[] = [];
    for (let i = 0; i < REPEATS; i++) {
      const started = performance.now();
      step();
      times.push(performance.now() - started);
    }
    lines.push(`  ${name.padEnd(28)} ${fmt(percentile(times, 50))}`);
  }
  return lines;
}
