// A notebook cell's CodeLens commands, run as plain functions against the real local platform:
// the lens target carries the notebook's path and the function's name, and the commands deploy,
// invoke and open the experiment of that notebook function as they do for a .py file.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { Deployment, FunctionSpec, Invocation } from '../../../../src/core/model';
import { deploy } from '../../../../src/extension/commands/deploy';
import { invoke } from '../../../../src/extension/commands/invoke';
import { openExperimentForHandler } from '../../../../src/extension/commands/open-experiment-for-handler';
import { cellPart, notebookText } from '../../../../src/extension/notebooks/cells';
import { parseNotebook } from '../../../../src/core/annotations/notebook';
import { answering } from './scripted-input';
import { testWorkspace } from './workspace';

const ws = testWorkspace('notebook-commands');
after(() => ws.dispose());

const CELLS = [
  { index: 0, kind: 'markup' as const, languageId: 'markdown', text: '# Greetings\n' },
  { index: 1, kind: 'code' as const, languageId: 'python', text: 'import FaaSET\n' },
  {
    index: 2,
    kind: 'code' as const,
    languageId: 'python',
    text: '@cloud_function(platform="Local", memory=192)\ndef greet(request, context):\n    return {"message": "hello " + request.get("name", "world")}\n\ngreet({"name": "x"})\n',
  },
];
let notebook: string;
/** What the cell's lens passes to its commands: the spec the editor found in cell 2. */
let lensTarget: FunctionSpec;

before(() => {
  notebook = ws.write('greetings.ipynb', notebookText(CELLS));
  const [spec] = cellPart(parseNotebook(notebook, notebookText(CELLS)), 2).functions;
  assert.ok(spec, 'cell 2 holds greet');
  lensTarget = spec;
});

test('Deploy from a notebook cell’s lens saves the notebook and deploys its function', async () => {
  const d = (await answering([], (ui) => deploy(ws.ctx, ui, lensTarget))) as Deployment;
  assert.deepEqual(ws.saved, [notebook], 'the notebook is saved before it is packaged');
  assert.equal(d.name, 'greet');
  assert.equal(d.memoryMB, 192);
  assert.equal(d.sourceFile, notebook);
  assert.match(ws.output.at(-1)!, /greet on Local: deployed in \d+ ms \(192 MB/);
});

test('Invoke from the lens calls the notebook function with the typed payload', async () => {
  const inv = (await answering([{ input: 'Payload for greet (JSON)', type: '{"name": "Ada"}' }], (ui) => invoke(ws.ctx, ui, lensTarget))) as Invocation;
  assert.equal(inv.status, 'ok', inv.error?.message);
  assert.deepEqual(inv.result, { message: 'hello Ada' });
});

test('with the notebook editor active and no lens, its one function is the target', async () => {
  ws.activeFile = notebook;
  const d = (await answering([], (ui) => deploy(ws.ctx, ui))) as Deployment;
  assert.equal(d.name, 'greet');
  assert.match(ws.output.at(-1)!, /greet on Local: unchanged — not redeployed/);
  const empty = ws.write('empty.ipynb', notebookText([CELLS[0]!, CELLS[1]!]));
  ws.activeFile = empty;
  await assert.rejects(answering([], (ui) => deploy(ws.ctx, ui)), /No annotated handler in empty\.ipynb: put '@cloud_function' \(or '# @faas'\) above a def in a Python cell/);
});

test('Experiment from the lens creates an experiment beside the notebook that names it as the source', async () => {
  const created = await answering([], (ui) => openExperimentForHandler(ws.ctx, ui, lensTarget));
  assert.equal(created, undefined, 'a new experiment opens to edit');
  const file = path.join(ws.root, 'greet.experiment.json');
  assert.equal(ws.opened.at(-1), file);
  const experiment = JSON.parse(readFileSync(file, 'utf8')) as { function: string; source: string; memorySettings: number[] };
  assert.equal(experiment.function, 'greet');
  assert.equal(experiment.source, 'greetings.ipynb');
  assert.deepEqual(experiment.memorySettings, [192, 384]);
  assert.equal(await answering([], (ui) => openExperimentForHandler(ws.ctx, ui, lensTarget)), file, 'found again through its source');
});
