import type { Course } from '../domain/course.js';
import { parseCourseChanges, parseNewCourse } from '../domain/courseInput.js';
import type { CourseFields, CourseFieldsInput } from '../domain/courseInput.js';
import { ConflictError, ValidationError } from '../errors.js';
import type { CatalogContext } from './catalogContext.js';

/** Creates a course from user input, validated by the one set of course rules. */
export function addCourse(ctx: CatalogContext, input: CourseFieldsInput): Course {
  const fields = parseNewCourse(input);
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
    status: course.status === 'draft' ? 'draft' : 'published',
    externalId: course.externalId,
  };
}

/** Changes what a course says; fields left out keep their values. */
export function editCourse(ctx: CatalogContext, id: string, input: CourseFieldsInput, expectedVersion?: number): Course {
  const course = ctx.courses.get(id);
  if (course.status === 'archived')
    throw new ConflictError(`course ${id} is archived`, 'archived courses cannot change; add a new course instead');
  const changes = parseCourseChanges(input, currentFields(course));
  if (changes.seats !== undefined && changes.seats < course.registrations) {
    throw new ValidationError([
      {
        field: 'seats',
        message: `${course.registrations} students are registered, so seats cannot go below that`,
        hint: `use --seats ${course.registrations} or more`,
      },
    ]);
  }
  if (changes.status !== undefined && course.status === 'stopped') {
    throw new ConflictError(`course ${id} is stopped`, 'use `catalog course resume-sale` to sell it again');
  }
  if (changes.status === 'draft' && course.status === 'published' && course.registrations > 0) {
    throw new ConflictError(
      `course ${id} has registrations and cannot go back to draft`,
      'stop its sale with `catalog course stop-sale` instead',
    );
  }
  if (changes.externalId && changes.externalId !== course.externalId) {
    const holder = ctx.courses.findByExternalId(changes.externalId);
    if (holder) throw new ConflictError(`external id ${changes.externalId} belongs to course ${holder.id}`, 'choose another --external-id');
  }
  const patch = Object.fromEntries(
    Object.entries(changes).filter(([key, value]) => value !== (currentFields(course) as unknown as Record<string, unknown>)[key]),
  );
  if (Object.keys(patch).length === 0) return course;
  return ctx.courses.applyPatch(id, patch, 'edited', ctx.clock(), expectedVersion);
}
