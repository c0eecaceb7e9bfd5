import { Declined, UsageError } from '../errors.js';
import type { Terminal } from './terminal.js';

/** What a destructive command asks before it acts. */
export interface Confirmation {
  /** The question, naming what will be lost: "Archive crs_… “Title”? 3 paid students are registered." */
  question: string;
  /** What needs confirming, for the refusal without a terminal: "archiving crs_… (3 paid students)". */
  action: string;
  /** Said when the person answers no: "nothing changed". */
  declined: string;
  /** --yes was given: go ahead without asking. */
  yes?: boolean | undefined;
}

/**
 * Asks on a terminal (default no); without one, refuses (exit 2) unless --yes was given, so a
 * script never hangs on a question and never destroys anything by accident. Answering no throws
 * Declined (exit 0, not an error); Ctrl-C exits 130 (run.ts). Every destructive command uses
 * this: `course archive`, and the commands that remove materials or cancel registrations.
 */
export async function confirmOrStop(terminal: Terminal, confirmation: Confirmation): Promise<void> {
  if (confirmation.yes) return;
  if (!terminal.canPrompt) {
    throw new UsageError(
      `${confirmation.action} needs a confirmation, and there is no terminal to ask on`,
      'pass --yes to go ahead (nothing was changed)',
    );
  }
  const { confirm } = await import('@inquirer/prompts');
  if (!(await confirm({ message: confirmation.question, default: false }))) throw new Declined(confirmation.declined);
}
