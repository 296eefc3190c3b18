// A Python handler with a syntax error would deploy and then fail on its first call; compiling it
// (without running it) in a python3 subprocess catches that at deploy, with the position.
import { spawn } from 'node:child_process';
import { BadInputError } from '../bad-input';

const COMPILE = `
import json, sys
try:
    compile(sys.stdin.buffer.read(), sys.argv[1], "exec", dont_inherit=True)
except (SyntaxError, ValueError) as error:
    print(json.dumps({"type": type(error).__name__, "message": getattr(error, "msg", None) or str(error),
                      "line": getattr(error, "lineno", None) or 1, "col": getattr(error, "offset", None) or 1}))
`;

interface CompileError {
  type: string;
  message: string;
  line: number;
  col: number;
}

/**
 * Throws a positioned BadInputError when `source` does not compile. Without a python3 on PATH
 * nothing is checked here: the platform's own Python reports the error.
 */
export async function checkPythonSyntax(file: string, source: Buffer, python = 'python3'): Promise<void> {
  const found = await compileIn(python, file, source);
  if (found === undefined) return;
  throw new BadInputError(
    `${file}:${found.line}:${found.col}: error: ${found.type}: ${found.message}\n` +
      `Python cannot import this file, so the handler would fail on every call: fix it and deploy again.`,
  );
}

function compileIn(python: string, file: string, source: Buffer): Promise<CompileError | undefined> {
  return new Promise((resolve) => {
    const child = spawn(python, ['-I', '-c', COMPILE, file], { stdio: ['pipe', 'pipe', 'ignore'], timeout: 30_000 });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('error', () => resolve(undefined));
    child.stdin.on('error', () => undefined);
    child.on('close', () => {
      const line = out.trim();
      resolve(line === '' ? undefined : (JSON.parse(line) as CompileError));
    });
    child.stdin.end(source);
  });
}
