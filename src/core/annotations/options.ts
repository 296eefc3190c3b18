// Reads the options of an `@faas` annotation: `memory=256 platforms=local,aws env=A="x, y"`.
// The same text follows `//`, a JSDoc tag or `#`, so this part is language independent.
import { PLATFORM_IDS, isPlatformId, type PackageKind, type PlatformId } from '../model';
import type { ProblemSink } from '../text/problem-sink';
import { emptyConfig, type HandlerConfig, type Span } from './spec';
import { didYouMean } from './suggest';
import { ENV_KEY_PATTERN, PLATFORM_LIST, memoryProblem, nameProblem, parseWholeNumber, timeoutProblem } from './values';

export const OPTION_KEYS = ['memory', 'timeout', 'platforms', 'name', 'env', 'requirements', 'includes', 'package'] as const;
type OptionKey = (typeof OPTION_KEYS)[number];

const EXAMPLES: Record<OptionKey, string> = {
  memory: 'memory=256',
  timeout: 'timeout=30',
  platforms: 'platforms=local,aws',
  name: 'name=hello-fn',
  env: 'env=GREETING=hi,MODE=fast',
  requirements: 'requirements=requests,numpy>=1.26',
  includes: 'includes=data,templates',
  package: 'package=image',
};

const PACKAGE_KINDS: readonly PackageKind[] = ['zip', 'image'];

/** One character of an option after quotes are removed; `quoted` tells separators from content. */
interface Char {
  ch: string;
  at: number;
  quoted: boolean;
}

interface Entry extends Span {
  chars: Char[];
}

const isKey = (key: string): key is OptionKey => (OPTION_KEYS as readonly string[]).includes(key);
const isPackageKind = (value: string): value is PackageKind => (PACKAGE_KINDS as readonly string[]).includes(value);
const textOf = (chars: Char[]): string => chars.map((c) => c.ch).join('');
const spanOf = (chars: Char[], fallback: Span): Span =>
  chars.length === 0 ? fallback : { start: chars[0].at, end: chars[chars.length - 1].at + 1 };

/** Parses the options between `start` and `end` in `text`; errors go to `sink`. */
export function parseOptions(text: string, start: number, end: number, sink: ProblemSink): HandlerConfig {
  const config = emptyConfig();
  const seen = new Map<string, Span>();
  let packageSpan: Span | undefined;
  for (const entry of splitEntries(text, start, end, sink)) {
    const eq = entry.chars.findIndex((c) => c.ch === '=' && !c.quoted);
    const keyChars = eq < 0 ? entry.chars : entry.chars.slice(0, eq);
    const key = textOf(keyChars);
    const keySpan = spanOf(keyChars, entry);
    if (!isKey(key)) {
      sink.error(keySpan.start, keySpan.end,
        `Unknown @faas option "${key}".${didYouMean(key, OPTION_KEYS)} The options are ${OPTION_KEYS.join(', ')}, written key=value.`);
      continue;
    }
    const valueChars = eq < 0 ? [] : entry.chars.slice(eq + 1);
    if (eq < 0 || valueChars.length === 0) {
      sink.error(keySpan.start, entry.end, `Option "${key}" has no value: write ${key}=<value>, e.g. ${EXAMPLES[key]}.`);
      continue;
    }
    const first = seen.get(key);
    if (first !== undefined) {
      sink.warning(keySpan.start, keySpan.end,
        `Option "${key}" is set twice; the first ${key}= is used and this one is ignored: remove one of them.`);
      continue;
    }
    seen.set(key, keySpan);
    const valueSpan = { start: entry.chars[eq].at + 1, end: entry.end };
    if (key === 'package') packageSpan = valueSpan;
    readValue(key, valueChars, valueSpan, config, sink);
  }
  if (packageSpan !== undefined) checkPackage(config, packageSpan, sink);
  return config;
}

/** package= is read before or after platforms=, so whether it applies is checked once both are known. */
function checkPackage(config: HandlerConfig, span: Span, sink: ProblemSink): void {
  if (config.package !== 'image' || config.platforms === undefined || config.platforms.includes('aws')) return;
  sink.warning(span.start, span.end,
    'package=image only changes AWS Lambda deployments (Docker always runs containers; local, gcp and azure ignore it): ' +
      'add aws to platforms= or remove package=.');
}

function readValue(key: OptionKey, chars: Char[], span: Span, config: HandlerConfig, sink: ProblemSink): void {
  const value = textOf(chars);
  switch (key) {
    case 'memory':
    case 'timeout': {
      const number = parseWholeNumber(value);
      const problem = key === 'memory' ? memoryProblem(number, `"${value}"`) : timeoutProblem(number, `"${value}"`);
      if (problem !== undefined) sink.error(span.start, span.end, problem);
      else if (key === 'memory') config.memoryMB = number;
      else config.timeoutS = number;
      return;
    }
    case 'name': {
      const problem = nameProblem(value);
      if (problem !== undefined) sink.error(span.start, span.end, problem);
      else {
        config.name = value;
        config.nameSpan = span;
      }
      return;
    }
    case 'platforms':
      config.platforms = readPlatforms(splitItems(chars), span, sink);
      return;
    case 'env':
      config.env = readEnv(splitItems(chars), span, sink);
      return;
    case 'requirements':
      config.requirements = splitItems(chars).map(textOf);
      return;
    case 'includes':
      config.includes = readIncludes(splitItems(chars), span, sink);
      return;
    case 'package':
      if (isPackageKind(value)) config.package = value;
      else {
        sink.error(span.start, span.end,
          `Unknown package "${value}".${didYouMean(value, PACKAGE_KINDS)} Write package=zip or package=image (image: a container image on AWS Lambda).`);
      }
      return;
  }
}

function readPlatforms(items: Char[][], span: Span, sink: ProblemSink): PlatformId[] | undefined {
  const platforms: PlatformId[] = [];
  let ok = true;
  for (const item of items) {
    const name = textOf(item);
    const at = spanOf(item, span);
    if (isPlatformId(name)) {
      if (!platforms.includes(name)) platforms.push(name);
    } else {
      ok = false;
      sink.error(at.start, at.end,
        `Unknown platform "${name}".${didYouMean(name, PLATFORM_IDS)} Use one or more of ${PLATFORM_LIST}, comma-separated (e.g. platforms=local,aws).`);
    }
  }
  if (ok && platforms.length === 0) {
    sink.error(span.start, span.end, `platforms is empty: list one or more of ${PLATFORM_LIST} (e.g. platforms=local,aws).`);
  }
  return ok ? platforms : undefined;
}

function readEnv(items: Char[][], span: Span, sink: ProblemSink): Record<string, string> {
  const env: Record<string, string> = {};
  for (const item of items) {
    const at = spanOf(item, span);
    // The first `=` separates the name even inside quotes: a name can never hold one.
    const eq = item.findIndex((c) => c.ch === '=');
    const key = textOf(eq < 0 ? item : item.slice(0, eq));
    if (eq <= 0) {
      sink.error(at.start, at.end,
        `Malformed env entry "${textOf(item)}": write KEY=VALUE, e.g. env=GREETING=hi,MODE=fast ` +
          `(quote a value holding commas or spaces: GREETING="hi, there").`);
    } else if (!ENV_KEY_PATTERN.test(key)) {
      sink.error(at.start, item[eq - 1].at + 1,
        `"${key}" is not a valid environment variable name: start with a letter or "_" and use only letters, digits and "_" (e.g. MY_VAR=1).`);
    } else if (key in env) {
      sink.warning(at.start, item[eq - 1].at + 1, `Environment variable ${key} is set twice; the last value is used: remove one of them.`);
      env[key] = textOf(item.slice(eq + 1));
    } else {
      env[key] = textOf(item.slice(eq + 1));
    }
  }
  return env;
}

function readIncludes(items: Char[][], span: Span, sink: ProblemSink): string[] {
  const includes: string[] = [];
  for (const item of items) {
    const path = textOf(item);
    if (/^([\\/]|[A-Za-z]:)/.test(path)) {
      const at = spanOf(item, span);
      sink.error(at.start, at.end,
        `includes takes paths relative to this file, not "${path}": write e.g. includes=data,templates/page.html.`);
    } else includes.push(path);
  }
  return includes;
}

/**
 * Splits a list value at commas. Quoted commas belong to the item (`env=A="x, y"`), except when
 * the whole value is one quoted string (`platforms="local, aws"`), which lists its items inside.
 */
function splitItems(chars: Char[]): Char[][] {
  const wholeQuoted = chars.every((c) => c.quoted);
  const items: Char[][] = [[]];
  for (const c of chars) {
    if (c.ch === ',' && (wholeQuoted || !c.quoted)) items.push([]);
    else items[items.length - 1].push(c);
  }
  return items.map(trimChars).filter((item) => item.length > 0);
}

function trimChars(chars: Char[]): Char[] {
  let a = 0;
  let b = chars.length;
  while (a < b && /\s/.test(chars[a].ch) && chars[a].quoted) a++;
  while (b > a && /\s/.test(chars[b - 1].ch) && chars[b - 1].quoted) b--;
  return chars.slice(a, b);
}

/** Whitespace-separated entries; `"..."` may hold spaces and `\"`. */
function splitEntries(text: string, start: number, end: number, sink: ProblemSink): Entry[] {
  const entries: Entry[] = [];
  let i = start;
  while (i < end) {
    if (/\s/.test(text[i])) {
      i++;
      continue;
    }
    const entry: Entry = { chars: [], start: i, end: i };
    while (i < end && !/\s/.test(text[i])) {
      if (text[i] !== '"') {
        entry.chars.push({ ch: text[i], at: i, quoted: false });
        i++;
        continue;
      }
      const open = i++;
      while (i < end && text[i] !== '"') {
        if (text[i] === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\') && i + 1 < end) i++;
        entry.chars.push({ ch: text[i], at: i, quoted: true });
        i++;
      }
      if (i >= end) {
        sink.error(open, end, `Unterminated quote: add a closing " after the value (e.g. env=GREETING="hi, there").`);
        return entries; // the rest of the line is inside the quote: nothing more can be read
      }
      i++;
    }
    entry.end = i;
    entries.push(entry);
  }
  return entries;
}
