// The checks of the form's newer fields (http target, memory recommendation, retry), shared by the
// webview (a message beside the field before anything is sent) and the host (which writes nothing
// that fails them). Each returns the message that refuses a value, or undefined.
import { bodyTemplateProblem, isHeaderName } from '../../http-request';
import { CHOICES, type ChoiceKey, type RetryKey, type TextKey } from './fields';

/** The retry keys' ranges, as the schema has them. */
const RETRY_RANGES: Record<RetryKey, readonly [number, number]> = { maxRetries: [0, 100], baseDelayMs: [1, 600_000], maxDelayMs: [1, 600_000] };

export function textProblem(key: TextKey, value: string): string | undefined {
  if (value === '') return undefined;
  if (key === 'endpoint' && !/^https?:\/\/[^\s/]+/.test(value)) return `endpoint: "${value}" is not an http:// or https:// URL; give the full URL, e.g. http://127.0.0.1:31112/function/hello`;
  if (key === 'bodyTemplate') {
    const problem = bodyTemplateProblem(value);
    if (problem) return `bodyTemplate: ${problem}`;
  }
  return undefined;
}

export function balancedWeightProblem(value: number): string | undefined {
  return value >= 0 && value <= 1 ? undefined : `balancedWeight: ${value} is not from 0 to 1; 0 weighs only speed, 1 only cost, 0.5 both alike`;
}

export function choiceProblem(key: ChoiceKey, value: string): string | undefined {
  const allowed = CHOICES[key];
  return allowed.includes(value) ? undefined : `${key}: use ${allowed.map((a) => `"${a}"`).join(', ')}`;
}

export function retryProblem(key: RetryKey, value: number): string | undefined {
  const [min, max] = RETRY_RANGES[key];
  const whole = key === 'maxRetries';
  if (Number.isFinite(value) && value >= min && value <= max && (!whole || Number.isInteger(value))) return undefined;
  return `retry.${key}: ${value} is not ${whole ? 'a whole number' : 'a number of ms'} from ${min} to ${max}`;
}

/** `headers` as parsed JSON: an object of header names to string values. */
export function headersProblem(value: Record<string, unknown>): string | undefined {
  const bad = Object.entries(value).find(([name, v]) => !isHeaderName(name) || typeof v !== 'string');
  if (!bad) return undefined;
  return `headers: ${JSON.stringify(bad[0])}: ${isHeaderName(bad[0]) ? 'a header value is a string' : 'not a header name'}, e.g. {"Authorization": "Bearer …"}; nothing was written`;
}
