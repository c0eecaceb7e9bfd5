import { UsageError } from '../../errors.js';
import type { Terminal } from '../terminal.js';

export const OUTPUT_FORMATS = ['table', 'tsv', 'json'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/**
 * How a listing prints: `--json` or `--format`, else a table on a terminal and tab-separated
 * lines when stdout is a pipe or a file (a table's borders and cut titles help nobody there).
 */
export function outputFormat(terminal: Terminal, flags: { json?: boolean; format?: string }): OutputFormat {
  if (flags.json) return 'json';
  if (flags.format === undefined) return terminal.tty ? 'table' : 'tsv';
  if (!(OUTPUT_FORMATS as readonly string[]).includes(flags.format))
    throw new UsageError(`--format "${flags.format}" is not an output format`, `use one of: ${OUTPUT_FORMATS.join(', ')}`);
  return flags.format as OutputFormat;
}
