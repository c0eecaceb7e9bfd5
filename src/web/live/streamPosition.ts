/**
 * How far a reader of /api/events has come: the last outbox entry it has seen, and the instant
 * up to which time boundaries (sales starting and ending, courses starting) were applied. Sent
 * as each event's id ("1234-1767205800000"), so a reconnect with Last-Event-ID resumes exactly.
 */
export interface StreamPosition {
  outboxId: number;
  boundaryAt: number;
}

export function formatPosition(position: StreamPosition): string {
  return `${position.outboxId}-${position.boundaryAt}`;
}

/** Undefined for anything that is not a position this server could have written. */
export function parsePosition(text: string): StreamPosition | undefined {
  const match = /^(\d{1,15})-(\d{1,15})$/.exec(text.trim());
  if (!match) return undefined;
  return { outboxId: Number(match[1]), boundaryAt: Number(match[2]) };
}
