import { describe } from '../../domain/course.js';
import { joinOptions } from '../../domain/enrolmentRules.js';
import { courseForStudents } from '../../services/storefrontCourse.js';
import type { FastifyInstance } from '../framework.js';
import { coursePageBody } from '../pages/courseView.js';
import type { Html } from '../pages/html.js';
import { assessmentsSection, materialsSection } from '../pages/courseSections.js';
import { listAssessments } from '../../services/assessments/listAssessments.js';
import { listMaterials } from '../../services/materials/listMaterials.js';
import type { StorefrontDeps } from '../storefrontDeps.js';
import { sendPage } from './sendPage.js';

/** GET /courses/:id: one course, everything a student decides on; unknown ids get the 404 page. */
export async function coursePageRoutes(app: FastifyInstance, { ctx, feed, assets }: StorefrontDeps): Promise<void> {
  app.get<{ Params: { id: string } }>('/courses/:id', async (request, reply) => {
    const timeZone = ctx.config.timeZone;
    const position = feed.current;
    const now = ctx.clock();
    const stored = courseForStudents(ctx, request.params.id);
    const course = describe(stored, now, timeZone);
    // More sections come in here, each from its own service.
    const { modules, materials } = listMaterials(ctx, course.id);
    const sections: (Html | string)[] = [
      materialsSection(course.id, course.startDate, modules, materials, timeZone),
      assessmentsSection(listAssessments(ctx, course.id), timeZone),
    ];
    return sendPage(reply, assets, {
      title: `${course.title} \u2013 Catalog`,
      description: `${course.title} with ${course.teacher}, ${course.category}.`,
      body: coursePageBody({ course, join: joinOptions(stored, now, timeZone), position, timeZone, sections }),
      timeZone,
    });
  });
}
