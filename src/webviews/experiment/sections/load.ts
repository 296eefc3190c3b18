// How calls are made: the load mode (and its rate), how many calls, how often repeated, and what
// happens around them (sleeps, warm-up, cold starts, time limits, errors).
import { ARRIVALS, LOAD_MODES } from '../../../core/experiment/form/fields';
import type { ArrivalProcess, LoadMode } from '../../../core/experiment/spec';
import type { DocumentMessage } from '../protocol';
import { dropdown, textField } from '../ui';
import { booleanBinding, grid, loadListBinding, loadText, numberBinding, parseLoadList, retryBinding, sectionElement, type FormContext, type Section } from './common';

const MODE_LABELS: Record<LoadMode, string> = {
  closed: 'Closed loop: threads call back to back',
  open: 'Open loop: arrivals at a fixed rate',
  burst: 'Burst: all runs of an iteration at once',
};

export function loadSection(ctx: FormContext): Section {
  let doc: DocumentMessage | undefined;
  const mode = dropdown({
    id: 'mode',
    label: 'Mode',
    hint: 'How calls are issued. Closed loop is FaaS Runner’s model.',
    onChange: (value) => {
      if ((LOAD_MODES as readonly string[]).includes(value)) ctx.change({ kind: 'mode', mode: value as LoadMode });
    },
  });
  const currentRate = () => ({ rps: doc?.model.values.rate?.rps ?? 10, arrivals: (doc?.model.values.rate?.arrivals ?? 'constant') as ArrivalProcess });
  const rps = textField({
    id: 'rate-rps',
    label: 'Arrivals per second',
    hint: 'Open loop only. Several ("10, 20, 40"): a load step per rate.',
    placeholder: '10',
    onCommit(text) {
      const values = parseLoadList(text, false);
      if (typeof values === 'string') return values;
      ctx.change({ kind: 'rate', rps: values.length === 0 ? 10 : values.length === 1 ? values[0] : values, arrivals: currentRate().arrivals });
      return undefined;
    },
  });
  const arrivals = dropdown({
    id: 'rate-arrivals',
    label: 'Arrivals',
    hint: 'Poisson: random gaps with the same mean, from randomSeed.',
    onChange: (value) => {
      if ((ARRIVALS as readonly string[]).includes(value)) ctx.change({ kind: 'rate', rps: currentRate().rps, arrivals: value as ArrivalProcess });
    },
  });
  const runs = numberBinding(ctx, 'runs', { label: 'Runs', hint: 'Calls per iteration.', placeholder: '10', integer: true });
  const threads = loadListBinding(ctx, 'threads', {
    label: 'Threads',
    hint: 'Closed loop: workers calling back to back. Several ("1, 2, 4"): a load step per count.',
    placeholder: (d) => String(Math.min(10, d.model.values.runs ?? 10)),
  });
  const iterations = numberBinding(ctx, 'iterations', { label: 'Iterations', hint: 'Repetitions per memory size.', placeholder: '1', integer: true });
  const maxInFlight = numberBinding(ctx, 'maxInFlight', { label: 'Max in flight', hint: 'Open loop and burst: most calls at once.', placeholder: '1000', integer: true });
  const warmup = numberBinding(ctx, 'warmupBuffer', { label: 'Warm-up iterations', hint: 'First iterations left out of summaries.', placeholder: '0', integer: true });
  const sleep = numberBinding(ctx, 'sleepTime', { label: 'Sleep (s)', hint: 'Before each memory size\'s first iteration and between iterations.', placeholder: '0' });
  const timeout = numberBinding(ctx, 'timeoutS', { label: 'Call time limit (s)', hint: 'Client side. Empty: wait for the platform.', placeholder: 'none' });
  const cold = booleanBinding(ctx, 'coldStart', { text: 'Cold start every iteration', hint: 'Recycle instances before each iteration.', defaultValue: false });
  const keepGoing = booleanBinding(ctx, 'keepGoingOnError', { text: 'Keep going after a failed call', defaultValue: true });
  const retries = retryBinding(ctx, 'maxRetries', { label: 'Throttle retries', hint: 'Throttled calls retried with backoff before one is recorded as throttled.', placeholder: '5' });
  const baseDelay = retryBinding(ctx, 'baseDelayMs', { label: 'First backoff (ms)', hint: 'Cap of the first delay; it doubles each retry (full jitter).', placeholder: '100' });
  const maxDelay = retryBinding(ctx, 'maxDelayMs', { label: 'Longest backoff (ms)', hint: 'No delay is longer; at least the first.', placeholder: '5000' });
  const bindings = [runs, threads, iterations, maxInFlight, warmup, sleep, timeout, cold, keepGoing, retries, baseDelay, maxDelay];

  const root = sectionElement(
    'load',
    'Load',
    undefined,
    grid(mode, rps, arrivals),
    grid(runs, threads, iterations, maxInFlight),
    grid(warmup, sleep, timeout),
    grid(cold, keepGoing),
    grid(retries, baseDelay, maxDelay),
  );
  let disabled = false;

  function applyMode(): void {
    const m = (doc?.model.values.mode ?? 'closed') as LoadMode;
    // Controls the mode does not use stay visible (their problems still show) but cannot be changed.
    rps.setDisabled(disabled || m !== 'open');
    arrivals.setDisabled(disabled || m !== 'open');
    threads.field.setDisabled(disabled || m !== 'closed');
    maxInFlight.field.setDisabled(disabled || m === 'closed');
  }

  return {
    root,
    update(next, problems) {
      doc = next;
      const values = next.model.values;
      mode.setOptions(
        LOAD_MODES.map((m) => ({ value: m, label: MODE_LABELS[m] })),
        values.mode ?? 'closed',
      );
      mode.setProblems(next.model.raw.mode ? [{ message: `mode: the file holds ${next.model.raw.mode}; choose a mode to replace it`, severity: 'error' }, ...problems.ofAll('mode')] : problems.ofAll('mode'));
      arrivals.setOptions(
        ARRIVALS.map((a) => ({ value: a, label: a === 'constant' ? 'Constant: evenly spaced' : 'Poisson: random gaps' })),
        values.rate?.arrivals ?? 'constant',
      );
      rps.set(next.model.raw.rate ?? loadText(values.rate?.rps));
      rps.setProblems(problems.ofAll('rate'));
      for (const b of bindings) b.update(next, problems);
      applyMode();
    },
    setDisabled(d) {
      disabled = d;
      mode.setDisabled(d);
      for (const b of bindings) b.field.setDisabled(d);
      applyMode();
    },
    fieldFor(field) {
      if (field === 'mode') return mode;
      if (field === 'rate') return rps;
      return bindings.find((b) => b.key === field)?.field;
    },
  };
}
