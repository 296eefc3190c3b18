// The experiment engine's public surface: read, plan and run *.experiment.json files.
export { parseExperiment, defaultExperimentName, type ParseResult } from './parse';
export { importFaasRunner, toExperimentDocument, type FaasRunnerImport } from './faas-runner';
export { planExperiment, splitRuns, mergeParent, type Plan, type PlannedCall, type PlannedIteration, type PlanTotals } from './plan';
export { runExperiment, type RunOptions, type RunResult, type FinalRunStatus } from './runner';
export { estimatePlanCost, enforceBudget, type CostEstimate, type CostLine } from './budget';
export type { RunProgress } from './progress';
export { EXPERIMENT_DEFAULTS, MIN_MEMORY_MB, MAX_MEMORY_MB, type ExperimentSpec, type LoadMode, type RetryPolicy, type OpenLoopRate } from './spec';
