import { searchBackendOf } from '../config/load.js';
import type { SearchBackend, SearchClient, SearchResult } from '../search/searchClient.js';
import { buildSearchQuery } from '../domain/searchQuery.js';
import type { SearchRequest } from '../domain/searchQuery.js';
import { SqliteSearchClient } from '../search/sqliteSearchClient.js';
import type { CatalogContext } from './catalogContext.js';

/** The search client the configuration asks for; the Elasticsearch one loads only when used. */
export async function openSearchClient(ctx: CatalogContext, backend: SearchBackend = searchBackendOf(ctx.config)): Promise<SearchClient> {
  if (backend === 'sqlite') return new SqliteSearchClient(ctx.db);
  const { openElasticsearchSearchClient } = await import('../search/elasticsearch/openClient.js');
  return openElasticsearchSearchClient(ctx.config);
}

export async function searchCatalogue(ctx: CatalogContext, request: SearchRequest, backend?: SearchBackend): Promise<SearchResult> {
  const query = buildSearchQuery(request, { now: ctx.clock(), timeZone: ctx.config.timeZone });
  const client = await openSearchClient(ctx, backend);
  try {
    return await client.search(query);
  } finally {
    await client.close();
  }
}
