import * as vscode from 'vscode';
import type { PlatformSettings } from '../providers';

/** Reads `faasLab.*` settings for one workspace root. */
export function platformSettings(root: string, scope?: vscode.Uri): PlatformSettings {
  const config = vscode.workspace.getConfiguration('faasLab', scope);
  const nodePath = config.get<string>('local.nodePath') || undefined;
  const pythonPath = config.get<string>('local.pythonPath') || undefined;
  return {
    root,
    local: {
      keepAliveMs: config.get<number>('local.keepAliveSeconds', 300) * 1000,
      maxConcurrency: config.get<number>('local.maxConcurrency', 100),
      nodePath,
      pythonPath,
    },
  };
}
