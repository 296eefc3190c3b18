import { checkComparedRuns, comparedRuns, comparisonBuilder, DEFAULT_CHECKS, formatRegressions, parseFailIf } from '../../core/results/regression';
import { feedRecords, readRunInfo } from '../../core/results/store';
import { BadInputError } from '../../core/bad-input';
import { runsDirOf } from '../../providers';
import { parse, UsageError } from '../args';
import type { Command } from '../context';
import { runFromArgument } from '../run-ref';
import { Exit } from '../io';

const USAGE = 'faas-lab compare <runA> <runB> [--fail-if p95+10%]... [--json]';

/** Exit 1 when a --fail-if check fails: a CI job can gate on it. */
export const compareCommand: Command = async (ctx, argv) => {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' }, 'fail-if': { type: 'string', multiple: true } }, USAGE);
  if (positionals.length !== 2) throw new UsageError(`compare takes two runs (the baseline first)\nusage: ${USAGE}`);
  const checks = values['fail-if']?.map(parseFailIf);
  const runs = await Promise.all(
    positionals.map(async (ref) => {
      const runDir = await runFromArgument(runsDirOf(ctx.root), ref);
      const info = await readRunInfo(runDir);
      // Streamed: each side keeps its summary's numbers and the sorted timings of its ok calls.
      const builder = comparisonBuilder(info);
      for (const p of await feedRecords(runDir, builder)) ctx.io.err(p);
      return { info, builder };
    }),
  );
  const result = checkComparedRuns(...comparedRuns(runs[0].builder, runs[1].builder), checks ?? DEFAULT_CHECKS);
  if (result.rows.length === 0) {
    throw new BadInputError(`${runs[0].info.runId} and ${runs[1].info.runId} share no function · platform · memory size with ok calls: nothing to compare; compare two runs of the same experiment`);
  }
  ctx.io.out(values.json ? JSON.stringify(result, null, 2) : `A: ${runs[0].info.runId}\nB: ${runs[1].info.runId}\n${formatRegressions(result, checks !== undefined)}`);
  return checks && result.failed.length > 0 ? Exit.functionFailed : Exit.ok;
};
