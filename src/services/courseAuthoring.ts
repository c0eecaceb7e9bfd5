import type { Course } from '../domain/course.js';
import { answerProblem, collectCourseProblems, NEW_COURSE_DEFAULTS } from '../domain/courseInput.js';
import type { CourseFieldName, CourseFields, CourseFieldsInput } from '../domain/courseInput.js';
import { archivedProblem, courseChangeProblems, editVersionProblem, refuseIfAny } from '../domain/courseRules.js';
import type { CourseProblem, CourseState } from '../domain/courseRules.js';
import { ConflictError } from '../errors.js';
import type { TeacherSpelling } from '../store/courseStore.js';
import type { CatalogContext } from './catalogContext.js';
import { momentOf } from './catalogContext.js';

/** A course not yet in the catalogue, as the rules see it. */
function newCourseState(fields: CourseFields): CourseState {
  return { ...fields, id: 'the new course', sale: null, registrations: 0, freeEnrolments: 0 };
}

/**
 * Everything wrong with a new course: each field on its own, then the course rules (a start
 * date that has come, …). `course add` asks again for the fields named here.
 */
export function newCourseProblems(ctx: CatalogContext, input: CourseFieldsInput): { fields: CourseFields; problems: CourseProblem[] } {
  const checked = collectCourseProblems(input);
  const problems: CourseProblem[] = checked.problems.map((p) => ({ ...p, hint: p.hint ?? '', kind: 'invalid' }));
  const fields = { ...NEW_COURSE_DEFAULTS, ...checked.fields } as CourseFields;
  if (problems.length === 0) problems.push(...courseChangeProblems(null, newCourseState(fields), momentOf(ctx)));
  return { fields, problems };
}

/** Creates a course from user input, validated by the one set of course rules. */
export function addCourse(ctx: CatalogContext, input: CourseFieldsInput): Course {
  const { fields, problems } = newCourseProblems(ctx, input);
  refuseIfAny(problems);
  if (fields.externalId && ctx.courses.findByExternalId(fields.externalId)) {
    throw new ConflictError(
      `a course with external id ${fields.externalId} already exists`,
      'choose another --external-id, or edit the existing course',
    );
  }
  return ctx.courses.create(ctx.newCourseId(), fields, ctx.clock());
}

export function currentFields(course: Course): CourseFields {
  return {
    title: course.title,
    description: course.description,
    teacher: course.teacher,
    category: course.category,
    pricePaise: course.pricePaise,
    startDate: course.startDate,
    endDate: course.endDate,
    seats: course.seats,
    freeDays: course.freeDays,
    upgradeUntilDay: course.upgradeUntilDay,
    status: course.status === 'draft' ? 'draft' : 'published',
    externalId: course.externalId,
  };
}

/** A course about to be edited field by field (the prompts): refused at once if it cannot change at all. */
export function courseForEditing(ctx: CatalogContext, id: string): Course {
  const course = ctx.courses.get(id);
  refuseIfAny([archivedProblem(course)].filter((p) => p !== undefined));
  return course;
}

/**
 * Checks one answer of the course form as it is given, with the same rules as flags and imports
 * (see answerProblem). `current`: the course being edited.
 */
export function courseAnswerCheck(
  ctx: CatalogContext,
  current?: Course,
): (field: CourseFieldName, answer: string, answers: CourseFieldsInput) => { message: string; hint: string } | undefined {
  const moment = momentOf(ctx);
  return (field, answer, answers) => answerProblem(field, answer, { answers, current, moment });
}

/** Changes what a course says; fields left out keep their values. */
export function editCourse(ctx: CatalogContext, id: string, input: CourseFieldsInput, expectedVersion?: number): Course {
  const course = ctx.courses.get(id);
  const version = expectedVersion === undefined ? undefined : editVersionProblem(id, expectedVersion, course.version);
  const archived = archivedProblem(course);
  refuseIfAny([version, archived].filter((p) => p !== undefined));
  const { fields: changes, problems } = collectCourseProblems(input, currentFields(course));
  refuseIfAny(problems.map((p) => ({ ...p, hint: p.hint ?? '', kind: 'invalid' })));
  refuseIfAny(courseChangeProblems(course, { ...course, ...changes }, momentOf(ctx)));
  if (changes.externalId && changes.externalId !== course.externalId) {
    const holder = ctx.courses.findByExternalId(changes.externalId);
    if (holder) throw new ConflictError(`external id ${changes.externalId} belongs to course ${holder.id}`, 'choose another --external-id');
  }
  const current = currentFields(course) as unknown as Record<string, unknown>;
  const patch = Object.fromEntries(Object.entries(changes).filter(([key, value]) => value !== current[key]));
  if (Object.keys(patch).length === 0) return course;
  return ctx.courses.applyPatch(id, patch, 'edited', ctx.clock(), expectedVersion);
}

/**
 * How a teacher's name as typed differs from the spelling on record, if only in case. The
 * spelling typed last is kept (the store renames the teacher); commands say so before and after.
 */
export function teacherSpelling(ctx: CatalogContext, typed: string): TeacherSpelling | undefined {
  const name = typed.replace(/\s+/g, ' ').trim();
  return name ? ctx.courses.teacherSpelling(name) : undefined;
}
