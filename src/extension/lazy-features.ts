// The lazy bundle dist/lazy/features.js (LAZY_BUNDLES in load-bundle.ts): what the extension runs
// only once a feature is first used. One bundle for the three, so no module is in two of them;
// each part is evaluated when first asked for (and run from source under tsx without `vscode`
// when only the experiment run is asked for, as the extension's unit tests do).
/* eslint-disable @typescript-eslint/no-require-imports */

/** The results explorer's panels, and the view shaping, summaries and comparison behind them. */
export function resultsPanel(): typeof import('./results/panel') {
  return require('./results/panel') as typeof import('./results/panel');
}

/** The experiment editor's host (form model, estimate, edits). */
export function experimentEditor(): typeof import('./experiment-editor/editor') {
  return require('./experiment-editor/editor') as typeof import('./experiment-editor/editor');
}

/** An experiment run: planner, runner (scheduler) and the end-of-run summary. */
export function experimentRun(): typeof import('../core/experiment/run-file') {
  return require('../core/experiment/run-file') as typeof import('../core/experiment/run-file');
}
