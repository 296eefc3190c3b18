// What activation needs of "Resume Run" (interrupted-context.ts), apart from the runs code
// (run-folders.ts, in the lazy bundle).

/** The context key (run.json Uris of interrupted runs) the explorer's "Resume Run" is shown by. */
export const INTERRUPTED_RUNS_KEY = 'faasLab.interruptedRuns';

/** The run.json of every run (runsDirOf(root)/<experiment>/<run>/RUN_INFO_FILE of core/results/store). */
export const RUN_INFO_GLOB = '**/.faaslab/runs/*/*/run.json';
