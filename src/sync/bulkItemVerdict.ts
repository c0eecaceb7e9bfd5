import type { estypes } from '@elastic/elasticsearch';

/**
 * What one `_bulk` item's answer means for its outbox entries:
 * - done: Elasticsearch holds this version or a newer one (409 on an external version means
 *   newer data is already there; 404 on a delete means the course is already gone);
 * - retry: try again after a pause (429 too busy, 5xx, or the alias vanished under us);
 * - refused: the document itself is wrong (a mapping error...): retrying cannot help.
 */
export type ItemVerdict =
  | { kind: 'done'; superseded: boolean }
  | { kind: 'retry'; error: string; indexMissing: boolean }
  | { kind: 'refused'; error: string };

export function itemVerdict(action: 'index' | 'delete', item: estypes.BulkResponseItem): ItemVerdict {
  const status = item.status;
  if (status >= 200 && status < 300) return { kind: 'done', superseded: false };
  if (status === 409) return { kind: 'done', superseded: true };
  if (action === 'delete' && status === 404 && item.result === 'not_found') return { kind: 'done', superseded: false };
  const error = item.error ? `${item.error.type}: ${item.error.reason ?? ''}`.slice(0, 500) : `HTTP ${status}`;
  if (item.error?.type === 'index_not_found_exception') return { kind: 'retry', error, indexMissing: true };
  if (status === 429 || status >= 500) return { kind: 'retry', error, indexMissing: false };
  return { kind: 'refused', error };
}
