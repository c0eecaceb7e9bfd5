import { CatalogError, ExitCode } from '../errors.js';
import { detectTerminal, styled } from './terminal.js';
import type { Terminal } from './terminal.js';
import type { ConfigOverrides } from '../config/load.js';

/** Renders any error for a person: what went wrong, then how to fix it. Never a stack for user errors. */
export function reportError(terminal: Terminal, error: unknown): number {
  if (error instanceof CatalogError) {
    terminal.stderr.write(`${styled(terminal, 'red', '✖')} ${error.message}\n`);
    if (error.hint) terminal.stderr.write(`${styled(terminal, 'dim', '  hint:')} ${error.hint.replaceAll('\n', '\n        ')}\n`);
    return error.exitCode;
  }
  if (error instanceof Error && error.name === 'ExitPromptError') {
    terminal.stderr.write('cancelled\n');
    return ExitCode.failure;
  }
  const detail = error instanceof Error ? (process.env.CATALOG_DEBUG ? error.stack : error.message) : String(error);
  terminal.stderr.write(`${styled(terminal, 'red', '✖')} internal error: ${detail}\n`);
  terminal.stderr.write(
    `${styled(terminal, 'dim', '  hint:')} this is a bug in catalog; rerun with CATALOG_DEBUG=1 for details and report it\n`,
  );
  return ExitCode.failure;
}

/** What every command gets besides its own arguments: the terminal and the global flags. */
export interface Invocation {
  terminal: Terminal;
  overrides: ConfigOverrides;
}

interface GlobalFlags {
  db?: string;
  config?: string;
  input?: boolean;
}

/** Wraps a command's action: commands return an exit code instead of calling process.exit. */
// biome-ignore lint/suspicious/noConfusingVoidType: an action that returns nothing succeeded
export function action<Args extends unknown[]>(body: (invocation: Invocation, ...args: Args) => Promise<number | void>) {
  return async (...args: Args): Promise<void> => {
    const command = args.at(-1) as { optsWithGlobals: () => GlobalFlags };
    const globals = command.optsWithGlobals();
    const terminal = detectTerminal({ noInput: globals.input === false });
    const overrides: ConfigOverrides = {};
    if (globals.db) overrides.database = globals.db;
    if (globals.config) overrides.configFile = globals.config;
    try {
      process.exitCode = (await body({ terminal, overrides }, ...args)) ?? ExitCode.ok;
    } catch (error) {
      process.exitCode = reportError(terminal, error);
    }
  };
}
