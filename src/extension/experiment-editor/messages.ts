// What the experiment editor sends its webview about a document, built from the document's text
// alone. Pure (no `vscode`): the browser test feeds the real page with these very messages.
import * as path from 'node:path';
import { defaultExperimentName, parseExperiment } from '../../core/experiment/parse';
import type { ExperimentSpec } from '../../core/experiment/spec';
import { formFromText, locateProblems } from '../../core/experiment/form/model';
import type { DocumentMessage, EstimateView } from '../../webviews/experiment/protocol';
import type { KnownDeployments } from './deployments';
import { estimateExperiment } from './estimate';

export function documentMessage(file: string, text: string, version: number): DocumentMessage {
  return {
    type: 'document',
    version,
    fileName: path.basename(file),
    defaultExperimentName: defaultExperimentName(file),
    model: formFromText(text),
    problems: locateProblems(text, parseExperiment(file, text).problems),
  };
}

/** The estimate of the text as it stands; `deployments` is asked only when the file is valid. */
export async function estimateOf(file: string, text: string, deployments: (spec: ExperimentSpec) => Promise<KnownDeployments>): Promise<EstimateView> {
  const { spec, problems } = parseExperiment(file, text);
  if (!spec) {
    const errors = problems.filter((p) => p.severity === 'error');
    return { kind: 'unavailable', reason: `No estimate while the file has ${errors.length} error${errors.length === 1 ? '' : 's'}: ${errors[0]?.message ?? 'fix the file first'}` };
  }
  const known = await deployments(spec);
  return estimateExperiment(spec, known.deployments, known.missing);
}
