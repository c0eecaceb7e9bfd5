import type { Course } from '../../domain/course.js';
import type { CourseModule, Material } from '../../domain/material.js';
import { MaterialStore } from '../../store/materialStore.js';
import type { CatalogContext } from '../catalogContext.js';

/** A course's modules and materials, in order (what `material list` shows a teacher). */
export function listMaterials(ctx: CatalogContext, courseId: string): { course: Course; modules: CourseModule[]; materials: Material[] } {
  const course = ctx.courses.get(courseId.trim());
  const store = new MaterialStore(ctx.db);
  return { course, modules: store.modules(course.id), materials: store.materials(course.id) };
}
