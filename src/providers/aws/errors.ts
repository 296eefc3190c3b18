// AWS errors -> messages a user can act on: what happened, and what to do next.
import { UserError } from '../../core/model';
import { httpStatusOf, isNetworkCode, settledError } from '../shared/errors';

export { httpStatusOf, isAbort } from '../shared/errors';

export interface AwsErrorContext {
  profile?: string;
  region?: string;
  endpoint?: string;
}

/** The SDK's error name (`ResourceNotFoundException`, `CredentialsProviderError`, ...), if any. */
export function awsErrorName(err: unknown): string | undefined {
  return err instanceof Error ? err.name : undefined;
}

export function isNotFound(err: unknown): boolean {
  const name = awsErrorName(err);
  return name === 'ResourceNotFoundException' || name === 'NoSuchEntityException' || name === 'NoSuchEntity';
}

/** Lambda refuses a change or call while the function is still being created or updated. */
export function isBusy(err: unknown): boolean {
  const name = awsErrorName(err);
  return name === 'ResourceConflictException' || name === 'ResourceNotReadyException';
}

export function isThrottled(err: unknown): boolean {
  return awsErrorName(err) === 'TooManyRequestsException' || httpStatusOf(err) === 429;
}

/** A problem with credentials, region or reachability: the same for every call, so readiness reports it. */
export function setupProblem(err: unknown, ctx: AwsErrorContext): string | undefined {
  const name = awsErrorName(err) ?? '';
  const message = err instanceof Error ? err.message : String(err);
  const profile = ctx.profile ? ` --profile ${ctx.profile}` : '';
  if (/region is missing/i.test(message)) {
    return 'AWS region not set: set faasLab.aws.region (e.g. us-east-1) or run `aws configure`';
  }
  if (name === 'CredentialsProviderError' || name === 'TokenProviderError') {
    if (/sso|token/i.test(message) && /expired|refresh|login/i.test(message)) {
      return `The AWS SSO session has expired: run \`aws sso login${profile}\`, then try again`;
    }
    if (ctx.profile) {
      return `AWS profile '${ctx.profile}' has no usable credentials (${message}): run \`aws configure${profile}\` (or \`aws sso login${profile}\` for an SSO profile), or change faasLab.aws.profile`;
    }
    return 'AWS credentials not found: set a profile in faasLab.aws.profile or run `aws configure`';
  }
  if (['ExpiredTokenException', 'ExpiredToken', 'RequestExpired'].includes(name)) {
    return `The AWS session token has expired: refresh your credentials (e.g. \`aws sso login${profile}\`) and try again`;
  }
  if (['UnrecognizedClientException', 'InvalidSignatureException', 'InvalidClientTokenId', 'SignatureDoesNotMatch'].includes(name)) {
    const source = ctx.profile ? `profile '${ctx.profile}'` : 'the AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY environment variables or the default profile';
    return `AWS rejected the credentials (${name}): check the access key of ${source}, or run \`aws configure${profile}\``;
  }
  const code = (err as { code?: string }).code;
  if (isNetworkCode(code) || name === 'TimeoutError') {
    const where = ctx.endpoint ?? (ctx.region ? `lambda.${ctx.region}.amazonaws.com` : 'AWS');
    return `Could not reach ${where} (${code ?? name}): check the network connection${ctx.endpoint ? ' or faasLab.aws.endpoint' : ''}`;
  }
  return undefined;
}

/** Any SDK failure as an error whose message says what to do; aborts pass through unchanged. */
export function toUserError(err: unknown, action: string, ctx: AwsErrorContext): Error {
  const settled = settledError(err, (e) => setupProblem(e, ctx));
  if (settled) return settled;
  const name = awsErrorName(err) ?? 'Error';
  const message = err instanceof Error ? err.message : String(err);
  if (name === 'AccessDeniedException' || name === 'AccessDenied') {
    return new UserError(`AWS denied ${action} (${message}): the credentials in use need that permission; ask your administrator or use another faasLab.aws.profile`);
  }
  if (name === 'InvalidParameterValueException' && /role/i.test(message)) {
    return new UserError(
      `Lambda cannot use the execution role (${message}): set faasLab.aws.roleArn to a role whose trust policy allows lambda.amazonaws.com, or clear it to let FaaS Lab create one`,
    );
  }
  if (name === 'CodeStorageExceededException') {
    return new UserError(`Lambda's code storage for this account is full (${message}): delete unused functions or versions, then deploy again`);
  }
  return new UserError(`AWS ${action} failed: ${name}: ${message}`);
}
