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
import { RazorpayPaymentProvider, TestPaymentProvider } from '../services/checkout/paymentProvider.js';
import { formBodies } from './plugins/forms.js';
import { checkoutApiRoutes } from './routes/checkoutApi.js';
import { enrolApiRoutes } from './routes/enrolApi.js';
import { enrolPageRoutes } from './routes/enrolPage.js';
import { orderPageRoutes } from './routes/orderPage.js';
import { paymentWebhookRoutes } from './routes/paymentWebhooks.js';
import { razorpayPaymentRoutes } from './routes/razorpayPayments.js';
import { registerPageRoutes } from './routes/registerPage.js';
import { studentAreaRoutes } from './routes/studentArea.js';
import { studentAssessmentRoutes } from './routes/studentAssessments.js';
import { studentCourseRoutes } from './routes/studentCourse.js';
import { testPaymentRoutes } from './routes/testPayments.js';

export interface AppOptions extends StorefrontOptions {
  jsonLogs: boolean;
  /** 'silent' for tests that run the server in their own process. */
  logLevel?: 'info' | 'silent';
  /** Addresses of reverse proxies whose X-Forwarded-For is believed (rate limits per real client). */
  trustProxy?: string | undefined;
}

/**
 * The storefront: a plugin per concern (security headers, compression and assets, errors,
 * request log, form bodies), then the routes, each in its file. The storefront's routes only
 * read (through a connection that cannot write); checkout, the payment webhook and the student
 * area write through their services, their forms each carrying a CSRF token.
 */
export async function buildApp(deps: StorefrontDeps, options: AppOptions): Promise<FastifyInstance> {
  const app = fastify({
    logger: { level: options.logLevel ?? 'info', ...(options.jsonLogs ? { stream: process.stderr } : { stream: humanLogStream }) },
    // One line per request, written when it is answered (plugins/requestLog.ts), instead of two.
    logController: new LogController({ disableRequestLogging: true }),
    // Forms and JSON are small; anything larger is refused before it is read (webhooks allow more).
    bodyLimit: 16 * 1024,
    requestTimeout: 30_000,
    ...(options.trustProxy && { trustProxy: options.trustProxy }),
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  });
  requestLog(app);
  installErrorHandling(app, deps);
  await securityHeaders(app);
  await assetsAndCompression(app, deps.assets.folder);
  formBodies(app);

  await app.register(healthRoutes, deps);
  await app.register(searchPageRoutes, deps);
  await app.register(coursePageRoutes, deps);
  await app.register(previewRoutes, deps);
  await app.register(registerPageRoutes, deps);
  await app.register(enrolPageRoutes, deps);
  await app.register(orderPageRoutes, deps);
  const { payments } = deps;
  if (payments instanceof TestPaymentProvider) await app.register(async (pay) => testPaymentRoutes(pay, deps, payments));
  if (payments instanceof RazorpayPaymentProvider) await app.register(async (pay) => razorpayPaymentRoutes(pay, deps, payments));
  // Not rate limited per client: a provider retries in bursts from a few addresses.
  await app.register(paymentWebhookRoutes, deps);
  await app.register(studentAreaRoutes, deps);
  await app.register(studentCourseRoutes, deps);
  await app.register(studentAssessmentRoutes, deps);
  await app.register(async (api) => {
    if (options.rateLimitPerMinute > 0) await api.register(fastifyRateLimit, { max: options.rateLimitPerMinute, timeWindow: 60_000 });
    await api.register(searchApiRoutes, deps);
    await api.register(courseApiRoutes, deps);
    await api.register(checkoutApiRoutes, deps);
    await api.register(enrolApiRoutes, deps);
    await api.register(openapiRoutes);
  });
  // Not rate limited per request: a stream is one long request; their number is capped instead.
  await app.register(async (events) => eventRoutes(events, deps, options));
  return app;
}
