import type { CourseStore } from './courseStore.js';

/**
 * One write transaction that spans a whole streamed import (better-sqlite3's db.transaction()
 * cannot span awaits, so it is opened and closed by hand). Writes inside it through CourseStore
 * nest as savepoints, as usual.
 *
 * It is a bulk load (CourseStore.beginBulkLoad): the outbox entries and full-text index of new
 * courses are written in batches as the rows go in, the rest by `commit()`. An import never
 * changes a course it created in the same run (a file names each course once), so nothing is
 * missed.
 */
export class BulkImportTransaction {
  private readonly db;
  private readonly cacheSizeBefore: number;
  private readonly mmapSizeBefore: number;
  private open = true;
  /** The catalogue had no course when the transaction began: nothing in the file can exist yet but the rows before it. */
  readonly intoEmptyCatalogue: boolean;

  constructor(
    private readonly courses: CourseStore,
    private readonly now: number,
  ) {
    const db = (this.db = courses.db);
    this.cacheSizeBefore = db.pragma('cache_size', { simple: true }) as number;
    // An import passes each page about once: a smaller cache than the connection's is as fast
    // and keeps the import's peak memory lower (bench/results/decisions.md).
    db.pragma('cache_size = -16384');
    // Memory-mapped pages count as the process's own memory: without the map an import into a
    // large catalogue peaks lower and is no slower (bench/results/decisions.md). Searches keep
    // the map: it is what makes their cold reads fast.
    this.mmapSizeBefore = db.pragma('mmap_size', { simple: true }) as number;
    db.pragma('mmap_size = 0');
    try {
      db.exec('BEGIN IMMEDIATE');
      this.intoEmptyCatalogue = courses.beginBulkLoad('imported').intoEmptyCatalogue;
    } catch (error) {
      // A busy database comes out as the store's DatabaseBusyError, with its hint (databaseErrors.ts).
      this.rollback();
      throw error;
    }
  }

  /** Writes the bulk load's outbox entries and indexes, and commits. */
  commit(): void {
    this.courses.finishBulkLoad(this.now);
    this.db.exec('COMMIT');
    this.close();
  }

  /** Undoes everything, the dropped trigger included. Safe to call twice. */
  rollback(): void {
    if (this.open && this.db.inTransaction) this.db.exec('ROLLBACK');
    this.close();
  }

  private close(): void {
    this.courses.abandonBulkLoad();
    if (this.open) {
      this.db.pragma(`cache_size = ${this.cacheSizeBefore}`);
      this.db.pragma(`mmap_size = ${this.mmapSizeBefore}`);
    }
    this.open = false;
  }
}
