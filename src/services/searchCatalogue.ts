import { searchBackendOf } from '../config/load.js';
import type { SearchBackend, SearchClient, SearchResult } from '../search/searchClient.js';
import { buildSearchQuery } from '../domain/searchQuery.js';
import type { RequestSpelling, SearchRequest } from '../domain/searchQuery.js';
import { SqliteSearchClient } from '../search/sqliteSearchClient.js';
import { spellingSuggestion } from '../store/spellingSuggestion.js';
import type { CatalogContext } from './catalogContext.js';

/**
 * The search client the configuration asks for; the Elasticsearch one loads only when used.
 * `longLived`: the caller keeps it for many searches (the web server), so the embedded one
 * holds the search's filter columns in memory.
 */
export async function openSearchClient(
  ctx: CatalogContext,
  backend: SearchBackend = searchBackendOf(ctx.config),
  { longLived = false } = {},
): Promise<SearchClient> {
  if (backend === 'sqlite') return new SqliteSearchClient(ctx.db, { factsInMemory: longLived });
  const { openElasticsearchSearchClient } = await import('../search/elasticsearch/openClient.js');
  return openElasticsearchSearchClient(ctx.config);
}

/**
 * One search on a client the caller keeps open (the web server holds one for its lifetime);
 * `spelling` names the request's fields the way the caller's user wrote them.
 */
export function searchWith(
  client: SearchClient,
  ctx: CatalogContext,
  request: SearchRequest,
  spelling?: RequestSpelling,
): Promise<SearchResult> {
  const query = buildSearchQuery(request, { now: ctx.clock(), timeZone: ctx.config.timeZone, ...(spelling && { spelling }) });
  return client.search(query);
}

export async function searchCatalogue(ctx: CatalogContext, request: SearchRequest, backend?: SearchBackend): Promise<SearchResult> {
  const query = buildSearchQuery(request, { now: ctx.clock(), timeZone: ctx.config.timeZone });
  const client = await openSearchClient(ctx, backend);
  let result: SearchResult;
  try {
    result = await client.search(query);
  } finally {
    await client.close();
  }
  // "Did you mean" comes from the catalogue's own vocabulary, whichever backend answered.
  if (result.total > 0 || query.terms.length === 0) return result;
  const suggestion = spellingSuggestion(ctx.db, query);
  return suggestion === undefined ? result : { ...result, suggestion };
}
