// Chart-ready series for the experiment analyses of the summary: per load step, cold-start
// probability per idle time, instances over time (scale-out) and the three cold-start signals.
import { count, duration, memorySize } from '../../format';
import type { RunAnalyses } from '../analyses';
import { COLD_SIGNALS } from '../cold-signals';

/** Scale-out segments drawn at most (the report lists them all). */
export const MAX_SCALE_OUT_LINES = 8;

export interface LoadStepSeries {
  /** "step 0 · 4" (the step's load), one per step. */
  labels: string[];
  p50Ms: (number | null)[];
  p95Ms: (number | null)[];
  /** Share of cold starts among the calls that said, 0..1. */
  coldRate: (number | null)[];
}

export interface IdleColdSeries {
  labels: string[];
  probes: number[];
  probability: (number | null)[];
  ciLow: (number | null)[];
  ciHigh: (number | null)[];
}

export interface ScaleOutLine {
  label: string;
  /** Seconds since the segment's first call, and instances seen by then. */
  tS: number[];
  instances: number[];
}

export interface ColdSignalsSeries {
  signals: string[];
  known: number[];
  cold: number[];
  /** Calls with two or more signals, and those where they all agree. */
  compared: number;
  agree: number;
}

export interface ExperimentSeries {
  loadSteps?: LoadStepSeries;
  idleCold?: IdleColdSeries;
  scaleOut?: ScaleOutLine[];
  coldSignals?: ColdSignalsSeries;
}

export const SIGNAL_LABELS: Record<(typeof COLD_SIGNALS)[number], string> = { platform: 'platform', newcontainer: 'SAAF newcontainer', initDuration: 'init duration' };

export function experimentSeries(a: RunAnalyses): ExperimentSeries {
  const out: ExperimentSeries = {};
  if (a.loadSteps) {
    out.loadSteps = {
      labels: a.loadSteps.map((s) => `step ${s.step}${s.load === undefined ? '' : ` · ${count(s.load)}`}`),
      p50Ms: a.loadSteps.map((s) => s.p50RoundTripMs ?? null),
      p95Ms: a.loadSteps.map((s) => s.p95RoundTripMs ?? null),
      coldRate: a.loadSteps.map((s) => s.coldRate ?? null),
    };
  }
  if (a.idleCold) {
    out.idleCold = {
      labels: a.idleCold.map((p) => duration(p.idleMs)),
      probes: a.idleCold.map((p) => p.probes),
      probability: a.idleCold.map((p) => p.probability ?? null),
      ciLow: a.idleCold.map((p) => p.ciLow ?? null),
      ciHigh: a.idleCold.map((p) => p.ciHigh ?? null),
    };
  }
  if (a.scaleOut) {
    out.scaleOut = a.scaleOut.slice(0, MAX_SCALE_OUT_LINES).map((s) => ({
      label: `${s.function} · ${s.platform} · ${memorySize(s.memoryMB)}${s.step === undefined ? '' : ` · step ${s.step}`}`,
      tS: s.curve.map((p) => p.tMs / 1000),
      instances: s.curve.map((p) => p.instances),
    }));
  }
  const c = a.coldSignals;
  // Only where they disagree: when every signal says the same, the cold/warm chart already tells it.
  if (c.compared > c.agree) {
    out.coldSignals = { signals: COLD_SIGNALS.map((s) => SIGNAL_LABELS[s]), known: COLD_SIGNALS.map((s) => c.signals[s].known), cold: COLD_SIGNALS.map((s) => c.signals[s].cold), compared: c.compared, agree: c.agree };
  }
  return out;
}
