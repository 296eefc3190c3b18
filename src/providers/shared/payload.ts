import { UserError } from '../../core/model';

/** A platform's payload size limit, as encodePayload checks it and its message names it. */
export interface PayloadLimit {
  maxBytes: number;
  /** As messages name the platform: `local`. */
  platform: string;
  /** How to raise the limit, where it can be raised (a setting). */
  raise?: string;
}

const MB = 1024 * 1024;

/**
 * The payload as the JSON every platform sends (undefined: none); what JSON cannot carry is the user's to fix,
 * and so is a payload over the platform's limit, told before anything is sent.
 */
export function encodePayload(payload: unknown, limit?: PayloadLimit): string | undefined {
  let json: string | undefined;
  try {
    json = JSON.stringify(payload);
  } catch (err) {
    throw new UserError(`The payload cannot be sent as JSON (${(err as Error).message}): pass plain objects, arrays, strings, numbers, booleans or null`);
  }
  // A string's length is at most its UTF-8 size: the exact count only when it could be over.
  if (json !== undefined && limit && json.length * 3 > limit.maxBytes && Buffer.byteLength(json) > limit.maxBytes) {
    const sizeMB = (Buffer.byteLength(json) / MB).toFixed(1);
    throw new UserError(
      `The payload is ${sizeMB} MB of JSON, over the ${(limit.maxBytes / MB).toFixed(0)} MB a ${limit.platform} call takes (AWS Lambda's synchronous limit is 6 MB): ` +
        `send a smaller payload, or a reference to the data (a path or URL) for the function to read${limit.raise ? `; ${limit.raise}` : ''}`,
    );
  }
  return json;
}
