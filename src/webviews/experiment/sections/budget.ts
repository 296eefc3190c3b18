// What a run may cost: the budget that refuses a dearer run, and the call duration the estimate uses.
import { bindingSection, grid, numberBinding, sectionElement, type FormContext, type Section } from './common';

export function budgetSection(ctx: FormContext): Section {
  const budget = numberBinding(ctx, 'budgetUSD', { label: 'Budget (USD)', hint: 'A run estimated above it does not start. Empty: no limit.', placeholder: 'no limit' });
  const expected = numberBinding(ctx, 'expectedDurationMs', {
    label: 'Expected call duration (ms)',
    hint: 'Used by the estimates. Empty: cost uses the function’s timeout (an upper bound).',
    placeholder: 'unknown',
  });
  const root = sectionElement('budget', 'Budget', undefined, grid(budget, expected));
  return bindingSection(root, [budget, expected]);
}
