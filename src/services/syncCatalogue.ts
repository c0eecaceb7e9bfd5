import { redactUrl } from '../config/schema.js';
import { connectElasticsearch } from '../search/elasticsearch/connection.js';
import { elasticsearchFailure, errorSummary, isIndexMissing } from '../search/elasticsearch/elasticsearchErrors.js';
import { OutboxStore } from '../store/outboxStore.js';
import type { BackoffPolicy } from '../sync/backoff.js';
import { DRAIN_BACKOFF, WATCH_BACKOFF } from '../sync/backoff.js';
import type { SyncEvent, SyncReport } from '../sync/syncWorker.js';
import { SyncWorker } from '../sync/syncWorker.js';
import type { CatalogContext } from './catalogContext.js';

export interface SyncOptions {
  signal?: AbortSignal;
  onEvent?: (event: SyncEvent) => void;
  /** Put entries Elasticsearch refused back in the queue first. */
  retryFailed?: boolean;
  /** Tests shorten the pauses; the defaults ride out a node restart. */
  backoff?: BackoffPolicy;
}

export interface SyncSummary extends SyncReport {
  retriedFailed: number;
  /** Left in the queue afterwards (arrived meanwhile, or the node gave out). */
  pending: number;
  failed: number;
}

function workerFor(ctx: CatalogContext, options: SyncOptions, backoff: BackoffPolicy) {
  const settings = ctx.config.elasticsearch;
  // The worker does its own retrying with backoff; the client's retries would multiply it.
  const client = connectElasticsearch(settings, { maxRetries: 0 });
  const outbox = new OutboxStore(ctx.db);
  const worker = new SyncWorker(client, outbox, ctx.courses, {
    alias: settings.index,
    ...ctx.config.sync,
    backoff: options.backoff ?? backoff,
    clock: ctx.clock,
    timeZone: ctx.config.timeZone,
    describeError: (error) => errorSummary(error, settings),
    ...(options.onEvent && { onEvent: options.onEvent }),
  });
  return { client, outbox, worker };
}

/** `catalog sync`: sends what is pending now, then stops. */
export async function syncCatalogue(ctx: CatalogContext, options: SyncOptions = {}): Promise<SyncSummary> {
  const { client, outbox, worker } = workerFor(ctx, options, DRAIN_BACKOFF);
  try {
    const retriedFailed = options.retryFailed ? outbox.retryFailed() : 0;
    const report = await worker.drain(options.signal);
    const status = outbox.status();
    return { ...report, retriedFailed, pending: status.pending, failed: status.failed };
  } catch (error) {
    throw elasticsearchFailure(
      error,
      ctx.config.elasticsearch,
      ctx.config.elasticsearch.index,
      'or keep the changes queued: they are sent once it answers',
    );
  } finally {
    await client.close();
  }
}

/** `catalog sync --watch`: follows the outbox until the signal aborts. */
export async function watchCatalogue(
  ctx: CatalogContext,
  signal: AbortSignal,
  options: SyncOptions & { pollMs?: number } = {},
): Promise<SyncReport> {
  const { client, outbox, worker } = workerFor(ctx, options, WATCH_BACKOFF);
  try {
    if (options.retryFailed) outbox.retryFailed();
    return await worker.watch(signal, { ...(options.pollMs !== undefined && { pollMs: options.pollMs }) });
  } catch (error) {
    throw elasticsearchFailure(
      error,
      ctx.config.elasticsearch,
      ctx.config.elasticsearch.index,
      'or keep the changes queued: they are sent once it answers',
    );
  } finally {
    await client.close();
  }
}

export interface SyncStatus {
  pending: number;
  oldestPendingAt: string | null;
  oldestPendingAgeSeconds: number | null;
  failed: number;
  lastError: {
    courseId: string;
    version: number;
    change: string;
    error: string;
    at: string | null;
    failed: boolean;
    attempts: number;
  } | null;
  /** Courses the index should hold (all but archived). */
  sqliteCourses: number;
  /** Documents behind the alias; null when the node could not be asked. */
  indexedCourses: number | null;
  elasticsearch: { node: string | null; index: string; reachable: boolean; error: string | null };
}

/** `catalog sync status`: the queue from SQLite, the count from Elasticsearch when it answers. */
export async function syncStatus(ctx: CatalogContext): Promise<SyncStatus> {
  const outbox = new OutboxStore(ctx.db);
  const status = outbox.status();
  const now = ctx.clock();
  const settings = ctx.config.elasticsearch;
  const result: SyncStatus = {
    pending: status.pending,
    oldestPendingAt: status.oldestPendingAt === null ? null : new Date(status.oldestPendingAt).toISOString(),
    oldestPendingAgeSeconds: status.oldestPendingAt === null ? null : Math.max(0, Math.round((now - status.oldestPendingAt) / 1000)),
    failed: status.failed,
    lastError: status.lastProblem && {
      courseId: status.lastProblem.courseId,
      version: status.lastProblem.courseVersion,
      change: status.lastProblem.change,
      error: status.lastProblem.error,
      at: status.lastProblem.at === null ? null : new Date(status.lastProblem.at).toISOString(),
      failed: status.lastProblem.failed,
      attempts: status.lastProblem.attempts,
    },
    sqliteCourses: outbox.indexableCourses(),
    indexedCourses: null,
    elasticsearch: { node: settings.node ? redactUrl(settings.node) : null, index: settings.index, reachable: false, error: null },
  };
  if (!settings.node) {
    result.elasticsearch.error = 'no node configured';
    return result;
  }
  const client = connectElasticsearch(settings, { maxRetries: 0 });
  try {
    result.indexedCourses = (await client.count({ index: settings.index })).count;
    result.elasticsearch.reachable = true;
  } catch (error) {
    if (isIndexMissing(error)) {
      result.elasticsearch.reachable = true;
      result.indexedCourses = 0;
      result.elasticsearch.error = `index ${settings.index} does not exist yet`;
    } else result.elasticsearch.error = errorSummary(error, settings);
  } finally {
    await client.close();
  }
  return result;
}
