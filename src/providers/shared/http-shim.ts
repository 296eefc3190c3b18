// A call to a function behind an HTTP trigger whose runtime shim answers `{ ok, result | error,
// metrics }` (Google Cloud Functions, Azure Functions): the call timed, and its HTTP answer read
// the same way on both: 429 is 'throttled' at once (the experiment runner retries those with
// backoff and counts them), a timeout and the platform's own failures (5xx) are records of the
// call, the rest is thrown with what to do. Each platform says it in its own words.
import { performance } from 'node:perf_hooks';
import { UserError, type Invocation, type InvocationError } from '../../core/model';
import { round3 } from './round';
import { callTreeOf, isShimOutcome, parseJson } from './shim-answer';

export interface HttpAnswer {
  status: number;
  text: string;
}

type Timed = Pick<Invocation, 'clientStart' | 'clientEnd' | 'roundTripMs'>;

/** What a platform says about each answer that is not the function's own. */
export interface ShimCallWords {
  /** 429: no instance could take the call. */
  throttled: string;
  /** Whether an answer with this status (408 or 504) is the function's timeout. */
  isTimeout(status: number, text: string): boolean;
  timeout(status: number): string;
  /** 401 or 403: the call's credentials were refused (thrown). */
  refused(status: number): string;
  /** 404: nothing answers at the URL (thrown). */
  notFound: string;
  /** 5xx without the shim's own error: the platform could not complete the call. */
  platformError(status: number, text: string): string;
  /** Any other status (thrown). */
  unexpected(status: number, text: string): string;
}

/** Sends the call and times it; a transport failure is thrown as `failed` makes it. */
export async function timedCall(send: () => Promise<HttpAnswer>, failed: (err: unknown) => Error): Promise<{ answer: HttpAnswer; timed: Timed }> {
  const clientStart = Date.now();
  const t0 = performance.now();
  let answer: HttpAnswer;
  try {
    answer = await send();
  } catch (err) {
    throw failed(err);
  }
  return { answer, timed: { clientStart, clientEnd: Date.now(), roundTripMs: round3(performance.now() - t0) } };
}

export function invocationOf(answer: HttpAnswer, timed: Timed, words: ShimCallWords): Invocation {
  const { status, text } = answer;
  const parsed = parseJson(text);
  if (status === 200) {
    if (isShimOutcome(parsed)) {
      const tree = callTreeOf(parsed);
      return parsed.ok ? { ...timed, status: 'ok', result: parsed.result, metrics: parsed.metrics, ...tree } : { ...timed, status: 'error', error: parsed.error, metrics: parsed.metrics, ...tree };
    }
    // Not a FaaS Lab function (no shim): its plain answer.
    return { ...timed, status: 'ok', result: parsed === undefined ? text : parsed, metrics: {} };
  }
  if (status === 429) return { ...timed, status: 'throttled', error: { type: 'Throttled', message: words.throttled }, metrics: {} };
  if ((status === 504 || status === 408) && words.isTimeout(status, text)) {
    return { ...timed, status: 'timeout', error: { type: 'Timeout', message: words.timeout(status) }, metrics: {} };
  }
  if (status === 401 || status === 403) throw new UserError(words.refused(status));
  if (status === 404) throw new UserError(words.notFound);
  if (status >= 500) {
    // The shim's own failure answers (a plain call that threw) carry { error }.
    const shimError = (parsed as { error?: InvocationError } | undefined)?.error;
    const error: InvocationError = shimError && typeof shimError.type === 'string' ? shimError : { type: 'PlatformError', message: words.platformError(status, text) };
    return { ...timed, status: 'error', error, metrics: {} };
  }
  throw new UserError(words.unexpected(status, text));
}
