import * as vscode from 'vscode';
import type { PlatformSettings } from '../providers';
import { platformSettingsFrom } from '../providers/settings';
import type { UserInput } from './ui';

/** Reads `faasLab.*` settings for one workspace root. */
export function platformSettings(root: string, ui: UserInput, scope?: vscode.Uri): PlatformSettings {
  const config = vscode.workspace.getConfiguration('faasLab', scope);
  return platformSettingsFrom(root, (key, fallback) => config.get(key, fallback), (summary) =>
    ui.confirm(`FaaS Lab needs an execution role for new Lambda functions. Create it now?\n\n${summary}`, 'Create Role'),
  );
}
