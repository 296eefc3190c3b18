import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { maskMagics, notebookCells, parseNotebook } from '../../../../src/core/annotations/notebook';

const NOTEBOOK = path.resolve(__dirname, '../../../fixtures/notebooks/workspace.ipynb');
const text = readFileSync(NOTEBOOK, 'utf8');

test('every annotated function of a FaaSET notebook, with its cell and a range inside that cell', () => {
  const { functions } = parseNotebook(NOTEBOOK, text);
  const found = functions.map((f) => ({ name: f.name, cell: f.cell, line: f.range.startLine, col: f.range.startCol, endCol: f.range.endCol }));
  assert.deepEqual(found, [
    { name: 'hello_world', cell: 2, line: 1, col: 0, endCol: 'def hello_world'.length },
    { name: 'page_rank', cell: 3, line: 3, col: 0, endCol: 'def page_rank'.length },
    { name: 'jello_world', cell: 4, line: 2, col: 0, endCol: 'def jello_world'.length },
    { name: 'plain', cell: 5, line: 2, col: 0, endCol: 'def plain'.length },
  ]);
  for (const f of functions) {
    assert.equal(f.file, NOTEBOOK);
    assert.equal(f.language, 'python');
    assert.equal(f.handler, f.name);
  }
  const [hello, pageRank, jello, plain] = functions;
  assert.equal(hello.memoryMB, 512);
  assert.deepEqual(hello.platforms, ['aws']);
  assert.equal(pageRank.memoryMB, 1024);
  assert.deepEqual(pageRank.requirements, ['python-igraph', 'numpy==2.2']);
  assert.deepEqual(jello.platforms, ['local']);
  assert.deepEqual(jello.includes, ['data'], 'string references are files to ship');
  assert.deepEqual(jello.references, ['hello_world'], 'function references are called through stubs');
  assert.equal(plain.memoryMB, 256);
  assert.equal(plain.timeoutS, 60);
});

test('problems carry their cell: a name used twice across cells; a referenced function object is no problem', () => {
  const { problems } = parseNotebook(NOTEBOOK, text);
  const duplicate = problems.find((p) => p.severity === 'error');
  assert.ok(duplicate);
  assert.equal(duplicate.cell, 7);
  assert.match(duplicate.message, /"hello_world" is already used by hello_world in cell 3/);
  assert.equal(duplicate.range.startLine, 1);
  // The duplicate name only: the referenced function object (cell 4) now gets a call stub, not a warning.
  assert.equal(problems.length, 1, JSON.stringify(problems));
  for (const p of problems) assert.equal(p.file, NOTEBOOK);
});

test('markdown, %%cell magics and other kernels hold no functions; line magics keep their positions', () => {
  const cells = notebookCells(text);
  assert.ok('cells' in cells);
  assert.deepEqual(cells.cells.map((c) => c.index), [0, 2, 3, 4, 5, 7], 'code cells only, %%bash left out');
  assert.equal(maskMagics('%pip install x\n  !ls\nx = 1'), '              \n     \nx = 1');
  const r = JSON.parse(text) as { metadata: { kernelspec: { language: string } } };
  r.metadata.kernelspec.language = 'R';
  assert.deepEqual(parseNotebook(NOTEBOOK, JSON.stringify(r)), { functions: [], problems: [] });
});

test('a notebook that is not JSON, or is nbformat 3, is one problem that says what to do', () => {
  const broken = parseNotebook(NOTEBOOK, '{"cells": [');
  assert.equal(broken.functions.length, 0);
  assert.equal(broken.problems.length, 1);
  assert.match(broken.problems[0].message, /not valid JSON .*save it again/);
  assert.equal(broken.problems[0].cell, undefined);
  const old = parseNotebook(NOTEBOOK, JSON.stringify({ nbformat: 3, worksheets: [] }));
  assert.match(old.problems[0].message, /nbformat 4 .* this one is nbformat 3/);
});

test('config= naming a variable assigned in an earlier cell is read from that cell, as Jupyter runs the cells', () => {
  const file = path.resolve(__dirname, '../../../fixtures/notebooks/faaset-functions.ipynb');
  const { functions, problems } = parseNotebook(file, readFileSync(file, 'utf8'));
  const hello = functions.find((f) => f.name === 'hello_world');
  assert.ok(hello);
  assert.equal(hello.cell, 2);
  assert.equal(hello.memoryMB, 384, 'function_config = {"memory": 384, ...} in cell 2');
  assert.equal(hello.timeoutS, 45);
  // The only problem is the IBM cell's platform, at "IBM" in that cell.
  assert.deepEqual(problems.map((p) => ({ cell: p.cell, severity: p.severity, range: p.range })), [
    { cell: 5, severity: 'warning', range: { startLine: 0, startCol: 32, endLine: 0, endCol: 37 } },
  ]);
  assert.match(problems[0].message, /FaaSET platform "IBM".*deploys to "local", "docker", Platform\.AWS/);

  // A later assignment in the same cell wins over an earlier cell; one in a later cell does not count.
  const nb = (cells: string[]): string => JSON.stringify({ nbformat: 4, metadata: {}, cells: cells.map((source) => ({ cell_type: 'code', source, metadata: {}, outputs: [] })) });
  const decorated = '@cloud_function(config=cfg)\ndef f(request, context):\n    pass\n';
  assert.equal(parseNotebook(file, nb(['cfg = {"memory": 512}', 'cfg = {"memory": 1024}\n' + decorated])).functions[0].memoryMB, 1024);
  assert.equal(parseNotebook(file, nb(['cfg = {"memory": 512}', 'cfg = {"memory": 640}', decorated])).functions[0].memoryMB, 640);
  const later = parseNotebook(file, nb([decorated, 'cfg = {"memory": 512}']));
  assert.equal(later.functions[0].memoryMB, 256, 'FaaSET\'s default: cfg is assigned only below');
  assert.match(later.problems[0].message, /cannot read the variable cfg .*in this cell or an earlier one/);
});
