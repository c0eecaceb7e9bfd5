import type { Course } from '../../domain/course.js';
import type { MaterialStore } from '../../store/materialStore.js';
import type { CatalogContext } from '../catalogContext.js';

/**
 * Brings the course's module, material and preview counts up to date inside the caller's
 * transaction. A change of counts is a course change (new version, outbox entry), so search
 * documents and every open page learn it the way they learn any other.
 */
export function refreshCourseCounts(ctx: CatalogContext, store: MaterialStore, courseId: string, now: number): Course {
  const course = ctx.courses.get(courseId);
  const counts = store.counts(courseId);
  if (course.moduleCount === counts.modules && course.materialCount === counts.materials && course.previewCount === counts.previews)
    return course;
  return ctx.courses.applyPatch(
    courseId,
    { moduleCount: counts.modules, materialCount: counts.materials, previewCount: counts.previews },
    'materials',
    now,
  );
}
