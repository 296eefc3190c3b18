import type { ProviderRegistry } from '../providers/registry';
import type { CliIO } from './io';

export interface CliContext {
  io: CliIO;
  providers: ProviderRegistry;
  /** Workspace root: `.faaslab/` (platform state, runs) lives here. */
  root: string;
  /** Aborted on Ctrl-C. */
  signal: AbortSignal;
}

export type Command = (ctx: CliContext, argv: string[]) => Promise<number>;
