import { buildSearchQuery } from '../../domain/searchQuery.js';
import { schemaVersion } from '../../store/database.js';
import type { FastifyInstance } from '../framework.js';
import type { StorefrontDeps } from '../storefrontDeps.js';

const CHECK_TIMEOUT_MS = 2_000;

function withTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * /healthz: the process answers (for a supervisor deciding to restart it). /readyz: it can serve
 * searches now: the database reads, and the search backend (Elasticsearch when configured)
 * answers a search (for a load balancer deciding to send it traffic).
 */
export async function healthRoutes(app: FastifyInstance, { ctx, search }: StorefrontDeps): Promise<void> {
  app.get('/healthz', async (_request, reply) => reply.header('cache-control', 'no-store').send({ status: 'ok' }));

  app.get('/readyz', async (request, reply) => {
    const checks: Record<string, 'ok' | 'failing'> = {};
    try {
      schemaVersion(ctx.db);
      checks.database = 'ok';
    } catch (error) {
      request.log.warn({ err: error }, 'readiness: database');
      checks.database = 'failing';
    }
    try {
      const query = buildSearchQuery({ limit: 1 }, { now: ctx.clock(), timeZone: ctx.config.timeZone });
      await withTimeout(search.search(query), search.backend);
      checks[search.backend] = 'ok';
    } catch (error) {
      request.log.warn({ err: error }, `readiness: ${search.backend}`);
      checks[search.backend] = 'failing';
    }
    const ready = Object.values(checks).every((check) => check === 'ok');
    return reply
      .status(ready ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ status: ready ? 'ready' : 'not ready', checks });
  });
}
