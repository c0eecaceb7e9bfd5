import type { Course } from '../../../domain/course.js';
import type { CatalogContext } from '../../../services/catalogContext.js';
import { printJson, success } from '../../terminal.js';
import type { Terminal } from '../../terminal.js';

/** After a change: the course as JSON for scripts, or a one-line confirmation and its id. */
export async function renderChangedCourse(
  terminal: Terminal,
  ctx: CatalogContext,
  course: Course,
  json: boolean | undefined,
  message: string,
): Promise<void> {
  if (json) {
    const { courseDetails } = await import('../../../services/courseListing.js');
    printJson(terminal, courseDetails(ctx, course));
    return;
  }
  success(terminal, message);
  terminal.stdout.write(`${course.id}\n`);
}
