// What a command body needs from the editor, as plain interfaces: the bodies run in VS Code
// through host.ts and in unit tests through objects the test builds, with no VS Code at all.
import type { ProviderRegistry } from '../../providers/registry';
import type { UserInput } from '../ui';

export interface OutputLines {
  appendLine(line: string): void;
  show(preserveFocus?: boolean): void;
}

/** Reports progress: a message, and how far the bar moves (percent) when the work is measurable. */
export type ReportProgress = (message: string, incrementPercent?: number) => void;

export interface WorkspaceFiles {
  /** Files matching a glob in the workspace (node_modules left out), as absolute paths. */
  findFiles(glob: string, limit: number): Promise<string[]>;
  relativePath(file: string): string;
  /** The file of the active editor, if any. */
  activeFile(): string | undefined;
  /** Saves the file when it is open with unsaved changes: what is deployed or run is what is on disk. */
  save(file: string): Promise<void>;
  openFile(file: string): Promise<void>;
}

export interface CommandContext {
  output: OutputLines;
  /** Platforms of the workspace folder holding `file` (state lives in that folder's .faaslab/). */
  platformsFor(file?: string): ProviderRegistry;
  /** Workspace root for `file`: its workspace folder, else the file's own folder. */
  rootFor(file?: string): string;
  /** Views showing deployments refresh. */
  fireDeploymentsChanged(): void;
  /** Remembered per workspace between sessions (recent payloads). */
  state: { get<T>(key: string, fallback: T): T; update(key: string, value: unknown): PromiseLike<void> };
  workspace: WorkspaceFiles;
  /** Runs `task` with a cancellable progress indicator titled `title`; cancel aborts its signal. */
  withProgress<T>(title: string, task: (report: ReportProgress, signal: AbortSignal) => Promise<T>): Promise<T>;
  /** Shows a run's results; `live` follows it while it records. */
  openResults(runDir: string, options?: { live?: boolean }): void;
  executeCommand(id: string, ...args: unknown[]): Promise<unknown>;
  openExternal(url: string): Promise<void>;
}

/** A command's body: its context, the questions it may ask, and the arguments VS Code passed. */
export type CommandBody<A extends unknown[] = never[]> = (ctx: CommandContext, ui: UserInput, ...args: A) => Promise<unknown>;

/** A file path from a command argument that is a file Uri (without importing vscode at runtime). */
export function filePathOf(arg: unknown): string | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const uri = arg as { scheme?: unknown; fsPath?: unknown };
  return uri.scheme === 'file' && typeof uri.fsPath === 'string' ? uri.fsPath : undefined;
}
