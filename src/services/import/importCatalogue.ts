import fs from 'node:fs';
import { dateAt } from '../../domain/calendar.js';
import { Readable } from 'node:stream';
import { CatalogError, UsageError } from '../../errors.js';
import { BulkImportTransaction } from '../../store/bulkImportTransaction.js';
import type { CatalogContext } from '../catalogContext.js';
import { CourseImporter } from './courseImporter.js';
import type { ImportCounts } from './courseImporter.js';
import type { CheckedRowSink } from './checkedRows.js';
import { readCheckedRowsAside } from './checkedRowsReader.js';
import type { ImportInput } from './checkedRowsReader.js';
import { formatOf, sniffFormat } from './importFormat.js';
import type { ImportFormat } from './importFormat.js';
import type { ImportProblem } from './importProblem.js';

export interface ImportOptions {
  /** --format; otherwise the file's extension, or a sniff of piped input. */
  format?: string;
  dryRun?: boolean;
  upsert?: boolean;
  /** Called every few thousand rows and at the end, for a progress bar. */
  onProgress?: (progress: ImportProgress) => void;
  /** Where `-` reads from. */
  stdin?: Readable;
}

export interface ImportProgress {
  rows: number;
  bytes: number;
  /** Known for files, not for piped input. */
  totalBytes: number | null;
}

/** What an import did (or, with --dry-run, would do); the same object `--json` prints. */
export interface ImportReport extends ImportCounts {
  ok: boolean;
  dryRun: boolean;
  /** True only when the courses were committed: never on a dry run, never with a problem. */
  written: boolean;
  upsert: boolean;
  source: string;
  format: ImportFormat;
  rows: number;
  invalidRows: number;
  problems: ImportProblem[];
  milliseconds: number;
}

/** A file the import may read (checked before the write transaction starts), and its size. */
async function checkedFile(source: string): Promise<{ input: ImportInput; totalBytes: number }> {
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(source);
    await fs.promises.access(source, fs.constants.R_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT' ? `no file ${source}` : `cannot read ${source} (${code})`,
      'check the path; use - to read from stdin',
    );
  }
  if (!stat.isFile()) throw new UsageError(`${source} is not a file`, 'give the path of a .csv, .json or .ndjson file, or - for stdin');
  return { input: { file: source }, totalBytes: stat.size };
}

/** Reads piped input up to its first visible byte to tell its format, then hands on every byte. */
async function sniffed(input: Readable): Promise<{ format: ImportFormat; input: Readable }> {
  const iterator = (input as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  for (;;) {
    const next = await iterator.next();
    if (next.done) break;
    head.push(Buffer.from(next.value));
    if (
      next.value.some(
        (byte) => byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09 && byte !== 0xef && byte !== 0xbb && byte !== 0xbf,
      )
    )
      break;
  }
  async function* replay(): AsyncGenerator<Buffer> {
    yield* head;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { format: sniffFormat(Buffer.concat(head)), input: Readable.from(replay(), { objectMode: false }) };
}

/**
 * Imports a file of courses, all or nothing: every row is validated with the `course add`
 * rules and written inside ONE transaction while the file streams through, and the transaction
 * is rolled back at the end if any row (or the file) had a problem, or on a dry run. The report
 * lists every problem, not only the first.
 */
export async function importCatalogue(ctx: CatalogContext, source: string, options: ImportOptions = {}): Promise<ImportReport> {
  const started = performance.now();
  const requested = formatOf(source, options.format);
  let input: ImportInput;
  let totalBytes: number | null = null;
  let format: ImportFormat;
  if (source === '-') {
    const stdin = options.stdin ?? process.stdin;
    if (requested === 'sniff') {
      const sniff = await sniffed(stdin);
      format = sniff.format;
      input = { stream: sniff.input };
    } else {
      format = requested;
      input = { stream: stdin };
    }
  } else {
    ({ input, totalBytes } = await checkedFile(source));
    format = requested as ImportFormat;
  }

  const now = ctx.clock();
  let transaction: BulkImportTransaction;
  try {
    transaction = new BulkImportTransaction(ctx.courses, now);
  } catch (error) {
    if ('stream' in input) input.stream.destroy();
    throw error;
  }
  const moment = { now, today: dateAt(now, ctx.config.timeZone), timeZone: ctx.config.timeZone };
  const importer = new CourseImporter(ctx, { upsert: options.upsert ?? false, moment, intoEmptyCatalogue: transaction.intoEmptyCatalogue });

  const problems: ImportProblem[] = [];
  const invalidRowLines = new Set<number>();
  let rows = 0;
  let bytes = 0;
  const fail = (problem: ImportProblem) => {
    problems.push(problem);
    importer.stopWriting();
  };
  const failRow = (problem: ImportProblem) => {
    invalidRowLines.add(problem.line);
    fail(problem);
  };
  const sink: CheckedRowSink = {
    course(course, columns) {
      try {
        importer.apply(course, columns).forEach(failRow);
      } catch (error) {
        if (error instanceof CatalogError)
          failRow({ line: course.line, column: null, message: error.message, hint: error.hint ?? 'fix this row' });
        else throw error;
      }
    },
    rowProblem: failRow,
    fileProblem: fail,
    progress(rowsRead, bytesRead) {
      rows = rowsRead;
      bytes = bytesRead;
      options.onProgress?.({ rows, bytes, totalBytes });
    },
  };

  let committed = false;
  try {
    await readCheckedRowsAside(input, format, ctx.config.timeZone, sink);
    if (problems.length === 0 && !options.dryRun) {
      transaction.commit();
      committed = true;
    }
  } finally {
    if (!committed) transaction.rollback();
  }

  problems.sort((a, b) => a.line - b.line);
  const ok = problems.length === 0;
  const counts = ok ? importer.counts : { created: 0, updated: 0, unchanged: 0 };
  return {
    ok,
    dryRun: options.dryRun ?? false,
    written: committed,
    upsert: options.upsert ?? false,
    source: source === '-' ? 'stdin' : source,
    format,
    rows,
    ...counts,
    invalidRows: invalidRowLines.size,
    problems,
    milliseconds: Math.round(performance.now() - started),
  };
}
