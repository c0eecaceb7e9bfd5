import type { Course } from '../../domain/course.js';
import type { CourseFields } from '../../domain/courseInput.js';
import { courseChangeProblems, sameSale } from '../../domain/courseRules.js';
import type { CourseProblem, CourseState, RuleMoment } from '../../domain/courseRules.js';
import type { CoursePatch } from '../../store/courseStore.js';
import type { CatalogContext } from '../catalogContext.js';
import type { ImportedCourse } from './importedCourse.js';
import { columnHint } from './importProblem.js';
import type { ImportProblem } from './importProblem.js';

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/** Column names for the checks against the catalogue, as the row named them. */
export interface RowColumns {
  id: string;
  externalId: string;
  seats: string;
  status: string;
  price: string;
  start: string;
  salePrice: string;
  freeDays: string;
  upgradeUntilDay: string;
}

const STATE_FIELDS = ['pricePaise', 'startDate', 'endDate', 'seats', 'status'] as const satisfies readonly (keyof CourseState)[];

/** The column a course rule's problem is about. */
function columnOf(problem: CourseProblem, columns: RowColumns): string {
  switch (problem.field) {
    case 'seats':
      return columns.seats;
    case 'status':
      return columns.status;
    case 'price':
      return columns.price;
    case 'start':
      return columns.start;
    case 'sale':
      return columns.salePrice;
    case 'freeDays':
      return columns.freeDays;
    case 'upgradeUntilDay':
      return columns.upgradeUntilDay;
    default:
      return columns.id;
  }
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
      /** One moment for the whole import (every row of a file arrives together), to judge the course rules at. */
      moment: RuleMoment;
      /**
       * The import began on a catalogue without courses: a course with a row's external id can
       * only come from an earlier row, which the file's own check catches, so the catalogue is
       * not asked (a visible share of the writing thread, bench/results/decisions.md). Ids are still looked up:
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
    const refused = (found: CourseProblem[]) => {
      for (const p of found) problem(columnOf(p, columns), p.message, columnHint(p.hint));
      return found.length > 0;
    };
    if (existing) this.update(existing, row, refused);
    else this.create(row, refused);
    return problems;
  }

  private create(row: ImportedCourse, refused: (problems: CourseProblem[]) => boolean): void {
    // A stopped course restored from an export keeps its registrations and enrolment counts, sale and stop reason.
    const { fields } = row;
    fields.registrations = row.registrations;
    fields.sale = row.sale ?? null;
    fields.stopReason = row.stopReason;
    fields.freeDays ??= null;
    fields.upgradeUntilDay ??= null;
    Object.assign(fields, row.enrolmentCounts);
    const id = row.id ?? 'the new course';
    // A row with its id is an export read back: its dates are history, kept as they were.
    const state: CourseState = {
      ...fields,
      id,
      registrations: row.registrations,
      sale: fields.sale,
      freeDays: fields.freeDays,
      upgradeUntilDay: fields.upgradeUntilDay,
      freeEnrolments: row.enrolmentCounts.freeEnrolments,
    };
    // A row of a file that lacks a required column (reported once, for the file) has nothing to judge.
    const complete = STATE_FIELDS.every((key) => state[key] !== undefined);
    if (complete && refused(courseChangeProblems(null, state, this.options.moment, { restoring: row.id !== null }))) return;
    this.counts.created++;
    if (!this.writing) return;
    this.ctx.courses.insert(row.id ?? this.ctx.newCourseId(), fields, this.options.moment.now, 'imported');
  }

  private update(course: Course, row: ImportedCourse, refused: (problems: CourseProblem[]) => boolean): void {
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
    if (refused(courseChangeProblems(course, { ...course, ...patch }, this.options.moment))) return;
    this.counts.updated++;
    if (this.writing) this.ctx.courses.applyPatch(course.id, patch, 'imported', this.options.moment.now);
  }
}
