import { resolveFunctionRef } from '../../core/functions/find';
import { UserError } from '../../core/model';
import type { FunctionNode } from '../tree/nodes';
import type { CommandBody } from './context';

/** faasLab.function.runExperiment: the experiment of a deployed function's handler. */
export const runDeployedExperiment: CommandBody<[FunctionNode]> = async (ctx, _ui, node) => {
  const d = node.deployment;
  if (!d.sourceFile || !d.handler) throw new UserError(`FaaS Lab does not know where ${d.name}'s code came from: run one of its *.experiment.json files instead`);
  const spec = await resolveFunctionRef(`${d.sourceFile}:${d.handler}`);
  return ctx.executeCommand('faasLab.runExperiment', spec);
};
