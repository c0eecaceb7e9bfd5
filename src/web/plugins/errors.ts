import type { FastifyInstance, FastifyRequest } from '../framework.js';
import { errorResponse } from '../errorResponse.js';
import { errorPageBody } from '../pages/errorView.js';
import { sendPage } from '../routes/sendPage.js';
import type { StorefrontDeps } from '../storefrontDeps.js';

/** The API and the health checks answer in JSON; everything else is a page for people. */
const wantsJson = (request: FastifyRequest) => /^\/(api\/|webhooks\/|healthz|readyz)/.test(request.url);

const HEADINGS: Record<number, string> = {
  400: 'That could not be done',
  403: 'This form has expired',
  404: 'Page not found',
  409: 'That could not be done',
  429: 'Too many requests',
  503: 'The catalogue is unavailable right now',
  500: 'Something went wrong',
};

/**
 * The one place errors become responses: `{"error":{"code","message","hint"}}` for the API, an
 * error page otherwise. A stack trace or an internal message only ever reaches the log.
 */
export function installErrorHandling(app: FastifyInstance, { assets, ctx }: Pick<StorefrontDeps, 'assets' | 'ctx'>): void {
  app.setErrorHandler((error, request, reply) => {
    const { status, body, internal } = errorResponse(error);
    if (internal) request.log.error({ err: error }, 'request failed');
    if (wantsJson(request) || reply.sent) return reply.status(status).send(body);
    const heading = HEADINGS[status] ?? 'That did not work';
    return sendPage(
      reply,
      assets,
      {
        title: `${heading} \u2013 Catalog`,
        body: errorPageBody(heading, body.error.message, body.error.hint),
        timeZone: ctx.config.timeZone,
      },
      status,
    );
  });

  app.setNotFoundHandler((request, reply) => {
    if (wantsJson(request))
      return reply.status(404).send({
        error: {
          code: 'not_found',
          message: `no such address: ${request.method} ${request.url.split('?')[0]}`,
          hint: 'see /api/openapi.json for the API',
        },
      });
    return sendPage(
      reply,
      assets,
      {
        title: 'Page not found \u2013 Catalog',
        body: errorPageBody('Page not found', 'There is no page at this address.', 'Check the link, or search the catalogue.'),
        timeZone: ctx.config.timeZone,
      },
      404,
    );
  });
}
