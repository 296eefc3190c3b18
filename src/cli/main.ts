import * as path from 'node:path';
import { BadInputError } from '../core/bad-input';
import { UserError } from '../core/model';
import { createProviders } from '../providers';
import { platformSettingsFrom } from '../providers/settings';
import { UsageError } from './args';
import { COMMANDS, HELP } from './commands';
import { Exit, processIO, type CliIO } from './io';
import { workspaceSettings } from './settings';

/** Runs one CLI command line and returns its exit code. */
export async function runCli(argv: string[], io: CliIO, signal: AbortSignal): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.out(HELP);
    return name ? Exit.ok : Exit.usage;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`Unknown command '${name}'.\n\n${HELP}`);
    return Exit.usage;
  }
  // --root is accepted by every command; it is taken out before the command parses its own flags.
  const rootIndex = rest.indexOf('--root');
  const root = path.resolve(rootIndex >= 0 ? rest.splice(rootIndex, 2)[1] ?? '.' : process.env.FAASLAB_ROOT ?? '.');
  let providers: ReturnType<typeof createProviders>;
  try {
    providers = createProviders(platformSettingsFrom(root, workspaceSettings(root)));
  } catch (err) {
    if (!(err instanceof UsageError) && !(err instanceof UserError)) throw err;
    io.err(err.message);
    return Exit.usage;
  }
  try {
    return await command({ io, providers, root, signal }, rest);
  } catch (err) {
    if (signal.aborted) {
      io.err('Cancelled.');
      return Exit.cancelled;
    }
    if (err instanceof BadInputError) {
      io.err(err.message);
      return Exit.usage;
    }
    if (err instanceof UserError) {
      io.err(err.message);
      return Exit.platform;
    }
    io.err(`Unexpected error: ${(err as Error).stack ?? String(err)}\nPlease report this with the command you ran.`);
    return Exit.platform;
  } finally {
    await providers.dispose();
  }
}

if (require.main === module) {
  // The AWS SDK warns on every run that its 2027 releases will need Node 22; nothing a user of this CLI can act on.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const controller = new AbortController();
  process.on('SIGINT', () => {
    if (controller.signal.aborted) process.exit(Exit.cancelled);
    processIO.err('\nStopping… (Ctrl-C again to quit at once)');
    controller.abort();
  });
  runCli(process.argv.slice(2), processIO, controller.signal).then((code) => {
    process.exitCode = code;
  });
}


