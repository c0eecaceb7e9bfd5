import { startFree } from '../../services/studentArea/startFree.js';
import { WebRefusal } from '../errorResponse.js';
import type { FastifyInstance } from '../framework.js';
import type { StorefrontDeps } from '../storefrontDeps.js';

/**
 * POST /api/enrol {courseId, email, name}: a free course or a free start, without payment (the
 * service behind `catalog enrol`). 201 with the access code, shown this once; 200 without it when
 * the student was enrolled already.
 */
export async function enrolApiRoutes(app: FastifyInstance, { writer }: StorefrontDeps): Promise<void> {
  app.post('/api/enrol', async (request, reply) => {
    // JSON only: a form on another site cannot send it without the browser asking this site first.
    if (!/^application\/json\b/i.test(request.headers['content-type'] ?? ''))
      throw new WebRefusal(415, 'unsupported_media_type', 'send the enrolment as JSON', 'set Content-Type: application/json');
    const body = (typeof request.body === 'object' && request.body !== null && !Array.isArray(request.body) ? request.body : {}) as Record<
      string,
      unknown
    >;
    const outcome = await startFree(writer, { courseId: body.courseId, email: body.email, name: body.name });
    const answer = {
      status: outcome.status,
      courseId: outcome.course.id,
      registrationId: outcome.registration.id,
      mode: outcome.registration.mode,
      signInUrl: '/me',
    };
    return reply
      .status(outcome.status === 'enrolled' ? 201 : 200)
      .header('cache-control', 'no-store')
      .send(outcome.status === 'enrolled' ? { ...answer, accessCode: outcome.accessCode } : answer);
  });
}
