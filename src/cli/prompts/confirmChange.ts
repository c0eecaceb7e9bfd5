import { UsageError } from '../../errors.js';
import type { Terminal } from '../terminal.js';

/**
 * Asks before a change that cannot be undone. With --yes it goes ahead; on a terminal it asks
 * (default no); without one it never prompts and fails naming --yes (exit 2).
 * A stand-in until the CLI's shared confirmation lands; same behaviour.
 */
export async function confirmChange(
  terminal: Terminal,
  change: { what: string; question: string },
  yes: boolean | undefined,
): Promise<boolean> {
  if (yes) return true;
  if (!terminal.canPrompt)
    throw new UsageError(`${change.what} needs confirmation, and nobody can answer a prompt here`, 'pass --yes to confirm');
  const { confirm } = await import('@inquirer/prompts');
  return confirm({ message: change.question, default: false });
}
