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
  const fields = value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.entries(value as Record<string, unknown>) : [['result', value] as [string, unknown]];
  const response: Record<string, unknown> = {};
  const cut: string[] = [];
  for (const [key, field] of fields.slice(0, RESPONSE_MAX_FIELDS)) {
    if (field === undefined) continue;
    const text = jsonText(field);
    if (text.length <= RESPONSE_FIELD_MAX_CHARS) response[key] = field;
    else {
      response[key] = text.slice(0, RESPONSE_FIELD_MAX_CHARS);
      cut.push(`${key} cut to its first ${RESPONSE_FIELD_MAX_CHARS} of ${text.length} characters (as JSON text)`);
    }
  }
  if (fields.length > RESPONSE_MAX_FIELDS) cut.push(`${fields.length - RESPONSE_MAX_FIELDS} of ${fields.length} fields left out (at most ${RESPONSE_MAX_FIELDS} are kept)`);
  return cut.length > 0 ? { response, responseNote: cut.join('; ') } : { response };
}

function jsonText(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
