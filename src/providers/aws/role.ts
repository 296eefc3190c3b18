// The execution role Lambda runs FaaS Lab's functions with: the one in settings, else FaaS Lab's
// own role if it exists, else one created with the user's consent that may only write its logs.
import {
  CreateRoleCommand,
  GetRoleCommand,
  PutRolePolicyCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { UserError } from '../../core/model';
import { isNotFound } from './errors';
import { TAG } from './tags';

export const ROLE_NAME = 'faaslab-lambda-execution';
export const ROLE_POLICY_NAME = 'faaslab-write-logs';
export const INVOKE_POLICY_NAME = 'faaslab-invoke-functions';

export const TRUST_POLICY = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};

/** Only what the Lambda runtime needs: its own log groups under /aws/lambda/. */
export function logsPolicy(partition: string): object {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: `arn:${partition}:logs:*:*:log-group:/aws/lambda/*`,
      },
    ],
  };
}

/**
 * context.invoke: a function may call FaaS Lab's own functions only, those tagged faaslab:managed=true
 * (FaaS Lab tags every function it deploys; Lambda checks aws:ResourceTag on InvokeFunction).
 */
export function invokePolicy(partition: string): object {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: 'lambda:InvokeFunction',
        Resource: `arn:${partition}:lambda:*:*:function:*`,
        Condition: { StringEquals: { [`aws:ResourceTag/${TAG.managed}`]: 'true' } },
      },
    ],
  };
}

export const ROLE_SUMMARY =
  `FaaS Lab needs an IAM execution role for its Lambda functions. It will create the role '${ROLE_NAME}' that only ` +
  'AWS Lambda can assume (trust: lambda.amazonaws.com), with inline policies allowing logs:CreateLogGroup, ' +
  'logs:CreateLogStream and logs:PutLogEvents on the /aws/lambda/* log groups, and lambda:InvokeFunction on the ' +
  `functions FaaS Lab deployed (tagged ${TAG.managed}=true, so a function can call another with context.invoke), and nothing else.`;

export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** FaaS Lab's role ARN if the role exists (undefined if not). */
export async function findRole(iam: IAMClient, signal?: AbortSignal): Promise<string | undefined> {
  try {
    const found = await iam.send(new GetRoleCommand({ RoleName: ROLE_NAME }), { abortSignal: signal });
    return found.Role?.Arn;
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

export type ConfirmCreateRole = (policySummary: string) => Promise<boolean>;

/** Finds FaaS Lab's role, or creates it when the user agrees. Returns its ARN and whether it is new. */
export async function ensureRole(
  iam: IAMClient,
  region: string,
  confirm: ConfirmCreateRole | undefined,
  signal?: AbortSignal,
): Promise<{ arn: string; created: boolean }> {
  const existing = await findRole(iam, signal);
  if (existing) return { arn: existing, created: false };
  if (!confirm) {
    throw new UserError(
      `No execution role for Lambda functions: set faasLab.aws.roleArn to a role Lambda can assume, or deploy from VS Code and let FaaS Lab create '${ROLE_NAME}'`,
    );
  }
  if (!(await confirm(ROLE_SUMMARY))) {
    throw new UserError(`Deploy cancelled: Lambda needs an execution role. Set faasLab.aws.roleArn to an existing one, or agree to create '${ROLE_NAME}'.`);
  }
  const created = await iam.send(
    new CreateRoleCommand({
      RoleName: ROLE_NAME,
      AssumeRolePolicyDocument: JSON.stringify(TRUST_POLICY),
      Description: 'Execution role for functions deployed by FaaS Lab: may write their logs and call each other',
      Tags: [{ Key: 'faaslab:managed', Value: 'true' }],
    }),
    { abortSignal: signal },
  );
  const partition = partitionOf(region);
  for (const [name, policy] of [
    [ROLE_POLICY_NAME, logsPolicy(partition)],
    [INVOKE_POLICY_NAME, invokePolicy(partition)],
  ] as const) {
    await iam.send(new PutRolePolicyCommand({ RoleName: ROLE_NAME, PolicyName: name, PolicyDocument: JSON.stringify(policy) }), { abortSignal: signal });
  }
  const arn = created.Role?.Arn;
  if (!arn) throw new Error(`IAM created ${ROLE_NAME} but returned no ARN`);
  return { arn, created: true };
}
