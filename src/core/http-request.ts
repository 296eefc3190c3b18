// How the "http" target calls an endpoint: method, headers, and a body template that places the
// payload (or parts of it) in the request body. Shared by the experiment parser (positioned
// checks), the CLI flags, the links file and the http provider.
import { BadInputError } from './bad-input';

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface HttpRequestOptions {
  /** Default POST. GET, HEAD and OPTIONS send no body. */
  method?: HttpMethod;
  /** Sent with every call; content-type defaults to application/json when a body is sent. */
  headers?: Record<string, string>;
  /** The body, with `{{payload}}` / `{{payload.path.to.value}}` placeholders; default: the payload as JSON. */
  bodyTemplate?: string;
}

/** `{{ payload }}`, `{{payload.name}}`, `{{payload.items.0}}`: a dotted path into the payload. */
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const PATH = /^payload(\.[A-Za-z0-9_$-]+)*$/;

export function isHttpMethod(text: string): text is HttpMethod {
  return (HTTP_METHODS as readonly string[]).includes(text);
}

export function sendsBody(method: HttpMethod | undefined): boolean {
  return method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';
}

/** What is wrong with a body template, if anything (a sentence that says what to write instead). */
export function bodyTemplateProblem(template: string): string | undefined {
  for (const match of template.matchAll(PLACEHOLDER)) {
    if (!PATH.test(match[1])) {
      return `{{${match[1]}}} is not a placeholder FaaS Lab knows: write {{payload}} for the whole payload or {{payload.name}} for one of its fields`;
    }
  }
  const stray = template.replace(PLACEHOLDER, '');
  if (stray.includes('{{') || stray.includes('}}')) return 'a placeholder is not closed: write {{payload.name}}, with two braces on each side';
  return undefined;
}

/**
 * The body for `payload`: each placeholder is replaced by the value at its path. Inside a JSON body
 * (the default content type) a string is inserted JSON-escaped without quotes, so `"{{payload.name}}"`
 * stays valid JSON; any other value is inserted as JSON. In a body of another content type strings
 * are inserted as they are.
 */
export function renderBody(template: string, payload: unknown, json: boolean): string {
  return template.replace(PLACEHOLDER, (_all, path: string) => {
    if (!PATH.test(path)) throw new BadInputError(bodyTemplateProblem(template) ?? `{{${path}}} is not a placeholder FaaS Lab knows`);
    const value = valueAt(payload, path.split('.').slice(1), path);
    if (typeof value === 'string') return json ? JSON.stringify(value).slice(1, -1) : value;
    return JSON.stringify(value);
  });
}

function valueAt(payload: unknown, keys: string[], path: string): unknown {
  let value = payload;
  for (const key of keys) {
    if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, key)) {
      throw new BadInputError(`The body template asks for {{${path}}}, and the payload ${JSON.stringify(payload)} has no '${key}' there: add it to the payload or change the template`);
    }
    value = (value as Record<string, unknown>)[key];
  }
  if (value === undefined) throw new BadInputError(`The body template asks for {{${path}}}, which the payload does not have`);
  return value;
}

/** `Name: value` (curl's -H form) -> [name, value]; undefined when there is no name before a colon. */
export function parseHeader(text: string): [string, string] | undefined {
  const colon = text.indexOf(':');
  if (colon <= 0) return undefined;
  const name = text.slice(0, colon).trim();
  if (!isHeaderName(name)) return undefined;
  return [name, text.slice(colon + 1).trim()];
}

/** Whether a header name is one HTTP allows (a token). */
export function isHeaderName(name: string): boolean {
  return /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name);
}

/** The options as the user gave them, with nothing unset left in. */
export function requestOptions(method: HttpMethod | undefined, headers: Record<string, string> | undefined, bodyTemplate: string | undefined): HttpRequestOptions {
  const options: HttpRequestOptions = {};
  if (method !== undefined) options.method = method;
  if (headers !== undefined && Object.keys(headers).length > 0) options.headers = headers;
  if (bodyTemplate !== undefined) options.bodyTemplate = bodyTemplate;
  return options;
}
