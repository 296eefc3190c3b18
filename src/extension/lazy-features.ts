// The lazy bundle dist/lazy/features.js (LAZY_BUNDLES in bundles.ts): what the extension runs only
// once a feature is first used. One bundle for all, so no module is in two of them; each part is
// evaluated when first asked for (and run from source under tsx without `vscode` when only the
// experiment run is asked for, as the extension's unit tests do).
/* eslint-disable @typescript-eslint/no-require-imports */

/** The platforms (their descriptors, and the loader of their own bundles) and the runs directory. */
export function providers(): typeof import('../providers') {
  return require('../providers') as typeof import('../providers');
}

/** The `faasLab.*` settings the platforms are made from. */
export function settings(): typeof import('./settings') {
  return require('./settings') as typeof import('./settings');
}

/** The bodies of the commands registerCommands registers (src/extension/commands/ids.ts). */
export function commands(): typeof import('./commands/index') {
  return require('./commands/index') as typeof import('./commands/index');
}

/** The Functions view's listing: platforms, their functions, whether the code changed since its deploy. */
export function functionsTree(): typeof import('./tree/provider') {
  return require('./tree/provider') as typeof import('./tree/provider');
}

/** The results explorer's commands and the restore of its panels. */
export function results(): typeof import('./results/commands') {
  return require('./results/commands') as typeof import('./results/commands');
}

/** The results explorer's panels, and the view shaping, summaries and comparison behind them. */
export function resultsPanel(): typeof import('./results/panel') {
  return require('./results/panel') as typeof import('./results/panel');
}

/** FaaS Lab's checks of an experiment file, for its diagnostics. */
export function experimentCheck(): typeof import('../core/experiment/parse') {
  return require('../core/experiment/parse') as typeof import('../core/experiment/parse');
}

/** The interrupted runs of the workspace, for the "Resume Run" context key. */
export function runFolders(): typeof import('./experiments/run-folders') {
  return require('./experiments/run-folders') as typeof import('./experiments/run-folders');
}

/** The experiment editor's host (form model, estimate, edits). */
export function experimentEditor(): typeof import('./experiment-editor/editor') {
  return require('./experiment-editor/editor') as typeof import('./experiment-editor/editor');
}

/** An experiment run: planner, runner (scheduler) and the end-of-run summary. */
export function experimentRun(): typeof import('../core/experiment/run-file') {
  return require('../core/experiment/run-file') as typeof import('../core/experiment/run-file');
}
