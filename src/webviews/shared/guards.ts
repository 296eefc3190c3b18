// Small runtime type checks for data that crosses the webview boundary (never trusted as typed).

export type Guard<T> = (x: unknown) => x is T;

export function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

export const isString: Guard<string> = (x): x is string => typeof x === 'string';
export const isBoolean: Guard<boolean> = (x): x is boolean => typeof x === 'boolean';
export const isNumber: Guard<number> = (x): x is number => typeof x === 'number' && Number.isFinite(x);
export const isNumberOrNull: Guard<number | null> = (x): x is number | null => x === null || isNumber(x);

export function arrayOf<T>(item: Guard<T>): Guard<T[]> {
  return (x): x is T[] => Array.isArray(x) && x.every((v) => item(v));
}

export function optional<T>(guard: Guard<T>): Guard<T | undefined> {
  return (x): x is T | undefined => x === undefined || guard(x);
}

export function oneOf<T extends string>(...values: T[]): Guard<T> {
  return (x): x is T => typeof x === 'string' && (values as string[]).includes(x);
}

/**
 * A message guard from one check per message type, given the message's other fields: every type of
 * `M` must have its check (adding a message to a protocol means adding its check), any other type fails.
 */
export function messageOf<M extends { type: string }>(checks: { [T in M['type']]: (message: Record<string, unknown>) => boolean }): Guard<M> {
  return (x): x is M => isObject(x) && typeof x.type === 'string' && Object.hasOwn(checks, x.type) && checks[x.type as M['type']](x);
}

/** A message with nothing but its type. */
export const noFields = (): boolean => true;

/** An object whose listed fields pass their guards (other fields are ignored). */
export function shape<T>(fields: { [K in keyof T]-?: Guard<T[K]> }): Guard<T> {
  return (x): x is T => isObject(x) && Object.entries(fields).every(([k, g]) => (g as Guard<unknown>)(x[k]));
}

/** An object used as a map: every key passes `key` and every value `value` (undefined values allowed). */
export function recordOf<K extends string, V>(key: Guard<K>, value: Guard<V>): Guard<Partial<Record<K, V>>> {
  return (x): x is Partial<Record<K, V>> => isObject(x) && Object.entries(x).every(([k, v]) => key(k) && (v === undefined || value(v)));
}
