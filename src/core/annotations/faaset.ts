// FaaSET notebooks mark handlers with `@FaaSET.cloud_function(...)`. Two signatures exist:
//   v1: cloud_function(platforms=[Platform.AWS], memory=256, config=None, references=[],
//                      requirements=None, containerize=False, deploy=True, runMode=RunMode.CLOUD)
//   v2+: cloud_function(platform="aws", config={...}, references=[], deploy=True, force_deploy=False)
// (wlloyduw/FaaSET, FaaSET.py). Both default to AWS, and v1 to 256 MB; v2+ take memory and
// timeout from the `config` dict. This maps either onto FaaS Lab's settings.
import type { PackageKind, PlatformId } from '../model';
import type { PyLine } from './pyLexer';
import { parseCallArgs, parseValueAt, PyLiteralError, type PyArg, type PyValue } from './pyLiteral';
import type { ProblemSink } from '../text/problem-sink';
import { emptyConfig, type HandlerConfig } from './spec';
import { didYouMean } from './suggest';
import { memoryProblem, timeoutProblem } from './values';

/** What FaaSET uses when a decorator names no platform and no memory. */
export const FAASET_DEFAULT_PLATFORM: PlatformId = 'aws';
export const FAASET_DEFAULT_MEMORY_MB = 256;

// Every platform FaaS Lab deploys to, as a FaaSET decorator names it.
const SUPPORTED = '"local", "docker", Platform.AWS ("aws"), Platform.GCF ("google"), Platform.AZURE ("azure") or Platform.OPENFAAS ("openfaas")';
const KNOWN_ARGUMENTS = ['platforms', 'platform', 'memory', 'config', 'references', 'requirements', 'containerize', 'deploy', 'force_deploy', 'runMode'];
// Arguments that only steer FaaSET's notebook behaviour; FaaS Lab deploys from the editor instead.
const NOTEBOOK_ONLY = new Set(['deploy', 'force_deploy', 'runMode']);

/** A module-level variable's value as FaaS Lab can read it: a literal, or `unreadable` (a call, an expression). */
export type VariableLookup = (name: string, before: number) => PyValue | 'unreadable' | undefined;

/**
 * Module-level assignments `name = <literal>` (FaaSET notebooks keep `function_config = {...}`
 * in a cell above the decorator), looked up as Python would: the last one before the use.
 */
export function moduleVariables(text: string, lines: PyLine[]): VariableLookup {
  // Read on the first lookup only: most files never pass config= by name.
  let assigned: Map<string, { at: number; value: PyValue | 'unreadable' }[]> | undefined;
  return (name, before) => {
    assigned ??= readAssignments(text, lines);
    return assigned.get(name)?.filter((a) => a.at < before).pop()?.value;
  };
}

function readAssignments(text: string, lines: PyLine[]): Map<string, { at: number; value: PyValue | 'unreadable' }[]> {
  const assigned = new Map<string, { at: number; value: PyValue | 'unreadable' }[]>();
  const assignment = /([\p{XID_Start}_][\p{XID_Continue}]*)[ \t]*=(?!=)/uy;
  for (const line of lines) {
    if (line.kind !== 'code' || line.indent !== 0) continue;
    assignment.lastIndex = line.code;
    const found = assignment.exec(text);
    if (found === null) continue;
    let value: PyValue | 'unreadable';
    try {
      value = parseValueAt(text, assignment.lastIndex);
      // `x = {...} | other` or `x = a, b` go on past the literal: not a value FaaS Lab can know.
      if (text.slice(value.end, line.end).replace(/#.*$/, '').trim() !== '') value = 'unreadable';
    } catch (error) {
      if (!(error instanceof PyLiteralError)) throw error;
      value = 'unreadable';
    }
    const list = assigned.get(found[1]) ?? [];
    list.push({ at: line.code, value });
    assigned.set(found[1], list);
  }
  return assigned;
}

/**
 * Reads the decorator's arguments. `open` is the offset of `(`, or undefined for a bare
 * `@cloud_function`; `variables` resolves a `config=` given by name.
 */
export function readFaasetDecorator(text: string, open: number | undefined, sink: ProblemSink, variables: VariableLookup = () => undefined): HandlerConfig {
  const config = emptyConfig();
  let args: PyArg[] = [];
  if (open !== undefined) {
    try {
      args = parseCallArgs(text, open).args;
    } catch (error) {
      if (!(error instanceof PyLiteralError)) throw error;
      sink.error(error.span.start, error.span.end, `cloud_function arguments: ${error.message}`);
      return config;
    }
  }

  let platformsSeen = false;
  args.forEach((arg, index) => {
    const keyword = arg.keyword ?? positionalKeyword(arg.value, index);
    const keySpan = arg.keywordSpan ?? arg.value;
    switch (keyword) {
      case 'platforms':
      case 'platform':
        platformsSeen = true;
        readPlatforms(arg.value, config, sink);
        return;
      case 'memory':
        readNumber(arg.value, 'memory', 'memory=512', config, sink);
        return;
      case 'config':
        readConfig(arg.value, config, sink, variables);
        return;
      case 'references':
        ({ includes: config.includes, functions: config.references } = readReferences(arg.value, sink));
        return;
      case 'requirements':
        config.requirements = readRequirements(arg.value, sink);
        return;
      case 'containerize':
        if (arg.value.kind !== 'bool' || arg.value.value) {
          sink.warning(arg.value.start, arg.value.end,
            'FaaS Lab does not read containerize, so it is ignored: to deploy a container image to AWS Lambda, list an AWS Docker platform instead (platform="AWS Docker").');
        }
        return;
      case undefined:
        sink.warning(arg.value.start, arg.value.end,
          'FaaS Lab does not know what this positional argument means: name it, e.g. platforms=[Platform.AWS] or memory=512.');
        return;
      default:
        if (!NOTEBOOK_ONLY.has(keyword)) {
          sink.warning(keySpan.start, keySpan.end,
            `cloud_function has no argument "${keyword}", so it is ignored.${didYouMean(keyword, KNOWN_ARGUMENTS)} FaaS Lab reads platforms/platform, memory, config, references and requirements.`);
        }
    }
  });

  if (!platformsSeen) config.platforms = [FAASET_DEFAULT_PLATFORM];
  config.memoryMB ??= FAASET_DEFAULT_MEMORY_MB;
  return config;
}

/** v1 took platforms then memory by position; v2+ took platform then config. */
function positionalKeyword(value: PyValue, index: number): string | undefined {
  if (index === 0) return value.kind === 'list' ? 'platforms' : 'platform';
  if (index === 1) return value.kind === 'dict' || value.kind === 'name' ? 'config' : 'memory';
  return undefined;
}

/** A FaaSET platform in FaaS Lab's terms: FaaSET's AWS Docker platforms are AWS Lambda with a container image. */
interface Target {
  platform: PlatformId;
  package?: PackageKind;
}

/** Sets platforms and, for AWS Docker, package. A handler is one Lambda function, so the first AWS platform listed wins. */
function readPlatforms(value: PyValue, config: HandlerConfig, sink: ProblemSink): void {
  const items = value.kind === 'list' ? value.items : [value];
  const platforms: PlatformId[] = [];
  const unsupported: PyValue[] = [];
  let aws: { item: PyValue; package?: PackageKind } | undefined;
  for (const item of items) {
    const written = item.kind === 'str' ? item.value : item.kind === 'name' ? item.path : undefined;
    if (written === undefined) {
      sink.error(item.start, item.end, `Cannot read this platform: write one of ${SUPPORTED}.`);
      return;
    }
    const target = mapPlatform(written);
    if (target === undefined && !isFaasetPlatform(written)) {
      sink.error(item.start, item.end,
        `${shown(item)} is not a FaaSET platform, so FaaS Lab cannot tell where to deploy it.${didYouMean(platformKey(written), FAASET_PLATFORM_NAMES)} ` +
          `Write one of ${SUPPORTED}.`);
      return;
    }
    if (target === undefined) unsupported.push(item);
    else if (target.platform === 'aws' && aws !== undefined && aws.package !== target.package) {
      const [zip, image] = aws.package === 'image' ? [item, aws.item] : [aws.item, item];
      sink.warning(item.start, item.end,
        `FaaS Lab deploys one AWS Lambda function per handler and keeps the first AWS platform listed, ${shown(aws.item)}, so ${shown(item)} is skipped: ` +
          `list only the one you want, ${shown(zip)} for a zip package or ${shown(image)} for a container image.`);
    } else {
      if (target.platform === 'aws') aws ??= { item, package: target.package };
      if (!platforms.includes(target.platform)) platforms.push(target.platform);
    }
  }
  const fallback = platforms.length === 0 ? ' Until one is added, FaaS Lab offers this function on the local platform only.' : '';
  for (const item of unsupported) {
    sink.warning(item.start, item.end,
      `FaaS Lab does not support the FaaSET platform ${shown(item)}, so it is skipped: FaaS Lab deploys to ${SUPPORTED}.${fallback}`);
  }
  config.platforms = platforms.length === 0 ? ['local'] : platforms;
  config.package = aws?.package;
}

/** A platform as the decorator wrote it: `"AWS Docker"` or `Platform.AWS`. */
function shown(item: PyValue): string {
  return item.kind === 'str' ? `"${item.value}"` : item.kind === 'name' ? item.path : '';
}

/**
 * The platforms FaaSET has had (its platforms/ folders and v1's Platform enum). Those FaaS Lab
 * cannot deploy to (IBM, DigitalOcean) are skipped with a warning; any other name is an error.
 */
const FAASET_PLATFORM_NAMES = [
  'aws', 'aws_api_gateway', 'aws_boto3', 'aws_docker', 'aws_docker_arm', 'aws_docker_debian', 'aws_function_url',
  'azure', 'google', 'google_gen1', 'google_gen2', 'gcf', 'local', 'docker',
  'ibm', 'ibm_cloud_functions', 'ibm_cloud_functions_docker', 'openfaas', 'openfaas_eks', 'digital_ocean', 'do', 'demo',
];

function isFaasetPlatform(written: string): boolean {
  return FAASET_PLATFORM_NAMES.includes(platformKey(written));
}

/** `Platform.AWS_DOCKER`, `"AWS Docker"` -> `aws_docker`. */
function platformKey(written: string): string {
  return (written.split('.').pop() ?? '').toLowerCase().replace(/[\s-]+/g, '_');
}

/** FaaSET's names (`Platform.GCF`, `"google_gen2"`, `"AWS Docker Debian"`) in FaaS Lab's terms. */
function mapPlatform(written: string): Target | undefined {
  const name = platformKey(written);
  if (name === 'docker') return { platform: 'docker' };
  if (name === 'local') return { platform: 'local' };
  if (name.startsWith('aws') || name === 'lambda') {
    return name.includes('docker') ? { platform: 'aws', package: 'image' } : { platform: 'aws' };
  }
  if (name.startsWith('google') || name.startsWith('gcf') || name.startsWith('gcp')) return { platform: 'gcp' };
  if (name.startsWith('azure')) return { platform: 'azure' };
  // FaaSET's OpenFaaS platforms (its own cluster, or one on EKS) both deploy through a gateway.
  if (name === 'openfaas' || name === 'openfaas_eks') return { platform: 'openfaas' };
  return undefined;
}

function readNumber(value: PyValue, key: 'memory' | 'timeout', example: string, config: HandlerConfig, sink: ProblemSink): void {
  // FaaSET config files hold numbers as strings too ("memory": "512").
  const number = value.kind === 'number' ? value.value : value.kind === 'str' && /^\d+$/.test(value.value) ? Number(value.value) : NaN;
  const shown = value.kind === 'str' ? `"${value.value}"` : value.kind === 'number' ? String(value.value) : 'that value';
  const integer = value.kind !== 'number' || value.integer;
  const whole = integer ? number : NaN;
  const problem = key === 'memory' ? memoryProblem(whole, shown, example) : timeoutProblem(whole, shown, example);
  if (problem !== undefined) sink.error(value.start, value.end, problem);
  else if (key === 'memory') config.memoryMB = number;
  else config.timeoutS = number;
}

function readConfig(value: PyValue, config: HandlerConfig, sink: ProblemSink, variables: VariableLookup): void {
  if (value.kind === 'none') return;
  if (value.kind === 'name') {
    const resolved = variables(value.path, value.start);
    if (resolved !== undefined && resolved !== 'unreadable') {
      readConfig(resolved, config, sink, () => undefined);
      return;
    }
    const why = resolved === 'unreadable'
      ? `is not set to a literal dict above this decorator`
      : `is not assigned at the top level above the decorator (in a notebook: in this cell or an earlier one)`;
    sink.warning(value.start, value.end,
      `FaaS Lab cannot read the variable ${value.path} (it ${why}), so memory and timeout set in it are not applied: ` +
        `write the dict here (config={"memory": 512, "timeout": 60}), assign ${value.path} = {"memory": 512} above it, or add a # @faas memory=512 timeout=60 line above.`);
    return;
  }
  if (value.kind !== 'dict') {
    sink.error(value.start, value.end, 'config must be a dict, e.g. config={"memory": 512, "timeout": 60}.');
    return;
  }
  // Other keys (role, profile, region, runtime, ...) configure FaaSET's own deploy scripts.
  for (const { key, value: entry } of value.entries) {
    if (key.kind !== 'str') continue;
    // An explicit memory= argument (v1) wins over config["memory"], as in FaaSET.
    if (key.value === 'memory' && config.memoryMB === undefined) readNumber(entry, 'memory', '"memory": 512', config, sink);
    if (key.value === 'timeout') readNumber(entry, 'timeout', '"timeout": 60', config, sink);
  }
}

/**
 * FaaSET's references: other cloud functions (by function object), which get call stubs that
 * invoke the deployed function, and paths given as strings, which are shipped with the function.
 */
function readReferences(value: PyValue, sink: ProblemSink): { includes: string[]; functions: string[] } {
  const items = value.kind === 'list' ? value.items : [value];
  const includes: string[] = [];
  const functions: string[] = [];
  for (const item of items) {
    if (item.kind === 'str') includes.push(item.value);
    // The stub takes the name the function body calls: `hello_world(request, None)`.
    else if (item.kind === 'name') functions.push(item.path.split('.').pop()!);
    else if (item.kind !== 'none') {
      sink.error(item.start, item.end, 'references lists functions to call (references=[hello_world]) or files or folders to ship, as strings (references=["data", "model.pkl"]).');
    }
  }
  return { includes, functions };
}

/** requirements.txt text ("numpy\npandas==2.2") or a list of specifiers. */
function readRequirements(value: PyValue, sink: ProblemSink): string[] {
  if (value.kind === 'none') return [];
  if (value.kind === 'list' && value.items.every((item) => item.kind === 'str')) {
    return value.items.flatMap((item) => (item.kind === 'str' ? splitRequirements(item.value) : []));
  }
  if (value.kind === 'str') return splitRequirements(value.value);
  sink.error(value.start, value.end, 'requirements is requirements.txt text, e.g. requirements="numpy\\npandas==2.2", or a list of strings.');
  return [];
}

function splitRequirements(text: string): string[] {
  return text.split(/\r?\n/).flatMap((line) => {
    const requirement = line.replace(/(^|\s)#.*$/, '').trim();
    if (requirement === '') return [];
    // "numpy pandas" lists two packages; "numpy >= 1.26" is one specifier with spaces.
    const words = requirement.split(/\s+/);
    return words.some((word) => /^[<>=!~;,[]/.test(word)) ? [requirement] : words;
  });
}
