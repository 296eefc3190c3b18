// Which memory size the report recommends (aws-lambda-power-tuning's strategies), for runs at two or more sizes.
import { balancedWeightProblem } from '../../../core/experiment/form/checks';
import { bindingSection, choiceBinding, grid, numberBinding, sectionElement, type FormContext, type Section } from './common';

export function recommendationSection(ctx: FormContext): Section {
  const strategy = choiceBinding(ctx, 'strategy', {
    label: 'Strategy',
    hint: 'What the recommended size optimises; `faas-lab apply <run>` sets the function to it.',
    labels: { cost: 'Cost: cheapest mean cost per call', speed: 'Speed: fastest mean duration', balanced: 'Balanced: cost and speed, weighed' },
    defaultValue: 'cost',
  });
  const weight = numberBinding(ctx, 'balancedWeight', {
    label: 'Balanced weight',
    hint: 'Strategy "balanced": 0 weighs only speed, 1 only cost.',
    placeholder: '0.5',
    check: balancedWeightProblem,
  });
  const root = sectionElement('recommendation', 'Memory recommendation', 'For runs at two or more memory sizes.', grid(strategy, weight));
  return bindingSection(root, [strategy, weight]);
}
