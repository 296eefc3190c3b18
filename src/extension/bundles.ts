// The extension's features that run only once asked for (the results panel, the experiment
// editor, an experiment run) are lazy bundles of their own (LAZY_BUNDLES in load-bundle.ts):
// activation loads none of them. They take the modules below from extension.js instead of
// carrying a second copy; esbuild.mjs reads the keys and fails the build on a missing one.
import { loadBundle, provideHostModules, type LazyBundle } from '../providers/shared/load-bundle';

/* eslint-disable @typescript-eslint/no-require-imports */
const EXTENSION_MODULES: Record<string, () => unknown> = {
  'core/annotations/index': () => require('../core/annotations/index'),
  'core/experiment/form/fields': () => require('../core/experiment/form/fields'),
  'core/experiment/json-check': () => require('../core/experiment/json-check'),
  'core/experiment/keys': () => require('../core/experiment/keys'),
  'core/experiment/load': () => require('../core/experiment/load'),
  'core/experiment/parse': () => require('../core/experiment/parse'),
  'core/experiment/plan': () => require('../core/experiment/plan'),
  'core/experiment/run-owner': () => require('../core/experiment/run-owner'),
  'core/experiment/spec': () => require('../core/experiment/spec'),
  'core/format': () => require('../core/format'),
  'core/functions/deploy': () => require('../core/functions/deploy'),
  'core/functions/find': () => require('../core/functions/find'),
  'core/functions/unmanaged': () => require('../core/functions/unmanaged'),
  'core/http-request': () => require('../core/http-request'),
  'core/results/cold-signals': () => require('../core/results/cold-signals'),
  'core/results/concurrency': () => require('../core/results/concurrency'),
  'core/results/cost': () => require('../core/results/cost'),
  'core/results/overlap': () => require('../core/results/overlap'),
  'core/results/quantile-ci': () => require('../core/results/quantile-ci'),
  'core/results/run-info': () => require('../core/results/run-info'),
  'core/results/stats': () => require('../core/results/stats'),
  'core/results/store': () => require('../core/results/store'),
  'core/results/summary': () => require('../core/results/summary'),
  'extension/commands/register': () => require('./commands/register'),
  'extension/results/export': () => require('./results/export'),
  'webviews/experiment/protocol': () => require('../webviews/experiment/protocol'),
  'webviews/results/protocol': () => require('../webviews/results/protocol'),
};
/* eslint-enable @typescript-eslint/no-require-imports */

let provided = false;

/** The module a lazy bundle's entry exports, loaded on the first call. */
export function loadExtensionBundle<T>(name: LazyBundle): T {
  if (!provided) provideHostModules(EXTENSION_MODULES);
  provided = true;
  return loadBundle<T>(name);
}
