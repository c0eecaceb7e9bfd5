import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import type { ImportField } from './importColumns.js';
import { readHeader } from './importColumns.js';
import type { ImportProblem } from './importProblem.js';
import { MAX_ROW_BYTES } from './rowSink.js';
import type { RowSink } from './rowSink.js';

const QUOTING_HINT = 'wrap a cell that holds commas, quotes or line breaks in double quotes, and double every quote inside it: "She said ""hi"""';

/** csv-parse stops at broken quoting: say what broke in words, and that the rest went unread. */
function parseFailure(error: CsvError, recordStart: number): ImportProblem {
  const rest = 'the rows after it were not read';
  const at = typeof error.lines === 'number' ? error.lines : recordStart;
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return { line: recordStart, column: null, message: `a quoted cell opened on this line is never closed; ${rest}`, hint: QUOTING_HINT };
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return { line: at, column: null, message: `text follows a closing quote inside a cell; ${rest}`, hint: QUOTING_HINT };
    case 'INVALID_OPENING_QUOTE':
      return { line: at, column: null, message: `a quote appears in the middle of an unquoted cell; ${rest}`, hint: QUOTING_HINT };
    case 'CSV_MAX_RECORD_SIZE':
      return { line: recordStart, column: null, message: `this row is larger than ${MAX_ROW_BYTES / 1024 / 1024} MiB; ${rest}`, hint: 'a cell holds at most 5000 characters; look for a quote that is opened but never closed' };
    default:
      return { line: at, column: null, message: `the CSV cannot be read here (${error.message}); ${rest}`, hint: QUOTING_HINT };
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
  let previousLast = 0;
  let previousEmpty = 0;
  let recordStart = 1;
  const parser = parse({
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: MAX_ROW_BYTES,
    on_record: (cells: string[], context) => {
      const line = previousLast + 1 + (context.empty_lines - previousEmpty);
      previousLast = context.lines;
      previousEmpty = context.empty_lines;
      recordStart = previousLast + 1;
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
      sink.row(row, context.lines);
      return null;
    },
  });
  parser.resume();
  try {
    await pipeline(input, parser);
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    sink.fileProblem(parseFailure(error, recordStart));
  }
}
