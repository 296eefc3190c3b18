// The experiment analyses beyond per-group statistics — load steps, cold start against idle time,
// cold-start signals, scale-out, memory recommendation — fed one record at a time by the summary.
import type { ColdSignalsSummary } from './cold-signals';
import { createColdSignals } from './cold-signals';
import type { IdleColdPoint } from './idle-cold';
import { createIdleCold } from './idle-cold';
import type { LoadStepSummary } from './load-steps';
import { createLoadSteps } from './load-steps';
import type { InvocationRecord } from './record';
import type { Recommendation, RecommendationOptions, RecommendationSpec } from './recommendation';
import { createRecommendations } from './recommendation';
import type { ScaleOutSegment } from './scale-out';
import { createScaleOut } from './scale-out';

export interface RunAnalyses {
  /** Load sweeps and ramps only. */
  loadSteps?: LoadStepSummary[];
  /** Idle-time experiments only. */
  idleCold?: IdleColdPoint[];
  coldSignals: ColdSignalsSummary;
  /** Runs whose records carry instance ids (uuid) only. */
  scaleOut?: ScaleOutSegment[];
  /** One per function · platform run at two or more memory sizes. */
  recommendations: Recommendation[];
}

/** `info.spec` is run.json's experiment spec when the caller has it (store.ts's RunInfo does). */
export function createAnalyses(info: { runId: string; spec?: RecommendationSpec }, options: RecommendationOptions = {}): { add(r: InvocationRecord): void; finish(): RunAnalyses } {
  const loadSteps = createLoadSteps();
  const idleCold = createIdleCold(options.confidence);
  const coldSignals = createColdSignals();
  const scaleOut = createScaleOut();
  const recommendations = createRecommendations(info.spec, options);
  const parts = [loadSteps, idleCold, coldSignals, scaleOut, recommendations];
  return {
    add(r) {
      for (const p of parts) p.add(r);
    },
    finish() {
      const out: RunAnalyses = { coldSignals: coldSignals.finish(), recommendations: recommendations.finish() };
      const steps = loadSteps.finish();
      if (steps) out.loadSteps = steps;
      const idle = idleCold.finish();
      if (idle) out.idleCold = idle;
      const scale = scaleOut.finish();
      if (scale) out.scaleOut = scale;
      return out;
    },
  };
}
