// What a call may carry: the payload as the JSON every platform sends, and the one check of a
// request's and a response's size against the platform's limits (its descriptor's sizeLimits).
import { BadInputError } from '../../core/bad-input';
import type { InvocationError } from '../../core/model';
import type { PlatformDescriptor } from './descriptor';

/** A platform's limit on one side of a call, as the checks apply it and their messages name it. */
export interface PayloadLimit {
  maxBytes: number;
  /** As messages name the platform: `local`, `AWS Lambda`. */
  platform: string;
  /** Where the figure comes from, when it is not the platform's own (local: AWS Lambda's synchronous limit). */
  basis?: string;
  /** How to raise the limit, where it can be raised (a setting). */
  raise?: string;
}

export interface PayloadLimits {
  request?: PayloadLimit;
  response?: PayloadLimit;
}

const MB = 1024 * 1024;

/** The request and response limits a platform's descriptor declares; `maxMB` (a setting) replaces both. */
export function payloadLimitsOf(descriptor: Pick<PlatformDescriptor, 'id' | 'displayName' | 'sizeLimits'>, maxMB?: number, raise?: string): PayloadLimits {
  const declared = descriptor.sizeLimits;
  if (!declared) return {};
  const platform = descriptor.id === 'local' ? 'local' : descriptor.displayName;
  const custom = maxMB !== undefined && Number.isFinite(maxMB) && maxMB > 0 ? maxMB * MB : undefined;
  const side = (bytes: number | undefined): PayloadLimit | undefined => {
    if (bytes === undefined) return undefined;
    const maxBytes = custom ?? bytes;
    // The basis names where the declared figure comes from: not a figure the user set.
    return { maxBytes, platform, ...(declared.basis && maxBytes === bytes ? { basis: declared.basis } : {}), ...(raise ? { raise } : {}) };
  };
  const limits: PayloadLimits = {};
  const request = side(declared.requestBytes);
  const response = side(declared.responseBytes);
  if (request) limits.request = request;
  if (response) limits.response = response;
  return limits;
}

function sizeOf(bytes: number): string {
  return `${(bytes / MB).toFixed(1)} MB (${bytes} bytes)`;
}

/** `6 MB (6291456 bytes) limit of one call on local (AWS Lambda's synchronous limit)`, for `what` = `one call`. */
function limitOf(limit: PayloadLimit, what: string): string {
  return `${Number((limit.maxBytes / MB).toFixed(2))} MB (${limit.maxBytes} bytes) limit of ${what} on ${limit.platform}${limit.basis ? ` (${limit.basis})` : ''}`;
}

/** The UTF-8 size of `text` when it may be over `maxBytes` (a string's length is at most its UTF-8 size), else undefined. */
function overBy(text: string, maxBytes: number): number | undefined {
  if (text.length * 3 <= maxBytes) return undefined;
  const bytes = Buffer.byteLength(text);
  return bytes > maxBytes ? bytes : undefined;
}

/**
 * The payload as the JSON every platform sends (undefined: none); what JSON cannot carry is the user's to fix,
 * and so is a request over the platform's limit, told before anything is sent.
 */
export function encodePayload(payload: unknown, limit?: PayloadLimit): string | undefined {
  let json: string | undefined;
  try {
    json = JSON.stringify(payload);
  } catch (err) {
    throw new BadInputError(`The payload cannot be sent as JSON (${(err as Error).message}): pass plain objects, arrays, strings, numbers, booleans or null`);
  }
  if (json !== undefined && limit) checkRequestSize(json, limit);
  return json;
}

/** Refuses a request body over the platform's limit, before anything is sent. */
export function checkRequestSize(body: string, limit: PayloadLimit): void {
  const bytes = overBy(body, limit.maxBytes);
  if (bytes === undefined) return;
  throw new BadInputError(
    `The payload is ${sizeOf(bytes)} of JSON, over the ${limitOf(limit, 'a request')}: ` +
      `send a smaller payload, or a reference to the data (a path or URL) for the function to read${limit.raise ? `; ${limit.raise}` : ''}`,
  );
}

/**
 * The error of a call whose result is over the platform's response limit (Lambda's name for it,
 * `Function.ResponseSizeTooLarge`), or undefined when it is within. `answerBytes`, the size of the
 * whole answer the result came in, is an upper bound: the result is measured only when it is over.
 */
export function responseTooLarge(result: unknown, answerBytes: number, limit: PayloadLimit | undefined): InvocationError | undefined {
  if (!limit || answerBytes <= limit.maxBytes) return undefined;
  let json: string;
  try {
    json = JSON.stringify(result) ?? '';
  } catch {
    return undefined;
  }
  const bytes = Buffer.byteLength(json);
  if (bytes <= limit.maxBytes) return undefined;
  return {
    type: 'Function.ResponseSizeTooLarge',
    message:
      `The function returned ${sizeOf(bytes)} of JSON, over the ${limitOf(limit, 'a response')}: ` +
      `return less, or write the data somewhere the caller reads it (a file, a bucket) and return its reference${limit.raise ? `; ${limit.raise}` : ''}`,
  };
}
