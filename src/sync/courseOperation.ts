import type { Course } from '../domain/course.js';
import { courseDocument } from '../search/elasticsearch/courseDocument.js';

/**
 * One write to the course index, already in `_bulk` form. Every write carries the course's
 * version as an external version: Elasticsearch keeps a document only if its version is higher
 * than the one it has, so a late or repeated delivery can never overwrite newer data.
 */
export interface CourseOperation {
  courseId: string;
  version: number;
  /** The outbox entries this write settles (none for a reindex, which reads courses directly). */
  entryIds: number[];
  action: 'index' | 'delete';
  /**
   * The action line (and the document line for an index), newline-terminated, already UTF-8:
   * its length is exact for batching, and a request is one copy of these buffers (no big
   * string to join and re-encode, which is what the garbage collector spent most time on).
   */
  payload: Buffer;
  bytes: number;
}

function operation(courseId: string, version: number, entryIds: number[], action: 'index' | 'delete', document?: unknown): CourseOperation {
  let text = `{"${action}":{"_id":${JSON.stringify(courseId)},"version":${version},"version_type":"external"}}\n`;
  if (document !== undefined) text += `${JSON.stringify(document)}\n`;
  const payload = Buffer.from(text);
  return { courseId, version, entryIds, action, payload, bytes: payload.length };
}

/** Archived courses leave the index; every other state is written whole, as it is now. */
export function operationFor(course: Course, now: number, entryIds: number[] = []): CourseOperation {
  if (course.status === 'archived') return operation(course.id, course.version, entryIds, 'delete');
  return operation(course.id, course.version, entryIds, 'index', courseDocument(course, now));
}

/** A course that no longer exists at all (not something the store does today) leaves the index too. */
export function deletionOf(courseId: string, version: number, entryIds: number[] = []): CourseOperation {
  return operation(courseId, version, entryIds, 'delete');
}

/**
 * Cuts a stream of operations into `_bulk` requests of at most `batchSize` operations and about
 * `batchBytes` bytes, handing each full request to `emit`; `flush` hands over the last one.
 */
export class OperationBatcher {
  private current: CourseOperation[] = [];
  private bytes = 0;

  constructor(
    private readonly limits: { batchSize: number; batchBytes: number },
    private readonly emit: (batch: CourseOperation[]) => void,
  ) {}

  add(op: CourseOperation): void {
    if (this.current.length > 0 && (this.current.length >= this.limits.batchSize || this.bytes + op.bytes > this.limits.batchBytes))
      this.flush();
    this.current.push(op);
    this.bytes += op.bytes;
  }

  flush(): void {
    if (!this.current.length) return;
    const batch = this.current;
    this.current = [];
    this.bytes = 0;
    this.emit(batch);
  }
}

export function batchOperations(operations: CourseOperation[], limits: { batchSize: number; batchBytes: number }): CourseOperation[][] {
  const batches: CourseOperation[][] = [];
  const batcher = new OperationBatcher(limits, (batch) => batches.push(batch));
  for (const op of operations) batcher.add(op);
  batcher.flush();
  return batches;
}
