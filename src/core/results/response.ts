// What a function returned, kept in its invocation record as FaaS Runner keeps every field of a
// response. Only the top level is kept, and its size is capped so a function returning megabytes
// does not turn invocations.jsonl into a copy of its output.

/** Most characters of one field's JSON text kept; a longer field keeps its first characters, as a string. */
export const RESPONSE_FIELD_MAX_CHARS = 1024;
/** Most fields kept, in the order the function returned them. */
export const RESPONSE_MAX_FIELDS = 100;

export interface CapturedResponse {
  /** The returned object's top-level fields; a value that is not an object is kept as `{ "result": value }`. */
  response: Record<string, unknown>;
  /** Set when something was cut: what, and how much. */
  responseNote?: string;
}

export function captureResponse(value: unknown): CapturedResponse | undefined {
  if (value === undefined) return undefined;
  const response: Record<string, unknown> = {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const cut = keep(response, 'result', value);
    return cut === undefined ? { response } : { response, responseNote: cut };
  }
  // A for-in loop over own fields, in Object.entries order: no entries array per call.
  const source = value as Record<string, unknown>;
  let fields = 0;
  let cut: string[] | undefined;
  for (const key in source) {
    if (!Object.prototype.hasOwnProperty.call(source, key)) continue;
    if (++fields > RESPONSE_MAX_FIELDS) continue;
    const field = source[key];
    if (field === undefined) continue;
    const note = keep(response, key, field);
    if (note !== undefined) (cut ??= []).push(note);
  }
  if (fields > RESPONSE_MAX_FIELDS) (cut ??= []).push(`${fields - RESPONSE_MAX_FIELDS} of ${fields} fields left out (at most ${RESPONSE_MAX_FIELDS} are kept)`);
  return cut ? { response, responseNote: cut.join('; ') } : { response };
}

/** Puts `field` in `response`, cut if its JSON text is too long; returns what was cut. */
function keep(response: Record<string, unknown>, key: string, field: unknown): string | undefined {
  // A number, boolean or null is a few characters of JSON: no text to measure.
  if (field === null || typeof field === 'number' || typeof field === 'boolean') {
    response[key] = field;
    return undefined;
  }
  const text = jsonText(field);
  if (text.length <= RESPONSE_FIELD_MAX_CHARS) {
    response[key] = field;
    return undefined;
  }
  response[key] = text.slice(0, RESPONSE_FIELD_MAX_CHARS);
  return `${key} cut to its first ${RESPONSE_FIELD_MAX_CHARS} of ${text.length} characters (as JSON text)`;
}

function jsonText(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
