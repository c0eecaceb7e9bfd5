import type { SearchBackend } from '../search/searchClient.js';
import type { CatalogContext } from '../services/catalogContext.js';
import { openSearchClient } from '../services/searchCatalogue.js';
import { paymentProviderFor } from '../services/checkout/paymentProvider.js';
import { OutboxStore } from '../store/outboxStore.js';
import type { AppOptions } from './app.js';
import { buildApp } from './app.js';
import { AssetUrls, assetsFolder } from './assets.js';
import { ChangeFeed } from './live/changeFeed.js';

export interface ServeOptions extends AppOptions {
  host: string;
  port: number;
  backend?: SearchBackend;
}

export interface RunningStorefront {
  /** Where it listens, e.g. http://127.0.0.1:8080 (the real port when 0 was asked for). */
  url: string;
  /** Stops taking connections, ends the event streams, lets requests in flight finish. */
  close(): Promise<void>;
}

/**
 * Starts `catalog serve` on an open catalogue: `ctx` for the storefront's reading (read-only in
 * `catalog serve`), `writer` for checkout and the student area. The caller owns both and closes
 * them after (they may be one context, as in tests).
 */
export async function startStorefront(
  { ctx, writer }: { ctx: CatalogContext; writer: CatalogContext },
  options: ServeOptions,
): Promise<RunningStorefront> {
  const payments = paymentProviderFor(writer.config);
  const search = await openSearchClient(ctx, options.backend, { longLived: true });
  const feed = new ChangeFeed(new OutboxStore(ctx.db), ctx.clock, ctx.config.timeZone);
  const cookies = { alwaysSecure: options.secureCookies };
  const app = await buildApp({ ctx, writer, payments, cookies, search, feed, assets: new AssetUrls(assetsFolder()) }, options);
  try {
    await app.listen({ host: options.host, port: options.port });
  } catch (error) {
    await app.close();
    await search.close();
    throw error;
  }
  feed.start();
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      (closing ??= (async () => {
        feed.stop();
        await app.close();
        await search.close();
      })()),
  };
}
