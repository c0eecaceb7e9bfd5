import type { FieldValues, ImportField } from './importColumns.js';
import type { ImportProblem } from './importProblem.js';

/** No course needs more: a description holds at most 5000 characters. Beyond this a quote is usually missing. */
export const MAX_ROW_BYTES = 1024 * 1024;

/** Where a reader delivers the file's rows, synchronously and in file order, so nothing piles up in memory. */
export interface RowSink {
  row(row: FieldValues, lastLine: number): void;
  /** A row too broken to read its fields (wrong number of cells, not an object, bad JSON). */
  badRow(problem: ImportProblem): void;
  /** Trouble with the file itself (header, structure); a fatal one ends the reading. */
  fileProblem(problem: ImportProblem): void;
  /** Required fields the CSV header lacks (reported once by the reader). */
  missingColumns(fields: ReadonlySet<ImportField>): void;
}
