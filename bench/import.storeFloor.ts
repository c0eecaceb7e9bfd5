// The import's own floor: the same rows written through CourseStore exactly as an import writes
// them (one bulk-load transaction: inserts, outbox and full-text entries, indexes, commit) from
// rows parsed and converted before the clock starts. What is left between this and
// `catalog import` is reading, checking and passing rows; what is left between this and
// `sqlite3 .import` is the catalogue's schema. import.bench.js bundles this file with esbuild.
//
// With a variant, the same load runs on a catalogue changed in one way the team could choose to
// make writes cheaper, each at a price (see bench/results/import.md): this measures what each
// would buy, so the choice can be made on numbers.
// Usage: node import.storeFloor.mjs <csv> <database> [variant]
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { openCatalog, randomCourseId } from '../src/services/catalogContext.js';
import type { CatalogDatabase } from '../src/store/database.js';
import { BulkImportTransaction } from '../src/store/bulkImportTransaction.js';
import type { NewCourse } from '../src/store/courseStore.js';
import { FLOOR_VARIANTS } from './support/floorVariants.js';
import type { FloorVariant } from './support/floorVariants.js';

function changeCatalogue(db: CatalogDatabase, variant: FloorVariant): void {
  const all = variant === 'all four';
  if (all || variant === 'no fsync') db.pragma('synchronous = OFF');
  if (all || variant === 'no course facts') {
    for (const trigger of ['course_facts_insert', 'course_facts_update', 'course_facts_delete']) db.exec(`DROP TRIGGER ${trigger}`);
    db.exec('DROP TABLE course_facts');
  }
  if (all || variant === 'FTS detail=column') {
    const triggers = db
      .prepare<[], { name: string; sql: string }>(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%course_text%'`)
      .all();
    const table = db.prepare<[], { sql: string }>(`SELECT sql FROM sqlite_master WHERE name = 'course_text'`).get()!.sql;
    for (const trigger of triggers) db.exec(`DROP TRIGGER ${trigger.name}`);
    db.exec('DROP TABLE course_text');
    db.exec(table.replace(/tokenize\s*=/, `detail = 'column', tokenize =`));
    for (const trigger of triggers) db.exec(trigger.sql);
  }
}

function idsFor(variant: FloorVariant): () => string {
  if (variant !== 'time-ordered ids' && variant !== 'all four') return randomCourseId;
  let counter = 32 ** 9; // ten base-32 digits, counting up
  return () => `crs_${(counter++).toString(32)}`;
}

const [csvPath, databasePath, variantArgument = 'as shipped'] = process.argv.slice(2) as [string, string, string | undefined];
if (!(variantArgument in FLOOR_VARIANTS))
  throw new Error(`unknown variant "${variantArgument}"; one of: ${Object.keys(FLOOR_VARIANTS).join(', ')}`);
const variant = variantArgument as FloorVariant;
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
const db = ctx.courses.db;
changeCatalogue(db, variant);
const newId = idsFor(variant);
const now = ctx.clock();
const started = performance.now();
const transaction = new BulkImportTransaction(ctx.courses, now);
for (const course of courses) ctx.courses.insert(newId(), course, now, 'imported');
const inserted = performance.now();
// BulkImportTransaction.commit() in its two steps, timed apart.
ctx.courses.finishBulkLoad(now);
const finished = performance.now();
db.exec('COMMIT');
const committed = performance.now();
transaction.rollback(); // restores the connection's settings; the data is committed
ctx.close();
process.stdout.write(
  JSON.stringify({
    rows: courses.length,
    variant,
    milliseconds: committed - started,
    phases: { inserts: inserted - started, finish: finished - inserted, commit: committed - finished },
  }),
);
