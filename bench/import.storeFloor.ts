// The import's own floor: the same rows written through CourseStore exactly as an import writes
// them (one bulk-load transaction: inserts, outbox and full-text entries, indexes, commit) from
// rows parsed and converted before the clock starts. What is left between this and
// `catalog import` is reading, checking and passing rows; what is left between this and
// `sqlite3 .import` is the catalogue's schema. import.bench.js bundles this file with esbuild.
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { openCatalog, randomCourseId } from '../src/services/catalogContext.js';
import { BulkImportTransaction } from '../src/store/bulkImportTransaction.js';
import type { NewCourse } from '../src/store/courseStore.js';

const [csvPath, databasePath] = process.argv.slice(2) as [string, string];
const records = parse(fs.readFileSync(csvPath), { columns: true }) as Record<string, string>[];
const courses: NewCourse[] = records.map((r) => ({
  title: r.title!,
  description: r.description!,
  teacher: r.teacher!,
  category: r.category!,
  pricePaise: Number(r.price) * 100,
  startDate: r.start!,
  endDate: r.end!,
  seats: Number(r.seats),
  status: 'published',
  externalId: r.external_id!,
}));

const ctx = await openCatalog({ database: databasePath }, { create: true });
const now = ctx.clock();
const started = performance.now();
const transaction = new BulkImportTransaction(ctx.courses, now);
for (const course of courses) ctx.courses.insert(randomCourseId(), course, now, 'imported');
transaction.commit();
const milliseconds = performance.now() - started;
ctx.close();
process.stdout.write(JSON.stringify({ rows: courses.length, milliseconds }));
