import { dateAt } from '../../domain/calendar.js';
import { UsageError } from '../../errors.js';
import type { SearchResult } from '../../search/searchClient.js';
import { searchWith } from '../../services/searchCatalogue.js';
import type { FastifyInstance } from '../framework.js';
import { searchFragments, searchPageBody, searchTitle } from '../pages/searchView.js';
import type { SearchPage } from '../pages/searchView.js';
import { PARAMETER_SPELLING, searchRequestFrom, searchValuesFrom } from '../searchParameters.js';
import type { SearchValues } from '../searchParameters.js';
import type { StorefrontDeps } from '../storefrontDeps.js';
import { sendPage } from './sendPage.js';

/** Asked by the page's own script: only the parts a new search changes. */
export const FRAGMENT_HEADER = 'x-catalog-fragment';

/**
 * GET /: the search page. The whole search is in the address, so it can be shared, reloaded and
 * gone back to; without JavaScript the form submits here, with it the page asks for fragments.
 * A bad parameter is shown on the page (status 400), with the form to fix it.
 */
export async function searchPageRoutes(app: FastifyInstance, { ctx, search, feed, assets }: StorefrontDeps): Promise<void> {
  app.get('/', async (request, reply) => {
    const timeZone = ctx.config.timeZone;
    // Taken before searching: a change made meanwhile is replayed to the page, never missed.
    const position = feed.current;
    const now = ctx.clock();
    let values: SearchValues = {};
    let result: SearchResult | undefined;
    let problem: SearchPage['problem'];
    try {
      values = searchValuesFrom(request.query as Record<string, string | string[] | undefined>);
      result = await searchWith(search, ctx, searchRequestFrom(values, { facets: true }), PARAMETER_SPELLING);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      problem = { message: error.message, hint: error.visitorHint };
    }
    const page: SearchPage = {
      values,
      position,
      now,
      today: dateAt(now, timeZone),
      timeZone,
      ...(result && { result }),
      ...(problem && { problem }),
    };
    reply.header('vary', FRAGMENT_HEADER);
    if (request.headers[FRAGMENT_HEADER] === 'results')
      return reply
        .status(problem ? 400 : 200)
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(searchFragments(page));
    return sendPage(
      reply,
      assets,
      {
        title: searchTitle(values),
        description: 'Search short, fixed-date courses by topic, price and month, and see seats and prices change live.',
        body: searchPageBody(page),
        timeZone,
      },
      problem ? 400 : 200,
    );
  });
}
