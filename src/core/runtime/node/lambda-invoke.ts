// context.invoke inside AWS Lambda: Lambda's Invoke API (POST /2015-03-31/functions/<name>/invocations),
// signed with SigV4 by the function's own credentials (the execution role's, in the environment),
// the callee asked for FaaS Lab's outcome and given the caller's trace ids in the envelope.
// AWS_ENDPOINT_URL_LAMBDA or AWS_ENDPOINT_URL (as the AWS SDKs read them) point it elsewhere.
import type { TraceIds } from '../../model';
import { shimOutcome, type NestedOutcome, type SendNested } from './nested';
import { post, type PostAnswer } from './post';
import { signedHeaders } from './sigv4';

export function lambdaSender(env: NodeJS.ProcessEnv = process.env): SendNested {
  return async (name, payload, trace) => {
    const region = env.AWS_REGION || env.AWS_DEFAULT_REGION;
    const accessKeyId = env.AWS_ACCESS_KEY_ID;
    const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
    if (!region || !accessKeyId || !secretAccessKey) {
      throw new Error('context.invoke on AWS Lambda needs the function’s region and credentials (AWS_REGION, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY), which Lambda sets: do not override them in the function’s environment');
    }
    const endpoint = new URL(env.AWS_ENDPOINT_URL_LAMBDA || env.AWS_ENDPOINT_URL || `https://lambda.${region}.amazonaws.com`);
    const path = `${endpoint.pathname.replace(/\/+$/, '')}/2015-03-31/functions/${encodeURIComponent(name)}/invocations`;
    const body = lambdaEnvelope(payload, trace);
    const headers = signedHeaders(
      { method: 'POST', host: endpoint.host, path, headers: { 'content-type': 'application/json', 'x-amz-invocation-type': 'RequestResponse' }, body },
      { accessKeyId, secretAccessKey, sessionToken: env.AWS_SESSION_TOKEN },
      region,
      'lambda',
    );
    const answer = await post(new URL(path, endpoint), headers, body);
    return lambdaOutcome(name, region, answer);
  };
}

/** The event FaaS Lab's Lambda shims unwrap: the payload, a request for metrics, the caller's ids. */
export function lambdaEnvelope(payload: unknown, trace: TraceIds): string {
  return JSON.stringify({ __faaslab: { metrics: true, trace }, ...(payload === undefined ? {} : { payload }) });
}

/** Lambda's answer as the nested call's outcome; an API refusal (no such function, no permission) is thrown. */
export function lambdaOutcome(name: string, region: string, answer: PostAnswer): NestedOutcome {
  const body = parse(answer.text);
  if (answer.status === 429) return { status: 'throttled', error: { type: 'Throttled', message: `Lambda throttled ${name}: ${messageOf(body) ?? answer.text}` }, metrics: {} };
  if (answer.status !== 200) throw apiError(name, region, answer, body);
  if (answer.headers['x-amz-function-error']) {
    // The runtime could not complete the call (timeout, crash, out of memory): Lambda's {errorType, errorMessage}.
    const b = (body ?? {}) as { errorType?: unknown; errorMessage?: unknown };
    const message = typeof b.errorMessage === 'string' ? b.errorMessage : answer.text || `${name} failed without an error message`;
    const type = typeof b.errorType === 'string' ? b.errorType : 'FunctionError';
    const timeout = type === 'Sandbox.Timedout' || /Task timed out after/.test(message);
    return { status: timeout ? 'timeout' : 'error', error: { type: timeout ? 'Timeout' : type, message }, metrics: {} };
  }
  return shimOutcome(body) ?? { status: 'ok', result: body === undefined ? answer.text : body, metrics: {} };
}

function apiError(name: string, region: string, answer: PostAnswer, body: unknown): Error {
  const header = answer.headers['x-amzn-errortype'];
  const type = (typeof header === 'string' ? header.split(':')[0] : undefined) || (body as { __type?: string; Type?: string } | undefined)?.Type || `HTTP${answer.status}`;
  const said = messageOf(body) ?? answer.text;
  let message = `context.invoke of ${name}: Lambda answered ${answer.status} ${type}: ${said}`;
  if (answer.status === 404) message = `context.invoke: no Lambda function '${name}' in ${region}: deploy it first (faas-lab deploy <file> --platform aws)`;
  if (answer.status === 403) {
    message = `context.invoke of ${name} was refused (${said}): the function's execution role needs lambda:InvokeFunction on it (FaaS Lab's own role has it for the functions FaaS Lab deployed)`;
  }
  const err = new Error(message);
  err.name = type;
  return err;
}

function messageOf(body: unknown): string | undefined {
  const b = (body ?? {}) as { message?: unknown; Message?: unknown; errorMessage?: unknown };
  const m = b.message ?? b.Message ?? b.errorMessage;
  return typeof m === 'string' ? m : undefined;
}

function parse(text: string): unknown {
  try {
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}
