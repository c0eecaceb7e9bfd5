import type { Course } from '../domain/course.js';
import { ConflictError } from '../errors.js';
import type { CatalogContext } from './catalogContext.js';

/** Takes a published course off sale: it leaves the default listing and takes no registrations. */
export function stopSale(ctx: CatalogContext, id: string, reason?: string): Course {
  const course = ctx.courses.get(id);
  if (course.status === 'stopped') return course;
  if (course.status !== 'published')
    throw new ConflictError(`course ${id} is ${course.status}, not on sale`, 'only a published course can be stopped');
  return ctx.courses.applyPatch(id, { status: 'stopped', stopReason: reason?.trim() || null }, 'stopped', ctx.clock());
}

export function resumeSale(ctx: CatalogContext, id: string): Course {
  const course = ctx.courses.get(id);
  if (course.status === 'published') return course;
  if (course.status !== 'stopped')
    throw new ConflictError(
      `course ${id} is ${course.status}, not stopped`,
      'only a stopped course can resume; publish a draft with `catalog course edit <id> --status published`',
    );
  return ctx.courses.applyPatch(id, { status: 'published', stopReason: null }, 'resumed', ctx.clock());
}

/** Retires a course for good: it leaves every search index but stays in the database. */
export function archiveCourse(ctx: CatalogContext, id: string): Course {
  const course = ctx.courses.get(id);
  if (course.status === 'archived') return course;
  return ctx.courses.applyPatch(id, { status: 'archived' }, 'archived', ctx.clock());
}
