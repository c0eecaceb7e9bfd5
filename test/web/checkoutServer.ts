import type { CatalogConfig } from '../../src/config/schema.js';
import { startStorefront } from '../../src/web/server.js';
import type { RunningStorefront } from '../../src/web/server.js';
import { tempCatalog } from '../support/tempCatalog.js';

export const WEBHOOK_SECRET = 'whsec_test_0123456789abcdef';

/**
 * The storefront in this process on a random port, over a real SQLite file, with the manual
 * clock of tempCatalog: holds, sales and sessions end exactly when a test says.
 */
export async function checkoutServer(
  options: { now?: string; payments?: Partial<CatalogConfig['payments']>; secureCookies?: boolean } = {},
): Promise<{ catalog: ReturnType<typeof tempCatalog>; server: RunningStorefront }> {
  const defaults = tempCatalog().config.payments;
  const catalog = tempCatalog({
    ...(options.now && { now: options.now }),
    config: { payments: { ...defaults, webhookSecret: WEBHOOK_SECRET, ...options.payments } },
  });
  const server = await startStorefront(
    { ctx: catalog, writer: catalog },
    {
      host: '127.0.0.1',
      port: 0,
      jsonLogs: true,
      logLevel: 'silent',
      rateLimitPerMinute: 0,
      maxEventStreams: 100,
      secureCookies: options.secureCookies ?? false,
      backend: 'sqlite',
    },
  );
  return { catalog, server };
}
