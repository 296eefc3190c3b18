// The folder boundaries and the cycle check are enforced by `npm run lint`: each test lints a small
// file placed at a real folder's path with the project's own ESLint config and checks what it reports.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { ESLint } from 'eslint';

const root = resolve(__dirname, '../../..');
const eslint = new ESLint({ cwd: root });

interface Finding {
  ruleId: string | null;
  message: string;
}

async function lint(path: string, code: string): Promise<Finding[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, path) });
  return result.messages.map((m) => ({ ruleId: m.ruleId, message: m.message }));
}

function rules(findings: Finding[]): (string | null)[] {
  return findings.map((f) => f.ruleId);
}

test('a vscode import in src/core is an error', async () => {
  const findings = await lint('src/core/results/lint-probe.ts', "import * as vscode from 'vscode';\nexport const name = vscode.version;\n");
  assert.deepEqual(rules(findings), ['no-restricted-imports']);
  assert.match(findings[0].message, /Only src\/extension may import vscode/);
});

test('a vscode import in a provider or a webview is an error', async () => {
  for (const path of ['src/providers/local/lint-probe.ts', 'src/webviews/results/lint-probe.ts']) {
    const findings = await lint(path, "import * as vscode from 'vscode';\nexport const name = vscode.version;\n");
    assert.deepEqual(rules(findings), ['no-restricted-imports'], path);
  }
});

test('src/core importing from providers, extension, webviews or cli is an error', async () => {
  const imports = ['../../providers/registry', '../../providers', '../../extension/extension', '../../webviews/experiment/protocol', '../../cli/settings'];
  for (const from of imports) {
    const findings = await lint('src/core/experiment/lint-probe.ts', `export * from '${from}';\n`);
    assert.deepEqual(rules(findings), ['import-x/no-restricted-paths'], from);
    assert.match(findings[0].message, /src\/core is the engine/);
  }
});

test('a platform importing a sibling platform is an error, also as a type-only import', async () => {
  const cases: [string, string][] = [
    ['src/providers/docker/lint-probe.ts', "export { LocalProvider } from '../local';\n"],
    ['src/providers/aws/lint-probe.ts', "import type { DockerProvider } from '../docker';\nexport type Probe = DockerProvider;\n"],
    ['src/providers/azure/lint-probe.ts', "export * from '../gcp/invoke';\n"],
    ['src/providers/shared/lint-probe.ts', "export * from '../aws';\n"],
  ];
  for (const [path, code] of cases) {
    const findings = await lint(path, code);
    assert.deepEqual(rules(findings), ['import-x/no-restricted-paths'], path);
  }
});

test('a webview importing the extension or a provider is an error', async () => {
  for (const from of ['../../extension/extension', '../../providers/local']) {
    const findings = await lint('src/webviews/results/lint-probe.ts', `export * from '${from}';\n`);
    assert.deepEqual(rules(findings), ['import-x/no-restricted-paths'], from);
    assert.match(findings[0].message, /Webviews run in the browser/);
  }
});

test('an import cycle is an error on both of its files', async () => {
  // A cycle needs both files on disk: the rule follows the other file's imports from its text.
  const dir = mkdtempSync(join(root, 'src/core/results/lint-probe-'));
  try {
    writeFileSync(join(dir, 'a.ts'), "import { b } from './b';\nexport const a = (): number => b() + 1;\n");
    writeFileSync(join(dir, 'b.ts'), "import { a } from './a';\nexport const b = (): number => (a.length > 0 ? 1 : 0);\n");
    const results = await eslint.lintFiles([relative(root, dir)]);
    const reported = results.map((r) => [relative(dir, r.filePath), r.messages.map((m) => m.ruleId)]);
    assert.deepEqual(reported.sort(), [['a.ts', ['import-x/no-cycle']], ['b.ts', ['import-x/no-cycle']]]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('files that import what their folder may import are clean', async () => {
  const cases: [string, string][] = [
    ['src/providers/docker/lint-probe.ts', "import { freePort } from '../shared/ports';\nimport type { Deployment } from '../../core/model';\nimport { pingEngine } from './engine';\nexport const probe = { freePort, pingEngine };\nexport type Probe = Deployment;\n"],
    ['src/core/experiment/lint-probe.ts', "import type { Deployment } from '../model';\nimport { LineMap } from '../text/line-map';\nexport const lines = new LineMap('a');\nexport type Probe = Deployment;\n"],
    ['src/webviews/results/lint-probe.ts', "import type { InvocationRecord } from '../../core/results/record';\nexport type Probe = InvocationRecord;\n"],
    ['src/extension/lint-probe.ts', "import * as vscode from 'vscode';\nimport { createProviders } from '../providers';\nexport const probe = { vscode, createProviders };\n"],
  ];
  for (const [path, code] of cases) assert.deepEqual(await lint(path, code), [], path);
});
