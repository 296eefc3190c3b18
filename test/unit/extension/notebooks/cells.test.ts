// The notebook editor's side of CodeLens and diagnostics, without VS Code: cells as the editor
// holds them -> which functions and problems belong to which cell, and one parse per change.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseNotebook } from '../../../../src/core/annotations/notebook';
import { cellPart, NotebookParseCache, notebookText, type OpenCell } from '../../../../src/extension/notebooks/cells';

const NOTEBOOK = path.resolve(__dirname, '../../../fixtures/notebooks/workspace.ipynb');

/** The fixture's cells as VS Code's notebook editor shows them (a cell's text is its joined source). */
function editorCells(): OpenCell[] {
  const nb = JSON.parse(readFileSync(NOTEBOOK, 'utf8')) as { cells: { cell_type: string; source: string | string[] }[] };
  return nb.cells.map((c, index) => ({
    index,
    kind: c.cell_type === 'code' ? 'code' : 'markup',
    languageId: c.cell_type === 'code' ? 'python' : 'markdown',
    text: Array.isArray(c.source) ? c.source.join('') : c.source,
  }));
}

test('the editor’s cells parse exactly as the notebook file on disk does', () => {
  const fromEditor = parseNotebook(NOTEBOOK, notebookText(editorCells()));
  const fromDisk = parseNotebook(NOTEBOOK, readFileSync(NOTEBOOK, 'utf8'));
  assert.deepEqual(fromEditor, fromDisk);
  assert.deepEqual(fromEditor.functions.map((f) => [f.name, f.cell]), [['hello_world', 2], ['page_rank', 3], ['jello_world', 4], ['plain', 5]]);
});

test('each cell gets its own functions and problems, ranges relative to the cell', () => {
  const cells = editorCells();
  const parse = parseNotebook(NOTEBOOK, notebookText(cells));
  const byCell = cells.map((c) => cellPart(parse, c.index));
  assert.deepEqual(byCell.map((p) => p.functions.map((f) => f.name)), [[], [], ['hello_world'], ['page_rank'], ['jello_world'], ['plain'], [], []]);
  const hello = byCell[2]!.functions[0]!;
  // Line 1 of cell 2 is its def: the lens sits there in the cell's own editor.
  assert.equal(cells[2]!.text.split('\n')[hello.range.startLine], 'def hello_world(request, context):');
  assert.equal(hello.file, NOTEBOOK, 'a lens deploys from the notebook file');
  assert.deepEqual(byCell.map((p) => p.problems.map((x) => x.severity)), [[], [], [], [], [], [], [], ['error']]);
  assert.match(byCell[7]!.problems[0]!.message, /"hello_world" is already used by hello_world in cell 3/);
});

test('an unsaved edit counts: a cell whose text gains a decorator gains a function, a cell turned to another language loses it', () => {
  const cells = editorCells();
  cells[6] = { index: 6, kind: 'code', languageId: 'python', text: 'x = 1\n\n# @faas memory=384\ndef added(request, context):\n    return {"ok": True}\n' };
  const withAdded = parseNotebook(NOTEBOOK, notebookText(cells));
  assert.deepEqual(cellPart(withAdded, 6).functions.map((f) => [f.name, f.memoryMB, f.range.startLine]), [['added', 384, 3]]);
  cells[5] = { ...cells[5]!, languageId: 'r' };
  assert.deepEqual(cellPart(parseNotebook(NOTEBOOK, notebookText(cells)), 5).functions, []);
});

test('cells given out of order or with gaps keep the editor’s indexes', () => {
  const cells = editorCells();
  const parse = parseNotebook(NOTEBOOK, notebookText([cells[4]!, cells[2]!]));
  assert.deepEqual(parse.functions.map((f) => [f.name, f.cell]), [['hello_world', 2], ['jello_world', 4]]);
});

test('the cache parses a notebook once per version, however many cells ask', () => {
  const cache = new NotebookParseCache();
  let read = 0;
  const cells = () => {
    read++;
    return editorCells();
  };
  for (let cell = 0; cell < 8; cell++) cache.get(NOTEBOOK, '3:1,1,1,1,1,1,1,1', cells);
  assert.equal(cache.parsed, 1);
  assert.equal(read, 1, 'the cells are read only to parse');
  const edited = editorCells();
  edited[5] = { ...edited[5]!, text: edited[5]!.text.replace('def plain', 'def plainer') };
  const after = cache.get(NOTEBOOK, '3:1,1,1,1,1,2,1,1', () => edited);
  assert.equal(cache.parsed, 2, 'a cell edit changes the version: parsed again');
  assert.deepEqual(cellPart(after, 5).functions.map((f) => f.name), ['plainer']);
  cache.forget(NOTEBOOK);
  cache.get(NOTEBOOK, '3:1,1,1,1,1,2,1,1', () => edited);
  assert.equal(cache.parsed, 3, 'a closed notebook is parsed afresh when it opens again');
});
