import type { CalendarDate } from '../domain/calendar.js';
import type { Course } from '../domain/course.js';
import type { CatalogDatabase } from './database.js';
import { COURSE_COLUMNS, COURSE_FROM, courseFromRow } from './courseRows.js';
import type { CourseRow } from './courseRows.js';

/** One recorded course change waiting for (or done with) the search index. */
export interface OutboxEntry {
  id: number;
  courseId: string;
  courseVersion: number;
  change: string;
  createdAt: number;
  attempts: number;
}

/** A course's entries up to a version: one write of that version settles all of them. */
export interface CourseVersion {
  courseId: string;
  version: number;
}

export interface OutboxProblem {
  courseId: string;
  courseVersion: number;
  change: string;
  error: string;
  at: number | null;
  failed: boolean;
  attempts: number;
}

export interface OutboxStatus {
  pending: number;
  oldestPendingAt: number | null;
  failed: number;
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

const toEntry = (row: EntryRow): OutboxEntry => ({ id: row.id, courseId: row.course_id, courseVersion: row.course_version, change: row.change, createdAt: row.created_at, attempts: row.attempts });

/**
 * The sync worker's side of the outbox: what is waiting, the courses' current state, and the
 * bookkeeping once Elasticsearch answered. An entry is pending until it is done (acknowledged) or
 * failed (refused for good, e.g. a mapping error); failed entries wait for `sync --retry-failed`.
 */
export class OutboxStore {
  private readonly statements;

  constructor(readonly db: CatalogDatabase) {
    this.statements = {
      pending: db.prepare<[number, number, number], EntryRow>(
        `SELECT id, course_id, course_version, change, created_at, attempts FROM outbox
         WHERE done_at IS NULL AND failed_at IS NULL AND id > ? AND id <= ? ORDER BY id LIMIT ?`,
      ),
      entriesAfter: db.prepare<[number, number], EntryRow>(
        `SELECT id, course_id, course_version, change, created_at, attempts FROM outbox WHERE id > ? ORDER BY id LIMIT ?`,
      ),
      maxId: db.prepare<[], { id: number | null }>(`SELECT max(id) AS id FROM outbox`),
      courses: db.prepare<[string], CourseRow>(`SELECT ${COURSE_COLUMNS} FROM ${COURSE_FROM} WHERE c.id IN (SELECT value FROM json_each(?))`),
      markDone: db.prepare<{ courseId: string; version: number; now: number }>(
        `UPDATE outbox SET done_at = @now, last_attempt_at = @now WHERE course_id = @courseId AND course_version <= @version AND done_at IS NULL`,
      ),
      markFailed: db.prepare<{ courseId: string; version: number; now: number; error: string }>(
        `UPDATE outbox SET failed_at = @now, last_error = @error, attempts = attempts + 1, last_attempt_at = @now
         WHERE course_id = @courseId AND course_version <= @version AND done_at IS NULL AND failed_at IS NULL`,
      ),
      recordAttempt: db.prepare<{ courseId: string; version: number; now: number; error: string }>(
        `UPDATE outbox SET last_error = @error, attempts = attempts + 1, last_attempt_at = @now
         WHERE course_id = @courseId AND course_version <= @version AND done_at IS NULL AND failed_at IS NULL`,
      ),
      markDoneThrough: db.prepare<[number, number]>(`UPDATE outbox SET done_at = ? WHERE id <= ? AND done_at IS NULL`),
      retryFailed: db.prepare(`UPDATE outbox SET failed_at = NULL WHERE failed_at IS NOT NULL AND done_at IS NULL`),
      pendingSummary: db.prepare<[], { n: number; oldest: number | null }>(
        `SELECT count(*) AS n, min(created_at) AS oldest FROM outbox WHERE done_at IS NULL AND failed_at IS NULL`,
      ),
      failedCount: db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM outbox WHERE done_at IS NULL AND failed_at IS NOT NULL`),
      lastProblem: db.prepare<[], { course_id: string; course_version: number; change: string; last_error: string; last_attempt_at: number | null; failed_at: number | null; attempts: number }>(
        `SELECT course_id, course_version, change, last_error, last_attempt_at, failed_at, attempts FROM outbox
         WHERE done_at IS NULL AND last_error IS NOT NULL ORDER BY coalesce(last_attempt_at, failed_at, 0) DESC, id DESC LIMIT 1`,
      ),
      indexable: db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM courses WHERE status <> 'archived'`),
      getState: db.prepare<[string], { value: string }>(`SELECT value FROM sync_state WHERE name = ?`),
      setState: db.prepare<[string, string]>(`INSERT INTO sync_state (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value`),
      crossing: db.prepare<{ after: number; through: number; afterDate: string; throughDate: string }, { id: string }>(
        `SELECT id FROM courses WHERE status <> 'archived' AND sale_starts_at > @after AND sale_starts_at <= @through
         UNION SELECT id FROM courses WHERE status <> 'archived' AND sale_ends_at > @after AND sale_ends_at <= @through
         UNION SELECT id FROM courses WHERE status IN ('draft', 'published', 'stopped') AND start_date > @afterDate AND start_date <= @throughDate`,
      ),
    };
  }

  /** Pending entries after `afterId` up to `throughId`, oldest first. */
  pending(afterId: number, throughId: number, limit: number): OutboxEntry[] {
    return this.statements.pending.all(afterId, throughId, limit).map(toEntry);
  }

  /** Every entry after `afterId`, done or not (a reindex catching up on changes made while it ran). */
  entriesAfter(afterId: number, limit: number): OutboxEntry[] {
    return this.statements.entriesAfter.all(afterId, limit).map(toEntry);
  }

  maxId(): number {
    return this.statements.maxId.get()?.id ?? 0;
  }

  /** The courses' state now (archived ones included); ids without a course are absent from the map. */
  currentCourses(ids: string[]): Map<string, Course> {
    const out = new Map<string, Course>();
    for (const row of this.statements.courses.all(JSON.stringify(ids))) out.set(row.id, courseFromRow(row));
    return out;
  }

  /** Elasticsearch holds these versions: every entry at or below them is done. */
  markDone(acknowledged: CourseVersion[], now: number): void {
    if (!acknowledged.length) return;
    this.db.transaction(() => {
      for (const { courseId, version } of acknowledged) this.statements.markDone.run({ courseId, version, now });
    })();
  }

  /** Elasticsearch refused these for good (a 4xx other than 429): record why, stop retrying. */
  markFailed(refused: (CourseVersion & { error: string })[], now: number): void {
    if (!refused.length) return;
    this.db.transaction(() => {
      for (const { courseId, version, error } of refused) this.statements.markFailed.run({ courseId, version, now, error });
    })();
  }

  /** A try that will be repeated (node down, 429): count it and keep the error for `sync status`. */
  recordAttempt(tried: CourseVersion[], error: string, now: number): void {
    if (!tried.length) return;
    this.db.transaction(() => {
      for (const { courseId, version } of tried) this.statements.recordAttempt.run({ courseId, version, now, error });
    })();
  }

  /** After a reindex built the index from the database: everything up to `throughId` is in it. */
  markDoneThrough(throughId: number, now: number): number {
    return this.statements.markDoneThrough.run(now, throughId).changes;
  }

  /** Puts failed entries back in the queue; returns how many. */
  retryFailed(): number {
    return this.statements.retryFailed.run().changes;
  }

  status(): OutboxStatus {
    const pending = this.statements.pendingSummary.get()!;
    const problem = this.statements.lastProblem.get();
    return {
      pending: pending.n,
      oldestPendingAt: pending.oldest,
      failed: this.statements.failedCount.get()!.n,
      lastProblem: problem
        ? {
            courseId: problem.course_id,
            courseVersion: problem.course_version,
            change: problem.change,
            error: problem.last_error,
            at: problem.last_attempt_at ?? problem.failed_at,
            failed: problem.failed_at !== null,
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

  state(name: string): string | undefined {
    return this.statements.getState.get(name)?.value;
  }

  setState(name: string, value: string): void {
    this.statements.setState.run(name, value);
  }
}
