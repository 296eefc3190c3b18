// Guards for the experiment series of a RunView (load steps, idle time, scale-out, cold signals).
import { arrayOf, isNumber, isNumberOrNull, isString, optional, shape } from '../shared/guards';
import type { ColdSignalsSeries, ExperimentSeries, IdleColdSeries, LoadStepSeries, ScaleOutLine } from '../../core/results/view/experiments';

const numbers = arrayOf(isNumber);
const nullableNumbers = arrayOf(isNumberOrNull);
const strings = arrayOf(isString);

export const isExperimentSeries = shape<ExperimentSeries>({
  loadSteps: optional(shape<LoadStepSeries>({ labels: strings, p50Ms: nullableNumbers, p95Ms: nullableNumbers, coldRate: nullableNumbers })),
  idleCold: optional(shape<IdleColdSeries>({ labels: strings, probes: numbers, probability: nullableNumbers, ciLow: nullableNumbers, ciHigh: nullableNumbers })),
  scaleOut: optional(arrayOf(shape<ScaleOutLine>({ label: isString, tS: numbers, instances: numbers }))),
  coldSignals: optional(shape<ColdSignalsSeries>({ signals: strings, known: numbers, cold: numbers, compared: isNumber, agree: isNumber })),
});
