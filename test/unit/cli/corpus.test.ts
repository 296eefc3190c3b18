// The hostile-input corpus (test/fixtures/corpus/<case>/): each case is an input a user could
// give, run through the real CLI; every one must end with its exit code and a message that says
// what is wrong — at its position when it is in a file — and none may crash.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { runCli } from '../../../src/cli/main';
import type { CliIO } from '../../../src/cli/io';

interface CorpusCase {
  about: string;
  /** CLI arguments; `{case}` is the case's folder. */
  args: string[];
  exit: number;
  /** `file:line:col` (1-based) the message must point at. */
  position?: string;
  /** Patterns the output must match. */
  messages: string[];
  /** Patterns it must not match. */
  absent?: string[];
  /** Inputs too large to keep in the repository, written into the case's folder first: prefix + repeat × times + suffix. */
  generate?: { file: string; prefix?: string; repeat: string; times: number; suffix?: string }[];
  /** Set in FaaS Lab's environment for the case (e.g. a secret a handler must not read). */
  env?: Record<string, string>;
  /** Files (relative to the case's folder) that must exist afterwards, each matching its pattern. */
  files?: Record<string, string>;
}

const corpus = path.resolve(__dirname, '../../fixtures/corpus');
const root = mkdtempSync(path.join(tmpdir(), 'faaslab-corpus-'));
after(() => rmSync(root, { recursive: true, force: true }));

/** A stack trace, the catch-all for errors nobody expected, or a JavaScript engine error is a crash. */
const CRASH = /Unexpected error|Please report this|\n\s+at .+:\d+:\d+\)?\n|RangeError|TypeError: Cannot read/;

const figures = { inputs: 0, positioned: 0, crashes: 0 };

for (const name of readdirSync(corpus).sort()) {
  const spec = JSON.parse(readFileSync(path.join(corpus, name, 'case.json'), 'utf8')) as CorpusCase;
  test(`${name}: ${spec.about}`, async (t) => {
    const dir = path.join(root, name);
    cpSync(path.join(corpus, name), dir, { recursive: true });
    for (const g of spec.generate ?? []) writeFileSync(path.join(dir, g.file), (g.prefix ?? '') + g.repeat.repeat(g.times) + (g.suffix ?? ''));
    const saved = Object.fromEntries(Object.keys(spec.env ?? {}).map((k) => [k, process.env[k]]));
    Object.assign(process.env, spec.env);
    t.after(() => {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    });
    let output = '';
    const io: CliIO = { out: (t) => (output += t + '\n'), err: (t) => (output += t + '\n'), isTTY: false };
    const args = spec.args.map((a) => a.replaceAll('{case}', dir));
    figures.inputs++;
    const code = await runCli([...args, '--root', dir], io, new AbortController().signal);
    if (CRASH.test(output)) figures.crashes++;
    assert.doesNotMatch(output, CRASH, 'crashed');
    assert.equal(code, spec.exit, output);
    if (spec.position) {
      assert.ok(output.includes(`${path.join(dir, spec.position)}:`), `no message at ${spec.position}:\n${output}`);
      figures.positioned++;
    }
    for (const pattern of spec.messages) assert.match(output, new RegExp(pattern, 'm'));
    for (const pattern of spec.absent ?? []) assert.doesNotMatch(output, new RegExp(pattern));
    for (const [file, pattern] of Object.entries(spec.files ?? {})) assert.match(readFileSync(path.join(dir, file), 'utf8'), new RegExp(pattern, 'm'), file);
  });
}

after(() => {
  // The figures README.md quotes ("What FaaS Lab does with bad input and faults").
  console.log(`hostile-input corpus: ${figures.inputs} inputs tried, ${figures.positioned} positioned messages, crashes: ${figures.crashes}`);
});
