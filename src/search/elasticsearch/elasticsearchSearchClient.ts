import type { Client, estypes } from '@elastic/elasticsearch';
import { summarize } from '../../domain/course.js';
import type { SearchFacets } from '../../domain/searchFacets.js';
import { priceBandCounts } from '../../domain/searchFacets.js';
import { highlightCourse } from '../../domain/text/highlight.js';
import { SearchClient } from '../searchClient.js';
import type { SearchResult } from '../searchClient.js';
import type { SearchQuery } from '../../domain/searchQuery.js';
import type { ElasticsearchSettings } from './connection.js';
import type { CourseDocument } from './courseDocument.js';
import { courseFromDocument, SUMMARY_SOURCE_FIELDS } from './courseDocument.js';
import { courseQuery, courseSort, facetRequest } from './courseQuery.js';
import { elasticsearchFailure } from './elasticsearchErrors.js';

/** Elasticsearch's default index.max_result_window: from + size may not pass it. */
export const RESULT_WINDOW = 10_000;

type SummarySource = Pick<
  CourseDocument,
  | 'id'
  | 'title'
  | 'description'
  | 'teacher'
  | 'category'
  | 'price_paise'
  | 'sale'
  | 'start_date'
  | 'end_date'
  | 'seats'
  | 'registrations'
  | 'free_days'
  | 'upgrade_until_day'
  | 'status'
  | 'version'
  | 'updated_at'
>;

/**
 * Answers a SearchQuery from the course index, with the SQLite client's semantics (the parity
 * tests hold it to the same ids, order and totals, relevance order included).
 */
export class ElasticsearchSearchClient extends SearchClient {
  readonly backend = 'elasticsearch' as const;

  constructor(
    private readonly client: Client,
    private readonly settings: ElasticsearchSettings,
    private readonly ownsClient = true,
  ) {
    super();
  }

  get alias(): string {
    return this.settings.index;
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    try {
      const [page, facets] = await Promise.all([this.page(query), query.facets ? this.facets(query) : undefined]);
      return facets ? { ...page, facets } : page;
    } catch (error) {
      throw elasticsearchFailure(error, this.settings, this.alias);
    }
  }

  override async close(): Promise<void> {
    if (this.ownsClient) await this.client.close();
  }

  private async page(query: SearchQuery): Promise<SearchResult> {
    const from = (query.page - 1) * query.limit;
    const request = { query: courseQuery(query), sort: courseSort(query) };
    if (from + query.limit <= RESULT_WINDOW) {
      const response = await this.client.search<SummarySource>({
        index: this.alias,
        ...request,
        from,
        size: query.limit,
        track_total_hits: true,
        _source: sourceFields(query),
      });
      return this.result(query, totalOf(response.hits.total), response.hits.hits);
    }
    return this.deepPage(query, request, from);
  }

  /**
   * Pages past the 10,000-hit window: walk a point-in-time with search_after, fetching only sort
   * keys, up to the page, then fetch the page itself. The snapshot keeps pages consistent while
   * the sync worker writes.
   */
  private async deepPage(
    query: SearchQuery,
    request: { query: estypes.QueryDslQueryContainer; sort: estypes.SortCombinations[] },
    from: number,
  ): Promise<SearchResult> {
    const counted = await this.client.count({ index: this.alias, query: request.query });
    const total = counted.count;
    if (from >= total) return this.result(query, total, []);
    const pit = await this.client.openPointInTime({ index: this.alias, keep_alive: '1m' });
    let pitId = pit.id;
    try {
      let searchAfter: estypes.SortResults | undefined;
      let skipped = 0;
      while (skipped < from) {
        const size = Math.min(RESULT_WINDOW, from - skipped);
        const response = await this.client.search({
          ...request,
          pit: { id: pitId, keep_alive: '1m' },
          size,
          _source: false,
          track_total_hits: false,
          ...(searchAfter && { search_after: searchAfter }),
        });
        pitId = response.pit_id ?? pitId;
        const hits = response.hits.hits;
        if (hits.length === 0) return this.result(query, total, []);
        skipped += hits.length;
        searchAfter = hits.at(-1)!.sort;
      }
      const response = await this.client.search<SummarySource>({
        ...request,
        pit: { id: pitId, keep_alive: '1m' },
        size: query.limit,
        _source: SUMMARY_SOURCE_FIELDS,
        track_total_hits: false,
        ...(searchAfter && { search_after: searchAfter }),
      });
      return this.result(query, total, response.hits.hits);
    } finally {
      await this.client.closePointInTime({ id: pitId }).catch(() => undefined);
    }
  }

  /** The facet counts, from one request that returns no hits. */
  private async facets(query: SearchQuery): Promise<SearchFacets> {
    const response = await this.client.search({ index: this.alias, ...facetRequest(query), size: 0, track_total_hits: false });
    const aggregations = response.aggregations as unknown as FacetAggregations;
    const counts = (buckets: { key_as_string?: string; key: string | number; doc_count: number }[]) =>
      buckets.map((bucket) => ({ value: bucket.key_as_string ?? String(bucket.key), count: bucket.doc_count }));
    return {
      category: counts(aggregations.category.values.buckets),
      month: counts(aggregations.month.values.buckets),
      price: priceBandCounts(new Map(aggregations.price.periods.now.bands.buckets.map((bucket) => [bucket.key, bucket.doc_count]))),
    };
  }

  private result(query: SearchQuery, total: number, hits: estypes.SearchHit<SummarySource>[]): SearchResult {
    return {
      total,
      page: query.page,
      limit: query.limit,
      results: hits.map((hit) => {
        const source = hit._source!;
        const summary = summarize(courseFromDocument(source), query.now);
        return query.terms.length ? { ...summary, highlight: highlightCourse(query, source.title, source.description) } : summary;
      }),
    };
  }
}

/** The stored fields a result page reads: the description too when there are words to highlight in it. */
function sourceFields(query: SearchQuery): string[] {
  return query.terms.length ? [...SUMMARY_SOURCE_FIELDS, 'description'] : SUMMARY_SOURCE_FIELDS;
}

interface FacetAggregations {
  category: { values: { buckets: { key: string; doc_count: number }[] } };
  month: { values: { buckets: { key: number; key_as_string: string; doc_count: number }[] } };
  price: { periods: { now: { bands: { buckets: { key: string; doc_count: number }[] } } } };
}

function totalOf(total: number | estypes.SearchTotalHits | undefined): number {
  return typeof total === 'number' ? total : (total?.value ?? 0);
}
