// --method, --header 'Name: value' (repeatable), --body-template: how the http target calls an endpoint.
import { bodyTemplateProblem, isHttpMethod, parseHeader, requestOptions, sendsBody, type HttpRequestOptions } from '../core/http-request';
import { UsageError } from './args';

export const httpFlags = {
  method: { type: 'string', short: 'X' },
  header: { type: 'string', short: 'H', multiple: true },
  'body-template': { type: 'string' },
} as const;

export function httpRequestOf(values: { method?: string; header?: string[]; 'body-template'?: string }): HttpRequestOptions {
  const method = values.method?.toUpperCase();
  if (method !== undefined && !isHttpMethod(method)) throw new UsageError(`--method ${values.method}: use GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS`);
  const headers: Record<string, string> = {};
  for (const text of values.header ?? []) {
    const header = parseHeader(text);
    if (!header) throw new UsageError(`--header ${JSON.stringify(text)}: write it as 'Name: value', e.g. --header 'Authorization: Bearer abc'`);
    headers[header[0]] = header[1];
  }
  const template = values['body-template'];
  if (template !== undefined) {
    const problem = bodyTemplateProblem(template);
    if (problem) throw new UsageError(`--body-template: ${problem}`);
    if (!sendsBody(method)) throw new UsageError(`--body-template: a ${method} request has no body; leave it out or use --method POST`);
  }
  return requestOptions(method, headers, template);
}

export function hasHttpFlags(values: { method?: string; header?: string[]; 'body-template'?: string }): boolean {
  return values.method !== undefined || (values.header?.length ?? 0) > 0 || values['body-template'] !== undefined;
}
