import type { Client } from '@elastic/elasticsearch';
import PQueue from 'p-queue';
import { ensureCourseIndex } from '../search/elasticsearch/courseIndexAdmin.js';
import { isUnavailable } from '../search/elasticsearch/elasticsearchErrors.js';
import type { CourseStore } from '../store/courseStore.js';
import type { OutboxStore, PendingChange } from '../store/outboxStore.js';
import { backoffDelay, pause } from './backoff.js';
import { BoundaryRepublisher } from './boundaryRepublisher.js';
import type { BatchOutcome, PublishListener, PublishSettings } from './bulkPublisher.js';
import { BulkPublisher, PublishAbortedError } from './bulkPublisher.js';
import type { CourseOperation } from './courseOperation.js';
import { deletionOf, OperationBatcher, operationFor } from './courseOperation.js';

export interface SyncWorkerOptions extends PublishSettings {
  timeZone: string;
  /** Progress and trouble, for the command to show (never contains secrets: errors pass describeError). */
  onEvent?: (event: SyncEvent) => void;
}

export type SyncEvent =
  | { type: 'retrying'; courses: number; error: string; attempt: number; delayMs: number }
  | { type: 'refused'; courseId: string; version: number; error: string }
  | { type: 'republished'; courses: number }
  | { type: 'published'; courses: number; milliseconds: number };

export interface SyncReport extends BatchOutcome {
  /** Outbox entries read (several may collapse into one write). */
  entries: number;
  batches: number;
  republished: number;
  milliseconds: number;
}

/** Outbox entries read (and turned into documents) per slice. */
const READ_WINDOW = 500;

const emptyReport = (): SyncReport => ({
  entries: 0,
  indexed: 0,
  deleted: 0,
  superseded: 0,
  refused: 0,
  retries: 0,
  batches: 0,
  republished: 0,
  milliseconds: 0,
});

/**
 * Drains the outbox into Elasticsearch. Entries are read in id order, collapsed per course into
 * one write of the course's current state, cut into `_bulk` batches by count and bytes, and sent
 * by p-queue with bounded concurrency. Entries are marked done only after Elasticsearch
 * acknowledged the version that covers them, so killing the worker at any instant loses nothing:
 * the next run re-sends, and external versions make the repeat harmless.
 */
export class SyncWorker {
  private readonly queue: PQueue;
  private readonly republisher: BoundaryRepublisher;
  private indexReady = false;

  constructor(
    private readonly client: Client,
    private readonly outbox: OutboxStore,
    courses: CourseStore,
    private readonly options: SyncWorkerOptions,
  ) {
    this.queue = new PQueue({ concurrency: options.concurrency });
    this.republisher = new BoundaryRepublisher(outbox, courses, options.timeZone);
  }

  /** Sends everything pending now (not what arrives meanwhile), makes it searchable, and returns what happened. */
  async drain(signal?: AbortSignal): Promise<SyncReport> {
    const started = performance.now();
    const report = emptyReport();
    await this.ensureIndex();
    report.republished = this.republish();
    await this.pump(this.outbox.maxId(), report, signal);
    // A one-off sync ends with what it sent searchable, so `catalog sync && catalog search` agree.
    if (report.indexed + report.deleted > 0) await this.client.indices.refresh({ index: this.options.alias });
    report.milliseconds = Math.round(performance.now() - started);
    return report;
  }

  /**
   * Follows the outbox until the signal aborts: polls every `pollMs` (a cheap indexed query), and
   * re-publishes courses at sale and start boundaries once a second. On abort it stops reading,
   * lets requests in flight finish (and be marked), and returns.
   */
  async watch(signal: AbortSignal, options: { pollMs?: number; republishEveryMs?: number } = {}): Promise<SyncReport> {
    const pollMs = options.pollMs ?? 100;
    const republishEveryMs = options.republishEveryMs ?? 1000;
    const report = emptyReport();
    await this.ensureIndexPatiently(signal);
    let lastRepublish = -Infinity;
    while (!signal.aborted) {
      if (performance.now() - lastRepublish >= republishEveryMs) {
        report.republished += this.republish();
        lastRepublish = performance.now();
      }
      await this.pump(this.outbox.maxId(), report, signal, { waitForIdle: false });
      await pause(pollMs, signal);
    }
    await this.queue.onIdle();
    return report;
  }

  private republish(): number {
    const count = this.republisher.catchUp(this.options.clock());
    if (count) this.options.onEvent?.({ type: 'republished', courses: count });
    return count;
  }

  // Entries already handed to the queue: a watch pass skips them until the queue is idle again.
  private cursor = 0;
  private failure: unknown;

  private async pump(throughId: number, report: SyncReport, signal?: AbortSignal, options: { waitForIdle?: boolean } = {}): Promise<void> {
    if (this.queue.size === 0 && this.queue.pending === 0) this.cursor = 0;
    const batcher = new OperationBatcher(this.options, (batch) => {
      report.batches++;
      void this.queue
        .add(() => this.send(batch, report, signal))
        .catch((error: unknown) => {
          if (!(error instanceof PublishAbortedError)) this.failure ??= error;
        });
    });
    while (!signal?.aborted && this.failure === undefined) {
      // Small reads, big requests: building documents blocks the event loop, so it happens in
      // short slices between which answers are handled and the next request goes out.
      const window = this.outbox.pendingWithCourses(this.cursor, throughId, Math.min(READ_WINDOW, this.options.batchSize));
      if (!window.length) break;
      this.cursor = window.at(-1)!.entryId;
      report.entries += window.length;
      for (const op of this.operationsFor(window)) batcher.add(op);
      // Backpressure: read on only while fewer requests wait than can run.
      await this.queue.onSizeLessThan(this.options.concurrency);
      await new Promise((resolve) => setImmediate(resolve));
    }
    batcher.flush();
    if (options.waitForIdle ?? true) await this.queue.onIdle();
    if (this.failure !== undefined) {
      const failure = this.failure;
      this.failure = undefined;
      throw failure;
    }
  }

  /** One write per course, of its state now: it settles every entry of the course in the window. */
  private operationsFor(changes: PendingChange[]): CourseOperation[] {
    const byCourse = new Map<string, PendingChange[]>();
    for (const change of changes) {
      const list = byCourse.get(change.courseId);
      if (list) list.push(change);
      else byCourse.set(change.courseId, [change]);
    }
    const now = this.options.clock();
    return [...byCourse].map(([courseId, list]) => {
      const latest = list.at(-1)!;
      const entryIds = list.map((change) => change.entryId);
      return latest.course ? operationFor(latest.course, now, entryIds) : deletionOf(courseId, latest.courseVersion, entryIds);
    });
  }

  private async send(batch: CourseOperation[], report: SyncReport, signal?: AbortSignal): Promise<void> {
    const publisher = new BulkPublisher(this.client, {
      target: this.options.alias,
      requireAlias: true,
      backoff: this.options.backoff,
      ...(signal && { signal }),
      describeError: this.options.describeError,
      onIndexMissing: async () => {
        this.indexReady = false;
        await this.ensureIndex();
      },
    });
    const started = performance.now();
    const outcome: BatchOutcome = await publisher.publish(batch, this.listener());
    this.options.onEvent?.({ type: 'published', courses: batch.length, milliseconds: Math.round(performance.now() - started) });
    report.indexed += outcome.indexed;
    report.deleted += outcome.deleted;
    report.superseded += outcome.superseded;
    report.refused += outcome.refused;
    report.retries += outcome.retries;
  }

  private listener(): PublishListener {
    const entryIds = (ops: CourseOperation[]) => ops.flatMap((op) => op.entryIds);
    return {
      acknowledged: (ops) =>
        this.outbox.markDone(
          ops.map((op) => ({ entryIds: op.entryIds, courseId: op.courseId, version: op.version })),
          this.options.clock(),
        ),
      refused: (refusals) => {
        for (const { operation, error } of refusals) {
          this.outbox.markFailed(operation.entryIds, error, this.options.clock());
          this.options.onEvent?.({ type: 'refused', courseId: operation.courseId, version: operation.version, error });
        }
      },
      retrying: (ops, error, attempt, delayMs) => {
        this.outbox.recordAttempt(entryIds(ops), error, this.options.clock());
        this.options.onEvent?.({ type: 'retrying', courses: ops.length, error, attempt, delayMs });
      },
    };
  }

  private async ensureIndex(): Promise<void> {
    if (this.indexReady) return;
    await ensureCourseIndex(this.client, this.options.alias, this.options.clock());
    this.indexReady = true;
  }

  /** `sync --watch` may start before the node: wait for it rather than exit. */
  private async ensureIndexPatiently(signal: AbortSignal): Promise<void> {
    for (let attempt = 1; !signal.aborted; attempt++) {
      try {
        return await this.ensureIndex();
      } catch (error) {
        if (!isUnavailable(error)) throw error;
        const delayMs = backoffDelay(attempt, this.options.backoff);
        this.options.onEvent?.({ type: 'retrying', courses: 0, error: this.options.describeError(error), attempt, delayMs });
        await pause(delayMs, signal);
      }
    }
  }
}
