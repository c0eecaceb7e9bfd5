import { ConflictError } from '../../errors.js';
import { startCheckout } from '../../services/checkout/startCheckout.js';
import { accessFor } from '../../services/access/resolveAccess.js';
import { materialStream } from '../../services/access/deliverMaterial.js';
import { openMaterial } from '../../services/access/studentMaterials.js';
import { courseKey, studentCourse } from '../../services/studentArea/studentCourses.js';
import type { StudentSession } from '../../services/studentArea/studentSession.js';
import { contentDisposition, inlineSafe, SANDBOX_POLICY } from '../materialFile.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from '../framework.js';
import { html } from '../pages/html.js';
import { studentCourseBody } from '../pages/studentCourseView.js';
import type { StorefrontDeps } from '../storefrontDeps.js';
import { assertFormToken, formToken, sessionOf, setClaimCookie } from '../visitorCookies.js';
import { sendPage } from './sendPage.js';

/** The signed-in student, or a redirect to the sign-in form (undefined: the reply is sent). */
export function signedIn(request: FastifyRequest, reply: FastifyReply, { writer, cookies }: StorefrontDeps): StudentSession | undefined {
  const session = sessionOf(request, writer, cookies);
  if (!session) void reply.redirect('/me', 303);
  return session;
}

/**
 * /me/courses/:id: one course of the signed-in student, from the services behind `catalog
 * access show` and `assessment results`; /me/courses/:id/materials/:materialId opens one
 * material through the same rule as `catalog access get`. A course this session did not open,
 * another student's included, and a material of another course are 404s, whatever the id.
 */
export async function studentCourseRoutes(app: FastifyInstance, deps: StorefrontDeps): Promise<void> {
  const { writer, assets, payments, cookies } = deps;
  const timeZone = writer.config.timeZone;

  app.get<{ Params: { id: string } }>('/me/courses/:id', async (request, reply) => {
    const session = signedIn(request, reply, deps);
    if (!session) return reply;
    const view = studentCourse(writer, courseKey(writer, session, request.params.id));
    return sendPage(reply, assets, {
      title: `${view.access.course.title} \u2013 Your courses`,
      body: studentCourseBody({ view, timeZone, token: formToken(request, reply, cookies) }),
      timeZone,
    });
  });

  // The Upgrade button: a checkout for the price now, paid like any other; the webhook's
  // registerStudent turns the free start into a registration with the same access code.
  app.post<{ Params: { id: string } }>('/me/courses/:id/upgrade', async (request, reply) => {
    assertFormToken(request, cookies);
    const session = signedIn(request, reply, deps);
    if (!session) return reply;
    const access = accessFor(writer, courseKey(writer, session, request.params.id));
    if (access.enrolment.mode !== 'free')
      throw new ConflictError('this course is paid for already: there is nothing to upgrade', `open it at /me/courses/${access.course.id}`);
    const started = await startCheckout(writer, payments, {
      courseId: access.course.id,
      email: access.enrolment.studentEmail,
      name: access.enrolment.studentName,
    });
    setClaimCookie(request, reply, cookies, started.order.id, started.claimKey);
    return reply.redirect(started.redirectUrl, 303);
  });

  app.get<{ Params: { id: string; materialId: string } }>('/me/courses/:id/materials/:materialId', async (request, reply) => {
    const session = signedIn(request, reply, deps);
    if (!session) return reply;
    const { access, material } = openMaterial(writer, courseKey(writer, session, request.params.id), request.params.materialId);
    if (material.kind === 'link' && material.url) {
      if (/^https?:\/\//i.test(material.url)) return reply.header('referrer-policy', 'no-referrer').redirect(material.url, 302);
      return sendPage(reply, assets, {
        title: material.title,
        body: html`<article class="panel note-page"><p><a href="/me/courses/${access.course.id}">${access.course.title}</a></p><h1>${material.title}</h1><p>${material.url}</p></article>`,
        timeZone,
      });
    }
    if (material.kind === 'note')
      return sendPage(reply, assets, {
        title: `${material.title} \u2013 ${access.course.title}`,
        body: html`<article class="panel note-page"><p><a href="/me/courses/${access.course.id}">${access.course.title}</a></p><h1>${material.title}</h1><pre class="note">${material.note ?? ''}</pre></article>`,
        timeZone,
      });
    const file = material.file!;
    const body = await materialStream(writer, material);
    return reply
      .type(file.mediaType)
      .header('content-length', file.bytes)
      .header('content-disposition', contentDisposition(inlineSafe(file.mediaType) ? 'inline' : 'attachment', file.name))
      .header('content-security-policy', SANDBOX_POLICY)
      .header('cache-control', 'private, no-store')
      .send(body);
  });
}
