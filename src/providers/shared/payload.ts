import { UserError } from '../../core/model';

/** The payload as the JSON every platform sends (undefined: none); what JSON cannot carry is the user's to fix. */
export function encodePayload(payload: unknown): string | undefined {
  try {
    return JSON.stringify(payload);
  } catch (err) {
    throw new UserError(`The payload cannot be sent as JSON (${(err as Error).message}): pass plain objects, arrays, strings, numbers, booleans or null`);
  }
}
