import { formatInstant } from '../domain/calendar.js';
import { redactUrl } from '../config/schema.js';
import { connectElasticsearch } from '../search/elasticsearch/connection.js';
import { elasticsearchFailure, errorSummary, isIndexMissing } from '../search/elasticsearch/elasticsearchErrors.js';
import { OutboxStore } from '../store/outboxStore.js';
import type { BackoffPolicy } from '../sync/backoff.js';
import { DRAIN_BACKOFF, WATCH_BACKOFF } from '../sync/backoff.js';
import { currentHolder } from '../sync/queueLease.js';
import type { HolderView } from '../sync/queueLease.js';
import type { SyncEvent, SyncReport } from '../sync/syncWorker.js';
import { SyncWorker } from '../sync/syncWorker.js';
import type { CatalogContext } from './catalogContext.js';

export interface SyncOptions {
  signal?: AbortSignal;
  onEvent?: (event: SyncEvent) => void;
  /** Put entries Elasticsearch refused back in the queue first. */
  retryRefused?: boolean;
  /** Tests shorten the pauses; the defaults ride out a node restart. */
  backoff?: BackoffPolicy;
}

/**
 * What one `catalog sync` did, and the queue it left. "Refused" is one idea everywhere: a change
 * Elasticsearch turned down for good (a mapping error...), parked until `--retry-refused`.
 * `refused` counts this run's; `queue.refused` every change parked so, this run's included.
 */
export interface SyncSummary extends SyncReport {
  queue: {
    /** Still waiting (arrived meanwhile, or the node gave out). */
    pending: number;
    refused: number;
  };
}

function workerFor(ctx: CatalogContext, options: SyncOptions, backoff: BackoffPolicy) {
  const settings = ctx.config.elasticsearch;
  // The worker does its own retrying with backoff; the client's retries would multiply it.
  const client = connectElasticsearch(settings, { maxRetries: 0 });
  const outbox = new OutboxStore(ctx.db);
  const { concurrency, batchSize, batchBytes, leaseSeconds } = ctx.config.sync;
  const worker = new SyncWorker(client, outbox, ctx.courses, {
    alias: settings.index,
    concurrency,
    batchSize,
    batchBytes,
    leaseTtlMs: leaseSeconds * 1000,
    retentionMs: ctx.config.outbox.retentionMinutes * 60_000,
    backoff: options.backoff ?? backoff,
    clock: ctx.clock,
    timeZone: ctx.config.timeZone,
    describeError: (error) => errorSummary(error, settings),
    ...(options.onEvent && { onEvent: options.onEvent }),
  });
  return { client, outbox, worker };
}

/** `catalog sync`: sends what is pending now, then stops. Refuses while another worker holds the queue. */
export async function syncCatalogue(ctx: CatalogContext, options: SyncOptions = {}): Promise<SyncSummary> {
  const { client, outbox, worker } = workerFor(ctx, options, DRAIN_BACKOFF);
  try {
    const report = await worker.drain(options.signal, { requeueRefused: options.retryRefused ?? false });
    const status = outbox.status();
    return { ...report, queue: { pending: status.pending, refused: status.refused } };
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

/** `catalog sync --watch`: follows the outbox until the signal aborts; waits out busy databases, outages and other holders. */
export async function watchCatalogue(
  ctx: CatalogContext,
  signal: AbortSignal,
  options: SyncOptions & { pollMs?: number } = {},
): Promise<SyncReport> {
  const { client, worker } = workerFor(ctx, options, WATCH_BACKOFF);
  try {
    return await worker.watch(signal, {
      requeueRefused: options.retryRefused ?? false,
      ...(options.pollMs !== undefined && { pollMs: options.pollMs }),
    });
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
  /** Changes Elasticsearch refused, parked until `catalog sync --retry-refused`. */
  refused: number;
  lastError: {
    courseId: string;
    version: number;
    change: string;
    error: string;
    at: string | null;
    /** Refused for good (else a try that will be repeated). */
    refused: boolean;
    attempts: number;
  } | null;
  /** The worker holding the queue (a running `sync --watch`), or null when none does. */
  worker: HolderView | null;
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
    oldestPendingAt: status.oldestPendingAt === null ? null : formatInstant(status.oldestPendingAt, ctx.config.timeZone),
    oldestPendingAgeSeconds: status.oldestPendingAt === null ? null : Math.max(0, Math.round((now - status.oldestPendingAt) / 1000)),
    refused: status.refused,
    lastError: status.lastProblem && {
      courseId: status.lastProblem.courseId,
      version: status.lastProblem.courseVersion,
      change: status.lastProblem.change,
      error: status.lastProblem.error,
      at: status.lastProblem.at === null ? null : formatInstant(status.lastProblem.at, ctx.config.timeZone),
      refused: status.lastProblem.refused,
      attempts: status.lastProblem.attempts,
    },
    sqliteCourses: outbox.indexableCourses(),
    indexedCourses: null,
    worker: currentHolder(outbox, 'outbox', ctx.config.timeZone) ?? null,
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
