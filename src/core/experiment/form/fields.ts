// The experiment editor's form in data: what each control shows, and each change a control can
// ask for. Types and key lists of the protocol, imported by the webview and the extension host.
import type { ArrivalProcess, LoadMode } from '../spec';
import type { PlatformId } from '../../model';
import { HTTP_METHODS } from '../../http-request';

/** endpoint, bodyTemplate: platform "http" only. */
export const TEXT_KEYS = ['experimentName', 'function', 'source', 'endpoint', 'bodyTemplate'] as const;
export type TextKey = (typeof TEXT_KEYS)[number];

export const NUMBER_KEYS = [
  'runs',
  'threads',
  'iterations',
  'warmupBuffer',
  'sleepTime',
  'stepPauseS',
  'maxInFlight',
  'timeoutS',
  'budgetUSD',
  'expectedDurationMs',
  'randomSeed',
  'balancedWeight',
] as const;
export type NumberKey = (typeof NUMBER_KEYS)[number];

export const BOOLEAN_KEYS = ['coldStart', 'shufflePayloads', 'keepGoingOnError', 'weightedPayloads'] as const;
export type BooleanKey = (typeof BOOLEAN_KEYS)[number];

/** A number, or a list of them for a load step per value. */
export const LOAD_LIST_KEYS = ['threads', 'burst'] as const;
export type LoadListKey = (typeof LOAD_LIST_KEYS)[number];

/** Objects edited as JSON text: the growing load, the idle probes and the http target's headers. */
export const JSON_OBJECT_KEYS = ['steps', 'idle', 'headers'] as const;
export type JsonObjectKey = (typeof JSON_OBJECT_KEYS)[number];

/** One of a fixed set of words: the memory recommendation's strategy, the http target's method. */
export const CHOICE_KEYS = ['strategy', 'method'] as const;
export type ChoiceKey = (typeof CHOICE_KEYS)[number];
export const STRATEGIES = ['cost', 'speed', 'balanced'] as const;
export const CHOICES: Record<ChoiceKey, readonly string[]> = { strategy: STRATEGIES, method: HTTP_METHODS };

/** The keys of "retry" (backoff of throttled calls), each a number field of its own. */
export const RETRY_KEYS = ['maxRetries', 'baseDelayMs', 'maxDelayMs'] as const;
export type RetryKey = (typeof RETRY_KEYS)[number];

export const LOAD_MODES: readonly LoadMode[] = ['closed', 'open', 'burst'];
export const ARRIVALS: readonly ArrivalProcess[] = ['constant', 'poisson'];

/** Where a problem or a rejected change is shown: a top-level key (platform and platforms are one field), maybe one item of it. */
export type FieldKey = TextKey | NumberKey | BooleanKey | LoadListKey | JsonObjectKey | ChoiceKey | 'retry' | 'platforms' | 'mode' | 'rate' | 'memorySettings' | 'payloads' | 'parentPayload';

/** Every field key (a problem or a refused change is shown beside one of these). */
export const FIELD_KEYS: readonly FieldKey[] = [...TEXT_KEYS, ...NUMBER_KEYS, ...BOOLEAN_KEYS, ...LOAD_LIST_KEYS, ...JSON_OBJECT_KEYS, ...CHOICE_KEYS, 'retry', 'platforms', 'mode', 'rate', 'memorySettings', 'payloads', 'parentPayload'];

/** Every key the form has a control for; the others are listed as "edit as text". */
export const FORM_KEYS: readonly string[] = [...FIELD_KEYS, 'platform'];

/** The values as the file holds them (absent: the key is not in the file, so its default applies). */
export interface FormValues {
  experimentName?: string;
  function?: string;
  source?: string;
  runs?: number;
  /** One value, or a list: a load step per value. */
  threads?: number | number[];
  burst?: number | number[];
  iterations?: number;
  warmupBuffer?: number;
  sleepTime?: number;
  stepPauseS?: number;
  maxInFlight?: number;
  timeoutS?: number;
  budgetUSD?: number;
  expectedDurationMs?: number;
  randomSeed?: number;
  /** Platform "http": the URL, the method, the headers (as JSON text) and the body template. */
  endpoint?: string;
  method?: string;
  headers?: string;
  bodyTemplate?: string;
  /** The memory recommendation: "cost", "speed" or "balanced" (with balancedWeight). */
  strategy?: string;
  balancedWeight?: number;
  /** Backoff of throttled calls; absent keys take their defaults. */
  retry?: Partial<Record<RetryKey, number>>;
  coldStart?: boolean;
  shufflePayloads?: boolean;
  keepGoingOnError?: boolean;
  weightedPayloads?: boolean;
  /** "steps" and "idle" as JSON text (as written on one line, else re-indented). */
  steps?: string;
  idle?: string;
  /** As written, known ids or not; from "platform" or "platforms". */
  platforms?: string[];
  mode?: string;
  rate?: { rps?: number | number[]; arrivals?: string };
  memorySettings?: number[];
  /** Each payload's JSON text: as written when it is on one line, else re-indented. */
  payloads?: string[];
  parentPayload?: string;
}

export interface FormModel {
  /** False when the text is not a JSON object the form can edit (a syntax error): the form is read-only then. */
  editable: boolean;
  values: FormValues;
  /** Which key holds the platforms, so a change keeps the file's choice. */
  platformKey?: 'platform' | 'platforms';
  /** Keys whose value does not fit its control (e.g. "runs": "ten"): the JSON as written, shown with its problem. */
  raw: Partial<Record<FieldKey, string>>;
  /** Keys in the file the form has no control for: kept as they are, edited as text. */
  otherKeys: string[];
}

/** A problem of the file, placed on the field it belongs to ('' : the file as a whole). */
export interface FieldProblem {
  field: FieldKey | '';
  /** Item of a list (payloads, memorySettings, platforms) the problem is about. */
  index?: number;
  message: string;
  severity: 'error' | 'warning';
  /** 1-based line in the file, for "line 4: ...". */
  line: number;
}

/** One change a control asks for. JSON has no undefined: null (or '') removes the key, so its default applies. */
export type FormChange =
  | { kind: 'text'; key: TextKey; value: string }
  | { kind: 'number'; key: NumberKey; value: number | null }
  /** Several values: a load step per value; none: the key is removed. */
  | { kind: 'loadList'; key: LoadListKey; values: number[] }
  /** '' removes the key. */
  | { kind: 'json'; key: JsonObjectKey; text: string }
  | { kind: 'boolean'; key: BooleanKey; value: boolean }
  /** One of CHOICES[key]; null removes the key. */
  | { kind: 'choice'; key: ChoiceKey; value: string | null }
  /** One key of "retry"; null removes it (and "retry" with its last key). */
  | { kind: 'retry'; key: RetryKey; value: number | null }
  /** The handler picker: sets function and source together (null source: remove it). */
  | { kind: 'function'; name: string; source: string | null }
  | { kind: 'platforms'; platforms: PlatformId[] }
  | { kind: 'mode'; mode: LoadMode }
  | { kind: 'rate'; rps: number | number[]; arrivals: ArrivalProcess }
  | { kind: 'memorySettings'; memoryMB: number[] }
  | { kind: 'addPayload'; text: string }
  | { kind: 'editPayload'; index: number; text: string }
  | { kind: 'removePayload'; index: number }
  | { kind: 'parentPayload'; text: string };
