import { CatalogError, Declined, ExitCode, errorBody, INTERNAL_ERROR_HINT } from '../errors.js';
import { detectTerminal, isClosedOutput, styled } from './terminal.js';
import type { Terminal } from './terminal.js';
import type { ConfigOverrides } from '../config/load.js';

/** The shell's code for a process stopped by Ctrl-C (128 + SIGINT). */
export const INTERRUPTED = 130;

/**
 * Renders any error, once, for every command: what went wrong, then how to fix it, never a stack
 * for user errors. With `json` the error is one JSON object on stderr (`{"error":{"code",
 * "message","hint"}}`, the web API's shape) so a script reads it as it reads the data.
 */
export function reportError(terminal: Terminal, error: unknown, options: { json?: boolean } = {}): number {
  // Whoever read stdout has what they wanted: end quietly, as ripgrep does.
  if (isClosedOutput(error)) return ExitCode.ok;
  if (error instanceof Error && error.name === 'ExitPromptError') {
    terminal.stderr.write(`${styled(terminal, 'dim', 'cancelled')}\n`);
    return INTERRUPTED;
  }
  if (error instanceof Declined) {
    terminal.stderr.write(`${error.message}\n`);
    return ExitCode.ok;
  }
  if (options.json) {
    terminal.stderr.write(`${JSON.stringify(errorBody(error))}\n`);
    return error instanceof CatalogError ? error.exitCode : ExitCode.failure;
  }
  if (error instanceof CatalogError) {
    terminal.stderr.write(`${styled(terminal, 'red', '✖')} ${error.message}\n`);
    if (error.hint) terminal.stderr.write(`${styled(terminal, 'dim', '  hint:')} ${error.hint.replaceAll('\n', '\n        ')}\n`);
    return error.exitCode;
  }
  const detail = error instanceof Error ? (process.env.CATALOG_DEBUG ? error.stack : error.message) : String(error);
  terminal.stderr.write(`${styled(terminal, 'red', '✖')} internal error: ${detail}\n`);
  terminal.stderr.write(`${styled(terminal, 'dim', '  hint:')} ${INTERNAL_ERROR_HINT}\n`);
  return ExitCode.failure;
}

/** What every command gets besides its own arguments: the terminal and the global flags. */
export interface Invocation {
  terminal: Terminal;
  overrides: ConfigOverrides;
}

export interface GlobalFlags {
  db?: string;
  config?: string;
  input?: boolean;
  quiet?: boolean;
  json?: boolean;
}

/** Wraps a command's action: commands return an exit code instead of calling process.exit. */
// biome-ignore lint/suspicious/noConfusingVoidType: an action that returns nothing succeeded
export function action<Args extends unknown[]>(body: (invocation: Invocation, ...args: Args) => Promise<number | void>) {
  return async (...args: Args): Promise<void> => {
    const command = args.at(-1) as { optsWithGlobals: () => GlobalFlags };
    const globals = command.optsWithGlobals();
    const terminal = detectTerminal({ noInput: globals.input === false, quiet: globals.quiet === true });
    const overrides: ConfigOverrides = {};
    if (globals.db) overrides.database = globals.db;
    if (globals.config) overrides.configFile = globals.config;
    try {
      process.exitCode = (await body({ terminal, overrides }, ...args)) ?? ExitCode.ok;
    } catch (error) {
      process.exitCode = reportError(terminal, error, { json: globals.json === true });
    }
  };
}
