import type { CourseSummary } from '../domain/course.js';
import type { SearchFacets } from '../domain/searchFacets.js';
import type { SearchQuery } from '../domain/searchQuery.js';
import type { Highlight } from '../domain/text/highlight.js';

/** A course in a result page, with the words the search matched marked (when it had text). */
export interface SearchHit extends CourseSummary {
  highlight?: Highlight;
}

export interface SearchResult {
  total: number;
  page: number;
  limit: number;
  results: SearchHit[];
  /** Counts per category, start month and price band, when asked for (query.facets). */
  facets?: SearchFacets;
  /** When a search with text found nothing: the words corrected to ones the catalogue holds. */
  suggestion?: string;
}

export type SearchBackend = 'sqlite' | 'elasticsearch';

/**
 * Answers a SearchQuery. Each backend translates the one query model into its own language
 * (FTS5 SQL, the Elasticsearch query DSL); the parity tests hold them to the same answers.
 */
export abstract class SearchClient {
  abstract readonly backend: SearchBackend;

  abstract search(query: SearchQuery): Promise<SearchResult>;

  async close(): Promise<void> {}
}
