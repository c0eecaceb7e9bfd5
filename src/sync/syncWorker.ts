import type { Client } from '@elastic/elasticsearch';
import PQueue from 'p-queue';
import { CatalogError, ConflictError, ExitCode } from '../errors.js';
import { formatInstant } from '../domain/calendar.js';
import { ensureCourseIndex } from '../search/elasticsearch/courseIndexAdmin.js';
import { isUnavailable } from '../search/elasticsearch/elasticsearchErrors.js';
import type { CourseStore } from '../store/courseStore.js';
import { isDatabaseBusy } from '../store/databaseErrors.js';
import type { OutboxStore, PendingChange } from '../store/outboxStore.js';
import { backoffDelay, pause } from './backoff.js';
import { BoundaryRepublisher } from './boundaryRepublisher.js';
import type { BatchOutcome, PublishListener, PublishSettings } from './bulkPublisher.js';
import { BulkPublisher, PublishAbortedError } from './bulkPublisher.js';
import type { CourseOperation } from './courseOperation.js';
import { deletionOf, OperationBatcher, operationFor } from './courseOperation.js';
import { DRIFT_HINT, describeDrift, measureIndexDrift } from './indexDrift.js';
import { describeHolder, holderView, QueueLease } from './queueLease.js';
import type { LeaseHolder } from './queueLease.js';
import { reindexCourses, ReindexRunningError } from './reindex.js';
import type { SyncEvent } from './syncEvents.js';

export type { SyncEvent } from './syncEvents.js';

export interface SyncWorkerOptions extends PublishSettings {
  timeZone: string;
  /** One worker drains at a time: it holds a lease of this length and renews it every third. */
  leaseTtlMs: number;
  /** Sent entries older than this are pruned (`outbox.retentionMinutes`). */
  retentionMs: number;
  /** For the lease only (see LeaseOptions.wallClock). */
  wallClock?: () => number;
  /** Progress and trouble, for the command to show (never contains secrets: errors pass describeError). */
  onEvent?: (event: SyncEvent) => void;
}

export interface SyncReport extends BatchOutcome {
  /** Outbox entries read (several may collapse into one write). */
  entries: number;
  batches: number;
  republished: number;
  /** Refused entries put back in the queue first (`--retry-refused`). */
  requeued: number;
  milliseconds: number;
}

/** A one-off sync while another worker holds the queue: it would only send the same changes twice. */
export class QueueHeldError extends ConflictError {
  constructor(holder: LeaseHolder, now: number, timeZone: string) {
    super(
      `another sync worker is sending the changes: ${describeHolder(holderView(holder, now, timeZone))}`,
      `it sends these changes too (see \`catalog sync status\`); to run a one-off sync, stop that \`catalog sync --watch\` first. If that process is gone, its claim runs out at ${formatInstant(holder.expiresAt, timeZone)}`,
    );
  }
}

/** Outbox entries read (and turned into documents) per slice. */
const READ_WINDOW = 500;
/** How often a watcher prunes sent entries, and how often a waiting one asks for the queue again. */
const PRUNE_EVERY_MS = 60_000;
const LEASE_POLL_MS = 1000;

const emptyReport = (): SyncReport => ({
  entries: 0,
  indexed: 0,
  deleted: 0,
  superseded: 0,
  refused: 0,
  retries: 0,
  batches: 0,
  republished: 0,
  requeued: 0,
  milliseconds: 0,
});

/**
 * Drains the outbox into Elasticsearch. Entries are read in id order, collapsed per course into
 * one write of the course's current state, cut into `_bulk` batches by count and bytes, and sent
 * by p-queue with bounded concurrency. Entries are marked done only after Elasticsearch
 * acknowledged the version that covers them, so killing the worker at any instant loses nothing:
 * the next run re-sends, and external versions make the repeat harmless.
 *
 * One worker drains a database at a time: it holds the `outbox` lease (QueueLease) while it
 * works, so two watchers never send the same entries twice; the other one waits, and takes over
 * when the holder stops (or dies).
 */
export class SyncWorker {
  private readonly queue: PQueue;
  private readonly republisher: BoundaryRepublisher;
  private readonly lease: QueueLease;
  private readonly now: () => number;
  private indexReady = false;
  /** The index was created by this worker, or it just took the queue: compare it with the database once idle. */
  private driftCheckDue = false;

  constructor(
    private readonly client: Client,
    private readonly outbox: OutboxStore,
    courses: CourseStore,
    private readonly options: SyncWorkerOptions,
  ) {
    this.queue = new PQueue({ concurrency: options.concurrency });
    this.republisher = new BoundaryRepublisher(outbox, courses, options.timeZone);
    this.lease = new QueueLease(outbox, 'outbox', {
      ttlMs: options.leaseTtlMs,
      ...(options.wallClock && { wallClock: options.wallClock }),
    });
    this.now = options.wallClock ?? Date.now;
  }

  /**
   * Sends everything pending now (not what arrives meanwhile), makes it searchable, and returns
   * what happened. Refuses (QueueHeldError) while another worker holds the queue.
   */
  async drain(signal?: AbortSignal, options: { requeueRefused?: boolean } = {}): Promise<SyncReport> {
    const started = performance.now();
    const report = emptyReport();
    const claim = this.lease.claim();
    if (!claim.held) throw new QueueHeldError(claim.holder, this.now(), this.options.timeZone);
    // Renewed on a timer: a large first sync outlasts the lease many times over. Should another
    // worker take the queue all the same (this process was frozen), this run stops.
    const lost = new AbortController();
    const renewal = setInterval(() => {
      try {
        const again = this.lease.claim();
        if (!again.held) lost.abort(again.holder);
      } catch (error) {
        if (!isDatabaseBusy(error)) lost.abort(error);
      }
    }, this.options.leaseTtlMs / 3);
    renewal.unref();
    const stop = signal ? AbortSignal.any([signal, lost.signal]) : lost.signal;
    try {
      if (options.requeueRefused) report.requeued = this.outbox.requeueRefused();
      await this.startHolding();
      report.republished = this.republish();
      await this.pump(this.outbox.maxId(), report, stop);
      if (lost.signal.aborted) {
        const reason = lost.signal.reason as unknown;
        if (reason instanceof Error) throw reason;
        const holder = reason as LeaseHolder;
        throw new CatalogError(
          `another sync worker took the queue over (${describeHolder(holderView(holder, this.now(), this.options.timeZone))}); this run stopped`,
          ExitCode.failure,
          'it sends the remaining changes; see `catalog sync status`',
        );
      }
      // A one-off sync ends with what it sent searchable, so `catalog sync && catalog search` agree.
      if (report.indexed + report.deleted > 0) await this.client.indices.refresh({ index: this.options.alias });
      report.milliseconds = Math.round(performance.now() - started);
      if (this.driftCheckDue) await this.checkDrift();
      this.pruneSent();
      return report;
    } finally {
      clearInterval(renewal);
      this.lease.release();
    }
  }

  /**
   * Follows the outbox until the signal aborts: polls every `pollMs` (a cheap indexed query), and
   * re-publishes courses at sale and start boundaries once a second. It is a service: while
   * another worker holds the queue it waits, and while the database is busy or the node is down
   * it says so and tries again, however long that takes. On abort it stops reading, lets
   * requests in flight finish (and be marked), gives the queue up and returns.
   */
  async watch(
    signal: AbortSignal,
    options: { pollMs?: number; republishEveryMs?: number; requeueRefused?: boolean } = {},
  ): Promise<SyncReport> {
    const pollMs = options.pollMs ?? 100;
    const republishEveryMs = options.republishEveryMs ?? 1000;
    const report = emptyReport();
    let holding = false;
    let announced: string | undefined;
    let requeue = options.requeueRefused ?? false;
    let lastRepublish = -Infinity;
    let lastPrune = performance.now();
    let busyAttempts = 0;
    // Renewed on a timer, so that long retries against a node that is down keep the claim alive.
    let lostTo: LeaseHolder | undefined;
    const renewal = setInterval(() => {
      if (!holding || lostTo) return;
      try {
        const claim = this.lease.claim();
        if (!claim.held) lostTo = claim.holder;
      } catch {
        // A busy database: the next tick tries again (and the loop claims anew if the lease ran out).
      }
    }, this.options.leaseTtlMs / 3);
    renewal.unref();
    try {
      while (!signal.aborted) {
        try {
          // Not holding, lost, or the claim ran out (e.g. this process was frozen): claim before touching the queue.
          if (!holding || lostTo || !this.lease.held) {
            lostTo = undefined;
            const claim = this.lease.claim();
            if (!claim.held) {
              if (holding) {
                holding = false;
                await this.queue.onIdle();
                const holder = holderView(claim.holder, this.now(), this.options.timeZone);
                this.emit({
                  type: 'queue-lost',
                  holder,
                  message: `lost the sync queue to ${describeHolder(holder)} (this worker missed its renewals): waiting`,
                });
              } else if (announced !== claim.holder.token) {
                const holder = holderView(claim.holder, this.now(), this.options.timeZone);
                this.emit({
                  type: 'queue-held',
                  holder,
                  message: `another sync worker holds the queue (${describeHolder(holder)}): waiting; this one takes over if it stops`,
                });
              }
              announced = claim.holder.token;
              await pause(Math.min(LEASE_POLL_MS, this.options.leaseTtlMs / 3), signal);
              continue;
            }
            if (!holding) {
              holding = true;
              announced = undefined;
              this.announceTaken(claim.replaced);
              if (requeue) report.requeued += this.outbox.requeueRefused();
              requeue = false;
              await this.startHolding({ patient: signal });
              lastRepublish = -Infinity;
            }
          }
          if (performance.now() - lastRepublish >= republishEveryMs) {
            report.republished += this.republish();
            lastRepublish = performance.now();
          }
          const before = report.entries;
          await this.pump(this.outbox.maxId(), report, signal, { waitForIdle: false });
          const idle = report.entries === before && this.queue.size === 0 && this.queue.pending === 0;
          if (idle && this.driftCheckDue) await this.checkDrift(signal);
          if (idle && performance.now() - lastPrune >= PRUNE_EVERY_MS) {
            this.pruneSent();
            lastPrune = performance.now();
          }
          busyAttempts = 0;
        } catch (error) {
          if (isDatabaseBusy(error)) {
            busyAttempts++;
            const delayMs = backoffDelay(busyAttempts, this.options.backoff);
            const reason = (error as Error).message;
            this.emit({
              type: 'database-busy',
              error: reason,
              attempt: busyAttempts,
              delayMs,
              message: `waiting for the database: ${reason}; retry ${busyAttempts} in ${(delayMs / 1000).toFixed(1)} s`,
            });
            await pause(delayMs, signal);
            continue;
          }
          if (error instanceof ReindexRunningError) {
            // This database needs a full load and a reindex is doing one: wait for it.
            holding = false;
            this.lease.release();
            this.emit({ type: 'full-load', message: `${error.message}: waiting for it to finish` });
            await pause(LEASE_POLL_MS, signal);
            continue;
          }
          throw error;
        }
        await pause(pollMs, signal);
      }
      await this.queue.onIdle();
    } finally {
      clearInterval(renewal);
      this.lease.release();
    }
    return report;
  }

  private emit(event: SyncEvent): void {
    this.options.onEvent?.(event);
  }

  private announceTaken(replaced: { holder: LeaseHolder; why: 'expired' | 'gone' } | undefined): void {
    if (!replaced) {
      this.emit({ type: 'queue-taken', message: 'holding the sync queue' });
      return;
    }
    const previous = holderView(replaced.holder, this.now(), this.options.timeZone);
    this.emit({
      type: 'queue-taken',
      replaced: { ...previous, why: replaced.why },
      message: `took the sync queue over from ${describeHolder(previous)} (${replaced.why === 'gone' ? 'that process is gone' : 'it stopped renewing its claim'})`,
    });
  }

  /**
   * What a worker does once it holds the queue: record that this database feeds an index (its
   * pending entries are kept from now on), load every course if changes were pruned before it
   * ever did, and make sure the index exists.
   */
  private async startHolding(options: { patient?: AbortSignal } = {}): Promise<void> {
    const wasFeeding = this.outbox.retention.feedsIndex();
    this.outbox.retention.startFeedingIndex(this.options.clock());
    if (this.outbox.retention.needsFullLoad()) {
      this.emit({
        type: 'full-load',
        message: 'this database has not fed Elasticsearch before and its older changes were pruned: loading every course',
      });
      const loaded = await reindexCourses(this.client, this.outbox, {
        ...this.options,
        onProgress: (step) => this.emit({ type: 'full-load', message: step }),
      });
      this.emit({ type: 'full-load', message: `loaded ${loaded.courses} course(s) into ${loaded.index}` });
      this.indexReady = false;
    }
    if (options.patient) await this.ensureIndexPatiently(options.patient);
    else await this.ensureIndex();
    // A watcher compares the index with the database once, when it first runs idle. An index
    // created here for a database that fed one before starts empty: a one-off sync checks too.
    if (options.patient || (this.indexCreated && wasFeeding)) this.driftCheckDue = true;
  }

  private republish(): number {
    const count = this.republisher.catchUp(this.options.clock());
    if (count) this.emit({ type: 'republished', courses: count });
    return count;
  }

  /** Sent entries older than the retention window go; a busy database just postpones it. */
  private pruneSent(): void {
    try {
      this.outbox.prune(this.options.clock(), this.options.retentionMs);
    } catch (error) {
      if (!isDatabaseBusy(error)) throw error;
    }
  }

  /** Compares the index with the database (once the queue is idle) and says so if they drifted apart. */
  private async checkDrift(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return;
    try {
      await this.client.indices.refresh({ index: this.options.alias });
      const drift = await measureIndexDrift(this.client, this.options.alias, this.outbox);
      this.driftCheckDue = false;
      if (!drift.drifted) return;
      this.emit({
        type: 'drift',
        alias: this.options.alias,
        expected: drift.expected,
        indexed: drift.indexed,
        missing: drift.missing.length,
        older: drift.older.length,
        newer: drift.newer.length,
        message: `the index behind ${this.options.alias} does not match the database (deleted or re-created empty, or restored from an older copy?): ${describeDrift(drift)}`,
        hint: DRIFT_HINT,
      });
    } catch (error) {
      // The node went away meanwhile: check again once it is back.
      if (!isUnavailable(error)) throw error;
    }
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
        // Deleted under a running worker and re-created empty: compare with the database once idle.
        if (this.indexCreated) this.driftCheckDue = true;
      },
    });
    const started = performance.now();
    const outcome: BatchOutcome = await publisher.publish(batch, this.listener());
    this.emit({ type: 'published', courses: batch.length, milliseconds: Math.round(performance.now() - started) });
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
          this.outbox.markRefused(operation.entryIds, error, this.options.clock());
          this.emit({ type: 'refused', courseId: operation.courseId, version: operation.version, error });
        }
      },
      retrying: (ops, error, attempt, delayMs) => {
        this.outbox.recordAttempt(entryIds(ops), error, this.options.clock());
        this.emit({ type: 'retrying', courses: ops.length, error, attempt, delayMs });
      },
    };
  }

  /** Whether the last look for the index had to create it (the alias was missing): it started empty. */
  private indexCreated = false;

  private async ensureIndex(): Promise<void> {
    if (this.indexReady) return;
    this.indexCreated = (await ensureCourseIndex(this.client, this.options.alias, this.options.clock())).created;
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
        this.emit({ type: 'retrying', courses: 0, error: this.options.describeError(error), attempt, delayMs });
        await pause(delayMs, signal);
      }
    }
  }
}
