import type { Course, Sale } from '../../domain/course.js';
import type { CourseFields } from '../../domain/courseInput.js';
import type { CoursePatch } from '../../store/courseStore.js';
import type { CatalogContext } from '../catalogContext.js';
import type { ImportedCourse } from './importedCourse.js';
import type { ImportProblem } from './importProblem.js';

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

function sameSale(a: Sale | null, b: Sale | null): boolean {
  return a === b || (a !== null && b !== null && a.pricePaise === b.pricePaise && a.startsAt === b.startsAt && a.endsAt === b.endsAt);
}

/** Column names for the checks against the catalogue, as the row named them. */
export interface RowColumns {
  id: string;
  externalId: string;
  seats: string;
  status: string;
}

/**
 * Meets valid rows with the catalogue: decides create, update or unchanged, and writes through
 * CourseStore (so every write has its outbox entry and search follows). It runs inside the
 * import's one transaction; after the first problem it stops writing but keeps checking, so
 * the report still names every bad row.
 */
export class CourseImporter {
  readonly counts: ImportCounts = { created: 0, updated: 0, unchanged: 0 };
  private writing = true;
  private readonly externalIdLines = new Map<string, number>();
  private readonly idLines = new Map<string, number>();
  constructor(
    private readonly ctx: CatalogContext,
    private readonly options: {
      upsert: boolean;
      /** One instant for the whole import: every row of a file arrives together. */
      now: number;
      /**
       * The import began on a catalogue without courses: a course with a row's external id can
       * only come from an earlier row, which the file's own check catches, so the catalogue is
       * not asked (~90 ms of the writing thread for 100,000 rows). Ids are still looked up:
       * an earlier row may have been given a generated one.
       */
      intoEmptyCatalogue: boolean;
    },
  ) {}

  /** Called once anything in the file is wrong: nothing will be committed, so stop spending writes. */
  stopWriting(): void {
    this.writing = false;
  }

  apply(row: ImportedCourse, columns: RowColumns): ImportProblem[] {
    const problems: ImportProblem[] = [];
    const problem = (column: string, message: string, hint: string) => problems.push({ line: row.line, column, message, hint });
    const { externalId } = row.fields;

    if (externalId !== null) {
      const earlier = this.externalIdLines.get(externalId);
      if (earlier !== undefined)
        problem(
          columns.externalId,
          `external id ${externalId} is also on line ${earlier}`,
          'each course appears once in a file; remove or merge one of the rows',
        );
      else this.externalIdLines.set(externalId, row.line);
    }
    if (row.id !== null) {
      const earlier = this.idLines.get(row.id);
      if (earlier !== undefined)
        problem(
          columns.id,
          `id ${row.id} is also on line ${earlier}`,
          'each course appears once in a file; remove or merge one of the rows',
        );
      else this.idLines.set(row.id, row.line);
    }
    if (problems.length) return problems;

    const byExternalId = externalId === null || this.options.intoEmptyCatalogue ? undefined : this.ctx.courses.findByExternalId(externalId);
    const byId = row.id === null ? undefined : this.ctx.courses.find(row.id);
    if (byExternalId && row.id !== null && byExternalId.id !== row.id) {
      problem(
        columns.id,
        `external id ${externalId} belongs to course ${byExternalId.id}, not ${row.id}`,
        `use id ${byExternalId.id}, or leave the id empty to match on the external id alone`,
      );
      return problems;
    }
    if (!byExternalId && externalId !== null && byId) {
      problem(
        columns.id,
        `id ${row.id} belongs to a course with ${byId.externalId === null ? 'no external id' : `external id ${byId.externalId}`}`,
        "leave the id empty to create a new course, or give that course's external id",
      );
      return problems;
    }
    const existing = byExternalId ?? byId;
    if (existing && !this.options.upsert) {
      const [column, key] = byExternalId
        ? [columns.externalId, `external id ${externalId} already exists (${existing.id})`]
        : [columns.id, `id ${row.id} already exists`];
      problem(column, `a course with ${key}`, 'pass --upsert to update existing courses from the file, or give this row another id');
      return problems;
    }
    if (existing) this.update(existing, row, columns, problem);
    else this.create(row);
    return problems;
  }

  private create(row: ImportedCourse): void {
    this.counts.created++;
    if (!this.writing) return;
    const id = row.id ?? this.ctx.newCourseId();
    // A stopped course restored from an export keeps its registrations, sale and stop reason.
    const { fields } = row;
    fields.registrations = row.registrations;
    fields.sale = row.sale ?? null;
    fields.stopReason = row.stopReason;
    this.ctx.courses.insert(id, fields, this.options.now, 'imported');
  }

  private update(
    course: Course,
    row: ImportedCourse,
    columns: RowColumns,
    report: (column: string, message: string, hint: string) => void,
  ): void {
    let refused = false;
    const problem = (column: string, message: string, hint: string) => {
      refused = true;
      report(column, message, hint);
    };
    const patch: CoursePatch = {};
    const wanted: Partial<CourseFields> = { ...row.fields };
    if (!row.statusGiven) delete wanted.status;
    if (wanted.externalId === null) delete wanted.externalId;
    for (const [key, value] of Object.entries(wanted) as [keyof CourseFields, unknown][]) {
      if (course[key] !== value) (patch as Record<string, unknown>)[key] = value;
    }
    if (row.sale !== undefined && !sameSale(course.sale, row.sale)) patch.sale = row.sale;
    if (row.stopReason !== null && row.stopReason !== course.stopReason) patch.stopReason = row.stopReason;
    if (Object.keys(patch).length === 0) {
      this.counts.unchanged++;
      return;
    }
    if (course.status === 'archived') {
      problem(
        columns.id,
        `course ${course.id} is archived and cannot change (this row changes ${Object.keys(patch).join(', ')})`,
        'archived courses stay as they were; add a new course instead',
      );
    }
    if (patch.seats !== undefined && patch.seats < course.registrations) {
      problem(
        columns.seats,
        `${course.registrations} students are registered in ${course.id}, so seats cannot go below that`,
        `give ${course.registrations} seats or more`,
      );
    }
    if (patch.status !== undefined && course.status !== 'archived') {
      const fromTo = `${course.status} → ${patch.status}`;
      if (course.status === 'stopped' || patch.status === 'stopped' || patch.status === 'archived') {
        problem(
          columns.status,
          `an import cannot change the status ${fromTo}`,
          'use `catalog course stop-sale`, `resume-sale` or `archive` for that, or leave the status empty',
        );
      } else if (patch.status === 'draft' && course.registrations > 0) {
        problem(
          columns.status,
          `course ${course.id} has registrations and cannot go back to draft`,
          'stop its sale with `catalog course stop-sale` instead',
        );
      }
    }
    if (refused) return;
    this.counts.updated++;
    if (this.writing) this.ctx.courses.applyPatch(course.id, patch, 'imported', this.options.now);
  }
}
