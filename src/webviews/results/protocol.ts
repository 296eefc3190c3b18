// The messages between the results explorer panel (extension host) and its webview, both ways,
// and the state the webview saves. Both sides import this file and check every message they
// receive with the guards below before using it.
import { arrayOf, isBoolean, isNumber, isNumberOrNull, isObject, isString, messageOf, oneOf, optional, recordOf, shape, type Guard } from '../shared/guards';
import { DELTA_METRICS } from '../../core/results/view/types';
import { isExperimentSeries } from './protocol-experiments';
import type { NestedHop, NestedSummary } from '../../core/results/nested';
import type {
  CdfSeries,
  ColdWarmStats,
  ComparisonView,
  CpuSeries,
  DistributionMetric,
  DistributionSeries,
  GroupComparison,
  GroupView,
  HistogramSeries,
  MemorySeries,
  MetricCells,
  MetricDelta,
  RunView,
  StatsRow,
  TimelineSeries,
} from '../../core/results/view/types';
import type { ResponseFilter } from '../../core/results/view/response';
import { isResponseCell, isResponseFilter, isResponseView } from './response-protocol';

export const RESULTS_VIEW_TYPE = 'faasLab.results';

/** Host → webview. */
export type MessageToWebview =
  | { type: 'showRun'; view: RunView }
  | { type: 'showComparison'; view: ComparisonView }
  | { type: 'loadFailed'; message: string };

/** Webview → host. */
export type MessageToHost =
  /** The page has loaded and listens: send it the data (only the calls `filter` keeps, when given). */
  | { type: 'ready'; filter?: ResponseFilter }
  /** Show only the calls whose returned field equals a value; no filter: every call. */
  | { type: 'filterCalls'; filter?: ResponseFilter }
  /** Save a chart as PNG: `dataUrl` is `data:image/png;base64,…`, `name` a suggested file name. */
  | { type: 'exportPng'; name: string; dataUrl: string }
  /** Save the run's records as CSV (`runDir`: which run, for a comparison). */
  | { type: 'exportCsv'; runDir?: string }
  /** Continue the shown run (interrupted or cancelled) without repeating a recorded call. */
  | { type: 'resumeRun' };

export type ResultsMessage = MessageToWebview | MessageToHost;

export type ResultsSource = { kind: 'run'; runDir: string } | { kind: 'comparison'; before: string; after: string };

export const RESULTS_STATE_VERSION = 1;

/** What the webview saves with setState, and the panel serializer reopens from after a reload. */
export interface ResultsState {
  version: typeof RESULTS_STATE_VERSION;
  source: ResultsSource;
  /** Keep following the run's records as they are written. */
  live: boolean;
  metric: DistributionMetric;
  /** Key of the group the distribution charts show. */
  group?: string;
  /** The returned-field filter the charts are restricted to. */
  filter?: ResponseFilter;
}

// PNG of one chart: a few MB at most; anything bigger is not from our page.
const MAX_PNG_DATA_URL = 32 * 1024 * 1024;
export const PNG_PREFIX = 'data:image/png;base64,';

const isMetric = oneOf<DistributionMetric>('roundTripMs', 'runtime');
const isNumbers = arrayOf(isNumber);
const isNullableNumbers = arrayOf(isNumberOrNull);

const isHistogram = shape<HistogramSeries>({ start: isNumber, width: isNumber, counts: isNumbers, overflow: isNumber });
const isCdf: Guard<CdfSeries> = (x): x is CdfSeries => shape<CdfSeries>({ x: isNumbers, y: isNumbers })(x) && x.x.length === x.y.length;
const isDistribution = shape<DistributionSeries>({ histogram: isHistogram, cdf: isCdf });
const isColdWarm = shape<ColdWarmStats>({ n: isNumber, meanMs: isNumber, p50Ms: isNumber, p95Ms: isNumber });

const isGroup = shape<GroupView>({
  key: isString,
  label: isString,
  target: isString,
  memoryMB: isNumber,
  n: isNumber,
  distributions: recordOf(isMetric, isDistribution),
  cold: optional(isColdWarm),
  warm: optional(isColdWarm),
});

const isTimeline = shape<TimelineSeries>({
  bucketMs: isNumber,
  t: isNumbers,
  concurrencyMean: isNumbers,
  concurrencyMax: isNumbers,
  latencyP50Ms: isNullableNumbers,
  latencyP95Ms: isNullableNumbers,
  coldStarts: isNumbers,
  errors: isNumbers,
});

const isCpu = shape<CpuSeries>({
  userMs: isNullableNumbers,
  kernelMs: isNullableNumbers,
  idleMs: isNullableNumbers,
  ioWaitMs: isNullableNumbers,
  stealMs: isNullableNumbers,
});

const isMemory = shape<MemorySeries>({
  target: isString,
  memoryMB: isNumbers,
  percentiles: shape<MemorySeries['percentiles']>({ p50: isNullableNumbers, p90: isNullableNumbers, p95: isNullableNumbers, p99: isNullableNumbers }),
  cpu: optional(isCpu),
  durationMetric: oneOf('runtime', 'roundTrip'),
  payloads: isNumber,
  payloadWeights: optional(isNumbers),
  p50DurationMs: isNullableNumbers,
  costPerMillionUSD: isNullableNumbers,
  bestIndex: optional(isNumber),
  cheapestIndex: optional(isNumber),
  fastestIndex: optional(isNumber),
});

const isCells = shape<MetricCells>({
  mean: isNumber,
  ciLow: isNumberOrNull,
  ciHigh: isNumberOrNull,
  p50: isNumber,
  p90: isNumber,
  p95: isNumber,
  p99: isNumber,
});

const isRow = shape<StatsRow>({
  key: isString,
  label: isString,
  n: isNumber,
  failed: isNumber,
  metrics: recordOf(isMetric, isCells),
  coldStartRate: isNumberOrNull,
  costPerMillionUSD: isNumberOrNull,
  response: optional(recordOf(isString, isResponseCell)),
});

const isNested = shape<NestedSummary>({
  trees: isNumber,
  hops: arrayOf(
    shape<NestedHop>({
      caller: isString,
      callee: isString,
      n: isNumber,
      meanCallerOwnMs: isNumber,
      meanRoundTripMs: isNumber,
      meanCalleeRuntimeMs: optional(isNumber),
      meanHopOverheadMs: optional(isNumber),
    }),
  ),
  meanBilledMs: isNumber,
  meanWaitingBilledMs: isNumber,
  waitingShare: isNumber,
});

export const isRunView = shape<RunView>({
  runDir: isString,
  title: isString,
  subtitle: isString,
  live: isBoolean,
  resumable: optional(isBoolean),
  totals: shape<RunView['totals']>({ records: isNumber, summarized: isNumber, failed: isNumber, warmupExcluded: isNumber }),
  groups: arrayOf(isGroup),
  timeline: optional(isTimeline),
  memory: arrayOf(isMemory),
  table: arrayOf(isRow),
  response: optional(isResponseView),
  notes: arrayOf(isString),
  experiments: isExperimentSeries,
  nested: optional(isNested),
});

const isDelta = shape<MetricDelta>({
  metric: oneOf(...DELTA_METRICS),
  before: isNumber,
  after: isNumber,
  changePct: isNumberOrNull,
  ciOverlap: optional(isBoolean),
  verdict: oneOf('better', 'worse', 'same'),
});

const isRunLabel = shape<ComparisonView['before']>({ runDir: isString, title: isString, subtitle: isString });

export const isComparisonView = shape<ComparisonView>({
  before: isRunLabel,
  after: isRunLabel,
  groups: arrayOf(
    shape<GroupComparison>({
      key: isString,
      label: isString,
      deltas: arrayOf(isDelta),
      distributions: recordOf(isMetric, shape<{ before: DistributionSeries; after: DistributionSeries }>({ before: isDistribution, after: isDistribution })),
    }),
  ),
  onlyBefore: arrayOf(isString),
  onlyAfter: arrayOf(isString),
  notes: arrayOf(isString),
});

export const isMessageToWebview = messageOf<MessageToWebview>({
  showRun: (m) => isRunView(m.view),
  showComparison: (m) => isComparisonView(m.view),
  loadFailed: (m) => isString(m.message),
});

export const isMessageToHost = messageOf<MessageToHost>({
  ready: (m) => m.filter === undefined || isResponseFilter(m.filter),
  filterCalls: (m) => m.filter === undefined || isResponseFilter(m.filter),
  exportPng: (m) =>
    isString(m.name) &&
    m.name.length <= 200 &&
    isString(m.dataUrl) &&
    m.dataUrl.length <= MAX_PNG_DATA_URL &&
    m.dataUrl.startsWith(PNG_PREFIX) &&
    /^[A-Za-z0-9+/]+={0,2}$/.test(m.dataUrl.slice(PNG_PREFIX.length)),
  exportCsv: (m) => m.runDir === undefined || isString(m.runDir),
  resumeRun: () => true,
});

export function isResultsMessage(x: unknown): x is ResultsMessage {
  return isMessageToWebview(x) || isMessageToHost(x);
}

const isSource: Guard<ResultsSource> = (x): x is ResultsSource =>
  isObject(x) &&
  ((x.kind === 'run' && isString(x.runDir) && x.runDir !== '') ||
    (x.kind === 'comparison' && isString(x.before) && isString(x.after) && x.before !== '' && x.after !== ''));

/** A saved state of this version; anything else (an older version, a damaged one) is not restored. */
export const isResultsState = shape<ResultsState>({
  version: (x): x is typeof RESULTS_STATE_VERSION => x === RESULTS_STATE_VERSION,
  source: isSource,
  live: isBoolean,
  metric: isMetric,
  group: optional(isString),
  filter: optional(isResponseFilter),
});
