import type { FastifyInstance } from './framework.js';
import { fastify, fastifyRateLimit, LogController } from './framework.js';
import { assetsAndCompression } from './plugins/assets.js';
import { installErrorHandling } from './plugins/errors.js';
import { humanLogStream, requestLog } from './plugins/requestLog.js';
import { securityHeaders } from './plugins/security.js';
import { courseApiRoutes } from './routes/courseApi.js';
import { coursePageRoutes } from './routes/coursePage.js';
import { eventRoutes } from './routes/events.js';
import { healthRoutes } from './routes/health.js';
import { openapiRoutes } from './routes/openapi.js';
import { previewRoutes } from './routes/previews.js';
import { searchApiRoutes } from './routes/searchApi.js';
import { searchPageRoutes } from './routes/searchPage.js';
import type { StorefrontDeps, StorefrontOptions } from './storefrontDeps.js';

export interface AppOptions extends StorefrontOptions {
  jsonLogs: boolean;
  /** Addresses of reverse proxies whose X-Forwarded-For is believed (rate limits per real client). */
  trustProxy?: string | undefined;
}

/**
 * The storefront: a plugin per concern (security headers, compression and assets, errors,
 * request log), then the routes, each in its file. Every route only reads: nothing here can
 * change the catalogue. Checkout and the student area (their forms with CSRF protection) come
 * in as more route files registered the same way.
 */
export async function buildApp(deps: StorefrontDeps, options: AppOptions): Promise<FastifyInstance> {
  const app = fastify({
    logger: { level: 'info', ...(options.jsonLogs ? { stream: process.stderr } : { stream: humanLogStream }) },
    // One line per request, written when it is answered (plugins/requestLog.ts), instead of two.
    logController: new LogController({ disableRequestLogging: true }),
    // Nothing takes a body yet; anything larger than a small form is refused before it is read.
    bodyLimit: 16 * 1024,
    requestTimeout: 30_000,
    ...(options.trustProxy && { trustProxy: options.trustProxy }),
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  });
  requestLog(app);
  installErrorHandling(app, deps);
  await securityHeaders(app);
  await assetsAndCompression(app, deps.assets.folder);

  await app.register(healthRoutes, deps);
  await app.register(searchPageRoutes, deps);
  await app.register(coursePageRoutes, deps);
  await app.register(previewRoutes, deps);
  await app.register(async (api) => {
    if (options.rateLimitPerMinute > 0) await api.register(fastifyRateLimit, { max: options.rateLimitPerMinute, timeWindow: 60_000 });
    await api.register(searchApiRoutes, deps);
    await api.register(courseApiRoutes, deps);
    await api.register(openapiRoutes);
  });
  // Not rate limited per request: a stream is one long request; their number is capped instead.
  await app.register(async (events) => eventRoutes(events, deps, options));
  return app;
}
