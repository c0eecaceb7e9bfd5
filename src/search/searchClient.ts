import type { CourseSummary } from '../domain/course.js';
import type { SearchQuery } from '../domain/searchQuery.js';

export interface SearchResult {
  total: number;
  page: number;
  limit: number;
  results: CourseSummary[];
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
