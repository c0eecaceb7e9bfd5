import { FIND_ANOTHER_ON_SITE } from '../../domain/closedCourseNotice.js';
import { describe } from '../../domain/course.js';
import { freeEnrolmentRefusal } from '../../domain/enrolmentRules.js';
import { ConflictError } from '../../errors.js';
import { startFree } from '../../services/studentArea/startFree.js';
import { courseFormRoutes } from '../courseForm.js';
import type { FastifyInstance } from '../framework.js';
import { enrolledPageBody, enrolPageBody } from '../pages/enrolView.js';
import type { StorefrontDeps } from '../storefrontDeps.js';
import { sendPage } from './sendPage.js';

/**
 * /courses/:id/enrol: the "Start free" page of a free course or a free start. Sent, it enrols
 * (startFree: the service behind `catalog enrol`) and shows the access code once, in the answer
 * itself: sent again, the form finds the student enrolled and shows no code.
 */
export async function enrolPageRoutes(app: FastifyInstance, deps: StorefrontDeps): Promise<void> {
  const { writer, assets } = deps;
  const timeZone = writer.config.timeZone;
  courseFormRoutes(app, deps, {
    action: 'enrol',
    refusal: (course, now) =>
      freeEnrolmentRefusal(course, now, timeZone) &&
      new ConflictError(`"${course.title}" cannot be started free now`, FIND_ANOTHER_ON_SITE),
    page: (state) => ({ title: `Start ${state.course.title} free \u2013 Catalog`, body: enrolPageBody(state) }),
    submit: async (_request, reply, courseId, values) => {
      const outcome = await startFree(writer, { courseId, ...values });
      const course = describe(outcome.course, writer.clock(), timeZone);
      return sendPage(reply, assets, {
        title: `Enrolled on ${course.title} \u2013 Catalog`,
        body: enrolledPageBody(course, outcome, outcome.registration.studentEmail),
        timeZone,
      })
        .header('cache-control', 'no-store')
        .header('referrer-policy', 'no-referrer');
    },
  });
}
