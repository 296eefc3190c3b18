// Limits on the values a handler's configuration may take, shared by `@faas` options and FaaSET
// decorators so both report the same rule in the same words.
import { PLATFORM_IDS } from '../model';

export const MEMORY_MB = { min: 128, max: 10240 } as const;
export const TIMEOUT_S = { min: 1, max: 900 } as const;
export const NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
export const ENV_KEY_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const PLATFORM_LIST = PLATFORM_IDS.join(', ');

/** Error message for a memory size outside what the platforms accept, else undefined. */
export function memoryProblem(value: number, shown: string, example = 'memory=256'): string | undefined {
  if (Number.isInteger(value) && value >= MEMORY_MB.min && value <= MEMORY_MB.max) return undefined;
  return `memory must be a whole number of MB from ${MEMORY_MB.min} to ${MEMORY_MB.max}, not ${shown}: write e.g. ${example}.`;
}

/** Error message for a timeout outside what the platforms accept, else undefined. */
export function timeoutProblem(value: number, shown: string, example = 'timeout=30'): string | undefined {
  if (Number.isInteger(value) && value >= TIMEOUT_S.min && value <= TIMEOUT_S.max) return undefined;
  return `timeout must be a whole number of seconds from ${TIMEOUT_S.min} to ${TIMEOUT_S.max}, not ${shown}: write e.g. ${example}.`;
}

/** Error message for a deployed function name the clouds would refuse, else undefined. */
export function nameProblem(name: string, fix = 'e.g. name=hello-fn'): string | undefined {
  if (NAME_PATTERN.test(name)) return undefined;
  const nonAscii = /[^\x20-\x7e]/.test(name) ? '; no platform takes letters outside A-Z in a function name' : '';
  return `"${name}" is not a valid function name: use letters, digits, "-" and "_", start with a letter, at most 64 characters${nonAscii} (${fix}).`;
}

/** Parses a decimal integer written in an annotation; NaN for anything else ("2.5", "1e3", "abc"). */
export function parseWholeNumber(text: string): number {
  return /^[+-]?\d+$/.test(text) ? Number(text) : NaN;
}

/**
 * A deployed name close to a handler name no platform accepts: accents dropped (`héllo` ->
 * `hello`), other characters turned into "-"; `fn-` in front when no letter starts it.
 */
export function suggestName(handler: string): string {
  const ascii = handler.normalize('NFKD').replace(/\p{M}/gu, '').replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
  const name = /^[A-Za-z]/.test(ascii) ? ascii : `fn-${ascii}`.replace(/-+$/, '');
  return name.slice(0, 64);
}
