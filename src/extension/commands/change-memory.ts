import type { FunctionNode } from '../tree/nodes';
import { askNumber } from './ask-number';
import { mayChange } from './confirm-unmanaged';
import type { CommandBody } from './context';

const MEMORY_CHOICES_MB = [128, 256, 512, 1024, 1536, 2048, 3008, 4096, 10240];
const OTHER = -1;

/** faasLab.function.changeMemory: a common size, or any other, applied to the deployed function. */
export const changeMemory: CommandBody<[FunctionNode]> = async (ctx, ui, node) => {
  const current = node.deployment.memoryMB;
  const picked = await ui.pick(
    [...MEMORY_CHOICES_MB.map((mb) => ({ label: `${mb} MB`, description: mb === current ? 'current' : undefined, value: mb })), { label: 'Other…', value: OTHER }],
    { title: `Memory for ${node.deployment.name}` },
  );
  if (picked === undefined) return undefined;
  const memoryMB = picked === OTHER ? await askNumber(ui, 'Memory (MB, 128 to 10240)', current, 128, 10240) : picked;
  if (memoryMB === undefined || memoryMB === current) return undefined;
  if (!(await mayChange(ui, node.provider, node.deployment, 'configure'))) return undefined;
  const updated = await ctx.withProgress(`FaaS Lab: ${node.deployment.name} → ${memoryMB} MB`, (_r, signal) => node.provider.configure(node.deployment, { memoryMB }, signal));
  ctx.output.appendLine(`${node.deployment.name} on ${node.provider.displayName}: memory ${current} → ${memoryMB} MB`);
  ctx.fireDeploymentsChanged();
  return updated;
};
