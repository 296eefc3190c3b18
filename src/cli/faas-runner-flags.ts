// FaaS Runner's own command line on `faas-lab run`: `-f <function.json>`, `-e <experiment.json>`,
// `-o <folder>` and `--<key> <value>` overrides (`--runs 10 --memorySettings "[256]"`). As
// faas_runner.py reads them: the words after an override up to the next flag are joined into its
// value; experiment values are read as an integer, else as JSON, else as text; function-file keys
// stay text.
import { UsageError } from './args';
import { FUNCTION_FILE_KEYS } from '../core/experiment/function-file';

export interface FaasRunnerArgs {
  /** What is left for FaaS Lab's own parser (positionals and FaaS Lab's flags). */
  rest: string[];
  functionFile?: string;
  experimentFile?: string;
  /** FaaS Runner's -o: the folder its CSV reports go to. */
  outDir?: string;
  /** Overrides of experiment keys, typed as FaaS Runner types them. */
  experimentOverrides: Record<string, unknown>;
  /** Overrides of function-file keys (function, platform, source, endpoint), as text. */
  functionOverrides: Record<string, string>;
}

/** Takes FaaS Runner's flags out of argv; `ownFlags` are FaaS Lab's `--name`s and how many values each takes. */
export function splitFaasRunnerArgs(argv: readonly string[], ownFlags: Readonly<Record<string, 0 | 1>>, usage: string): FaasRunnerArgs {
  const out: FaasRunnerArgs = { rest: [], experimentOverrides: {}, functionOverrides: {} };
  const raw = new Map<string, string>();
  const files = { f: [] as string[], e: [] as string[], o: [] as string[] };
  let target: string[] | undefined;
  let override: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const own = arg.startsWith('--') ? ownFlags[arg.slice(2).split('=')[0]] : undefined;
    if (arg === '-f' || arg === '-e' || arg === '-o') {
      target = files[arg[1] as 'f' | 'e' | 'o'];
      override = undefined;
    } else if (own !== undefined) {
      out.rest.push(arg);
      if (own === 1 && !arg.includes('=') && i + 1 < argv.length) out.rest.push(argv[++i]);
      target = undefined;
      override = undefined;
    } else if (arg.startsWith('--')) {
      override = arg.slice(2);
      raw.set(override, '');
      target = undefined;
    } else if (override !== undefined) {
      raw.set(override, raw.get(override)! + arg);
    } else if (target) {
      target.push(arg);
    } else {
      out.rest.push(arg);
    }
  }
  if (files.f.length > 1 || files.e.length > 1) {
    throw new UsageError(`FaaS Lab runs one function file and one experiment file at a time (FaaS Runner's pipelines of several are not supported): give one -f and one -e\nusage: ${usage}`);
  }
  out.functionFile = files.f[0];
  out.experimentFile = files.e[0];
  out.outDir = files.o.at(-1);
  for (const [key, value] of raw) {
    const name = indexedKey(key, usage);
    if (name === '') throw new UsageError(`'--' needs a key name, e.g. --runs 10\nusage: ${usage}`);
    if (value === '') throw new UsageError(`--${key} needs a value, e.g. --${name} 10 (FaaS Runner's override syntax)\nusage: ${usage}`);
    if ((FUNCTION_FILE_KEYS as readonly string[]).includes(name)) out.functionOverrides[name] = value;
    else out.experimentOverrides[name] = overrideValue(value);
  }
  return out;
}

/** `runs[0]` is FaaS Runner's override of the first file only; FaaS Lab has one file of each. */
function indexedKey(key: string, usage: string): string {
  const match = /^([^[\]]*)\[(\d+)\]$/.exec(key);
  if (!match) return key;
  if (match[2] !== '0') throw new UsageError(`--${key}: FaaS Lab runs one function and one experiment file, so only index [0] (or none) applies\nusage: ${usage}`);
  return match[1];
}

/** As faas_runner.py: int(value), else json.loads(value), else the text itself. */
export function overrideValue(text: string): unknown {
  if (/^\s*[+-]?\d+\s*$/.test(text)) return Number.parseInt(text, 10);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
