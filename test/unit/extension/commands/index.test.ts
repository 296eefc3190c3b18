// Every command body is registered under an id package.json contributes, and "Resume Run" is
// offered where the issue asks: the palette and an interrupted run's run.json in the explorer.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { COMMANDS } from '../../../../src/extension/commands';
import { INTERRUPTED_RUNS_KEY } from '../../../../src/extension/experiments/run-folders';

const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../../../package.json'), 'utf8')) as {
  contributes: { commands: Array<{ command: string; title: string }>; menus: Record<string, Array<{ command: string; when?: string }>> };
};

test('each registered command is contributed with a title', () => {
  const contributed = new Map(manifest.contributes.commands.map((c) => [c.command, c.title]));
  for (const id of Object.keys(COMMANDS)) assert.ok(contributed.get(id), `${id} is contributed with a title`);
});

test('Resume Run: a titled command, in the explorer on run.json files of interrupted runs only', () => {
  assert.equal(manifest.contributes.commands.find((c) => c.command === 'faasLab.resumeRun')?.title, 'Resume Run');
  const entry = manifest.contributes.menus['explorer/context'].find((m) => m.command === 'faasLab.resumeRun');
  assert.equal(entry?.when, `resourceFilename == run.json && resource in ${INTERRUPTED_RUNS_KEY}`);
  assert.ok(!manifest.contributes.menus.commandPalette.some((m) => m.command === 'faasLab.resumeRun'), 'not hidden from the palette');
});
