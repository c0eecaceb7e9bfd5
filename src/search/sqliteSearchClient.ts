import { summarize } from '../domain/course.js';
import { highlightCourse } from '../domain/text/highlight.js';
import type { CatalogDatabase } from '../store/database.js';
import { searchCourseRows } from '../store/courseSearch.js';
import { courseFromRow } from '../store/courseRows.js';
import { searchFacets } from '../store/searchFacets.js';
import { SearchClient } from './searchClient.js';
import type { SearchResult } from './searchClient.js';
import type { SearchQuery } from '../domain/searchQuery.js';

/** The embedded default: FTS5 in the catalogue's own SQLite file, current inside every write. */
export class SqliteSearchClient extends SearchClient {
  readonly backend = 'sqlite' as const;

  constructor(private readonly db: CatalogDatabase) {
    super();
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    return this.searchNow(query);
  }

  /** The same answer without a promise, for callers (benchmarks) that measure the query alone. */
  searchNow(query: SearchQuery): SearchResult {
    const { total, rows } = searchCourseRows(this.db, query);
    return {
      total,
      page: query.page,
      limit: query.limit,
      results: rows.map((row) => {
        const summary = summarize(courseFromRow(row), query.now);
        return query.terms.length ? { ...summary, highlight: highlightCourse(query, row.title, row.description) } : summary;
      }),
      ...(query.facets && { facets: searchFacets(this.db, query) }),
    };
  }
}
