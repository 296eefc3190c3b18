// The messages between the experiment editor (extension host) and its webview, both ways, and
// the state the webview saves. Both sides import this file and check every message they receive
// with the guards below before using it.
import { PLATFORM_IDS, type PlatformId } from '../../core/model';
import { arrayOf, isBoolean, isNumber, isObject, isString, messageOf, noFields, oneOf, optional, recordOf, shape, type Guard } from '../shared/guards';
import {
  ARRIVALS,
  BOOLEAN_KEYS,
  CHOICES,
  CHOICE_KEYS,
  FIELD_KEYS,
  JSON_OBJECT_KEYS,
  LOAD_LIST_KEYS,
  LOAD_MODES,
  NUMBER_KEYS,
  RETRY_KEYS,
  TEXT_KEYS,
  type FieldKey,
  type FieldProblem,
  type FormChange,
  type FormModel,
  type FormValues,
} from '../../core/experiment/form/fields';

export const EXPERIMENT_EDITOR_VIEW_TYPE = 'faasLab.experimentEditor';

/** An annotated handler in the workspace the function picker offers. */
export interface FunctionChoice {
  /** Deployed name (the annotation's name=, else the handler's name). */
  name: string;
  /** Handler file relative to the experiment file, with / separators. */
  source: string;
  language: 'node' | 'python';
  memoryMB: number;
  platforms: PlatformId[];
}

export interface PlatformChoice {
  id: PlatformId;
  displayName: string;
  ready: boolean;
  /** Readiness in words: a detail when ready, what to do when not. */
  detail: string;
}

export interface EstimateLine {
  platform: PlatformId;
  /** 0: the deployed size (unknown when the function is not deployed). */
  memoryMB: number;
  calls: number;
  /** Absent: no price for this line (the function is not deployed there). */
  costUSD?: number;
}

export type EstimateView =
  | { kind: 'unavailable'; reason: string }
  | {
      kind: 'estimate';
      calls: number;
      warmupCalls: number;
      lines: EstimateLine[];
      /** Wall-clock time the run is expected to take, sleeps included. */
      durationMs: number;
      /** How durationMs was worked out, in words (and what was assumed). */
      durationBasis: string;
      /** Absent when no platform of the experiment has the function deployed. */
      costUSD?: number;
      costBasis?: string;
      /** e.g. "aws: cost unknown: function not deployed". */
      notes: string[];
      budgetUSD?: number;
    };

export type RunState = { state: 'idle' } | { state: 'running' } | { state: 'finished' | 'failed'; message: string };

/** Host → webview. */
export type MessageToWebview =
  | {
      type: 'document';
      /** The document's version: drafts typed against an older one are kept, not overwritten. */
      version: number;
      fileName: string;
      /** experimentName when the file has none (from the file name). */
      defaultExperimentName: string;
      model: FormModel;
      problems: FieldProblem[];
    }
  | { type: 'choices'; functions: FunctionChoice[]; platforms: PlatformChoice[] }
  | { type: 'estimate'; estimate: EstimateView }
  | { type: 'editRejected'; field: FieldKey; index?: number; message: string }
  | { type: 'runState'; run: RunState };

export type DocumentMessage = Extract<MessageToWebview, { type: 'document' }>;
export type ChoicesMessage = Extract<MessageToWebview, { type: 'choices' }>;

/** Webview → host. */
export type MessageToHost =
  /** The page listens: send it the document, the choices and the estimate. */
  | { type: 'ready' }
  | { type: 'edit'; change: FormChange }
  /** Run the experiment (the command faasLab.runExperiment on this document). */
  | { type: 'run' }
  | { type: 'openAsText' }
  /** Look for annotated handlers and platform readiness again. */
  | { type: 'refreshChoices' };

export const EXPERIMENT_EDITOR_STATE_VERSION = 1;

/** What the webview saves with setState: enough to draw at once after a reload, and text not yet written. */
export interface ExperimentEditorState {
  version: typeof EXPERIMENT_EDITOR_STATE_VERSION;
  document?: DocumentMessage;
  choices?: ChoicesMessage;
  estimate?: EstimateView;
  /** Payload text being typed, or rejected as invalid JSON, by field id ('payload:2', 'parentPayload', 'newPayload'). */
  drafts: Partial<Record<string, string>>;
  scrollY: number;
}

// Long enough for any real payload; a bigger message is not from our page.
const MAX_TEXT = 1_000_000;
const MAX_LIST = 10_000;

const isPlatformId = oneOf<PlatformId>(...PLATFORM_IDS);
const isText: Guard<string> = (x): x is string => isString(x) && x.length <= MAX_TEXT;
const isIndex: Guard<number> = (x): x is number => Number.isInteger(x) && (x as number) >= 0 && (x as number) < MAX_LIST;
const isFieldKey = oneOf<FieldKey>(...FIELD_KEYS);
const shortList = <T>(item: Guard<T>): Guard<T[]> => (x): x is T[] => Array.isArray(x) && x.length <= MAX_LIST && x.every((v) => item(v));
const isLoad: Guard<number | number[]> = (x): x is number | number[] => isNumber(x) || shortList(isNumber)(x);

const isFormValues = shape<FormValues>({
  experimentName: optional(isString),
  function: optional(isString),
  source: optional(isString),
  runs: optional(isNumber),
  threads: optional(isLoad),
  burst: optional(isLoad),
  iterations: optional(isNumber),
  warmupBuffer: optional(isNumber),
  sleepTime: optional(isNumber),
  stepPauseS: optional(isNumber),
  maxInFlight: optional(isNumber),
  timeoutS: optional(isNumber),
  budgetUSD: optional(isNumber),
  expectedDurationMs: optional(isNumber),
  randomSeed: optional(isNumber),
  endpoint: optional(isString),
  method: optional(isString),
  headers: optional(isString),
  bodyTemplate: optional(isString),
  strategy: optional(isString),
  balancedWeight: optional(isNumber),
  retry: optional(recordOf(oneOf(...RETRY_KEYS), isNumber)),
  coldStart: optional(isBoolean),
  shufflePayloads: optional(isBoolean),
  keepGoingOnError: optional(isBoolean),
  weightedPayloads: optional(isBoolean),
  steps: optional(isString),
  idle: optional(isString),
  platforms: optional(arrayOf(isString)),
  mode: optional(isString),
  rate: optional(shape<NonNullable<FormValues['rate']>>({ rps: optional(isLoad), arrivals: optional(isString) })),
  memorySettings: optional(arrayOf(isNumber)),
  payloads: optional(arrayOf(isString)),
  parentPayload: optional(isString),
});

const isFormModel = shape<FormModel>({
  editable: isBoolean,
  values: isFormValues,
  platformKey: optional(oneOf('platform', 'platforms')),
  raw: recordOf(isFieldKey, isString),
  otherKeys: arrayOf(isString),
});

const isFieldProblem = shape<FieldProblem>({
  field: (x): x is FieldKey | '' => x === '' || isFieldKey(x),
  index: optional(isIndex),
  message: isString,
  severity: oneOf('error', 'warning'),
  line: isNumber,
});

const isFunctionChoice = shape<FunctionChoice>({
  name: isString,
  source: isString,
  language: oneOf('node', 'python'),
  memoryMB: isNumber,
  platforms: arrayOf(isPlatformId),
});

const isPlatformChoice = shape<PlatformChoice>({ id: isPlatformId, displayName: isString, ready: isBoolean, detail: isString });

const isEstimateLine = shape<EstimateLine>({ platform: isPlatformId, memoryMB: isNumber, calls: isNumber, costUSD: optional(isNumber) });

const isEstimateView: Guard<EstimateView> = (x): x is EstimateView => {
  if (!isObject(x)) return false;
  if (x.kind === 'unavailable') return isString(x.reason);
  return (
    x.kind === 'estimate' &&
    isNumber(x.calls) &&
    isNumber(x.warmupCalls) &&
    arrayOf(isEstimateLine)(x.lines) &&
    isNumber(x.durationMs) &&
    isString(x.durationBasis) &&
    optional(isNumber)(x.costUSD) &&
    optional(isString)(x.costBasis) &&
    arrayOf(isString)(x.notes) &&
    optional(isNumber)(x.budgetUSD)
  );
};

const isRunState: Guard<RunState> = (x): x is RunState =>
  isObject(x) && (x.state === 'idle' || x.state === 'running' || ((x.state === 'finished' || x.state === 'failed') && isString(x.message)));

const isDocumentMessage = shape<DocumentMessage>({
  type: (x): x is 'document' => x === 'document',
  version: isNumber,
  fileName: isString,
  defaultExperimentName: isString,
  model: isFormModel,
  problems: arrayOf(isFieldProblem),
});

const isChoicesMessage = shape<ChoicesMessage>({
  type: (x): x is 'choices' => x === 'choices',
  functions: arrayOf(isFunctionChoice),
  platforms: arrayOf(isPlatformChoice),
});

export const isMessageToWebview = messageOf<MessageToWebview>({
  document: isDocumentMessage,
  choices: isChoicesMessage,
  estimate: (m) => isEstimateView(m.estimate),
  editRejected: (m) => isFieldKey(m.field) && optional(isIndex)(m.index) && isString(m.message),
  runState: (m) => isRunState(m.run),
});

/** Every change a control can ask for, checked field by field: the host writes nothing else. */
const isFormChange: Guard<FormChange> = (x): x is FormChange => {
  if (!isObject(x)) return false;
  const nullableNumber = x.value === null || isNumber(x.value);
  switch (x.kind) {
    case 'text':
      return oneOf(...TEXT_KEYS)(x.key) && isText(x.value);
    case 'number':
      return oneOf(...NUMBER_KEYS)(x.key) && nullableNumber;
    case 'boolean':
      return oneOf(...BOOLEAN_KEYS)(x.key) && isBoolean(x.value);
    case 'choice':
      return oneOf(...CHOICE_KEYS)(x.key) && (x.value === null || (isString(x.value) && CHOICES[x.key].includes(x.value)));
    case 'retry':
      return oneOf(...RETRY_KEYS)(x.key) && nullableNumber;
    case 'function':
      return isText(x.name) && (x.source === null || isText(x.source));
    case 'platforms':
      return shortList(isPlatformId)(x.platforms);
    case 'mode':
      return oneOf(...LOAD_MODES)(x.mode);
    case 'loadList':
      return oneOf(...LOAD_LIST_KEYS)(x.key) && shortList(isNumber)(x.values);
    case 'json':
      return oneOf(...JSON_OBJECT_KEYS)(x.key) && isText(x.text);
    case 'rate':
      return isLoad(x.rps) && oneOf(...ARRIVALS)(x.arrivals);
    case 'memorySettings':
      return shortList(isNumber)(x.memoryMB);
    case 'addPayload':
    case 'parentPayload':
      return isText(x.text);
    case 'editPayload':
      return isIndex(x.index) && isText(x.text);
    case 'removePayload':
      return isIndex(x.index);
    default:
      return false;
  }
};

export const isMessageToHost = messageOf<MessageToHost>({
  ready: noFields,
  run: noFields,
  openAsText: noFields,
  refreshChoices: noFields,
  edit: (m) => isFormChange(m.change),
});

/** A saved state of this version; anything else (an older version, a damaged one) is not restored. */
export const isExperimentEditorState = shape<ExperimentEditorState>({
  version: (x): x is typeof EXPERIMENT_EDITOR_STATE_VERSION => x === EXPERIMENT_EDITOR_STATE_VERSION,
  document: optional(isDocumentMessage),
  choices: optional(isChoicesMessage),
  estimate: optional(isEstimateView),
  drafts: recordOf(isString, isText),
  scrollY: isNumber,
});
