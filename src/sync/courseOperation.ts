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
  action: 'index' | 'delete';
  /** The action line (and the document line for an index), newline-terminated. */
  payload: string;
  bytes: number;
}

function operation(courseId: string, version: number, action: 'index' | 'delete', document?: unknown): CourseOperation {
  let payload = `${JSON.stringify({ [action]: { _id: courseId, version, version_type: 'external' } })}\n`;
  if (document !== undefined) payload += `${JSON.stringify(document)}\n`;
  return { courseId, version, action, payload, bytes: Buffer.byteLength(payload) };
}

/** Archived courses leave the index; every other state is written whole, as it is now. */
export function operationFor(course: Course, now: number): CourseOperation {
  if (course.status === 'archived') return operation(course.id, course.version, 'delete');
  return operation(course.id, course.version, 'index', courseDocument(course, now));
}

/** A course that no longer exists at all (not something the store does today) leaves the index too. */
export function deletionOf(courseId: string, version: number): CourseOperation {
  return operation(courseId, version, 'delete');
}

/** Splits operations into `_bulk` requests of at most `batchSize` operations and about `batchBytes` bytes. */
export function batchOperations(operations: CourseOperation[], limits: { batchSize: number; batchBytes: number }): CourseOperation[][] {
  const batches: CourseOperation[][] = [];
  let current: CourseOperation[] = [];
  let bytes = 0;
  for (const op of operations) {
    if (current.length > 0 && (current.length >= limits.batchSize || bytes + op.bytes > limits.batchBytes)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(op);
    bytes += op.bytes;
  }
  if (current.length) batches.push(current);
  return batches;
}
