import type { Client, estypes } from '@elastic/elasticsearch';
import PQueue from 'p-queue';
import { CatalogError, ConflictError, ExitCode } from '../errors.js';
import { formatInstant } from '../domain/calendar.js';
import { aliasState, createCourseIndex, leftoverIndices } from '../search/elasticsearch/courseIndexAdmin.js';
import { versionedIndexName } from '../search/elasticsearch/courseIndex.js';
import type { OutboxStore } from '../store/outboxStore.js';
import { pause } from './backoff.js';
import { BulkPublisher, RERUN_REINDEX } from './bulkPublisher.js';
import type { PublishSettings } from './bulkPublisher.js';
import type { CourseOperation } from './courseOperation.js';
import { batchOperations, deletionOf, operationFor } from './courseOperation.js';
import { QueueLease } from './queueLease.js';
import type { LeaseHolder } from './queueLease.js';

export interface ReindexOptions extends PublishSettings {
  /** How long the old index outlives the swap, for searches that resolved the alias just before. */
  oldIndexGraceMs?: number;
  onProgress?: (step: string) => void;
  /** One reindex at a time: it holds a lease (`sync.leaseSeconds`) while it runs. */
  leaseTtlMs: number;
  wallClock?: () => number;
  /** The catalogue's zone, for the times its messages show. */
  timeZone: string;
}

export interface ReindexReport {
  index: string;
  previous: string[];
  courses: number;
  /** Changes made while the reindex ran, applied to the new index before and after the swap. */
  caughtUp: number;
  /** Indices an earlier, interrupted reindex left behind, deleted before this one began. */
  removedLeftovers: string[];
  milliseconds: number;
}

/** Another reindex holds the lease: two at once would delete each other's half-built index. */
export class ReindexRunningError extends ConflictError {
  constructor(holder: LeaseHolder, now: number, timeZone: string) {
    super(
      `another reindex is running: pid ${holder.pid} on ${holder.host}${holder.target ? `, building ${holder.target}` : ''}, since ${formatInstant(holder.since, timeZone)} (heartbeat ${Math.max(0, Math.round((now - holder.heartbeatAt) / 1000))} s ago)`,
      'wait for it to finish (`catalog doctor` shows the index); if that process is gone, its claim runs out at ' +
        formatInstant(holder.expiresAt, timeZone),
    );
  }
}

/**
 * Builds a fresh index from SQLite and swaps the alias to it in one atomic `_aliases` call, so
 * searches answer from the old index until the new one is complete, then from the new one.
 *
 * Changes made meanwhile are not lost: the outbox position is noted before the courses are read;
 * every entry after it is applied to the new index (current state, external version) before the
 * swap, and again after it for entries that the sync worker may have sent to the old index in
 * between. Then all entries up to there are done: the new index holds their versions.
 */
export async function reindexCourses(client: Client, outbox: OutboxStore, options: ReindexOptions): Promise<ReindexReport> {
  const started = performance.now();
  const progress = options.onProgress ?? (() => {});
  const index = versionedIndexName(options.alias, options.clock());
  const lease = new QueueLease(outbox, 'reindex', {
    ttlMs: options.leaseTtlMs,
    target: index,
    ...(options.wallClock && { wallClock: options.wallClock }),
  });
  const claim = lease.claim();
  if (!claim.held) throw new ReindexRunningError(claim.holder, (options.wallClock ?? Date.now)(), options.timeZone);
  // Renewed on a timer: loading a large catalogue outlasts the lease many times over.
  const renewal = setInterval(() => {
    try {
      lease.claim();
    } catch {
      // A busy database: the next tick tries again, well before the lease runs out.
    }
  }, options.leaseTtlMs / 3);
  renewal.unref();
  try {
    return await rebuild(client, outbox, options, index, progress, started);
  } finally {
    clearInterval(renewal);
    lease.release();
  }
}

async function rebuild(
  client: Client,
  outbox: OutboxStore,
  options: ReindexOptions,
  index: string,
  progress: (step: string) => void,
  started: number,
): Promise<ReindexReport> {
  // From now on this database feeds an index: pending entries are kept until they are sent.
  outbox.retention.startFeedingIndex(options.clock());
  const removedLeftovers = await leftoverIndices(client, options.alias);
  if (removedLeftovers.length) {
    progress(`removing ${removedLeftovers.length} index(es) an interrupted reindex left behind`);
    await client.indices.delete({ index: removedLeftovers, ignore_unavailable: true });
  }
  const before = await aliasState(client, options.alias);
  await createCourseIndex(client, index, { loading: true });
  const publisher = new BulkPublisher(client, {
    target: index,
    requireAlias: false,
    backoff: options.backoff,
    describeError: options.describeError,
    rerun: RERUN_REINDEX,
  });
  const refused: string[] = [];
  const listener = {
    acknowledged: () => {},
    refused: (items: { operation: CourseOperation; error: string }[]) => {
      for (const { operation, error } of items) refused.push(`${operation.courseId}: ${error}`);
    },
    retrying: () => {},
  };
  const queue = new PQueue({ concurrency: options.concurrency });
  let failure: unknown;
  const publishAll = async (operations: CourseOperation[]) => {
    for (const batch of batchOperations(operations, options)) {
      void queue.add(() => publisher.publish(batch, listener)).catch((error: unknown) => (failure ??= error));
      await queue.onSizeLessThan(options.concurrency);
    }
  };
  const catchUp = async (afterId: number): Promise<{ through: number; courses: number }> => {
    let cursor = afterId;
    let count = 0;
    for (;;) {
      const entries = outbox.entriesAfter(cursor, options.batchSize);
      if (!entries.length) break;
      cursor = entries.at(-1)!.id;
      const latest = new Map(entries.map((entry) => [entry.courseId, entry]));
      const current = outbox.currentCourses([...latest.keys()]);
      const now = options.clock();
      const operations = [...latest.values()].map((entry) => {
        const course = current.get(entry.courseId);
        return course ? operationFor(course, now) : deletionOf(entry.courseId, entry.courseVersion);
      });
      count += operations.length;
      await publishAll(operations);
    }
    await queue.onIdle();
    return { through: cursor, courses: count };
  };

  try {
    const mark = outbox.maxId();
    progress(`loading courses into ${index}`);
    let loaded = 0;
    const now = options.clock();
    // Pages by id, not one long read: each page is at least as new as the mark, and whatever
    // changed after the mark is caught up below from the outbox.
    for (let afterId = ''; failure === undefined; ) {
      const page = outbox.indexableCoursesAfter(afterId, options.batchSize);
      if (!page.length) break;
      afterId = page.at(-1)!.id;
      loaded += page.length;
      await publishAll(page.map((course) => operationFor(course, now)));
    }
    await queue.onIdle();
    if (failure !== undefined) throw failure;
    const first = await catchUp(mark);
    if (failure !== undefined) throw failure;
    if (refused.length) {
      throw new CatalogError(
        `Elasticsearch refused ${refused.length} course(s), e.g. ${refused.slice(0, 3).join('; ')}`,
        ExitCode.failure,
        'the alias still points at the old index; fix the cause (see `catalog doctor`) and run `catalog reindex` again',
      );
    }
    // Back to the default refresh (1 s): the typed settings do not admit the null that resets it.
    await client.indices.putSettings({ index, settings: { refresh_interval: null as unknown as string } });
    await client.indices.refresh({ index });

    progress(`switching ${options.alias} to ${index}`);
    const actions: estypes.IndicesUpdateAliasesAction[] = [{ add: { index, alias: options.alias, is_write_index: true } }];
    if (before.kind === 'alias') for (const old of before.indices) actions.push({ remove: { index: old, alias: options.alias } });
    if (before.kind === 'index') actions.unshift({ remove_index: { index: before.index } });
    await client.indices.updateAliases({ actions });

    const second = await catchUp(first.through);
    if (failure !== undefined) throw failure;
    if (refused.length) {
      // Swapped already: those courses' entries stay pending, and `catalog sync` records why.
      throw new CatalogError(
        `the new index is live, but Elasticsearch refused ${refused.length} course(s) changed meanwhile, e.g. ${refused.slice(0, 3).join('; ')}`,
        ExitCode.failure,
        'run `catalog sync`, then see `catalog sync status` for the reason',
      );
    }
    outbox.markDoneThrough(second.through, options.clock());
    outbox.retention.fullLoadDone();

    const previous = before.kind === 'alias' ? before.indices : [];
    if (previous.length) {
      await pause(options.oldIndexGraceMs ?? 1000);
      await client.indices.delete({ index: previous, ignore_unavailable: true });
    }
    return {
      index,
      previous,
      courses: loaded,
      caughtUp: first.courses + second.courses,
      removedLeftovers,
      milliseconds: Math.round(performance.now() - started),
    };
  } catch (error) {
    queue.clear();
    await queue.onIdle();
    // Nothing points at the half-built index (unless the swap happened): remove it.
    const now = await aliasState(client, options.alias).catch(() => undefined);
    const swapped = now?.kind === 'alias' && now.indices.includes(index);
    if (!swapped) await client.indices.delete({ index, ignore_unavailable: true }).catch(() => undefined);
    throw error;
  }
}
