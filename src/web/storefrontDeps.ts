import type { SearchClient } from '../search/searchClient.js';
import type { CatalogContext } from '../services/catalogContext.js';
import type { AssetUrls } from './assets.js';
import type { ChangeFeed } from './live/changeFeed.js';

/** What the routes share for the server's lifetime: one catalogue, one search client, one change feed. */
export interface StorefrontDeps {
  ctx: CatalogContext;
  search: SearchClient;
  feed: ChangeFeed;
  assets: AssetUrls;
}

export interface StorefrontOptions {
  /** Requests a minute one client may make to the JSON API (0: no limit). */
  rateLimitPerMinute: number;
  /** Most event streams open at once; past it /api/events answers 503. */
  maxEventStreams: number;
}
