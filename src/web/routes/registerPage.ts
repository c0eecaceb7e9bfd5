import { studentRegistrationRefusal } from '../../domain/closedCourseNotice.js';
import { ConflictError } from '../../errors.js';
import { startCheckout } from '../../services/checkout/startCheckout.js';
import { courseFormRoutes } from '../courseForm.js';
import type { FastifyInstance } from '../framework.js';
import { registerPageBody } from '../pages/registerView.js';
import type { StorefrontDeps } from '../storefrontDeps.js';
import { setClaimCookie } from '../visitorCookies.js';

/**
 * /courses/:id/register: the "Register" button's page, who is registering. Sent, it opens the
 * checkout (the price held) and sends the browser on to the payment page, with the order's
 * claim key in a cookie.
 */
export async function registerPageRoutes(app: FastifyInstance, deps: StorefrontDeps): Promise<void> {
  const { writer, payments, cookies } = deps;
  const timeZone = writer.config.timeZone;
  courseFormRoutes(app, deps, {
    action: 'register',
    refusal: (course, now) => {
      const refusal = studentRegistrationRefusal(course, now, timeZone);
      return refusal && new ConflictError(refusal.message, refusal.hint);
    },
    page: (state) => ({
      title: `Register for ${state.course.title} \u2013 Catalog`,
      body: registerPageBody({ ...state, holdMinutes: writer.config.payments.holdMinutes, timeZone, testMode: payments.name === 'test' }),
    }),
    submit: async (request, reply, courseId, values) => {
      const started = await startCheckout(writer, payments, { courseId, ...values });
      setClaimCookie(request, reply, cookies, started.order.id, started.claimKey);
      return reply.redirect(started.redirectUrl, 303);
    },
  });
}
