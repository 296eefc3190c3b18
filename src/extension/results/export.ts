// Saving what the results explorer shows: a chart as PNG (bytes from the webview), a run's
// records as CSV (streamed: a 100,000-call run is tens of MB).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { writeRunCsv, writeRunCsvFile } from '../../core/results/run-csv';
import { readRunInfo } from '../../core/results/store';
import { PNG_PREFIX } from '../../webviews/results/protocol';
import { withProgress } from '../commands/register';

/** A file name from the webview made safe: no folders, no odd characters. */
export function safeFileName(name: string, extension: string): string {
  const base = path.basename(name).replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+/, '').slice(0, 100) || 'chart';
  return `${base}.${extension}`;
}

async function announce(what: string, uri: vscode.Uri): Promise<void> {
  const choice = await vscode.window.showInformationMessage(`FaaS Lab: saved ${what} to ${uri.fsPath}`, 'Reveal');
  if (choice) await vscode.commands.executeCommand('revealFileInOS', uri);
}

/** `dataUrl` was checked by the protocol's validator: a base64 PNG. */
export async function savePng(name: string, dataUrl: string, folder: string): Promise<void> {
  const uri = await vscode.window.showSaveDialog({
    title: 'Save chart as PNG',
    defaultUri: vscode.Uri.file(path.join(folder, safeFileName(name, 'png'))),
    filters: { 'PNG image': ['png'] },
  });
  if (!uri) return;
  await vscode.workspace.fs.writeFile(uri, Buffer.from(dataUrl.slice(PNG_PREFIX.length), 'base64'));
  void announce('the chart', uri);
}

export async function exportRunCsv(runDir: string): Promise<vscode.Uri | undefined> {
  const uri = await vscode.window.showSaveDialog({
    title: 'Export the run’s calls as CSV',
    defaultUri: vscode.Uri.file(path.join(runDir, `${path.basename(path.dirname(runDir))}-${path.basename(runDir)}.csv`)),
    filters: { CSV: ['csv'] },
  });
  if (!uri) return undefined;
  await withProgress(`FaaS Lab: exporting ${path.basename(runDir)} as CSV`, async () => {
    const info = await readRunInfo(runDir);
    // Rows go to a file as the records are parsed; the run is never held.
    if (uri.scheme === 'file') await writeRunCsvFile(runDir, info, 'saafPython', uri.fsPath);
    else {
      // A remote workspace's file system takes whole files only.
      const parts: string[] = [];
      await writeRunCsv(runDir, info, 'saafPython', (line) => void parts.push(line));
      await vscode.workspace.fs.writeFile(uri, Buffer.from(parts.join(''), 'utf8'));
    }
  });
  void announce('the CSV', uri);
  return uri;
}
