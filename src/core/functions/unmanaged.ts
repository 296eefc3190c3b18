// Functions FaaS Lab did not create (managed: false: linked by ARN, or found in a cloud account):
// it invokes them and runs experiments on them, and changes or deletes them only when the user
// confirms. One wording for every path that would change one, so the CLI and VS Code agree.
import { BadInputError } from '../bad-input';
import type { Deployment } from '../model';

export type UnmanagedChange = 'delete' | 'configure' | 'recycle';

const WHAT: Record<UnmanagedChange, string> = {
  delete: 'Delete it',
  configure: 'Change its configuration',
  recycle: 'Change its configuration to retire its instances (for cold starts)',
};

export function isUnmanaged(deployment: Deployment): boolean {
  return deployment.managed === false;
}

/** The yes/no question to ask before changing a function FaaS Lab did not create. */
export function unmanagedQuestion(deployment: Deployment, platformName: string, change: UnmanagedChange): string {
  const where = deployment.endpoint && deployment.endpoint !== deployment.name ? ` (${deployment.endpoint})` : '';
  return `${deployment.name} on ${platformName}${where} was not created by FaaS Lab. ${WHAT[change]} anyway?`;
}

/** A change to a function FaaS Lab did not create that nobody confirmed; `question` is what to ask to confirm it. */
export class UnmanagedChangeRefused extends BadInputError {
  constructor(
    message: string,
    readonly question: string,
  ) {
    super(message);
  }
}

/** The refusal when nobody confirmed; `howToConfirm` says how (e.g. "pass --yes"). */
export function unmanagedRefusal(deployment: Deployment, platformName: string, change: UnmanagedChange, howToConfirm: string): UnmanagedChangeRefused {
  const question = unmanagedQuestion(deployment, platformName, change);
  return new UnmanagedChangeRefused(`${question.replace(/ [^.]* anyway\?$/, '')} FaaS Lab only invokes it unless you confirm: ${howToConfirm}`, question);
}

/** Deploying over a function FaaS Lab did not create would replace its code: never done. */
export function refuseDeployOver(deployment: Deployment, platformName: string): never {
  throw new BadInputError(
    `${deployment.name} on ${platformName} was not created by FaaS Lab, so FaaS Lab will not replace its code: give the handler another name (name= in its @faas annotation)` +
      `${deployment.endpoint && deployment.endpoint !== deployment.name ? `, or unlink that name first (faas-lab unlink ${deployment.name})` : ''}`,
  );
}
