/**
 * How long to wait before trying again: exponential, capped, with jitter so that many workers
 * (or many batches) knocked over by the same outage do not come back in lockstep.
 */
export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  /** Tries before giving up; Infinity for `sync --watch`, which waits out any outage. */
  maxAttempts: number;
}

export const DRAIN_BACKOFF: BackoffPolicy = { initialMs: 500, maxMs: 15_000, maxAttempts: 7 };
export const WATCH_BACKOFF: BackoffPolicy = { initialMs: 500, maxMs: 30_000, maxAttempts: Infinity };

/** "Equal jitter": half the exponential step for sure, the other half at random. */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const step = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + random() * (step / 2));
}

/** Waits, or stops waiting as soon as the signal aborts (a shutdown must not sit out a 30 s backoff). */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
