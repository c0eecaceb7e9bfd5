/**
 * Slowing a loop that guesses access codes. A code has 120 random bits, so guessing is hopeless
 * anyway; this makes trying cost time too, across processes (each CLI run is a new process, so
 * the count lives in the database, per requester).
 *
 * The first FREE_FAILURES wrong codes cost nothing (people mistype). After that each attempt,
 * right or wrong, must wait until the previous failure's delay has passed: 0.5 s, 1 s, 2 s ...
 * up to MAX_DELAY_MS. An attempt that comes too early is refused before the code is looked at,
 * so waiting out a refusal tells nothing about the code, and parallel processes cannot share a
 * slot: the admitted attempt takes it. A quiet spell of QUIET_RESET_MS forgets the failures.
 */
export const FREE_FAILURES = 5;
export const FIRST_DELAY_MS = 500;
export const MAX_DELAY_MS = 30_000;
export const QUIET_RESET_MS = 15 * 60_000;

export interface CodeFailures {
  failures: number;
  lastFailureAt: number;
  /** No attempt is looked at before this instant. */
  nextAttemptAt: number;
}

/** The wait after the `failures`-th wrong code in a row. */
export function delayAfter(failures: number): number {
  if (failures <= FREE_FAILURES) return 0;
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (failures - FREE_FAILURES - 1));
}

/** Failures still counted at `now`: none after a quiet spell. */
export function currentFailures(state: CodeFailures | undefined, now: number): CodeFailures | undefined {
  if (!state || now - state.lastFailureAt >= QUIET_RESET_MS) return undefined;
  return state;
}

export type Admission =
  /** Look at the code. `holdUntil`: the slot this attempt takes, so a parallel one waits its turn. */
  { admitted: true; holdUntil: number | null } | { admitted: false; retryAt: number };

export function admitAttempt(state: CodeFailures | undefined, now: number): Admission {
  const counted = currentFailures(state, now);
  if (!counted || counted.failures < FREE_FAILURES) return { admitted: true, holdUntil: null };
  if (now < counted.nextAttemptAt) return { admitted: false, retryAt: counted.nextAttemptAt };
  return { admitted: true, holdUntil: now + delayAfter(counted.failures + 1) };
}

/** The state after one more wrong code at `now`. */
export function afterFailure(state: CodeFailures | undefined, now: number): CodeFailures {
  const failures = (currentFailures(state, now)?.failures ?? 0) + 1;
  return { failures, lastFailureAt: now, nextAttemptAt: now + delayAfter(failures) };
}
