// Whether AWS Lambda can be used now: a region, credentials AWS accepts, and an execution role
// (or the user's consent to create one). Never throws: a problem is a message and its fixes.
import { ListFunctionsCommand } from '@aws-sdk/client-lambda';
import type { Readiness, ReadinessFix } from '../../core/model';
import type { AwsContext } from './context';
import { awsErrorName, setupProblem, toUserError } from './errors';
import { ROLE_NAME, findRole } from './role';

const CREDENTIALS_DOCS: ReadinessFix = {
  kind: 'url',
  url: 'https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-files.html',
  label: 'How to set up AWS credentials',
};
const PROFILE_FIX: ReadinessFix = { kind: 'setting', setting: 'faasLab.aws.profile', label: 'Choose an AWS profile' };
const REGION_FIX: ReadinessFix = { kind: 'setting', setting: 'faasLab.aws.region', label: 'Set the AWS region' };
const ROLE_FIX: ReadinessFix = { kind: 'setting', setting: 'faasLab.aws.roleArn', label: 'Set the Lambda execution role' };

export async function checkReadiness(ctx: AwsContext, canCreateRole: boolean): Promise<Readiness> {
  let region: string;
  try {
    region = await ctx.clients.region();
  } catch (err) {
    return { ready: false, message: setupProblem(err, ctx.errors) ?? `AWS region not usable: ${(err as Error).message}`, fixes: [REGION_FIX] };
  }
  const errors = { ...ctx.errors, region };
  try {
    await ctx.clients.lambda.send(new ListFunctionsCommand({ MaxItems: 1 }));
  } catch (err) {
    const setup = setupProblem(err, errors);
    if (setup) return { ready: false, message: setup, fixes: /region/i.test(setup) ? [REGION_FIX] : [PROFILE_FIX, CREDENTIALS_DOCS] };
    if (awsErrorName(err) === 'AccessDeniedException') {
      return {
        ready: false,
        message: `The AWS credentials in use may not list Lambda functions (lambda:ListFunctions): use a profile allowed to manage Lambda (faasLab.aws.profile)`,
        fixes: [PROFILE_FIX],
      };
    }
    return { ready: false, message: toUserError(err, 'checking access to Lambda', errors).message, fixes: [PROFILE_FIX, CREDENTIALS_DOCS] };
  }
  const where = `AWS Lambda in ${region}${ctx.errors.profile ? ` (profile ${ctx.errors.profile})` : ''}, ${ctx.architecture}`;
  if (ctx.roleArnSetting) return { ready: true, detail: `${where}, execution role ${ctx.roleArnSetting}` };
  let role: string | undefined;
  try {
    role = await findRole(ctx.clients.iam);
  } catch (err) {
    return {
      ready: false,
      message: `Could not look up FaaS Lab's execution role '${ROLE_NAME}' (${toUserError(err, 'reading IAM roles', errors).message}): set faasLab.aws.roleArn to a role Lambda can assume`,
      fixes: [ROLE_FIX],
    };
  }
  if (role) return { ready: true, detail: `${where}, execution role ${role}` };
  if (canCreateRole) return { ready: true, detail: `${where}; FaaS Lab will offer to create the execution role '${ROLE_NAME}' on the first deploy` };
  return {
    ready: false,
    message: `No execution role for Lambda functions: set faasLab.aws.roleArn to a role Lambda can assume, or deploy from VS Code and let FaaS Lab create '${ROLE_NAME}'`,
    fixes: [ROLE_FIX],
  };
}
