// The file's problems by the field they belong to, for the messages beside each control.
import type { FieldKey, FieldProblem } from '../../core/experiment/form/fields';
import type { Problem } from './ui';

export class ProblemIndex {
  constructor(private readonly problems: readonly FieldProblem[]) {}

  /** Problems of a field; with `index`, only those of that item; without, those not about one item. */
  of(field: FieldKey, index?: number): Problem[] {
    return this.problems
      .filter((p) => p.field === field && (index === undefined ? p.index === undefined : p.index === index))
      .map(({ message, severity }) => ({ message, severity }));
  }

  /** Problems of every item of a list field, for a list shown as one control. */
  ofAll(field: FieldKey): Problem[] {
    return this.problems.filter((p) => p.field === field).map(({ message, severity }) => ({ message, severity }));
  }

  general(): readonly FieldProblem[] {
    return this.problems.filter((p) => p.field === '');
  }
}
