import type * as vscode from 'vscode';
import type { ProviderRegistry } from '../providers/registry';
import type { UserInput } from './ui';

/** Everything a feature needs, built once in activate() and passed to each register(). */
export interface FaasLabContext {
  extension: vscode.ExtensionContext;
  output: vscode.OutputChannel;
  ui: UserInput;
  /** Platforms for the workspace folder holding `uri` (state lives in that folder's .faaslab/). */
  platformsFor(uri?: vscode.Uri): ProviderRegistry;
  /** Workspace root for `uri`: its workspace folder, else the file's own folder. */
  rootFor(uri?: vscode.Uri): string;
  /** Fired after a deploy, configure or remove so views can refresh. */
  onDidChangeDeployments: vscode.Event<void>;
  fireDeploymentsChanged(): void;
}
