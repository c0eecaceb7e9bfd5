import path from 'node:path';
import { UsageError } from '../../errors.js';

export const IMPORT_FORMATS = ['csv', 'json', 'ndjson'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

const EXTENSIONS: Record<string, ImportFormat> = { '.csv': 'csv', '.json': 'json', '.ndjson': 'ndjson', '.jsonl': 'ndjson' };

/** The format named by --format, else by the file's extension; stdin without --format is sniffed later. */
export function formatOf(source: string, flag: string | undefined): ImportFormat | 'sniff' {
  if (flag !== undefined) {
    if ((IMPORT_FORMATS as readonly string[]).includes(flag)) return flag as ImportFormat;
    throw new UsageError(`--format "${flag}" is not an import format`, `use one of: ${IMPORT_FORMATS.join(', ')}`);
  }
  if (source === '-') return 'sniff';
  const byExtension = EXTENSIONS[path.extname(source).toLowerCase()];
  if (byExtension) return byExtension;
  throw new UsageError(
    `cannot tell the format of ${source} from its name`,
    `name it .csv, .json or .ndjson, or pass --format csv|json|ndjson`,
  );
}

/**
 * Guesses the format of piped input from its first visible character, so that
 * `catalog export | catalog import -` works with export's default (ndjson) as well as csv and json.
 */
export function sniffFormat(head: Buffer): ImportFormat {
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  for (const byte of head.subarray(bom)) {
    if (byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d) continue;
    if (byte === 0x5b /* [ */) return 'json';
    if (byte === 0x7b /* { */) return 'ndjson';
    return 'csv';
  }
  return 'csv';
}
