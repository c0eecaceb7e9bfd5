import type { SearchClient } from '../search/searchClient.js';
import type { CatalogContext } from '../services/catalogContext.js';
import type { PaymentProvider } from '../services/checkout/paymentProvider.js';
import type { AssetUrls } from './assets.js';
import type { ChangeFeed } from './live/changeFeed.js';
import type { CookiePolicy } from './visitorCookies.js';

/** What the routes share for the server's lifetime: one catalogue, one search client, one change feed. */
export interface StorefrontDeps {
  /** The storefront's pages read through this connection, which cannot write. */
  ctx: CatalogContext;
  /**
   * The one connection that writes: checkout, payment webhooks, sign-in and the student area,
   * each through its service (registration, access, assessments). Same catalogue, same clock.
   */
  writer: CatalogContext;
  payments: PaymentProvider;
  cookies: CookiePolicy;
  search: SearchClient;
  feed: ChangeFeed;
  assets: AssetUrls;
}

export interface StorefrontOptions {
  /** Requests a minute one client may make to the JSON API (0: no limit). */
  rateLimitPerMinute: number;
  /** Most event streams open at once; past it /api/events answers 503. */
  maxEventStreams: number;
  /** Cookies marked Secure even on plain http (a TLS proxy in front that does not say so). */
  secureCookies: boolean;
}
