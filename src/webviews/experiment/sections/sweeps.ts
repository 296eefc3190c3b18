// Load that grows step by step (faas-benchmarker's growing load spikes) and idle-time probes
// (its time to a cold start): the keys that make one experiment a sweep or a search.
import { booleanBinding, bindingSection, grid, jsonObjectBinding, loadListBinding, numberBinding, sectionElement, type FormContext, type Section } from './common';

export function sweepsSection(ctx: FormContext): Section {
  const burst = loadListBinding(ctx, 'burst', {
    label: 'Burst size',
    hint: 'Burst mode: calls released at once (the same as runs). Several ("1, 2, 4"): a burst per size.',
    placeholder: (d) => String(d.model.values.runs ?? 10),
  });
  const steps = jsonObjectBinding(ctx, 'steps', {
    label: 'Growing load',
    hint: 'A step per value from "from" up to "to", times "factor" (or plus "add") each step: the mode’s threads, rate or burst size.',
    placeholder: '{"from": 1, "to": 64, "factor": 2}',
  });
  const pause = numberBinding(ctx, 'stepPauseS', { label: 'Pause between steps (s)', hint: 'After one load step, before the next.', placeholder: '0' });
  const idle = jsonObjectBinding(ctx, 'idle', {
    label: 'Idle probes',
    hint: 'Call, wait, call again and record whether the second call was cold: fixed "times" (s) or a "search" for the time to a cold start; "repeat" pairs per time. Replaces the load above.',
    placeholder: '{"search": {"fromS": 1, "maxS": 1800, "precisionS": 1}, "repeat": 3}',
  });
  const weighted = booleanBinding(ctx, 'weightedPayloads', {
    text: 'Weighted payloads (power tuning)',
    hint: 'Each payload entry is {"payload": …, "weight": n}: sent in proportion to its weight.',
    defaultValue: false,
  });
  const root = sectionElement(
    'sweeps',
    'Sweeps and idle probes',
    'Grow the load step by step, or probe how long an idle instance stays warm.',
    grid(burst, pause),
    grid(steps),
    grid(idle),
    grid(weighted),
  );
  return bindingSection(root, [burst, steps, pause, idle, weighted]);
}
