import type { Course, CourseDetails } from '../domain/course.js';
import { describe } from '../domain/course.js';
import { ConflictError, NotFoundError, UsageError } from '../errors.js';
import { courseForStudents } from '../services/storefrontCourse.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from './framework.js';
import type { FormProblem } from './pages/formParts.js';
import type { Html } from './pages/html.js';
import { field } from './plugins/forms.js';
import { sendPage } from './routes/sendPage.js';
import type { StorefrontDeps } from './storefrontDeps.js';
import { assertFormToken, formToken, sessionOf } from './visitorCookies.js';

/** Who is joining, as typed into a course's form (empty when not typed). */
export interface StudentFields {
  email: string;
  name: string;
}

/** What a course's form page shows: the course, the form's token, what was typed and what went wrong. */
export interface CourseFormState {
  course: CourseDetails;
  token: string;
  values: StudentFields;
  problem: FormProblem | undefined;
}

/** What differs between a course's forms (Register, Start free); the rest is courseFormRoutes'. */
export interface CourseForm {
  /** The form lives at /courses/:id/<action>. */
  action: 'register' | 'enrol';
  /** Why the course takes no one through this form now: thrown, so the error page says it. */
  refusal(course: Course, now: number): Error | undefined;
  page(state: CourseFormState): { title: string; body: Html };
  /** Sends the form on (a checkout, an enrolment) and answers the browser. */
  submit(request: FastifyRequest, reply: FastifyReply, courseId: string, values: StudentFields): Promise<FastifyReply>;
}

/**
 * GET /courses/:id/<action>: the form, filled in from the signed-in student. POST sends it on;
 * a refusal the student can act on (a bad field, a course that said no) shows the form again
 * with what was typed kept, anything else (a course not found, a failure) the error page.
 */
export function courseFormRoutes(app: FastifyInstance, { writer, cookies, assets }: StorefrontDeps, form: CourseForm): void {
  const timeZone = writer.config.timeZone;
  const path = `/courses/:id/${form.action}`;

  const show = (
    request: FastifyRequest,
    reply: FastifyReply,
    courseId: string,
    values: StudentFields,
    problem?: FormProblem,
    status = 200,
  ) => {
    const now = writer.clock();
    const course = courseForStudents(writer, courseId);
    const refusal = form.refusal(course, now);
    if (refusal) throw refusal;
    const page = form.page({ course: describe(course, now, timeZone), token: formToken(request, reply, cookies), values, problem });
    return sendPage(reply, assets, { ...page, timeZone }, status);
  };

  app.get<{ Params: { id: string } }>(path, async (request, reply) => {
    const session = sessionOf(request, writer, cookies);
    return show(request, reply, request.params.id, { email: session?.email ?? '', name: session?.name ?? '' });
  });

  app.post<{ Params: { id: string } }>(path, async (request, reply) => {
    const sent = assertFormToken(request, cookies);
    const values = { email: field(sent, 'email'), name: field(sent, 'name') };
    try {
      return await form.submit(request, reply, request.params.id, values);
    } catch (error) {
      if (error instanceof NotFoundError || !(error instanceof UsageError || error instanceof ConflictError)) throw error;
      return show(request, reply, request.params.id, values, error, error instanceof UsageError ? 400 : 409);
    }
  });
}
