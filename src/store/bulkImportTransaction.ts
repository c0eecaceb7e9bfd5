import type { CatalogDatabase } from './database.js';

/**
 * One write transaction that spans a whole streamed import (better-sqlite3's db.transaction()
 * cannot span awaits, so it is opened and closed by hand). Writes inside it through CourseStore
 * nest as savepoints, as usual.
 *
 * While it is open, new courses are not indexed one by one by the `course_text_insert` trigger
 * but all at once by `commit()`: each per-row trigger statement makes FTS5 flush its pending
 * terms, which costs ~5x the rest of an insert (measured in bench/import.bench.js). The trigger
 * is dropped and re-created from its own stored SQL inside this transaction, so a rollback, a
 * crash or a kill leaves it exactly as it was, and other connections never see it missing
 * (WAL readers keep their snapshot; writers wait for this transaction's lock).
 * Only inserts are deferred: updates of courses that existed before keep their trigger, and an
 * import never changes the title or description of a course it created in the same run.
 */
export class BulkImportTransaction {
  private readonly insertTrigger: string | undefined;
  private readonly lastSeqBefore: number;
  private open = true;

  constructor(private readonly db: CatalogDatabase) {
    if (process.env.XCACHE) db.pragma('cache_size = ' + process.env.XCACHE);
    db.exec('BEGIN IMMEDIATE');
    try {
      this.insertTrigger = db.prepare<[], { sql: string }>(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'course_text_insert'`).get()?.sql;
      this.lastSeqBefore = db.prepare<[], { seq: number }>(`SELECT coalesce(max(seq), 0) AS seq FROM courses`).get()!.seq;
      if (this.insertTrigger) db.exec('DROP TRIGGER course_text_insert');
    } catch (error) {
      this.rollback();
      throw error;
    }
  }

  /** Indexes the courses inserted since the start, restores the trigger, and commits. */
  commit(): void {
    if (this.insertTrigger) {
      this.db.prepare(`INSERT INTO course_text (rowid, title, description) SELECT seq, title, description FROM courses WHERE seq > ?`).run(this.lastSeqBefore);
      this.db.exec(this.insertTrigger);
    }
    this.db.exec('COMMIT');
    this.open = false;
  }

  /** Undoes everything, the dropped trigger included. Safe to call twice. */
  rollback(): void {
    if (this.open && this.db.inTransaction) this.db.exec('ROLLBACK');
    this.open = false;
  }
}
