import { BadInputError } from '../core/bad-input';
import { UserError } from '../core/model';
import { resolveRun } from '../core/results/store';

/** A run named on the command line; one that does not exist is a bad argument (exit 2), not a platform error. */
export async function runFromArgument(runsDir: string, ref: string): Promise<string> {
  try {
    return await resolveRun(runsDir, ref);
  } catch (error) {
    if (error instanceof UserError && !(error instanceof BadInputError)) throw new BadInputError(error.message);
    throw error;
  }
}
