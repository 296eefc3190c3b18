// The body of every command FaaS Lab registers through registerCommands, by id (commands/ids.ts;
// package.json contributes them).
import { applyFix } from './apply-fix';
import { applyRecommendation } from './apply-recommendation';
import { changeMemory } from './change-memory';
import { changeTimeout } from './change-timeout';
import type { CommandBody } from './context';
import type { CommandId } from './ids';
import { deleteFunction } from './delete-function';
import { deploy } from './deploy';
import { invokeDeployed } from './function-invoke';
import { runDeployedExperiment } from './function-run-experiment';
import { invoke } from './invoke';
import { linkEndpoint } from './link-endpoint';
import { openExperimentForHandler } from './open-experiment-for-handler';
import { openLatestResults } from './open-latest-results';
import { openSource } from './open-source';
import { refreshFunctions } from './refresh-functions';
import { resumeRun } from './resume-run';
import { runExperiment } from './run-experiment';
import { showLogs } from './show-logs';
import { unlinkFunction } from './unlink-function';

// A Record over CommandId: an id without a body, or a body without an id, does not compile.
export const COMMANDS: Record<CommandId, CommandBody<never[]>> = {
  'faasLab.deploy': deploy,
  'faasLab.invoke': invoke,
  'faasLab.refreshFunctions': refreshFunctions,
  'faasLab.applyFix': applyFix,
  'faasLab.function.invoke': invokeDeployed,
  'faasLab.function.changeMemory': changeMemory,
  'faasLab.function.changeTimeout': changeTimeout,
  'faasLab.function.showLogs': showLogs,
  'faasLab.function.openSource': openSource,
  'faasLab.function.runExperiment': runDeployedExperiment,
  'faasLab.function.delete': deleteFunction,
  'faasLab.linkEndpoint': linkEndpoint,
  'faasLab.function.unlink': unlinkFunction,
  'faasLab.runExperiment': runExperiment,
  'faasLab.openLatestResults': openLatestResults,
  'faasLab.openExperimentForHandler': openExperimentForHandler,
  'faasLab.resumeRun': resumeRun,
  'faasLab.applyRecommendation': applyRecommendation,
};
