import { summarize } from '../domain/course.js';
import { highlightCourse } from '../domain/text/highlight.js';
import type { CatalogDatabase } from '../store/database.js';
import { searchCourseRows } from '../store/courseSearch.js';
import { CourseFactsMirror } from '../store/courseFactsMirror.js';
import { courseFromRow } from '../store/courseRows.js';
import { mirroredFacets } from '../store/mirroredFacets.js';
import { searchFacets } from '../store/searchFacets.js';
import { SearchClient } from './searchClient.js';
import type { SearchResult } from './searchClient.js';
import type { SearchQuery } from '../domain/searchQuery.js';

/** The embedded default: FTS5 in the catalogue's own SQLite file, current inside every write. */
export class SqliteSearchClient extends SearchClient {
  readonly backend = 'sqlite' as const;

  private readonly mirror: CourseFactsMirror | undefined;

  /**
   * `factsInMemory`: keep course_facts in memory (courseFactsMirror.ts), loaded now, for a
   * process that answers many searches (`catalog serve`).
   */
  constructor(
    private readonly db: CatalogDatabase,
    options: { factsInMemory?: boolean } = {},
  ) {
    super();
    if (options.factsInMemory) {
      const mirror = (this.mirror = new CourseFactsMirror(db));
      db.transaction(() => mirror.refresh())();
    }
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    return this.searchNow(query);
  }

  /** The same answer without a promise, for callers (benchmarks) that measure the query alone. */
  searchNow(query: SearchQuery): SearchResult {
    // Inside a transaction this connection opened (uncommitted changes), the copy is not used.
    if (!this.mirror || this.db.inTransaction) return this.answer(query);
    const mirror = this.mirror;
    return this.db.transaction(() => {
      mirror.refresh();
      return this.answer(query, mirror);
    })();
  }

  private answer(query: SearchQuery, mirror?: CourseFactsMirror): SearchResult {
    const { total, rows } = searchCourseRows(this.db, query, mirror);
    return {
      total,
      page: query.page,
      limit: query.limit,
      results: rows.map((row) => {
        const summary = summarize(courseFromRow(row), query.now);
        return query.terms.length ? { ...summary, highlight: highlightCourse(query, row.title, row.description) } : summary;
      }),
      ...(query.facets && { facets: mirror ? mirroredFacets(this.db, mirror, query) : searchFacets(this.db, query) }),
    };
  }
}
