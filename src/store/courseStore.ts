import type { Course, CourseStatus, Sale } from '../domain/course.js';
import type { CourseFields } from '../domain/courseInput.js';
import { editVersionProblem, refuseIfAny } from '../domain/courseRules.js';
import { NotFoundError } from '../errors.js';
import type { CatalogDatabase } from './database.js';
import { BulkLoad } from './bulkLoad.js';
import { COURSE_COLUMNS, COURSE_FROM, courseFromRow } from './courseRows.js';
import type { CourseRow } from './courseRows.js';
import { OutboxRetention } from './outboxRetention.js';

/** Why a course changed, recorded on its outbox entry (sync logs and `sync status` show it). */
export type CourseChange =
  | 'created'
  | 'edited'
  | 'price'
  | 'sale-started'
  | 'sale-cleared'
  | 'stopped'
  | 'resumed'
  | 'archived'
  | 'registration'
  | 'cancellation'
  | 'materials'
  | 'imported'
  | 'republished'
  | 'teacher-renamed';

/**
 * Inserts between two flushes of a bulk load. An import's writing thread waits on its reading
 * thread, so indexing on the way costs nothing and beats one flush at the end
 * (bench/results/decisions.md).
 */
const BULK_FLUSH_EVERY = 8_192;

/** What an insert writes: the `course add` fields, plus what a seed or a restored export may carry. */
export type NewCourse = Omit<CourseFields, 'freeDays' | 'upgradeUntilDay'> &
  Partial<Pick<CourseFields, 'freeDays' | 'upgradeUntilDay'>> & {
    registrations?: number;
    /** A seed's free enrolments, and its free starts and upgrades so far (each backed by rows, see seededRegistrations). */
    freeEnrolments?: number;
    freeStarts?: number;
    upgrades?: number;
    sale?: Sale | null;
    stopReason?: string | null;
    /** When the course was made, if not now (a seeded course that students registered for over time). */
    createdAt?: number;
  };

/** A teacher's courses that must follow a new spelling of their name: all but the one being written. */
interface TeacherCourses {
  now: number;
  teacherId: number;
  upToSeq: number;
  except: string;
}

/** A teacher's name as stored, when it differs from a spelling just typed only in case. */
export interface TeacherSpelling {
  stored: string;
  typed: string;
  /** Courses of that teacher: each shows the new spelling once it is kept. */
  courses: number;
}

type InsertCourseParameters = [
  id: string,
  externalId: string | null,
  title: string,
  description: string,
  teacherId: number,
  category: string,
  pricePaise: number,
  salePricePaise: number | null,
  saleStartsAt: number | null,
  saleEndsAt: number | null,
  startDate: string,
  endDate: string,
  seats: number | null,
  registrations: number,
  freeDays: number | null,
  upgradeUntilDay: number | null,
  freeEnrolments: number,
  freeStarts: number,
  upgrades: number,
  status: string,
  stopReason: string | null,
  createdAt: number,
  updatedAt: number,
];

/** A change to a course's own columns; the store bumps the version and writes the outbox. */
export interface CoursePatch {
  title?: string;
  description?: string;
  teacher?: string;
  category?: string;
  pricePaise?: number;
  sale?: Sale | null;
  startDate?: string;
  endDate?: string;
  seats?: number | null;
  registrations?: number;
  freeDays?: number | null;
  upgradeUntilDay?: number | null;
  freeEnrolments?: number;
  freeStarts?: number;
  upgrades?: number;
  status?: CourseStatus;
  stopReason?: string | null;
  externalId?: string | null;
  moduleCount?: number;
  materialCount?: number;
  previewCount?: number;
}

const PATCH_COLUMNS: Record<Exclude<keyof CoursePatch, 'sale' | 'teacher'>, string> = {
  title: 'title',
  description: 'description',
  category: 'category',
  pricePaise: 'price_paise',
  startDate: 'start_date',
  endDate: 'end_date',
  seats: 'seats',
  registrations: 'registrations',
  freeDays: 'free_days',
  upgradeUntilDay: 'upgrade_until_day',
  freeEnrolments: 'free_enrolments',
  freeStarts: 'free_starts',
  upgrades: 'upgrades',
  status: 'status',
  stopReason: 'stop_reason',
  externalId: 'external_id',
  moduleCount: 'module_count',
  materialCount: 'material_count',
  previewCount: 'preview_count',
};

/**
 * The courses, their teachers and the outbox. Every write is one transaction that also appends
 * an outbox entry carrying the course's new version, so no change can miss the search index.
 */
export class CourseStore {
  private readonly statements;
  /** Set between beginBulkLoad and its end: inserts leave their outbox entry to it. */
  private bulkLoad:
    | {
        load: BulkLoad;
        change: CourseChange;
        /** By name as typed, and each teacher's spelling now, so a respelling in the same load is caught too. */
        teacherIds: Map<string, number>;
        spellings: Map<number, string>;
        /** Courses after this seq are the load's own: their outbox entries are still to be written. */
        lastSeqBefore: number;
        unflushed: number;
      }
    | undefined;

  private readonly outboxRetention: OutboxRetention;

  constructor(
    readonly db: CatalogDatabase,
    /** How long outbox entries nothing needs are kept (`outbox.retentionMinutes`). */
    private readonly outboxRetentionMs = 60 * 60_000,
  ) {
    this.outboxRetention = new OutboxRetention(db);
    this.statements = {
      byId: db.prepare<[string], CourseRow>(`SELECT ${COURSE_COLUMNS} FROM ${COURSE_FROM} WHERE c.id = ?`),
      byExternalId: db.prepare<[string], CourseRow>(`SELECT ${COURSE_COLUMNS} FROM ${COURSE_FROM} WHERE c.external_id = ?`),
      teacherByName: db.prepare<[string], { id: number; name: string }>(`SELECT id, name FROM teachers WHERE name = ?`),
      insertTeacher: db.prepare<[string]>(`INSERT INTO teachers (name) VALUES (?)`),
      renameTeacher: db.prepare<[string, number]>(`UPDATE teachers SET name = ? WHERE id = ?`),
      teacherCourseCount: db.prepare<[number], { n: number }>(`SELECT count(*) AS n FROM courses WHERE teacher_id = ?`),
      // Courses of a respelled teacher get a new version and an outbox entry: their search documents carry the name.
      republishTeacherCourses: db.prepare<[TeacherCourses]>(
        `UPDATE courses SET version = version + 1, updated_at = @now WHERE teacher_id = @teacherId AND seq <= @upToSeq AND id <> @except`,
      ),
      outboxForTeacherCourses: db.prepare<[TeacherCourses]>(
        `INSERT INTO outbox (course_id, course_version, change, created_at)
         SELECT id, version, 'teacher-renamed', @now FROM courses WHERE teacher_id = @teacherId AND seq <= @upToSeq AND id <> @except ORDER BY seq`,
      ),
      // Positional parameters: binding 17 named ones was a measurable share of a large import (bench/results/decisions.md).
      insertCourse: db.prepare<InsertCourseParameters>(`
        INSERT INTO courses (id, external_id, title, description, teacher_id, category, price_paise,
          sale_price_paise, sale_starts_at, sale_ends_at, start_date, end_date, seats, registrations,
          free_days, upgrade_until_day, free_enrolments, free_starts, upgrades, status, stop_reason, version, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`),
      appendOutbox: db.prepare<[string, number, string, number]>(
        `INSERT INTO outbox (course_id, course_version, change, created_at) VALUES (?, ?, ?, ?)`,
      ),
    };
  }

  find(id: string): Course | undefined {
    const row = this.statements.byId.get(id);
    return row && courseFromRow(row);
  }

  get(id: string): Course {
    const course = this.find(id);
    if (!course)
      throw new NotFoundError(`no course with id ${id}`, 'list the ids with `catalog course list` (`--archived` for archived ones)', {
        visitorHint: 'check the link, or search the catalogue for the course',
      });
    return course;
  }

  findByExternalId(externalId: string): Course | undefined {
    const row = this.statements.byExternalId.get(externalId);
    return row && courseFromRow(row);
  }

  /** Courses in listing order; archived ones only with `includeArchived`. */
  list(options: { includeArchived?: boolean; status?: CourseStatus[] } = {}): Course[] {
    const where: string[] = [];
    if (options.status?.length) where.push(`c.status IN (${options.status.map((s) => `'${s}'`).join(', ')})`);
    else if (!options.includeArchived) where.push(`c.status <> 'archived'`);
    const sql = `SELECT ${COURSE_COLUMNS} FROM ${COURSE_FROM} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY c.start_date, c.id`;
    return this.db.prepare<[], CourseRow>(sql).all().map(courseFromRow);
  }

  /** Streams every course, oldest first, without holding them all in memory (export, reindex). */
  *iterate(options: { includeArchived?: boolean } = {}): IterableIterator<Course> {
    const sql = `SELECT ${COURSE_COLUMNS} FROM ${COURSE_FROM} ${options.includeArchived ? '' : `WHERE c.status <> 'archived'`} ORDER BY c.seq`;
    for (const row of this.db.prepare<[], CourseRow>(sql).iterate()) yield courseFromRow(row);
  }

  /** The seq of the newest course (0 for none): courses inserted later have larger ones. */
  lastSeq(): number {
    return (this.db.prepare(`SELECT coalesce(max(seq), 0) AS seq FROM courses`).get() as { seq: number }).seq;
  }

  count(): number {
    return (this.db.prepare(`SELECT count(*) AS n FROM courses`).get() as { n: number }).n;
  }

  /** How `typed` differs from the stored name of the same teacher (names match in any case), if it does. */
  teacherSpelling(typed: string): TeacherSpelling | undefined {
    const row = this.statements.teacherByName.get(typed);
    if (!row || row.name === typed) return undefined;
    return { stored: row.name, typed, courses: this.statements.teacherCourseCount.get(row.id)!.n };
  }

  /**
   * The teacher of that name (in any case), created on first use. The spelling typed last is the
   * one kept (it is what the user confirmed): a new spelling renames the teacher, and their other
   * courses (all but `writing`, the course being written) get a new version for search.
   */
  teacherId(name: string, now: number, writing = ''): number {
    const bulk = this.bulkLoad;
    let id = bulk?.teacherIds.get(name);
    let stored = id === undefined ? undefined : bulk!.spellings.get(id);
    if (id === undefined) {
      const row = this.statements.teacherByName.get(name);
      id = row?.id ?? Number(this.statements.insertTeacher.run(name).lastInsertRowid);
      stored = row?.name ?? name;
      bulk?.teacherIds.set(name, id);
    }
    if (stored !== name) {
      this.statements.renameTeacher.run(name, id);
      // A bulk load's own courses get their outbox entries when it flushes, with the new name by then.
      const courses: TeacherCourses = { now, teacherId: id, upToSeq: bulk ? bulk.lastSeqBefore : Number.MAX_SAFE_INTEGER, except: writing };
      this.statements.republishTeacherCourses.run(courses);
      this.statements.outboxForTeacherCourses.run(courses);
    }
    bulk?.spellings.set(id, name);
    return id;
  }

  /** Inserts a course and its outbox entry (during a bulk load, the load's flushes write the entries). */
  insert(id: string, fields: NewCourse, now: number, change: CourseChange = 'created'): void {
    const { sale } = fields;
    this.statements.insertCourse.run(
      id,
      fields.externalId,
      fields.title,
      fields.description,
      this.teacherId(fields.teacher, now, id),
      fields.category,
      fields.pricePaise,
      sale?.pricePaise ?? null,
      sale?.startsAt ?? null,
      sale?.endsAt ?? null,
      fields.startDate,
      fields.endDate,
      fields.seats,
      fields.registrations ?? 0,
      fields.freeDays ?? null,
      fields.upgradeUntilDay ?? null,
      fields.freeEnrolments ?? 0,
      fields.freeStarts ?? 0,
      fields.upgrades ?? 0,
      fields.status,
      fields.stopReason ?? null,
      fields.createdAt ?? now,
      fields.createdAt ?? now,
    );
    if (!this.bulkLoad) {
      this.statements.appendOutbox.run(id, 1, change, now);
      this.outboxRetention.afterAppend(now, this.outboxRetentionMs);
    } else if (++this.bulkLoad.unflushed === BULK_FLUSH_EVERY) {
      this.bulkLoad.load.flush(this.bulkLoad.change, now);
      this.bulkLoad.unflushed = 0;
    }
  }

  /**
   * Starts a bulk load (see BulkLoad) inside the caller's open write transaction: the
   * full-text index and outbox entries are written every BULK_FLUSH_EVERY inserts and by
   * finishBulkLoad, and into an empty catalogue the secondary indexes once at the end, which
   * makes seeding several times faster (bench/results/decisions.md). After a rollback call
   * abandonBulkLoad: the rollback restored the schema.
   */
  beginBulkLoad(change: CourseChange): { intoEmptyCatalogue: boolean } {
    if (!this.db.inTransaction) throw new Error('beginBulkLoad needs an open write transaction');
    const load = new BulkLoad(this.db);
    this.bulkLoad = { load, change, teacherIds: new Map(), spellings: new Map(), lastSeqBefore: load.lastSeqBefore, unflushed: 0 };
    return { intoEmptyCatalogue: load.intoEmptyCatalogue };
  }

  finishBulkLoad(now: number): void {
    const bulk = this.bulkLoad;
    this.bulkLoad = undefined;
    bulk?.load.finish(bulk.change, now);
    if (bulk) this.outboxRetention.afterAppend(now, this.outboxRetentionMs);
  }

  abandonBulkLoad(): void {
    this.bulkLoad = undefined;
  }

  /**
   * Runs many inserts in one IMMEDIATE transaction as a bulk load. `checkForeignKeys: false` is
   * for a writer whose rows refer only to rows it wrote itself (the seed): checking each
   * reference was a large share of seeding registrations (bench/results/search.md).
   */
  bulkInsert<T>(change: CourseChange, now: number, body: () => T, options: { checkForeignKeys?: boolean } = {}): T {
    const run = () =>
      this.db
        .transaction(() => {
          this.beginBulkLoad(change);
          try {
            const result = body();
            this.finishBulkLoad(now);
            return result;
          } finally {
            this.abandonBulkLoad();
          }
        })
        .immediate();
    if (options.checkForeignKeys !== false) return run();
    // The pragma is a no-op inside a transaction: it is set around it, and always put back.
    const checking = this.db.pragma('foreign_keys', { simple: true }) as number;
    this.db.pragma('foreign_keys = OFF');
    try {
      return run();
    } finally {
      this.db.pragma(`foreign_keys = ${checking ? 'ON' : 'OFF'}`);
    }
  }

  create(id: string, fields: CourseFields, now: number): Course {
    this.db.transaction(() => this.insert(id, fields, now)).immediate();
    return this.get(id);
  }

  /**
   * Counts a free start (one more free enrolment now, one more so far). Neither what the course
   * says nor its search document changes, so neither does its version: a free enrolment is not a
   * catalogue change. Call inside the enrolment's transaction.
   */
  countFreeStart(id: string): Course {
    this.db.prepare(`UPDATE courses SET free_enrolments = free_enrolments + 1, free_starts = free_starts + 1 WHERE id = ?`).run(id);
    return this.get(id);
  }

  /** Counts a free enrolment that ended (cancelled); free starts so far stay as they were. */
  countFreeEnrolmentEnded(id: string): Course {
    this.db.prepare(`UPDATE courses SET free_enrolments = free_enrolments - 1 WHERE id = ?`).run(id);
    return this.get(id);
  }

  /**
   * Applies a patch, bumps the version and appends to the outbox. With `expectedVersion`, a
   * course someone else changed in the meantime is a conflict rather than a silent overwrite.
   */
  applyPatch(id: string, patch: CoursePatch, change: CourseChange, now: number, expectedVersion?: number): Course {
    const sets: string[] = [];
    const params: Record<string, unknown> = { id, now };
    for (const [key, column] of Object.entries(PATCH_COLUMNS)) {
      const value = patch[key as keyof typeof PATCH_COLUMNS];
      if (value === undefined) continue;
      sets.push(`${column} = @${key}`);
      params[key] = value;
    }
    if (patch.teacher !== undefined) {
      sets.push('teacher_id = @teacherId');
    }
    if (patch.sale !== undefined) {
      sets.push('sale_price_paise = @salePricePaise', 'sale_starts_at = @saleStartsAt', 'sale_ends_at = @saleEndsAt');
      params.salePricePaise = patch.sale?.pricePaise ?? null;
      params.saleStartsAt = patch.sale?.startsAt ?? null;
      params.saleEndsAt = patch.sale?.endsAt ?? null;
    }
    return this.db
      .transaction(() => {
        const current = this.get(id);
        if (expectedVersion !== undefined)
          refuseIfAny([editVersionProblem(id, expectedVersion, current.version)].filter((p) => p !== undefined));
        if (patch.teacher !== undefined) params.teacherId = this.teacherId(patch.teacher, now, id);
        params.version = current.version + 1;
        this.db
          .prepare(
            `UPDATE courses SET ${[...sets, 'version = @version', 'updated_at = @now'].join(', ')} WHERE id = @id AND version = ${current.version}`,
          )
          .run(params);
        this.statements.appendOutbox.run(id, current.version + 1, change, now);
        this.outboxRetention.afterAppend(now, this.outboxRetentionMs);
        return this.get(id);
      })
      .immediate();
  }
}
