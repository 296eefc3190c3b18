import type { FaasLabContext } from '../context';
import { features } from '../bundles';
import { registerProblemDiagnostics } from '../diagnostics';
import { isExperimentFile } from './files';

/**
 * FaaS Lab's own checks of experiment files (beyond the JSON schema): cross-field rules and
 * FaaS Runner keys, positioned, as the user types. The checks load with the first experiment file.
 */
export function registerExperimentDiagnostics(ctx: FaasLabContext): void {
  registerProblemDiagnostics(ctx, 'faas-lab-experiments', (document) =>
    isExperimentFile(document.uri) ? features().experimentCheck().parseExperiment(document.uri.fsPath, document.getText()).problems : undefined,
  );
}
