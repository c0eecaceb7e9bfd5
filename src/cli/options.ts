import { Option } from 'commander';
import { OUTPUT_FORMATS } from './render/output.js';

/**
 * A flag whose value is one of a few words (`--order asc|desc`), matched in any case
 * (`--order DESC`). The words show in --help and shell completion. A value that is none of them
 * passes through unchanged, so the rule that refuses it (and its message) stays where it lives.
 */
export function choiceOption(flags: string, description: string, choices: readonly string[]): Option {
  const option = new Option(flags, description);
  option.argChoices = [...choices];
  return option.argParser((value: string) => choices.find((choice) => choice.toLowerCase() === value.trim().toLowerCase()) ?? value);
}

/**
 * An old spelling of a flag, kept working for scripts but hidden from --help and completion.
 * Its value arrives under its own name: the command reads `flags.new ?? flags.old`.
 */
export function oldSpelling(flags: string, insteadOf: string): Option {
  return new Option(flags, `old spelling of ${insteadOf}`).hideHelp();
}

/** --format for commands that print a listing or a record: table, tsv or json (render/output.ts). */
export function outputFormatOption(): Option {
  return choiceOption('--format <format>', 'table, tsv or json (default: table on a terminal, tsv in a pipe)', OUTPUT_FORMATS);
}
