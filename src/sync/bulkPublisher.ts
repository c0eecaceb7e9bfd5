import type { Client, estypes } from '@elastic/elasticsearch';
import { CatalogError, ExitCode } from '../errors.js';
import { isUnavailable } from '../search/elasticsearch/elasticsearchErrors.js';
import type { Clock } from '../domain/clock.js';
import type { BackoffPolicy } from './backoff.js';
import { backoffDelay, pause } from './backoff.js';
import type { CourseOperation } from './courseOperation.js';
import { itemVerdict } from './bulkItemVerdict.js';

/** What happened to a batch's operations, reported as it happens so the outbox is updated at once. */
export interface PublishListener {
  /** Elasticsearch holds these versions (or newer): their outbox entries are done. */
  acknowledged(operations: CourseOperation[]): void;
  /** Refused for good, with Elasticsearch's reason. */
  refused(operations: { operation: CourseOperation; error: string }[]): void;
  /** Not accepted this time; tried again after `delayMs`. */
  retrying(operations: CourseOperation[], error: string, attempt: number, delayMs: number): void;
}

/** How writes reach the index, for the sync worker and a reindex alike. */
export interface PublishSettings {
  /** The alias every write goes through (a reindex loads its new index directly, then swaps it in). */
  alias: string;
  concurrency: number;
  batchSize: number;
  batchBytes: number;
  backoff: BackoffPolicy;
  clock: Clock;
  /** One line about an error, secrets masked. */
  describeError: (error: unknown) => string;
}

export interface BatchOutcome {
  indexed: number;
  deleted: number;
  /** Writes Elasticsearch skipped because it already had that version or a newer one. */
  superseded: number;
  refused: number;
  retries: number;
}

/** What to do once the node is back, by the job that gave up: what the user must run again. */
export const RERUN_SYNC = 'pending changes stay queued, run `catalog sync` again once it is up';
export const RERUN_REINDEX = 'searches still use the previous index; run `catalog reindex` again once it is up';

/** The node stayed unreachable (or too busy) through every retry; nothing of the batch was lost or marked. */
export class ElasticsearchUnavailableError extends CatalogError {
  constructor(
    readonly summary: string,
    rerun: string = RERUN_SYNC,
  ) {
    super(`Elasticsearch did not accept the changes: ${summary}`, ExitCode.failure, `check the node with \`catalog doctor\`; ${rerun}`);
  }
}

/** A shutdown interrupted a retry; the batch's entries stay pending. */
export class PublishAbortedError extends Error {
  constructor() {
    super('stopped before the batch was accepted');
  }
}

export interface BulkPublisherOptions {
  /** The alias (normal sync) or a concrete index (a reindex loading its new index). */
  target: string;
  requireAlias: boolean;
  backoff: BackoffPolicy;
  signal?: AbortSignal;
  /** Called before retrying items that found no index: recreate it. */
  onIndexMissing?: () => Promise<void>;
  describeError: (error: unknown) => string;
  /** The hint's second half when the node stays away (default: run `catalog sync` again). */
  rerun?: string;
}

/**
 * Sends batches with `_bulk` and keeps at them: items the node was too busy for (429) and whole
 * requests that failed (node down, timeout) are retried with backoff; what was acknowledged is
 * reported at once, so a crash later never loses the knowledge that it is done.
 */
export class BulkPublisher {
  constructor(
    private readonly client: Client,
    private readonly options: BulkPublisherOptions,
  ) {}

  async publish(batch: CourseOperation[], listener: PublishListener): Promise<BatchOutcome> {
    const outcome: BatchOutcome = { indexed: 0, deleted: 0, superseded: 0, refused: 0, retries: 0 };
    let pending = batch;
    let attempt = 0;
    while (pending.length) {
      let retry: CourseOperation[] = [];
      let error: string;
      let indexMissing = false;
      try {
        const response = await this.send(pending);
        const done: CourseOperation[] = [];
        const refused: { operation: CourseOperation; error: string }[] = [];
        error = '';
        response.items.forEach((entry, position) => {
          const operation = pending[position]!;
          const item = (entry.index ?? entry.delete ?? Object.values(entry)[0]) as estypes.BulkResponseItem;
          const verdict = itemVerdict(operation.action, item);
          if (verdict.kind === 'done') {
            done.push(operation);
            if (verdict.superseded) outcome.superseded++;
            else if (operation.action === 'index') outcome.indexed++;
            else outcome.deleted++;
          } else if (verdict.kind === 'refused') {
            refused.push({ operation, error: verdict.error });
          } else {
            retry.push(operation);
            error = verdict.error;
            indexMissing ||= verdict.indexMissing;
          }
        });
        if (done.length) listener.acknowledged(done);
        if (refused.length) {
          outcome.refused += refused.length;
          listener.refused(refused);
        }
      } catch (failure) {
        if (!isUnavailable(failure)) throw failure;
        retry = pending;
        error = this.options.describeError(failure);
      }
      if (!retry.length) break;
      attempt++;
      if (attempt >= this.options.backoff.maxAttempts) throw new ElasticsearchUnavailableError(error, this.options.rerun);
      if (this.options.signal?.aborted) throw new PublishAbortedError();
      const delayMs = backoffDelay(attempt, this.options.backoff);
      outcome.retries++;
      listener.retrying(retry, error, attempt, delayMs);
      await pause(delayMs, this.options.signal);
      if (this.options.signal?.aborted) throw new PublishAbortedError();
      if (indexMissing) await this.options.onIndexMissing?.();
      pending = retry;
    }
    return outcome;
  }

  private async send(operations: CourseOperation[]): Promise<estypes.BulkResponse> {
    // The NDJSON is built by us (we needed its size for batching): hand it over as bytes.
    return this.client.transport.request<estypes.BulkResponse>(
      {
        method: 'POST',
        path: `/${encodeURIComponent(this.options.target)}/_bulk`,
        // Only what the verdict needs: the full answer is ~5 times larger to build and to parse.
        querystring: {
          filter_path: 'errors,items.*.status,items.*.result,items.*.error.type,items.*.error.reason',
          ...(this.options.requireAlias && { require_alias: 'true' }),
        },
        bulkBody: Buffer.concat(operations.map((op) => op.payload)),
      },
      { maxRetries: 0 },
    );
  }
}
