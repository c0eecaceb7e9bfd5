import type { Readable } from 'node:stream';
import type { RowColumns } from './courseImporter.js';
import { readCsvRows } from './csvRows.js';
import type { FieldValues, ImportField } from './importColumns.js';
import { checkImportedRow } from './importedCourse.js';
import type { ImportedCourse } from './importedCourse.js';
import type { ImportFormat } from './importFormat.js';
import type { ImportProblem } from './importProblem.js';
import { readJsonArrayRows, readNdjsonRows } from './jsonRows.js';
import type { RowSink } from './rowSink.js';
import { Utf8Guard } from './utf8Guard.js';

/**
 * What reading a file yields, in file order: valid rows (checked with the `course add` rules,
 * not yet compared with the catalogue) and problems. This half of an import needs no database,
 * so it can run on a worker thread while the other half writes (see checkedRowsReader.ts).
 */
export interface CheckedRowSink {
  course(course: ImportedCourse, columns: RowColumns): void;
  /** Something wrong with one row: the row counts as invalid. */
  rowProblem(problem: ImportProblem): void;
  /** Something wrong with the file itself (header, structure, encoding outside rows, emptiness). */
  fileProblem(problem: ImportProblem): void;
  /** Rows read so far (valid or not) and bytes read, every PROGRESS_EVERY rows and at the end. */
  progress(rows: number, bytes: number): void;
}

export const PROGRESS_EVERY = 2_000;

const READERS: Record<ImportFormat, (input: Readable, sink: RowSink) => Promise<void>> = {
  csv: readCsvRows,
  json: readJsonArrayRows,
  ndjson: readNdjsonRows,
};

const UTF8_HINT = 'save the file as UTF-8 (in a spreadsheet: "CSV UTF-8"), or retype the characters on this line';

function columnWithReplacementCharacter(row: FieldValues): string | null {
  for (const [field, value] of Object.entries(row.values)) {
    if (typeof value === 'string' && value.includes('\uFFFD')) return row.columns[field as ImportField] ?? field;
  }
  return null;
}

/** Reads the bytes of an import file to the end, checking encoding, structure and every row. */
export async function readCheckedRows(input: Readable, format: ImportFormat, timeZone: string, sink: CheckedRowSink): Promise<void> {
  const guard = new Utf8Guard();
  input.on('error', (error) => guard.destroy(error));
  input.pipe(guard);
  let rows = 0;
  let missing: ReadonlySet<ImportField> = new Set();
  const countRow = () => {
    rows++;
    if (rows % PROGRESS_EVERY === 0) sink.progress(rows, guard.bytes);
  };
  const rowSink: RowSink = {
    row(row, lastLine) {
      countRow();
      if (guard.takeInvalidLines(row.line, lastLine).length) {
        sink.rowProblem({
          line: row.line,
          column: columnWithReplacementCharacter(row),
          message: 'this row holds bytes that are not UTF-8',
          hint: UTF8_HINT,
        });
        return;
      }
      const checked = checkImportedRow(row, timeZone, missing);
      if ('problems' in checked) {
        for (const problem of checked.problems) sink.rowProblem(problem);
        return;
      }
      const column = (field: ImportField, fallback: string) => row.columns[field] ?? fallback;
      sink.course(checked.course, {
        id: column('id', 'id'),
        externalId: column('externalId', 'external_id'),
        seats: column('seats', 'seats'),
        status: column('status', 'status'),
        price: column('price', 'price'),
        start: column('start', 'start'),
        salePrice: column('salePrice', 'sale_price'),
        freeDays: column('freeDays', 'free_days'),
        upgradeUntilDay: column('upgradeUntilDay', 'upgrade_until_day'),
      });
    },
    badRow(problem) {
      countRow();
      sink.rowProblem(problem);
    },
    fileProblem: (problem) => sink.fileProblem(problem),
    missingColumns(fields) {
      missing = fields;
    },
  };

  await READERS[format](guard, rowSink);
  guard.destroy();
  if (!input.destroyed) input.destroy();
  for (const line of guard.leftoverInvalidLines())
    sink.fileProblem({ line, column: null, message: 'this line holds bytes that are not UTF-8', hint: UTF8_HINT });
  if (!guard.hasContent) {
    sink.fileProblem({
      line: 1,
      column: null,
      message: 'the file is empty',
      hint: 'check the step that wrote it; `catalog export --format csv` shows the layout an import expects',
    });
  }
  sink.progress(rows, guard.bytes);
}
