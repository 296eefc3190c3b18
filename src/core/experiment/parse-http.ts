// The "http" target's request keys of an experiment: "method", "headers", "bodyTemplate".
import type { Node } from 'jsonc-parser';
import { HTTP_METHODS, bodyTemplateProblem, isHeaderName, requestOptions, sendsBody, type HttpMethod, type HttpRequestOptions } from '../http-request';
import type { PlatformId } from '../model';
import type { JsonChecker } from './json-check';

type Get = (key: 'method' | 'headers' | 'bodyTemplate') => Node | undefined;

/** The request options, checked where they are written; undefined when none is set or any is wrong. */
export function readHttpRequest(check: JsonChecker, get: Get, platforms: readonly PlatformId[]): HttpRequestOptions | undefined {
  const nodes = { method: get('method'), headers: get('headers'), bodyTemplate: get('bodyTemplate') };
  const given = Object.entries(nodes).filter(([, n]) => n !== undefined) as [string, Node][];
  if (given.length === 0) return undefined;
  if (!platforms.includes('http')) {
    for (const [key, node] of given) check.warning(node, `${key}: used only with platform "http" (how FaaS Lab calls the endpoint); ignored`);
    return undefined;
  }
  let ok = true;
  const method = nodes.method && check.oneOf<HttpMethod>(nodes.method, 'method', HTTP_METHODS);
  if (nodes.method && method === undefined) ok = false;
  const headers = nodes.headers && readHeaders(check, nodes.headers);
  if (nodes.headers && headers === undefined) ok = false;
  let bodyTemplate: string | undefined;
  if (nodes.bodyTemplate) {
    bodyTemplate = check.string(nodes.bodyTemplate, 'bodyTemplate', 'the request body, e.g. "{\\"name\\": \\"{{payload.name}}\\"}"');
    const problem = bodyTemplate === undefined ? undefined : bodyTemplateProblem(bodyTemplate);
    if (problem) check.error(nodes.bodyTemplate, `bodyTemplate: ${problem}`);
    if (bodyTemplate !== undefined && !sendsBody(method)) check.error(nodes.bodyTemplate, `bodyTemplate: a ${method} request has no body; remove bodyTemplate or use "method": "POST"`);
    if (bodyTemplate === undefined || problem || !sendsBody(method)) ok = false;
  }
  return ok ? requestOptions(method, headers, bodyTemplate) : undefined;
}

function readHeaders(check: JsonChecker, node: Node): Record<string, string> | undefined {
  if (!check.object(node, 'headers', '{"Authorization": "Bearer ..."}')) return undefined;
  const headers: Record<string, string> = {};
  let ok = true;
  for (const [name, { key, value }] of check.properties(node, 'headers.')) {
    if (!isHeaderName(name)) {
      check.error(key, `headers: ${JSON.stringify(name)} is not a header name; use letters, digits and '-', e.g. "X-Api-Key"`);
      ok = false;
    } else if (value.type !== 'string') {
      check.error(value, `headers.${name}: a header's value is a string in quotes`);
      ok = false;
    } else {
      headers[name] = value.value as string;
    }
  }
  return ok ? headers : undefined;
}
