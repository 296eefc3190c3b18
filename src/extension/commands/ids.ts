// The ids of the commands registerCommands registers (package.json contributes them): activation
// registers each with a thin handler, and the bodies (commands/index.ts) load on the first call.
export const COMMAND_IDS = [
  'faasLab.deploy',
  'faasLab.invoke',
  'faasLab.refreshFunctions',
  'faasLab.applyFix',
  'faasLab.function.invoke',
  'faasLab.function.changeMemory',
  'faasLab.function.changeTimeout',
  'faasLab.function.showLogs',
  'faasLab.function.openSource',
  'faasLab.function.runExperiment',
  'faasLab.function.delete',
  'faasLab.linkEndpoint',
  'faasLab.function.unlink',
  'faasLab.runExperiment',
  'faasLab.openLatestResults',
  'faasLab.openExperimentForHandler',
  'faasLab.resumeRun',
  'faasLab.applyRecommendation',
] as const;
export type CommandId = (typeof COMMAND_IDS)[number];
