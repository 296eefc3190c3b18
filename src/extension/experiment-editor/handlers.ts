// The function picker's choices: every annotated handler in the workspace, with its file relative
// to the experiment file (what "source" holds). Unsaved editor text wins over the file on disk.
import * as vscode from 'vscode';
import { languageOf, mayContainAnnotations, parseAnnotations } from '../../core/annotations';
import type { FunctionSpec } from '../../core/model';
import type { FunctionChoice } from '../../webviews/experiment/protocol';
import { toFunctionChoices } from './choices';

const SOURCE_GLOB = '**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx,py}';
// Dependencies and virtual environments hold thousands of files and no handler of the user's.
const SKIP_GLOB = '{**/node_modules/**,**/.faaslab/**,**/.venv/**,**/venv/**,**/site-packages/**,**/__pycache__/**}';
const MAX_FILES = 5000;
const READ_BATCH = 32;

export async function findHandlerChoices(experimentFile: string, signal?: AbortSignal): Promise<FunctionChoice[]> {
  const uris = await vscode.workspace.findFiles(SOURCE_GLOB, SKIP_GLOB, MAX_FILES);
  const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
  const specs: FunctionSpec[] = [];
  for (let i = 0; i < uris.length && !signal?.aborted; i += READ_BATCH) {
    const batch = await Promise.all(uris.slice(i, i + READ_BATCH).map((uri) => handlersIn(uri, open.get(uri.toString()))));
    specs.push(...batch.flat());
  }
  return toFunctionChoices(experimentFile, specs);
}

async function handlersIn(uri: vscode.Uri, document: vscode.TextDocument | undefined): Promise<FunctionSpec[]> {
  if (!languageOf(uri.fsPath)) return [];
  try {
    const text = document ? document.getText() : Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
    return mayContainAnnotations(text) ? parseAnnotations(uri.fsPath, text).functions : [];
  } catch {
    // A file deleted or unreadable since the search: it offers no handler.
    return [];
  }
}
