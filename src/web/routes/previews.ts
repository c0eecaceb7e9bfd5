import { NotFoundError } from '../../errors.js';
import { listMaterials } from '../../services/materials/listMaterials.js';
import { materialFiles } from '../../services/materials/materialFiles.js';
import { courseForStudents } from '../../services/storefrontCourse.js';
import { StoredFileMissing } from '../../storage/fileStore.js';
import type { FastifyInstance } from '../framework.js';
import { contentDisposition, inlineSafe, SANDBOX_POLICY } from '../materialFile.js';
import { html } from '../pages/html.js';
import type { StorefrontDeps } from '../storefrontDeps.js';
import { sendPage } from './sendPage.js';

/**
 * GET /courses/:id/previews/:materialId: a material its teacher marked as a free preview, open to
 * every visitor of the course page (the rest needs an access code: the student area). Uploaded
 * files are served sandboxed, so none can run script in the storefront's origin.
 */
export async function previewRoutes(app: FastifyInstance, { ctx, assets }: StorefrontDeps): Promise<void> {
  app.get<{ Params: { id: string; materialId: string } }>('/courses/:id/previews/:materialId', async (request, reply) => {
    const course = courseForStudents(ctx, request.params.id);
    const material = listMaterials(ctx, course.id).materials.find((m) => m.id === request.params.materialId && m.preview);
    if (!material)
      throw new NotFoundError(`course ${course.id} has no preview ${request.params.materialId}`, 'open the previews from the course page');
    if (material.kind === 'link' && material.url && /^https?:\/\//i.test(material.url)) return reply.redirect(material.url, 302);
    if (material.kind === 'note' && material.note !== null)
      return sendPage(reply, assets, {
        title: `${material.title} \u2013 ${course.title}`,
        body: html`<article class="note-page"><p><a href="/courses/${course.id}">${course.title}</a></p><h1>${material.title}</h1><pre class="note">${material.note}</pre></article>`,
        timeZone: ctx.config.timeZone,
      });
    if (material.kind !== 'file' || !material.file) throw new NotFoundError(`preview ${material.id} has nothing to show`);
    let content: Awaited<ReturnType<ReturnType<typeof materialFiles>['read']>>;
    try {
      content = await materialFiles(ctx.config).read(material.file.sha256);
    } catch (error) {
      if (error instanceof StoredFileMissing)
        throw new NotFoundError(`the file of preview ${material.id} is missing`, 'tell the course team');
      throw error;
    }
    return reply
      .type(material.file.mediaType)
      .header('content-length', material.file.bytes)
      .header('content-disposition', contentDisposition(inlineSafe(material.file.mediaType) ? 'inline' : 'attachment', material.file.name))
      .header('content-security-policy', SANDBOX_POLICY)
      .header('cache-control', 'private, max-age=300')
      .send(content);
  });
}
