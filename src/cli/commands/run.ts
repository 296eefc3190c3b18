import * as path from 'node:path';
import type { RunProgress } from '../../core/experiment';
import { loadFaasRunnerExperiment } from '../../core/experiment/faas-runner-load';
import { InvalidExperimentError } from '../../core/experiment/load';
import { runExperimentFile } from '../../core/experiment/run-file';
import { formatProblem } from '../../core/functions/find';
import { formatReport } from '../../core/results/report';
import { readRun, resolveRun } from '../../core/results/store';
import { runsDirOf } from '../../providers';
import { registerEndpoint } from '../../providers/http';
import { parse, UsageError } from '../args';
import { splitFaasRunnerArgs } from '../faas-runner-flags';
import { exportFaasRunner } from '../faas-runner-output';
import type { CliContext, Command } from '../context';
import { Exit } from '../io';

const USAGE =
  'faas-lab run <file.experiment.json> | -e <experiment.json> [-f <function.json>] [--<key> <value> ...] [-o <folder>] [--resume <run>] [--no-deploy] [--yes] [--json]';

export const runCommand: Command = async (ctx, argv) => {
  const faasRunner = splitFaasRunnerArgs(argv, { json: 0, resume: 1, 'no-deploy': 0, yes: 0 }, USAGE);
  const { values, positionals } = parse(
    faasRunner.rest,
    { json: { type: 'boolean' }, resume: { type: 'string' }, 'no-deploy': { type: 'boolean' }, yes: { type: 'boolean', short: 'y' } },
    USAGE,
  );
  if (faasRunner.experimentFile) positionals.unshift(faasRunner.experimentFile);
  if (positionals.length !== 1) throw new UsageError(`run takes one experiment file\nusage: ${USAGE}`);
  const runsDir = runsDirOf(ctx.root);
  const resume = values.resume ? await resolveRun(runsDir, values.resume) : undefined;
  const progress = progressPrinter(ctx, Boolean(values.json));
  let result;
  try {
    result = await runExperimentFile({
      file: positionals[0],
      load: () => loadFaasRunnerExperiment({ ...faasRunner, experimentFile: positionals[0] }, formatProblem),
      onLoaded: (spec) => registerEndpoint(ctx.providers, spec),
      providers: ctx.providers,
      runsDir,
      resume,
      deploy: !values['no-deploy'],
      signal: ctx.signal,
      onWarning: (w) => ctx.io.err(formatProblem(w)),
      onDeployed: (outcome, fn, platform) => {
        if (!values.json) ctx.io.err(`${fn.name} on ${platform}: ${outcome.action === 'unchanged' ? 'code unchanged' : outcome.action}`);
      },
      onProgress: progress.update,
      confirmUnmanaged: values.yes,
    });
  } catch (err) {
    if (err instanceof InvalidExperimentError) throw new UsageError(err.message);
    throw err;
  } finally {
    progress.done();
  }
  for (const p of result.problems) ctx.io.err(p);

  const { summary } = result;
  if (faasRunner.outDir) {
    const { info, records } = await readRun(result.runDir);
    await exportFaasRunner(ctx, info, records, faasRunner.outDir);
  }
  if (values.json) ctx.io.out(JSON.stringify({ runDir: result.runDir, status: result.status, counts: result.counts, summary }, null, 2));
  else {
    ctx.io.out(formatReport(summary));
    ctx.io.out(`Run folder: ${path.relative(process.cwd(), result.runDir) || result.runDir}`);
    if (result.status === 'cancelled') ctx.io.out(`Resume it with: faas-lab run ${positionals[0]} --resume ${path.relative(runsDir, result.runDir)}`);
  }
  if (result.status === 'cancelled') return Exit.cancelled;
  return result.status === 'completed' ? Exit.ok : Exit.functionFailed;
};

/** A live progress line on a terminal; a line every few seconds otherwise (CI logs). */
function progressPrinter(ctx: CliContext, quiet: boolean) {
  let last = 0;
  let drawn = false;
  const line = (p: RunProgress) =>
    `${p.phase} · ${p.done}/${p.total} done · ${p.inFlight} in flight · ${p.errors} errors · ${p.throttled} throttled · ${p.ratePerS.toFixed(1)}/s`;
  return {
    update(p: RunProgress) {
      if (quiet) return;
      if (ctx.io.isTTY) {
        process.stderr.write(`\r\x1b[K${line(p)}`);
        drawn = true;
      } else if (Date.now() - last >= 5000 || p.done === p.total) {
        last = Date.now();
        ctx.io.err(line(p));
      }
    },
    done() {
      if (drawn) process.stderr.write('\n');
      drawn = false;
    },
  };
}
