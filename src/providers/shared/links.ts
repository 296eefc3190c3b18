// Functions FaaS Lab calls but did not create, linked by name as FaaSET links deployed functions:
// an HTTP endpoint, or an existing Lambda function by ARN. Kept in <root>/.faaslab/links.json
// (owner only: headers may carry tokens) so every process of the workspace finds them.
// Unlinking forgets the name; nothing remote is ever touched.
import { promises as fs, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { BadInputError } from '../../core/bad-input';
import { bodyTemplateProblem, isHeaderName, isHttpMethod, type HttpRequestOptions } from '../../core/http-request';
import { UserError } from '../../core/model';
import { makeStateSubdir } from '../../core/state-dir';

export type Link = HttpLink | AwsLink;

export interface HttpLink {
  platform: 'http';
  name: string;
  url: string;
  request?: HttpRequestOptions;
  linkedAt: string;
}

export interface AwsLink {
  platform: 'aws';
  name: string;
  arn: string;
  linkedAt: string;
}

interface LinksFile {
  version: 1;
  links: Link[];
}

const FILE_VERSION = 1;
/** A Lambda function ARN, optionally with a version or alias: arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]. */
const LAMBDA_ARN = /^arn:aws[a-z-]*:lambda:([a-z0-9-]+):(\d{12}):function:([A-Za-z0-9_-]{1,64})(:[A-Za-z0-9$_-]+)?$/;
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export function linksFileOf(root: string): string {
  return path.join(root, '.faaslab', 'links.json');
}

/** The parts of a Lambda function ARN, or undefined when `arn` is not one. */
export function parseLambdaArn(arn: string): { region: string; account: string; functionName: string; qualifier?: string } | undefined {
  const m = LAMBDA_ARN.exec(arn);
  if (!m) return undefined;
  return { region: m[1], account: m[2], functionName: m[3], ...(m[4] ? { qualifier: m[4].slice(1) } : {}) };
}

export function checkLinkName(name: string): void {
  if (!NAME.test(name)) throw new BadInputError(`'${name}' cannot name a linked function: use up to 64 letters, digits, '-', '_' and '.', starting with a letter or digit`);
}

export class LinkStore {
  constructor(readonly file: string) {}

  /** Every link; an absent file is no links. Read synchronously: it is small, and read on every get/list. */
  all(): Link[] {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new UserError(`Cannot read the linked functions in ${this.file} (${(err as Error).message}): check its permissions`);
    }
    return parseLinks(text, this.file);
  }

  find(name: string, platform?: Link['platform']): Link | undefined {
    return this.all().find((l) => l.name === name && (platform === undefined || l.platform === platform));
  }

  /** Adds or replaces the link of that name on that platform. */
  async save(link: Link): Promise<void> {
    checkLink(link);
    const links = this.all().filter((l) => !(l.name === link.name && l.platform === link.platform));
    await this.write([...links, link]);
  }

  /** Forgets the link; the link it was, or undefined when there was none. */
  async remove(name: string, platform?: Link['platform']): Promise<Link | undefined> {
    const links = this.all();
    const gone = links.find((l) => l.name === name && (platform === undefined || l.platform === platform));
    if (!gone) return undefined;
    await this.write(links.filter((l) => l !== gone));
    return gone;
  }

  private async write(links: Link[]): Promise<void> {
    const dir = path.dirname(this.file);
    makeStateSubdir(dir);
    const body: LinksFile = { version: FILE_VERSION, links: [...links].sort((a, b) => a.platform.localeCompare(b.platform) || a.name.localeCompare(b.name)) };
    // Written beside and renamed: another process never reads half a file.
    const tmp = `${this.file}.${process.pid}.tmp`;
    await fs.writeFile(tmp, JSON.stringify(body, null, 2) + '\n', { mode: 0o600 });
    await fs.chmod(tmp, 0o600);
    await fs.rename(tmp, this.file);
  }
}

function parseLinks(text: string, file: string): Link[] {
  const broken = (why: string) => new UserError(`${file} ${why}: fix it, or delete it and link the functions again (faas-lab link)`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw broken(`is not valid JSON (${(err as Error).message})`);
  }
  const links = (parsed as Partial<LinksFile> | null)?.links;
  if (!Array.isArray(links)) throw broken('has no "links" list');
  return links.map((link: unknown, i) => {
    try {
      checkLink(link as Link);
    } catch (err) {
      throw broken(`link ${i + 1}: ${(err as Error).message}`);
    }
    return link as Link;
  });
}

/** Throws a BadInputError saying what is wrong with a link. */
export function checkLink(link: Link): void {
  if (typeof link !== 'object' || link === null) throw new BadInputError('a link is an object with "name" and "platform"');
  checkLinkName(link.name);
  if (link.platform === 'http') {
    if (typeof link.url !== 'string' || !/^https?:\/\/[^\s/]+/.test(link.url)) {
      throw new BadInputError(`${JSON.stringify(link.url)} is not an http:// or https:// URL: give the endpoint's full URL, e.g. --url http://127.0.0.1:8080/function/hello`);
    }
    checkRequest(link.request);
  } else if (link.platform === 'aws') {
    if (typeof link.arn !== 'string' || !parseLambdaArn(link.arn)) {
      throw new BadInputError(`${JSON.stringify(link.arn)} is not a Lambda function ARN: give one like arn:aws:lambda:us-east-1:123456789012:function:my-function`);
    }
  } else {
    throw new BadInputError(`functions on ${JSON.stringify((link as { platform: unknown }).platform)} cannot be linked: link an HTTP endpoint (--url) or a Lambda function (--platform aws --arn)`);
  }
}

function checkRequest(request: HttpRequestOptions | undefined): void {
  if (request === undefined) return;
  if (request.method !== undefined && !isHttpMethod(request.method)) throw new BadInputError(`${JSON.stringify(request.method)} is not an HTTP method FaaS Lab sends: use GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS`);
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    if (!isHeaderName(name) || typeof value !== 'string') throw new BadInputError(`header ${JSON.stringify(name)}: write headers as 'Name: value'`);
  }
  if (request.bodyTemplate !== undefined) {
    const problem = typeof request.bodyTemplate === 'string' ? bodyTemplateProblem(request.bodyTemplate) : 'a body template is text';
    if (problem) throw new BadInputError(`body template: ${problem}`);
  }
}
