import { connectElasticsearch } from '../search/elasticsearch/connection.js';
import { elasticsearchFailure, errorSummary } from '../search/elasticsearch/elasticsearchErrors.js';
import { OutboxStore } from '../store/outboxStore.js';
import { DRAIN_BACKOFF } from '../sync/backoff.js';
import type { BackoffPolicy } from '../sync/backoff.js';
import type { ReindexReport } from '../sync/reindex.js';
import { reindexCourses } from '../sync/reindex.js';
import type { CatalogContext } from './catalogContext.js';

/**
 * `catalog reindex`: a fresh index from the database behind the same alias, with no gap in
 * searches. One at a time (a second one is refused); indices an interrupted run left behind go first.
 */
export async function reindexCatalogue(
  ctx: CatalogContext,
  options: { onProgress?: (step: string) => void; oldIndexGraceMs?: number; backoff?: BackoffPolicy } = {},
): Promise<ReindexReport> {
  const settings = ctx.config.elasticsearch;
  const client = connectElasticsearch(settings, { maxRetries: 0 });
  try {
    const { concurrency, batchSize, batchBytes, leaseSeconds } = ctx.config.sync;
    return await reindexCourses(client, new OutboxStore(ctx.db), {
      alias: settings.index,
      concurrency,
      batchSize,
      batchBytes,
      leaseTtlMs: leaseSeconds * 1000,
      timeZone: ctx.config.timeZone,
      backoff: options.backoff ?? DRAIN_BACKOFF,
      clock: ctx.clock,
      describeError: (error) => errorSummary(error, settings),
      ...(options.onProgress && { onProgress: options.onProgress }),
      ...(options.oldIndexGraceMs !== undefined && { oldIndexGraceMs: options.oldIndexGraceMs }),
    });
  } catch (error) {
    throw elasticsearchFailure(error, settings, settings.index, 'then run `catalog reindex` again');
  } finally {
    await client.close();
  }
}
