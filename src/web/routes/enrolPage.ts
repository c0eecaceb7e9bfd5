import { describe } from '../../domain/course.js';
import { freeEnrolmentRefusal } from '../../domain/enrolmentRules.js';
import { ConflictError, NotFoundError, UsageError } from '../../errors.js';
import { courseForStudents } from '../../services/storefrontCourse.js';
import { startFree } from '../../services/studentArea/startFree.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from '../framework.js';
import type { FormProblem } from '../pages/formParts.js';
import { field } from '../plugins/forms.js';
import { enrolledPageBody, enrolPageBody } from '../pages/enrolView.js';
import type { StorefrontDeps } from '../storefrontDeps.js';
import { assertFormToken, formToken, sessionOf } from '../visitorCookies.js';
import { sendPage } from './sendPage.js';

/**
 * GET /courses/:id/enrol: the "Start free" page of a free course or a free start. POST enrols
 * (startFree: the service behind `catalog enrol`) and shows the access code once, in the answer
 * itself: sent again, the form finds the student enrolled and shows no code.
 */
export async function enrolPageRoutes(app: FastifyInstance, deps: StorefrontDeps): Promise<void> {
  const { writer, cookies, assets } = deps;
  const timeZone = writer.config.timeZone;

  const show = (
    request: FastifyRequest,
    reply: FastifyReply,
    courseId: string,
    values: { email?: string; name?: string },
    problem?: FormProblem,
    status = 200,
  ) => {
    const now = writer.clock();
    const course = courseForStudents(writer, courseId);
    const refusal = freeEnrolmentRefusal(course, now, timeZone);
    if (refusal) throw new ConflictError(`"${course.title}" cannot be started free now`, 'find another course on the search page');
    const details = describe(course, now, timeZone);
    return sendPage(
      reply,
      assets,
      {
        title: `Start ${details.title} free \u2013 Catalog`,
        body: enrolPageBody({ course: details, token: formToken(request, reply, cookies), values, problem }),
        timeZone,
      },
      status,
    );
  };

  app.get<{ Params: { id: string } }>('/courses/:id/enrol', async (request, reply) => {
    const session = sessionOf(request, writer, cookies);
    return show(request, reply, request.params.id, { email: session?.email ?? '', name: session?.name ?? '' });
  });

  app.post<{ Params: { id: string } }>('/courses/:id/enrol', async (request, reply) => {
    const form = assertFormToken(request, cookies);
    const values = { email: field(form, 'email'), name: field(form, 'name') };
    try {
      const outcome = await startFree(writer, { courseId: request.params.id, ...values });
      const course = describe(outcome.course, writer.clock(), timeZone);
      return sendPage(reply, assets, {
        title: `Enrolled on ${course.title} \u2013 Catalog`,
        body: enrolledPageBody(course, outcome, outcome.registration.studentEmail),
        timeZone,
      })
        .header('cache-control', 'no-store')
        .header('referrer-policy', 'no-referrer');
    } catch (error) {
      if (error instanceof NotFoundError || !(error instanceof UsageError || error instanceof ConflictError)) throw error;
      return show(request, reply, request.params.id, values, error, error instanceof UsageError ? 400 : 409);
    }
  });
}
