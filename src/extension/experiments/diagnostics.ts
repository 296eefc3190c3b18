import { parseExperiment } from '../../core/experiment/parse';
import type { FaasLabContext } from '../context';
import { registerProblemDiagnostics } from '../diagnostics';
import { isExperimentFile } from './files';

/**
 * FaaS Lab's own checks of experiment files (beyond the JSON schema): cross-field rules and
 * FaaS Runner keys, positioned, as the user types.
 */
export function registerExperimentDiagnostics(ctx: FaasLabContext): void {
  registerProblemDiagnostics(ctx, 'faas-lab-experiments', (document) =>
    isExperimentFile(document.uri) ? parseExperiment(document.uri.fsPath, document.getText()).problems : undefined,
  );
}
