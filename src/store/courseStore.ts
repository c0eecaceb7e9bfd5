import type { Course, CourseStatus, Sale } from '../domain/course.js';
import type { CourseFields } from '../domain/courseInput.js';
import { ConflictError, NotFoundError } from '../errors.js';
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
  | 'republished';

/**
 * Inserts between two flushes of a bulk load. An import's writing thread waits on its reading
 * thread, so indexing on the way costs nothing and beats one flush at the end
 * (bench/results/decisions.md).
 */
const BULK_FLUSH_EVERY = 8_192;

/** What an insert writes: the `course add` fields, plus what a seed or a restored export may carry. */
export type NewCourse = CourseFields & { registrations?: number; sale?: Sale | null; stopReason?: string | null };

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
  seats: number,
  registrations: number,
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
  seats?: number;
  registrations?: number;
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
  private bulkLoad: { load: BulkLoad; change: CourseChange; teacherIds: Map<string, number>; unflushed: number } | undefined;

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
      teacherByName: db.prepare<[string], { id: number }>(`SELECT id FROM teachers WHERE name = ?`),
      insertTeacher: db.prepare<[string]>(`INSERT INTO teachers (name) VALUES (?)`),
      // Positional parameters: binding 17 named ones cost ~2 µs a row in a 100,000-row import.
      insertCourse: db.prepare<InsertCourseParameters>(`
        INSERT INTO courses (id, external_id, title, description, teacher_id, category, price_paise,
          sale_price_paise, sale_starts_at, sale_ends_at, start_date, end_date, seats, registrations,
          status, stop_reason, version, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`),
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
      throw new NotFoundError(`no course with id ${id}`, 'list the ids with `catalog course list` (`--archived` for archived ones)');
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

  count(): number {
    return (this.db.prepare(`SELECT count(*) AS n FROM courses`).get() as { n: number }).n;
  }

  teacherId(name: string): number {
    const cached = this.bulkLoad?.teacherIds.get(name);
    if (cached !== undefined) return cached;
    const id = this.statements.teacherByName.get(name)?.id ?? Number(this.statements.insertTeacher.run(name).lastInsertRowid);
    this.bulkLoad?.teacherIds.set(name, id);
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
      this.teacherId(fields.teacher),
      fields.category,
      fields.pricePaise,
      sale?.pricePaise ?? null,
      sale?.startsAt ?? null,
      sale?.endsAt ?? null,
      fields.startDate,
      fields.endDate,
      fields.seats,
      fields.registrations ?? 0,
      fields.status,
      fields.stopReason ?? null,
      now,
      now,
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
   * finishBulkLoad, and into an empty catalogue the secondary indexes once at the end. Seeding 100,000 courses is four
   * times faster. After a rollback call abandonBulkLoad: the rollback restored the schema.
   */
  beginBulkLoad(change: CourseChange): { intoEmptyCatalogue: boolean } {
    if (!this.db.inTransaction) throw new Error('beginBulkLoad needs an open write transaction');
    const load = new BulkLoad(this.db);
    this.bulkLoad = { load, change, teacherIds: new Map(), unflushed: 0 };
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

  /** Runs many inserts in one IMMEDIATE transaction as a bulk load. */
  bulkInsert<T>(change: CourseChange, now: number, body: () => T): T {
    return this.db
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
  }

  create(id: string, fields: CourseFields, now: number): Course {
    this.db.transaction(() => this.insert(id, fields, now)).immediate();
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
        if (expectedVersion !== undefined && current.version !== expectedVersion) {
          throw new ConflictError(
            `course ${id} changed since version ${expectedVersion} (it is now at version ${current.version})`,
            'show it again with `catalog course show`, then redo your edit against the current version',
          );
        }
        if (patch.teacher !== undefined) params.teacherId = this.teacherId(patch.teacher);
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
