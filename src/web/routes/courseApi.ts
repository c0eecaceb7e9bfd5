import { describe, publicDetails } from '../../domain/course.js';
import { courseForStudents } from '../../services/storefrontCourse.js';
import type { FastifyInstance } from '../framework.js';
import type { StorefrontDeps } from '../storefrontDeps.js';

/** GET /api/courses/:id: `catalog course show --json` over HTTP, less the staff's own fields (drafts are not found). */
export async function courseApiRoutes(app: FastifyInstance, { ctx }: StorefrontDeps): Promise<void> {
  app.get<{ Params: { id: string } }>('/api/courses/:id', async (request) =>
    publicDetails(describe(courseForStudents(ctx, request.params.id), ctx.clock(), ctx.config.timeZone)),
  );
}
