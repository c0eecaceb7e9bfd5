import type { CalendarDate } from '../domain/calendar.js';
import type { Course } from '../domain/course.js';
import type { CatalogDatabase } from './database.js';
import { COURSE_FROM } from './courseRows.js';
import { OutboxRetention } from './outboxRetention.js';

/** One recorded course change waiting for (or done with) the search index. */
export interface OutboxEntry {
  id: number;
  courseId: string;
  courseVersion: number;
  change: string;
  createdAt: number;
  attempts: number;
}

/** A pending outbox entry with its course's current state. */
export interface PendingChange {
  entryId: number;
  courseId: string;
  courseVersion: number;
  course: Course | undefined;
}

/**
 * One recorded change, as a reader of the change stream sees it (`catalog serve`'s live pages):
 * ids only grow, so "everything after the last id I saw" is the whole story.
 */
export interface ChangeEntry {
  id: number;
  courseId: string;
  change: string;
  createdAt: number;
}

/** A write Elasticsearch acknowledged: the entries it covered, and the course version it holds. */
export interface Acknowledgement {
  entryIds: number[];
  courseId: string;
  version: number;
}

export interface OutboxProblem {
  courseId: string;
  courseVersion: number;
  change: string;
  error: string;
  at: number | null;
  /** Elasticsearch turned it down for good (vs. a try that will be repeated). */
  refused: boolean;
  attempts: number;
}

export interface OutboxStatus {
  pending: number;
  oldestPendingAt: number | null;
  /** Entries Elasticsearch refused, waiting for `sync --retry-refused`. */
  refused: number;
  lastProblem: OutboxProblem | null;
}

interface EntryRow {
  id: number;
  course_id: string;
  course_version: number;
  change: string;
  created_at: number;
  attempts: number;
}

/** The columns of COURSE_COLUMNS, in an order courseFromRawRow reads by position. */
const RAW_COURSE_COLUMNS = `c.id, c.external_id, c.title, c.description, t.name, c.category, c.price_paise, c.sale_price_paise,
  c.sale_starts_at, c.sale_ends_at, c.start_date, c.end_date, c.seats, c.registrations, c.status, c.stop_reason,
  c.version, c.created_at, c.updated_at, c.module_count, c.material_count, c.preview_count,
  c.free_days, c.upgrade_until_day, c.free_enrolments, c.free_starts, c.upgrades`;

function courseFromRawRow(row: unknown[]): Course {
  const [
    id,
    externalId,
    title,
    description,
    teacher,
    category,
    pricePaise,
    salePrice,
    saleStartsAt,
    saleEndsAt,
    startDate,
    endDate,
    seats,
    registrations,
    status,
    stopReason,
    version,
    createdAt,
    updatedAt,
    moduleCount,
    materialCount,
    previewCount,
    freeDays,
    upgradeUntilDay,
    freeEnrolments,
    freeStarts,
    upgrades,
  ] = row as [
    string,
    string | null,
    string,
    string,
    string,
    string,
    number,
    number | null,
    number | null,
    number | null,
    string,
    string,
    number | null,
    number,
    Course['status'],
    string | null,
    number,
    number,
    number,
    number,
    number,
    number,
    number | null,
    number | null,
    number,
    number,
    number,
  ];
  return {
    id,
    externalId,
    title,
    description,
    teacher,
    category,
    pricePaise,
    sale: salePrice === null || saleEndsAt === null ? null : { pricePaise: salePrice, startsAt: saleStartsAt, endsAt: saleEndsAt },
    startDate,
    endDate,
    seats,
    registrations,
    freeDays,
    upgradeUntilDay,
    freeEnrolments,
    freeStarts,
    upgrades,
    status,
    stopReason,
    version,
    createdAt,
    updatedAt,
    moduleCount,
    materialCount,
    previewCount,
  };
}

const toEntry = (row: EntryRow): OutboxEntry => ({
  id: row.id,
  courseId: row.course_id,
  courseVersion: row.course_version,
  change: row.change,
  createdAt: row.created_at,
  attempts: row.attempts,
});

/**
 * The outbox: what is waiting for the search index, the courses' current state, the bookkeeping
 * once Elasticsearch answered, and the change stream for other readers. An entry is pending until
 * it is done (acknowledged) or refused (for good, e.g. a mapping error; stored as failed_at);
 * refused entries wait for `sync --retry-refused`. Entries nothing needs are pruned after
 * `outbox.retentionMinutes` (see OutboxRetention).
 */
export class OutboxStore {
  private readonly statements;
  readonly retention: OutboxRetention;

  constructor(readonly db: CatalogDatabase) {
    this.retention = new OutboxRetention(db);
    this.statements = {
      // The entries and their courses' current rows in one statement (one snapshot: a row is never
      // older than its entries). LEFT JOIN: an entry whose course is gone still comes back.
      pendingWithCourses: db
        .prepare<[number, number, number], unknown[]>(
          `SELECT o.id, o.course_id, o.course_version, ${RAW_COURSE_COLUMNS} FROM outbox o
           LEFT JOIN courses c ON c.id = o.course_id LEFT JOIN teachers t ON t.id = c.teacher_id
           WHERE o.done_at IS NULL AND o.failed_at IS NULL AND o.id > ? AND o.id <= ? ORDER BY o.id LIMIT ?`,
        )
        .raw(true),
      changesSince: db.prepare<[number, number], { id: number; course_id: string; change: string; created_at: number }>(
        `SELECT id, course_id, change, created_at FROM outbox WHERE id > ? ORDER BY id LIMIT ?`,
      ),
      entriesAfter: db.prepare<[number, number], EntryRow>(
        `SELECT id, course_id, course_version, change, created_at, attempts FROM outbox WHERE id > ? ORDER BY id LIMIT ?`,
      ),
      maxId: db.prepare<[], { id: number | null }>(`SELECT max(id) AS id FROM outbox`),
      indexablePage: db
        .prepare<[string, number], unknown[]>(
          `SELECT ${RAW_COURSE_COLUMNS} FROM ${COURSE_FROM} WHERE c.status <> 'archived' AND c.id > ? ORDER BY c.id LIMIT ?`,
        )
        .raw(true),
      // CROSS JOIN keeps the id list as the outer loop: one index probe per id, not a table scan
      // per window. Raw rows (arrays): better-sqlite3 builds keyed row objects twice as slowly,
      // and an initial sync reads every course.
      courses: db
        .prepare<[string], unknown[]>(
          `SELECT ${RAW_COURSE_COLUMNS} FROM json_each(?) ids CROSS JOIN courses c ON c.id = ids.value JOIN teachers t ON t.id = c.teacher_id`,
        )
        .raw(true),
      markDone: db.prepare<{ ids: string; now: number }>(
        `UPDATE outbox SET done_at = @now, last_attempt_at = @now WHERE id IN (SELECT value FROM json_each(@ids)) AND done_at IS NULL`,
      ),
      // Refused entries of a course settle once a newer (or the same) version of it got through.
      anyRefused: db.prepare<[], { one: number }>(
        `SELECT 1 AS one FROM outbox INDEXED BY outbox_refused_by_course WHERE failed_at IS NOT NULL AND done_at IS NULL LIMIT 1`,
      ),
      settleRefused: db.prepare<{ versions: string; now: number }>(
        `UPDATE outbox SET done_at = @now WHERE id IN (
           SELECT o.id FROM json_each(@versions) v CROSS JOIN outbox o
           WHERE o.course_id = v.key AND o.course_version <= v.value AND o.failed_at IS NOT NULL AND o.done_at IS NULL)`,
      ),
      markRefused: db.prepare<{ ids: string; now: number; error: string }>(
        `UPDATE outbox SET failed_at = @now, last_error = @error, attempts = attempts + 1, last_attempt_at = @now
         WHERE id IN (SELECT value FROM json_each(@ids)) AND done_at IS NULL`,
      ),
      recordAttempt: db.prepare<{ ids: string; now: number; error: string }>(
        `UPDATE outbox SET last_error = @error, attempts = attempts + 1, last_attempt_at = @now
         WHERE id IN (SELECT value FROM json_each(@ids)) AND done_at IS NULL`,
      ),
      markDoneThrough: db.prepare<[number, number]>(`UPDATE outbox SET done_at = ? WHERE id <= ? AND done_at IS NULL`),
      requeueRefused: db.prepare(`UPDATE outbox SET failed_at = NULL WHERE failed_at IS NOT NULL AND done_at IS NULL`),
      pendingSummary: db.prepare<[], { n: number; oldest: number | null }>(
        `SELECT count(*) AS n, min(created_at) AS oldest FROM outbox WHERE done_at IS NULL AND failed_at IS NULL`,
      ),
      refusedCount: db.prepare<[], { n: number }>(
        `SELECT count(*) AS n FROM outbox INDEXED BY outbox_refused_by_course WHERE failed_at IS NOT NULL AND done_at IS NULL`,
      ),
      lastProblem: db.prepare<
        [],
        {
          course_id: string;
          course_version: number;
          change: string;
          last_error: string;
          last_attempt_at: number | null;
          failed_at: number | null;
          attempts: number;
        }
      >(
        `SELECT course_id, course_version, change, last_error, last_attempt_at, failed_at, attempts FROM outbox
         WHERE done_at IS NULL AND last_error IS NOT NULL ORDER BY coalesce(last_attempt_at, failed_at, 0) DESC, id DESC LIMIT 1`,
      ),
      indexable: db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM courses WHERE status <> 'archived'`),
      allIndexable: db.prepare<[], { id: string; version: number }>(`SELECT id, version FROM courses WHERE status <> 'archived'`),
      lastChangedIndexable: db.prepare<[number], { id: string; version: number }>(
        `SELECT id, version FROM courses WHERE status <> 'archived' ORDER BY updated_at DESC LIMIT ?`,
      ),
      randomIndexable: db.prepare<[number], { id: string; version: number }>(
        `SELECT id, version FROM courses WHERE status <> 'archived' ORDER BY random() LIMIT ?`,
      ),
      unsentCourses: db.prepare<[], { course_id: string }>(`SELECT DISTINCT course_id FROM outbox WHERE done_at IS NULL`),
      deleteState: db.prepare<[string]>(`DELETE FROM sync_state WHERE name = ?`),
      getState: db.prepare<[string], { value: string }>(`SELECT value FROM sync_state WHERE name = ?`),
      setState: db.prepare<[string, string]>(
        `INSERT INTO sync_state (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value`,
      ),
      crossing: db.prepare<{ after: number; through: number; afterDate: string; throughDate: string }, { id: string }>(
        `SELECT id FROM courses WHERE status <> 'archived' AND sale_starts_at > @after AND sale_starts_at <= @through
         UNION SELECT id FROM courses WHERE status <> 'archived' AND sale_ends_at > @after AND sale_ends_at <= @through
         UNION SELECT id FROM courses WHERE status IN ('draft', 'published', 'stopped') AND start_date > @afterDate AND start_date <= @throughDate`,
      ),
    };
  }

  /**
   * Pending entries after `afterId` up to `throughId`, oldest first, each with its course as it
   * is now (undefined if the course no longer exists): what the sync worker sends.
   */
  pendingWithCourses(afterId: number, throughId: number, limit: number): PendingChange[] {
    return this.statements.pendingWithCourses.all(afterId, throughId, limit).map((row) => ({
      entryId: row[0] as number,
      courseId: row[1] as string,
      courseVersion: row[2] as number,
      course: row[3] === null ? undefined : courseFromRawRow(row.slice(3)),
    }));
  }

  /** Every entry after `afterId`, done or not (a reindex catching up on changes made while it ran). */
  entriesAfter(afterId: number, limit: number): OutboxEntry[] {
    return this.statements.entriesAfter.all(afterId, limit).map(toEntry);
  }

  maxId(): number {
    return this.statements.maxId.get()?.id ?? 0;
  }

  /**
   * The change stream: entries after `afterId`, oldest first, at most `limit` (done or not: a
   * reader follows changes, not the sync). Ids only grow and are never reused.
   */
  changesSince(afterId: number, limit: number): ChangeEntry[] {
    return this.statements.changesSince
      .all(afterId, limit)
      .map((row) => ({ id: row.id, courseId: row.course_id, change: row.change, createdAt: row.created_at }));
  }

  /**
   * Every entry from this id on is still here (older ones may have been pruned). A reader that
   * last saw id N has missed changes exactly when N < oldestRetainedId() - 1: it should reload
   * whatever it shows rather than replay the stream.
   */
  oldestRetainedId(): number {
    return this.retention.prunedThrough() + 1;
  }

  /** Deletes sent entries older than the window, never the newest (see OutboxRetention). */
  prune(now: number, retentionMs: number): number {
    return this.retention.prune(now, retentionMs, { pendingToo: !this.retention.feedsIndex() });
  }

  /** The courses' state now (archived ones included); ids without a course are absent from the map. */
  currentCourses(ids: string[]): Map<string, Course> {
    const out = new Map<string, Course>();
    for (const row of this.statements.courses.all(JSON.stringify(ids))) {
      const course = courseFromRawRow(row);
      out.set(course.id, course);
    }
    return out;
  }

  /**
   * The courses an index should hold, a page at a time in id order (a reindex walks them with
   * `afterId` = the last id of the previous page, leaving the connection free in between).
   */
  indexableCoursesAfter(afterId: string, limit: number): Course[] {
    return this.statements.indexablePage.all(afterId, limit).map(courseFromRawRow);
  }

  /**
   * Elasticsearch acknowledged these writes: their entries are done, and so are entries of the
   * same courses it refused earlier at or below the version it now holds.
   */
  markDone(acknowledged: Acknowledgement[], now: number): void {
    if (!acknowledged.length) return;
    const versions = () => {
      const highest: Record<string, number> = {};
      for (const { courseId, version } of acknowledged) highest[courseId] = Math.max(version, highest[courseId] ?? 0);
      return JSON.stringify(highest);
    };
    this.db.transaction(() => {
      this.statements.markDone.run({ ids: JSON.stringify(acknowledged.flatMap((ack) => ack.entryIds)), now });
      if (this.statements.anyRefused.get()) this.statements.settleRefused.run({ versions: versions(), now });
    })();
  }

  /** Elasticsearch refused these for good (a 4xx other than 429): record why, stop retrying. */
  markRefused(entryIds: number[], error: string, now: number): void {
    if (entryIds.length) this.statements.markRefused.run({ ids: JSON.stringify(entryIds), now, error });
  }

  /** A try that will be repeated (node down, 429): count it and keep the error for `sync status`. */
  recordAttempt(entryIds: number[], error: string, now: number): void {
    if (entryIds.length) this.statements.recordAttempt.run({ ids: JSON.stringify(entryIds), now, error });
  }

  /** After a reindex built the index from the database: everything up to `throughId` is in it. */
  markDoneThrough(throughId: number, now: number): number {
    return this.statements.markDoneThrough.run(now, throughId).changes;
  }

  /** Puts refused entries back in the queue; returns how many. */
  requeueRefused(): number {
    return this.statements.requeueRefused.run().changes;
  }

  status(): OutboxStatus {
    const pending = this.statements.pendingSummary.get()!;
    const problem = this.statements.lastProblem.get();
    return {
      pending: pending.n,
      oldestPendingAt: pending.oldest,
      refused: this.statements.refusedCount.get()!.n,
      lastProblem: problem
        ? {
            courseId: problem.course_id,
            courseVersion: problem.course_version,
            change: problem.change,
            error: problem.last_error,
            at: problem.last_attempt_at ?? problem.failed_at,
            refused: problem.failed_at !== null,
            attempts: problem.attempts,
          }
        : null,
    };
  }

  /** Courses the search index should hold: all but archived. */
  indexableCourses(): number {
    return this.statements.indexable.get()!.n;
  }

  /**
   * Courses with a time boundary in (after, through]: a sale starting or ending, or the start
   * date arriving (dates are compared as calendar dates in the catalogue's time zone).
   */
  coursesCrossingBoundaries(after: number, through: number, afterDate: CalendarDate, throughDate: CalendarDate): string[] {
    return this.statements.crossing.all({ after, through, afterDate, throughDate }).map((row) => row.id);
  }

  /**
   * Courses the index should hold, with their versions, for comparing with the index: all of
   * them when there are at most `limit`, else the most recently changed half and a random half.
   */
  indexableSample(limit: number): { id: string; version: number }[] {
    if (this.indexableCourses() <= limit) return this.statements.allIndexable.all();
    const sample = new Map<string, number>();
    for (const row of this.statements.lastChangedIndexable.all(Math.ceil(limit / 2))) sample.set(row.id, row.version);
    for (const row of this.statements.randomIndexable.all(Math.floor(limit / 2))) sample.set(row.id, row.version);
    return [...sample].map(([id, version]) => ({ id, version }));
  }

  /** Courses with changes Elasticsearch has not acknowledged yet (pending or refused). */
  unsentCourseIds(): Set<string> {
    return new Set(this.statements.unsentCourses.all().map((row) => row.course_id));
  }

  state(name: string): string | undefined {
    return this.statements.getState.get(name)?.value;
  }

  setState(name: string, value: string): void {
    this.statements.setState.run(name, value);
  }

  /**
   * Reads a state and decides its next value under the write lock (IMMEDIATE), so two processes
   * deciding at once see each other's decision: `decide` returns the new value, null to remove
   * it, or undefined to leave it as it is.
   */
  updateState(name: string, decide: (current: string | undefined) => string | null | undefined): void {
    this.db
      .transaction(() => {
        const next = decide(this.state(name));
        if (next === null) this.statements.deleteState.run(name);
        else if (next !== undefined) this.setState(name, next);
      })
      .immediate();
  }
}
