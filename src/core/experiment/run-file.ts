// Running an experiment file, the one flow the CLI and VS Code share: load and check the file,
// deploy its handler on each platform where the code changed, run it (or resume a run of it) and
// summarise what was recorded. Each surface presents the steps through the callbacks.
import { deployIfChanged, type DeployOutcome } from '../functions/deploy';
import { formatProblem, resolveFunctionRef } from '../functions/find';
import { UserError, type FunctionSpec, type PlatformId, type Problem, type Provider } from '../model';
import { readRunInfo, summarizeRunFolder } from '../results/store';
import type { RunSummary } from '../results/summary';
import type { ProviderRegistry } from '../platforms';
import { loadExperiment, type LoadedExperiment } from './load';
import type { RunProgress } from './progress';
import { assertNotOwned } from './run-owner';
import { runExperiment, type RunResult } from './runner';
import type { ExperimentSpec } from './spec';

export interface ExperimentFileOptions {
  /** The *.experiment.json; may be left out to resume a run with its own spec and what is deployed. */
  file?: string;
  providers: ProviderRegistry;
  /** Usually `<workspace>/.faaslab/runs`. */
  runsDir: string;
  /** A run folder to continue: only its calls with no record are made. */
  resume?: string;
  /** How the file is read (default: loadExperiment), e.g. with FaaS Runner's function file and overrides. */
  load?(): Promise<LoadedExperiment>;
  /** The spec about to run (from the file or the resumed run), before anything is deployed. */
  onLoaded?(spec: ExperimentSpec): void;
  /** False: run against what is deployed, without packaging the handler. */
  deploy?: boolean;
  signal?: AbortSignal;
  onWarning?(warning: Problem): void;
  /** How one deploy is made (default: deployIfChanged); VS Code shows each with its own progress. */
  deployFunction?(fn: FunctionSpec, provider: Provider, signal?: AbortSignal): Promise<DeployOutcome>;
  onDeployed?(outcome: DeployOutcome, fn: FunctionSpec, platform: PlatformId): void;
  /** The run's folder exists and its calls are about to start. */
  onStart?(runDir: string, spec: ExperimentSpec): void;
  onProgress?(progress: RunProgress): void;
  /** The user agreed that the run may reconfigure functions FaaS Lab did not create (memory settings, cold starts). */
  confirmUnmanaged?: boolean;
}

export interface ExperimentFileRun extends RunResult {
  spec: ExperimentSpec;
  /** Undefined when a run was resumed without its experiment file. */
  experiment?: LoadedExperiment;
  summary: RunSummary;
}

export async function runExperimentFile(options: ExperimentFileOptions): Promise<ExperimentFileRun> {
  const { providers, signal } = options;
  if (options.resume) assertNotOwned(options.resume);
  const experiment = options.load ? await options.load() : options.file ? await loadExperiment(options.file, formatProblem) : undefined;
  for (const w of experiment?.warnings ?? []) options.onWarning?.(w);
  if (!experiment && !options.resume) throw new UserError('Name an experiment file to run, or a run folder to resume');
  const spec = experiment?.spec ?? (await readRunInfo(options.resume!)).spec;
  options.onLoaded?.(spec);

  if (experiment?.sourceFile && options.deploy !== false) {
    const fn = await resolveFunctionRef(`${experiment.sourceFile}:${spec.function}`, options.onWarning);
    const deploy = options.deployFunction ?? ((f, provider, s) => deployIfChanged(f, provider, { signal: s }));
    for (const platform of spec.platforms) {
      const outcome = await deploy(fn, providers.get(platform), signal);
      options.onDeployed?.(outcome, fn, platform);
    }
  }

  const result: RunResult = await runExperiment({
    spec,
    experimentFile: experiment?.file,
    providers,
    runsDir: options.runsDir,
    signal,
    resume: options.resume,
    onProgress: options.onProgress,
    onStart: (runDir) => options.onStart?.(runDir, spec),
    confirmUnmanaged: options.confirmUnmanaged,
  });
  const { info, summary } = await summarizeRunFolder(result.runDir);
  return { ...result, spec: info.spec, experiment, summary };
}
