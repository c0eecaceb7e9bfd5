import type { Course } from '../domain/course.js';
import { isVisibleToStudents } from '../domain/courseVisibility.js';
import { NotFoundError } from '../errors.js';
import type { CatalogContext } from './catalogContext.js';

/**
 * The course a student opens on the storefront. A draft answers exactly like an unknown id, so
 * the storefront never reveals that a course is being prepared.
 */
export function courseForStudents(ctx: CatalogContext, id: string): Course {
  const course = ctx.courses.find(id);
  if (!course || !isVisibleToStudents(course))
    throw new NotFoundError(`no course with id ${id}`, 'check the link, or search the catalogue for the course');
  return course;
}
