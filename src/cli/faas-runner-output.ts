// FaaS Runner's output folder for a recorded run (`faas-lab export --format faas-runner`, and
// `faas-lab run ... -o <folder>` as faas_runner.py's -o).
import * as path from 'node:path';
import { readInputFile } from '../core/experiment/load';
import { readReportKeys } from '../core/experiment/report-keys';
import { faasRunnerFiles, writeFaasRunnerFiles } from '../core/results/faas-runner/files';
import type { InvocationRecord } from '../core/results/record';
import type { RunInfo } from '../core/results/run-info';
import { UsageError } from './args';
import type { CliContext } from './context';

/** FaaS Runner's report files for a run; its report keys come from the experiment file, as in compile_results.py, and the run's command line. */
export async function exportFaasRunner(ctx: CliContext, info: RunInfo, records: readonly InvocationRecord[], outDir: string, experimentFile?: string): Promise<void> {
  const file = experimentFile ?? info.experimentFile;
  if (!file) throw new UsageError(`Run ${info.runId} does not say which experiment file it came from; pass it: --experiment <file.json>\nusage: faas-lab export <run> --format faas-runner --experiment <file.json>`);
  const text = await readInputFile(path.resolve(file), `Cannot read ${file}, whose report keys (outputGroups, showAsList, ...) shape FaaS Runner's report: pass the experiment file with --experiment <file.json>`);
  // `faas-lab run ... --showAsList '[...]'` kept its report-key overrides in the run's spec.
  const { settings, problems } = readReportKeys(file, text, info.spec.reportKeyOverrides);
  if (!settings) throw new UsageError(problems.join('\n'));
  const written = await writeFaasRunnerFiles(path.resolve(outDir), faasRunnerFiles(info, records, settings));
  if (written.length === 0) ctx.io.err(`No call of run ${info.runId} answered with SAAF's "version" field, so FaaS Runner would write no report`);
  for (const f of written) ctx.io.err(`Wrote ${path.relative(process.cwd(), f) || f}`);
}
