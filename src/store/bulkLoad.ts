import type { CatalogDatabase } from './database.js';

/**
 * Work a large batch of course inserts (seed, import) does for many rows at a time instead of
 * once per row: the full-text index, the text search's copy of the filter columns
 * (course_facts, and its change log) and the outbox (every few thousand rows, see flush), and — when the catalogue
 * was empty — the secondary indexes (once, at the end). One INSERT … SELECT into the full-text
 * index, the facts or the outbox costs a fraction of a trigger or a statement per row, and
 * building an index such as the listing cover by sorting once is cheaper than a random insert
 * per course (figures in bench/results/decisions.md).
 *
 * Begin inside an open write transaction. Triggers and indexes are dropped and re-created from
 * their own stored SQL within it, so a rollback, a crash or a kill leaves them exactly as they
 * were, and other connections never see them missing (WAL readers keep their snapshot; writers
 * wait for the lock). Only inserts are deferred; updates keep their trigger and outbox entry.
 */
export class BulkLoad {
  private readonly textTrigger: string | undefined;
  private readonly factsTrigger: string | undefined;
  private readonly droppedIndexes: string[];
  /** The last course before the load: later ones are the load's own. */
  readonly lastSeqBefore: number;
  /** Whether the catalogue had no course when the load began (inside its transaction). */
  readonly intoEmptyCatalogue: boolean;
  /** Courses up to this seq have their outbox entry, full-text entry and facts. */
  private flushedSeq: number;

  constructor(private readonly db: CatalogDatabase) {
    const schema = (sql: string) =>
      db
        .prepare<[], { sql: string }>(sql)
        .all()
        .map((row) => row.sql);
    this.textTrigger = schema(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'course_text_insert'`)[0];
    this.factsTrigger = schema(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'course_facts_insert'`)[0];
    this.lastSeqBefore = this.lastSeq();
    this.flushedSeq = this.lastSeqBefore;
    // Only into an empty catalogue: re-building an index sorts every course, which would cost a
    // small import into a large catalogue far more than it saves. Unique indexes stay, because
    // the inserts are checked against them as they go; partial ones (courses on sale) stay
    // because most rows never touch them, while re-building one scans the whole table.
    const empty = (this.intoEmptyCatalogue = db.prepare(`SELECT 1 FROM courses LIMIT 1`).get() === undefined);
    this.droppedIndexes = empty
      ? schema(
          `SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'courses' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%' AND sql NOT LIKE '% WHERE %'`,
        )
      : [];
    for (const sql of this.droppedIndexes) db.exec(`DROP INDEX ${indexName(sql)}`);
    if (this.textTrigger) db.exec('DROP TRIGGER course_text_insert');
    if (this.factsTrigger) db.exec('DROP TRIGGER course_facts_insert');
  }

  /**
   * Appends an outbox entry (with the course's current version, in insertion order), a
   * full-text entry and the facts (as the course is now: an update of a course not yet flushed
   * found no facts row to change) for each course inserted since the last flush. CourseStore flushes every few
   * thousand inserts, so that an import does this while its reading thread parses the next rows
   * and little is left for the end.
   */
  flush(change: string, now: number): void {
    const lastSeq = this.lastSeq();
    if (lastSeq === this.flushedSeq) return;
    this.db
      .prepare(
        `INSERT INTO outbox (course_id, course_version, change, created_at) SELECT id, version, ?, ? FROM courses WHERE seq > ? AND seq <= ? ORDER BY seq`,
      )
      .run(change, now, this.flushedSeq, lastSeq);
    if (this.textTrigger) {
      this.db
        .prepare(
          `INSERT INTO course_text (rowid, title, description, listing)
           SELECT seq, catalog_terms(title), catalog_terms(description), catalog_listing(status, start_date) FROM courses WHERE seq > ? AND seq <= ?`,
        )
        .run(this.flushedSeq, lastSeq);
      this.db.prepare(`INSERT OR IGNORE INTO course_terms (term) SELECT value FROM json_each(catalog_new_terms())`).run();
    }
    if (this.factsTrigger) {
      this.db
        .prepare(
          `INSERT INTO course_facts (seq, status, start_date, price_paise, sale_price_paise, sale_starts_at, sale_ends_at, registrations, seats, category, teacher_id, free_days, id)
           SELECT seq, status, start_date, price_paise, sale_price_paise, sale_starts_at, sale_ends_at, registrations, seats, category, teacher_id, free_days, id
           FROM courses WHERE seq > ? AND seq <= ? ORDER BY seq`,
        )
        .run(this.flushedSeq, lastSeq);
      // One entry for the batch, where the dropped trigger would have written one per course.
      this.db.prepare(`INSERT INTO course_facts_changes (from_seq, to_seq) VALUES (?, ?)`).run(this.flushedSeq + 1, lastSeq);
      this.db.prepare(`DELETE FROM course_facts_changes WHERE id <= (SELECT max(id) FROM course_facts_changes) - 10000`).run();
    }
    this.flushedSeq = lastSeq;
  }

  private lastSeq(): number {
    return this.db.prepare<[], { seq: number }>(`SELECT coalesce(max(seq), 0) AS seq FROM courses`).get()!.seq;
  }

  /** Flushes the rest, and restores the indexes and the triggers. */
  finish(change: string, now: number): void {
    this.flush(change, now);
    if (this.textTrigger) this.db.exec(this.textTrigger);
    if (this.factsTrigger) this.db.exec(this.factsTrigger);
    for (const sql of this.droppedIndexes) this.db.exec(sql);
  }
}

function indexName(createSql: string): string {
  const name = /^CREATE\s+INDEX\s+(?:IF\s+NOT\s+EXISTS\s+)?("[^"]+"|\S+)/i.exec(createSql)?.[1];
  if (!name) throw new Error(`cannot read the index name from: ${createSql}`);
  return name;
}
