import type { CourseModule } from '../../domain/material.js';
import { NotFoundError } from '../../errors.js';
import type { MaterialStore } from '../../store/materialStore.js';

/** A module of the course named by its id or its title (any case). */
export function findModule(store: MaterialStore, courseId: string, name: string): CourseModule {
  const wanted = name.trim();
  const modules = store.modules(courseId);
  const found = modules.find((m) => m.id === wanted) ?? modules.find((m) => m.title.toLowerCase() === wanted.toLowerCase());
  if (!found) {
    throw new NotFoundError(
      `course ${courseId} has no module "${wanted}"`,
      modules.length
        ? `its modules: ${modules.map((m) => `${m.id} (${m.title})`).join(', ')}; or add one with \`catalog module add ${courseId} --title "${wanted}"\``
        : `add one first: \`catalog module add ${courseId} --title "${wanted}"\``,
    );
  }
  return found;
}
