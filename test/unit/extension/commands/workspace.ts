// A command context over a real temp workspace: the real local platform (child processes in
// <root>/.faaslab/local), files on disk, and records of what the editor would have shown.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { CommandContext } from '../../../../src/extension/commands/context';
import { LocalProvider } from '../../../../src/providers/local';
import { ProviderRegistry } from '../../../../src/providers/registry';

export interface ProgressShown {
  title: string;
  messages: string[];
  /** Percent the bar moved, summed. */
  percent: number;
  cancelled: boolean;
  done: boolean;
}

export interface TestWorkspace {
  root: string;
  ctx: CommandContext;
  provider: LocalProvider;
  output: string[];
  progress: ProgressShown[];
  /** Results opened, in order. */
  results: Array<{ runDir: string; live: boolean }>;
  commands: Array<{ id: string; args: unknown[] }>;
  opened: string[];
  saved: string[];
  deploymentChanges: number;
  /** The active editor's file. */
  activeFile?: string;
  /** Presses Cancel on a progress notification when this says so. */
  cancelWhen?: (title: string, message: string) => boolean;
  write(relative: string, text: string): string;
  dispose(): Promise<void>;
}

/** `**\/*<suffix>` globs (the only kind the commands ask for) over the files under root. */
function findFiles(root: string, glob: string): string[] {
  const m = /^\*\*\/\*([^*/]+)$/.exec(glob);
  if (!m) throw new Error(`the test workspace only answers **/*<suffix> globs, not ${glob}`);
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name === '.faaslab') continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(m[1])) out.push(p);
    }
  };
  walk(root);
  return out.sort();
}

export function testWorkspace(prefix: string): TestWorkspace {
  const root = mkdtempSync(path.join(tmpdir(), `faaslab-${prefix}-`));
  const provider = new LocalProvider({ stateDir: path.join(root, '.faaslab', 'local'), keepAliveMs: 60_000, cpuScaling: false });
  const registry = new ProviderRegistry();
  registry.register(provider);
  const state = new Map<string, unknown>();
  const ws: TestWorkspace = {
    root,
    provider,
    output: [],
    progress: [],
    results: [],
    commands: [],
    opened: [],
    saved: [],
    deploymentChanges: 0,
    write(relative, text) {
      const file = path.join(root, relative);
      writeFileSync(file, text);
      return file;
    },
    async dispose() {
      await provider.dispose();
      rmSync(root, { recursive: true, force: true });
    },
    ctx: {
      output: { appendLine: (line) => void ws.output.push(line), show: () => undefined },
      platformsFor: () => registry,
      rootFor: () => root,
      fireDeploymentsChanged: () => void ws.deploymentChanges++,
      state: {
        get: <T>(key: string, fallback: T) => (state.has(key) ? (state.get(key) as T) : fallback),
        update: async (key, value) => void state.set(key, value),
      },
      workspace: {
        findFiles: async (glob, limit) => findFiles(root, glob).slice(0, limit),
        relativePath: (file) => path.relative(root, file),
        activeFile: () => ws.activeFile,
        save: async (file) => void ws.saved.push(file),
        openFile: async (file) => void ws.opened.push(file),
      },
      async withProgress(title, task) {
        const shown: ProgressShown = { title, messages: [], percent: 0, cancelled: false, done: false };
        ws.progress.push(shown);
        const controller = new AbortController();
        try {
          return await task((message, increment) => {
            shown.messages.push(message);
            shown.percent += increment ?? 0;
            if (!shown.cancelled && ws.cancelWhen?.(title, message)) {
              shown.cancelled = true;
              controller.abort();
            }
          }, controller.signal);
        } finally {
          shown.done = true;
        }
      },
      openResults: (runDir, options) => void ws.results.push({ runDir, live: options?.live ?? false }),
      executeCommand: async (id, ...args) => void ws.commands.push({ id, args }),
      openExternal: async (url) => void ws.commands.push({ id: 'openExternal', args: [url] }),
    },
  };
  return ws;
}

/** A file Uri as VS Code passes it to a command (the bodies read only scheme and fsPath). */
export function fileUri(file: string): { scheme: 'file'; fsPath: string } {
  return { scheme: 'file', fsPath: file };
}
