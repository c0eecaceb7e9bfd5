import type { Course } from '../../domain/course.js';
import type { CourseModule } from '../../domain/material.js';
import { checkTitle } from '../../domain/materialInput.js';
import { ValidationError } from '../../errors.js';
import { MaterialStore } from '../../store/materialStore.js';
import type { CatalogContext } from '../catalogContext.js';
import { refreshCourseCounts } from './courseCounts.js';
import { newId } from './materialIds.js';

export interface ModuleRequest {
  courseId: string;
  title: string;
  /** 1 = first; by default after the last module. */
  position?: string | undefined;
}

/** Adds a module to a course, at the end or at a position (the modules from there move down). */
export function addModule(ctx: CatalogContext, request: ModuleRequest): { module: CourseModule; course: Course } {
  const title = checkTitle(request.title);
  const store = new MaterialStore(ctx.db);
  return ctx.db
    .transaction(() => {
      const course = ctx.courses.get(request.courseId.trim());
      const count = store.modules(course.id).length;
      let position = count + 1;
      if (request.position !== undefined) {
        position = /^\d{1,6}$/.test(request.position.trim()) ? Number(request.position) : 0;
        if (position < 1 || position > count + 1) {
          throw new ValidationError([
            {
              field: 'position',
              message: `"${request.position}" is not a position from 1 to ${count + 1}`,
              hint: `course ${course.id} has ${count} module${count === 1 ? '' : 's'}; 1 puts the new one first, ${count + 1} (the default) last`,
            },
          ]);
        }
      }
      const module: CourseModule = { id: newId('mod'), courseId: course.id, title, position };
      const now = ctx.clock();
      store.insertModule(module, now);
      return { module, course: refreshCourseCounts(ctx, store, course.id, now) };
    })
    .immediate();
}
