import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import type { ImportField } from './importColumns.js';
import { readHeader } from './importColumns.js';
import { LineIndex } from './lineIndex.js';
import type { ImportProblem } from './importProblem.js';
import { MAX_ROW_BYTES } from './rowSink.js';
import type { RowSink } from './rowSink.js';

const QUOTING_HINT =
  'wrap a cell that holds commas, quotes or line breaks in double quotes, and double every quote inside it: "She said ""hi"""';

/** csv-parse stops at broken quoting: say what broke in words, and that the rest went unread. */
function parseFailure(error: CsvError, line: number): ImportProblem {
  const rest = 'the rows after it were not read';
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return { line, column: null, message: `a quoted cell in the row starting here is never closed; ${rest}`, hint: QUOTING_HINT };
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return { line, column: null, message: `text follows a closing quote inside a cell of this row; ${rest}`, hint: QUOTING_HINT };
    case 'INVALID_OPENING_QUOTE':
      return { line, column: null, message: `a quote appears in the middle of an unquoted cell of this row; ${rest}`, hint: QUOTING_HINT };
    case 'CSV_MAX_RECORD_SIZE':
      return {
        line,
        column: null,
        message: `this row is larger than ${MAX_ROW_BYTES / 1024 / 1024} MiB; ${rest}`,
        hint: 'a cell holds at most 5000 characters; look for a quote that is opened but never closed',
      };
    default:
      return { line, column: null, message: `the CSV cannot be read here (${error.message}); ${rest}`, hint: QUOTING_HINT };
  }
}

/**
 * Reads CSV with a header row. Each record is handled inside csv-parse's `on_record` and never
 * queued, so memory stays flat however long the file is, and every row before a fatal quoting
 * error has been seen (a stream would drop the records it had buffered).
 */
export async function readCsvRows(input: Readable, sink: RowSink): Promise<void> {
  let fields: (ImportField | null)[] | undefined;
  let header: string[] = [];
  let previousEnd = 0;
  let previousEmpty = 0;
  const lines = new LineIndex();
  const parser = parse({
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: MAX_ROW_BYTES,
    on_record: (cells: string[], context) => {
      // `bytes` is where this record (with its line break) ends; it starts after the previous
      // one and any blank lines skipped in between.
      const line = lines.lineAt(previousEnd) + (context.empty_lines - previousEmpty);
      const lastLine = lines.lineAt(context.bytes - 1);
      previousEnd = context.bytes;
      previousEmpty = context.empty_lines;
      if (!fields) {
        header = cells;
        const checked = readHeader(cells, line, (problem) => sink.fileProblem(problem));
        fields = checked.fields;
        sink.missingColumns(checked.missing);
        return null;
      }
      if (cells.length !== header.length) {
        sink.badRow({
          line,
          column: null,
          message: `this row has ${cells.length} cells but the header has ${header.length}`,
          hint: 'quote cells that contain commas, and give every row the same columns as the header',
        });
        return null;
      }
      const row = { line, values: {} as Record<string, unknown>, columns: {} as Record<string, string> };
      for (let i = 0; i < cells.length; i++) {
        const field = fields[i];
        if (!field) continue;
        row.values[field] = cells[i];
        row.columns[field] = header[i]!;
      }
      sink.row(row, lastLine);
      return null;
    },
  });
  parser.resume();
  try {
    await pipeline(input, lines, parser);
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    // The error carries where the last good record ended: the broken one starts after it.
    const line =
      lines.lineAt(typeof error.bytes === 'number' ? error.bytes : previousEnd) +
      (typeof error.empty_lines === 'number' ? error.empty_lines - previousEmpty : 0);
    sink.fileProblem(parseFailure(error, line));
  }
}
