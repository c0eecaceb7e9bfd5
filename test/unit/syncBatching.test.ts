import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../src/sync/backoff.js';
import { itemVerdict } from '../../src/sync/bulkItemVerdict.js';
import { batchOperations, deletionOf } from '../../src/sync/courseOperation.js';
import type { CourseOperation } from '../../src/sync/courseOperation.js';

describe('what a _bulk item answer means for the outbox', () => {
  it('created or updated: done', () => {
    expect(itemVerdict('index', { _index: 'i', status: 201, result: 'created' })).toEqual({ kind: 'done', superseded: false });
    expect(itemVerdict('index', { _index: 'i', status: 200, result: 'updated' })).toEqual({ kind: 'done', superseded: false });
  });

  it('a version conflict means Elasticsearch already holds this version or a newer one: done', () => {
    const conflict = {
      _index: 'i',
      status: 409,
      error: { type: 'version_conflict_engine_exception', reason: 'current version [5] is higher than or equal to the one provided [4]' },
    };
    expect(itemVerdict('index', conflict)).toEqual({ kind: 'done', superseded: true });
    expect(itemVerdict('delete', conflict)).toEqual({ kind: 'done', superseded: true });
  });

  it('deleting what is not there: done', () => {
    expect(itemVerdict('delete', { _index: 'i', status: 404, result: 'not_found' })).toEqual({ kind: 'done', superseded: false });
  });

  it('too busy (429) or a server error: retry', () => {
    expect(
      itemVerdict('index', { _index: 'i', status: 429, error: { type: 'es_rejected_execution_exception', reason: 'queue full' } }),
    ).toMatchObject({ kind: 'retry', indexMissing: false });
    expect(
      itemVerdict('index', { _index: 'i', status: 503, error: { type: 'unavailable_shards_exception', reason: 'primary not active' } }),
    ).toMatchObject({ kind: 'retry' });
  });

  it('the alias vanished: retry after recreating the index', () => {
    expect(
      itemVerdict('index', {
        _index: 'i',
        status: 404,
        error: { type: 'index_not_found_exception', reason: '[require_alias] request flag is [true]' },
      }),
    ).toMatchObject({ kind: 'retry', indexMissing: true });
  });

  it('a document the mapping refuses: refused for good, with the reason', () => {
    const verdict = itemVerdict('index', {
      _index: 'i',
      status: 400,
      error: { type: 'document_parsing_exception', reason: 'failed to parse field [seats]' },
    });
    expect(verdict).toEqual({ kind: 'refused', error: 'document_parsing_exception: failed to parse field [seats]' });
  });
});

describe('backoff', () => {
  const policy = { initialMs: 100, maxMs: 1000, maxAttempts: Infinity };

  it('doubles per attempt, with jitter within the upper half of the step', () => {
    expect(backoffDelay(1, policy, () => 0)).toBe(50);
    expect(backoffDelay(1, policy, () => 1)).toBe(100);
    expect(backoffDelay(3, policy, () => 0)).toBe(200);
    expect(backoffDelay(3, policy, () => 1)).toBe(400);
  });

  it('never exceeds the cap, however long the outage', () => {
    for (const attempt of [5, 10, 100, 10_000]) expect(backoffDelay(attempt, policy, () => 1)).toBe(1000);
  });
});

describe('cutting operations into _bulk requests', () => {
  const op = (id: number, bytes: number): CourseOperation => ({ ...deletionOf(`crs_${id}`, 1), bytes });

  it('by count', () => {
    const batches = batchOperations(
      Array.from({ length: 7 }, (_, i) => op(i, 10)),
      { batchSize: 3, batchBytes: 1_000 },
    );
    expect(batches.map((b) => b.length)).toEqual([3, 3, 1]);
  });

  it('by bytes, never splitting an operation and never sending an empty request', () => {
    const batches = batchOperations([op(1, 400), op(2, 400), op(3, 400), op(4, 5_000), op(5, 10)], { batchSize: 100, batchBytes: 1_000 });
    expect(batches.map((b) => b.map((o) => o.courseId))).toEqual([['crs_1', 'crs_2'], ['crs_3'], ['crs_4'], ['crs_5']]);
  });

  it('keeps the order, so a course’s writes go out oldest first', () => {
    const ops = Array.from({ length: 10 }, (_, i) => op(i, 100));
    expect(batchOperations(ops, { batchSize: 4, batchBytes: 250 }).flat()).toEqual(ops);
  });
});
