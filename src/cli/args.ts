import { parseArgs, type ParseArgsConfig } from 'node:util';
import { BadInputError } from '../core/bad-input';
import { PLATFORM_IDS, isPlatformId, type PlatformId } from '../core/model';

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs with errors a user can act on. */
export function parse<O extends Options>(argv: string[], options: O, usage: string) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\nusage: ${usage}`);
  }
}

export class UsageError extends BadInputError {}

export function platformOption(value: string | undefined): PlatformId {
  const id = value ?? 'local';
  if (!isPlatformId(id)) throw new UsageError(`Unknown platform '${id}': use one of ${PLATFORM_IDS.join(', ')}`);
  return id;
}

export const commonOptions = {
  platform: { type: 'string', short: 'p' },
  json: { type: 'boolean' },
} as const;
