import { describe } from '../../domain/course.js';
import { registrationClosure } from '../../domain/registrationWindow.js';
import { courseForStudents } from '../../services/storefrontCourse.js';
import type { FastifyInstance } from '../framework.js';
import { coursePageBody } from '../pages/courseView.js';
import type { Html } from '../pages/html.js';
import type { StorefrontDeps } from '../storefrontDeps.js';
import { sendPage } from './sendPage.js';

/** GET /courses/:id: one course, everything a student decides on; unknown ids get the 404 page. */
export async function coursePageRoutes(app: FastifyInstance, { ctx, feed, assets }: StorefrontDeps): Promise<void> {
  app.get<{ Params: { id: string } }>('/courses/:id', async (request, reply) => {
    const timeZone = ctx.config.timeZone;
    const position = feed.current;
    const now = ctx.clock();
    const course = describe(courseForStudents(ctx, request.params.id), now);
    // Extension point: the student side adds its sections here (modules and material titles
    // with openable previews, the assessments' schedule), each from its own service.
    const sections: Html[] = [];
    return sendPage(reply, assets, {
      title: `${course.title} \u2013 Catalog`,
      description: `${course.title} with ${course.teacher}, ${course.category}.`,
      body: coursePageBody({ course, closure: registrationClosure(course, now, timeZone), position, timeZone, sections }),
      timeZone,
    });
  });
}
