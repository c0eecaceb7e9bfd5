import type { FastifyInstance } from '../framework.js';
import { OPENAPI_DOCUMENT } from '../openapi.js';

export async function openapiRoutes(app: FastifyInstance): Promise<void> {
  const document = JSON.stringify(OPENAPI_DOCUMENT);
  app.get('/api/openapi.json', async (_request, reply) => reply.type('application/json; charset=utf-8').send(document));
}
