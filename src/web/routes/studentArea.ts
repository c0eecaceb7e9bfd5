import { setTimeout as sleep } from 'node:timers/promises';
import { TooManyAttemptsError } from '../../errors.js';
import { signIn, SignInRefused } from '../../services/studentArea/signIn.js';
import { studentCourses } from '../../services/studentArea/studentCourses.js';
import { signOut } from '../../services/studentArea/studentSession.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from '../framework.js';
import { field } from '../plugins/forms.js';
import type { FormProblem } from '../pages/formParts.js';
import { myCoursesBody } from '../pages/myCoursesView.js';
import { signInPageBody } from '../pages/signInView.js';
import type { StorefrontDeps } from '../storefrontDeps.js';
import { assertFormToken, currentVisitorToken, endSessionCookie, formToken, sessionOf, startSessionCookie } from '../visitorCookies.js';
import { sendPage } from './sendPage.js';

/**
 * Every sign-in is answered no sooner than this after it arrived, right or wrong: the work a
 * wrong email and a wrong code do is the same, and this evens out what is left (a lookup that
 * finds a row or not, a session written or not) so timing says nothing either.
 */
export const SIGN_IN_ANSWER_MS = 250;

/**
 * /me: the student area's front door. Not signed in: the sign-in form (email and access code).
 * Signed in: the courses this browser opened. POST /me/sign-in signs in (or adds a course with
 * another code), always into a new session; POST /me/sign-out ends it.
 */
export async function studentAreaRoutes(app: FastifyInstance, { writer, cookies, assets }: StorefrontDeps): Promise<void> {
  const timeZone = writer.config.timeZone;

  const showMe = (request: FastifyRequest, reply: FastifyReply, problem?: FormProblem, status = 200, email = '') => {
    const session = sessionOf(request, writer, cookies);
    const token = formToken(request, reply, cookies);
    if (!session)
      return sendPage(
        reply,
        assets,
        { title: 'Sign in \u2013 Catalog', body: signInPageBody({ token, email, problem }), timeZone },
        status,
      );
    const { courses, refundsDue } = studentCourses(writer, session);
    return sendPage(
      reply,
      assets,
      { title: 'Your courses \u2013 Catalog', body: myCoursesBody({ session, courses, refundsDue, token, timeZone, problem }), timeZone },
      status,
    );
  };

  app.get<{ Querystring: { email?: string } }>('/me', async (request, reply) =>
    showMe(request, reply, undefined, 200, typeof request.query.email === 'string' ? request.query.email.slice(0, 254) : ''),
  );

  app.post('/me/sign-in', async (request, reply) => {
    const arrived = performance.now();
    const answerAfterFloor = async () => {
      const wait = SIGN_IN_ANSWER_MS - (performance.now() - arrived);
      if (wait > 0) await sleep(wait);
    };
    const form = assertFormToken(request, cookies);
    try {
      const signedIn = signIn(writer, {
        email: field(form, 'email'),
        code: field(form, 'code'),
        address: request.ip,
        currentToken: currentVisitorToken(request, cookies),
      });
      startSessionCookie(request, reply, cookies, signedIn.token);
      await answerAfterFloor();
      return reply.redirect(`/me/courses/${signedIn.courseId}`, 303);
    } catch (error) {
      if (!(error instanceof SignInRefused) && !(error instanceof TooManyAttemptsError)) throw error;
      await answerAfterFloor();
      if (error instanceof TooManyAttemptsError)
        reply.header('retry-after', Math.max(1, Math.ceil((error.retryAt - writer.clock()) / 1000)));
      return showMe(request, reply, error, error instanceof TooManyAttemptsError ? 429 : 401, field(form, 'email'));
    }
  });

  app.post('/me/sign-out', async (request, reply) => {
    assertFormToken(request, cookies);
    signOut(writer, currentVisitorToken(request, cookies));
    endSessionCookie(request, reply, cookies);
    return reply.redirect('/me', 303);
  });
}
