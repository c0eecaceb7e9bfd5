import { searchWith } from '../../services/searchCatalogue.js';
import type { FastifyInstance } from '../framework.js';
import { PARAMETER_SPELLING, searchRequestFrom, searchValuesFrom } from '../searchParameters.js';
import type { StorefrontDeps } from '../storefrontDeps.js';

/** GET /api/search: `catalog search --json` over HTTP, the same answer for the same request. */
export async function searchApiRoutes(app: FastifyInstance, { ctx, search }: StorefrontDeps): Promise<void> {
  app.get('/api/search', async (request) => {
    const values = searchValuesFrom(request.query as Record<string, string | string[] | undefined>);
    return searchWith(search, ctx, searchRequestFrom(values), PARAMETER_SPELLING);
  });
}
