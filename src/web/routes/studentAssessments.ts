import { ConflictError, UsageError } from '../../errors.js';
import { studentResults } from '../../services/assessments/studentResults.js';
import { beginAttempt, currentAttempt, handInWithAnswers } from '../../services/assessments/takeAssessment.js';
import { courseKey } from '../../services/studentArea/studentCourses.js';
import type { StudentSession } from '../../services/studentArea/studentSession.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from '../framework.js';
import type { FormFields } from '../plugins/forms.js';
import { assessmentPageBody } from '../pages/assessmentView.js';
import type { FormProblem } from '../pages/formParts.js';
import type { StorefrontDeps } from '../storefrontDeps.js';
import { assertFormToken, formToken } from '../visitorCookies.js';
import { sendPage } from './sendPage.js';
import { signedIn } from './studentCourse.js';

const ANSWER_FIELD = 'answer.';

/** The answers a form gives, as `assessment take --answers` reads them: one value, or the list of a multiple choice. */
export function answersFromForm(form: FormFields): Record<string, string | string[]> {
  const answers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(form)) {
    if (!name.startsWith(ANSWER_FIELD)) continue;
    const values = (Array.isArray(value) ? value : [value]).filter((entry) => entry.trim() !== '');
    if (!values.length) continue;
    answers[name.slice(ANSWER_FIELD.length)] = Array.isArray(value) ? values : values[0]!;
  }
  return answers;
}

interface AssessmentParams {
  id: string;
  assessmentId: string;
}

/**
 * An assessment in the student area: its window, the student's attempts and grade (the service
 * behind `assessment results`), an attempt's questions in the attempt's own order with the time
 * left counting down, and the hand-in (the services behind `assessment take`). Starting and
 * handing in are forms; the server decides everything again when they arrive.
 */
export async function studentAssessmentRoutes(app: FastifyInstance, deps: StorefrontDeps): Promise<void> {
  const { writer, cookies, assets } = deps;
  const timeZone = writer.config.timeZone;
  const base = (params: AssessmentParams) => `/me/courses/${params.id}/assessments/${params.assessmentId}`;

  const show = (
    request: FastifyRequest<{ Params: AssessmentParams }>,
    reply: FastifyReply,
    session: StudentSession,
    extra: { handedIn?: number | null; problem?: FormProblem; status?: number } = {},
  ) => {
    const key = courseKey(writer, session, request.params.id);
    const results = studentResults(writer, key, request.params.assessmentId);
    const open = currentAttempt(writer, key, request.params.assessmentId);
    const course = writer.courses.get(request.params.id);
    return sendPage(
      reply,
      assets,
      {
        title: `${results.title} \u2013 ${course.title}`,
        body: assessmentPageBody({
          courseId: course.id,
          courseTitle: course.title,
          results,
          open,
          handedIn: extra.handedIn ?? null,
          now: writer.clock(),
          token: formToken(request, reply, cookies),
          timeZone,
          problem: extra.problem,
        }),
        timeZone,
        scripts: [assets.url('student.js')],
      },
      extra.status ?? 200,
    );
  };

  app.get<{ Params: AssessmentParams; Querystring: { handedIn?: string } }>(
    '/me/courses/:id/assessments/:assessmentId',
    async (request, reply) => {
      const session = signedIn(request, reply, deps);
      if (!session) return reply;
      const handedIn = /^\d{1,6}$/.test(request.query.handedIn ?? '') ? Number(request.query.handedIn) : null;
      return show(request, reply, session, { handedIn });
    },
  );

  app.post<{ Params: AssessmentParams }>('/me/courses/:id/assessments/:assessmentId/attempts', async (request, reply) => {
    assertFormToken(request, cookies);
    const session = signedIn(request, reply, deps);
    if (!session) return reply;
    try {
      await beginAttempt(writer, courseKey(writer, session, request.params.id), request.params.assessmentId);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      return show(request, reply, session, { problem: error, status: 409 });
    }
    return reply.redirect(base(request.params), 303);
  });

  app.post<{ Params: AssessmentParams & { number: string } }>(
    '/me/courses/:id/assessments/:assessmentId/attempts/:number',
    async (request, reply) => {
      const form = assertFormToken(request, cookies);
      const session = signedIn(request, reply, deps);
      if (!session) return reply;
      const number = /^\d{1,6}$/.test(request.params.number) ? Number(request.params.number) : 0;
      try {
        await handInWithAnswers(
          writer,
          courseKey(writer, session, request.params.id),
          request.params.assessmentId,
          number,
          answersFromForm(form),
        );
      } catch (error) {
        if (!(error instanceof ConflictError) && !(error instanceof UsageError)) throw error;
        return show(request, reply, session, {
          problem: error,
          status: error instanceof UsageError ? 400 : 409,
        });
      }
      return reply.redirect(`${base(request.params)}?handedIn=${number}`, 303);
    },
  );
}
