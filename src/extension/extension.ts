import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ProviderRegistry } from '../providers/registry';
import { features } from './bundles';
import { registerCodeLens } from './codelens';
import { hostCommandContext } from './commands/host';
import { COMMAND_IDS } from './commands/ids';
import { registerCommands } from './commands/register';
import type { FaasLabContext } from './context';
import { registerDiagnostics } from './diagnostics';
import { registerExperimentEditor } from './experiment-editor/register';
import { registerExperimentLens } from './experiments/codelens';
import { registerExperimentDiagnostics } from './experiments/diagnostics';
import { registerInterruptedRunsContext } from './experiments/interrupted-context';
import { OpenNotebooks } from './notebooks/open';
import { openResults, registerResults } from './results/register';
import { registerFunctionsTree } from './tree/register';
import { vscodeUserInput } from './ui';

let registries: Map<string, ProviderRegistry> | undefined;

/**
 * The composition root: builds the shared context and hands it to each feature. What a feature
 * runs only once used (command bodies, platforms, listings, panels) loads then (bundles.ts).
 */
export function activate(extension: vscode.ExtensionContext): FaasLabContext {
  const output = vscode.window.createOutputChannel('FaaS Lab');
  const changed = new vscode.EventEmitter<void>();
  const byRoot = new Map<string, ProviderRegistry>();
  registries = byRoot;

  const rootFor = (uri?: vscode.Uri): string => {
    const folder = (uri && vscode.workspace.getWorkspaceFolder(uri)) ?? vscode.workspace.workspaceFolders?.[0];
    if (folder) return folder.uri.fsPath;
    return uri ? path.dirname(uri.fsPath) : extension.globalStorageUri.fsPath;
  };

  const ctx: FaasLabContext = {
    extension,
    output,
    ui: vscodeUserInput,
    rootFor,
    platformsFor(uri) {
      const root = rootFor(uri);
      let registry = byRoot.get(root);
      if (!registry) {
        const lazy = features();
        registry = lazy.providers().createProviders(lazy.settings().platformSettings(root, ctx.ui, uri));
        byRoot.set(root, registry);
      }
      return registry;
    },
    onDidChangeDeployments: changed.event,
    fireDeploymentsChanged: () => changed.fire(),
  };

  extension.subscriptions.push(
    output,
    changed,
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      // Platform settings are read when a registry is built: rebuild on change.
      if (!e.affectsConfiguration('faasLab')) return;
      const old = [...byRoot.values()];
      byRoot.clear();
      await Promise.all(old.map((r) => r.dispose()));
      changed.fire();
    }),
  );

  const notebooks = new OpenNotebooks();
  registerDiagnostics(ctx, notebooks);
  registerCodeLens(ctx, notebooks);
  registerCommands(ctx, hostCommandContext(ctx, (runDir, options) => openResults(ctx, runDir, options)), COMMAND_IDS, (id) => features().commands().COMMANDS[id]);
  registerFunctionsTree(ctx);
  registerResults(ctx);
  registerExperimentDiagnostics(ctx);
  registerExperimentLens(ctx);
  registerExperimentEditor(ctx);
  registerInterruptedRunsContext(ctx);
  const loadStart = (globalThis as { __faasLabLoadStart?: number }).__faasLabLoadStart;
  if (loadStart !== undefined) output.appendLine(`FaaS Lab activated in ${(performance.now() - loadStart).toFixed(0)} ms (bundle load and activate)`);
  return ctx;
}

/** Stops local function instances so no child process outlives the editor. */
export async function deactivate(): Promise<void> {
  if (!registries) return;
  await Promise.all([...registries.values()].map((r) => r.dispose()));
  registries.clear();
}
