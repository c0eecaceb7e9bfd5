import { studentRegistrationRefusal } from '../../domain/closedCourseNotice.js';
import { describe } from '../../domain/course.js';
import { refuseIf } from '../../domain/enrolmentRules.js';
import { ConflictError, NotFoundError, UsageError } from '../../errors.js';
import { startCheckout } from '../../services/checkout/startCheckout.js';
import { courseForStudents } from '../../services/storefrontCourse.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from '../framework.js';
import type { FormProblem } from '../pages/formParts.js';
import { field } from '../plugins/forms.js';
import { registerPageBody } from '../pages/registerView.js';
import type { StorefrontDeps } from '../storefrontDeps.js';
import { assertFormToken, formToken, sessionOf, setClaimCookie } from '../visitorCookies.js';
import { sendPage } from './sendPage.js';

/**
 * GET /courses/:id/register: the "Register" button's page, who is registering. POST: opens the
 * checkout (the price held) and sends the browser on to the payment page, with the order's
 * claim key in a cookie. Problems are shown on the form, with what was typed kept.
 */
export async function registerPageRoutes(app: FastifyInstance, deps: StorefrontDeps): Promise<void> {
  const { writer, payments, cookies, assets } = deps;
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
    refuseIf(studentRegistrationRefusal(course, now, timeZone));
    const details = describe(course, now, timeZone);
    return sendPage(
      reply,
      assets,
      {
        title: `Register for ${details.title} \u2013 Catalog`,
        body: registerPageBody({
          course: details,
          token: formToken(request, reply, cookies),
          values,
          problem,
          holdMinutes: writer.config.payments.holdMinutes,
          timeZone,
          testMode: payments.name === 'test',
        }),
        timeZone,
      },
      status,
    );
  };

  app.get<{ Params: { id: string } }>('/courses/:id/register', async (request, reply) => {
    const session = sessionOf(request, writer, cookies);
    return show(request, reply, request.params.id, { email: session?.email ?? '', name: session?.name ?? '' });
  });

  app.post<{ Params: { id: string } }>('/courses/:id/register', async (request, reply) => {
    const form = assertFormToken(request, cookies);
    const values = { email: field(form, 'email'), name: field(form, 'name') };
    try {
      const started = await startCheckout(writer, payments, { courseId: request.params.id, ...values });
      setClaimCookie(request, reply, cookies, started.order.id, started.claimKey);
      return reply.redirect(started.redirectUrl, 303);
    } catch (error) {
      if (error instanceof NotFoundError || !(error instanceof UsageError || error instanceof ConflictError)) throw error;
      return show(request, reply, request.params.id, values, error, error instanceof UsageError ? 400 : 409);
    }
  });
}
