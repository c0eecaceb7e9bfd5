/**
 * A signed-in browser (its token: src/security/sessionTokens.ts). A session lasts
 * SESSION_LIFETIME_MS from sign-in, and ends sooner after SESSION_IDLE_MS without a request.
 */
export const SESSION_LIFETIME_MS = 7 * 24 * 60 * 60_000;
export const SESSION_IDLE_MS = 24 * 60 * 60_000;
/** last_seen_at is written at most this often, so reading pages does not write on every request. */
export const SESSION_TOUCH_MS = 5 * 60_000;

export interface SessionTimes {
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
}

/** Whether a session still signs its browser in at `now`. */
export function isSessionLive(session: SessionTimes, now: number): boolean {
  return now < session.expiresAt && now < session.lastSeenAt + SESSION_IDLE_MS;
}

/** When a session started at `now` ends at the latest. */
export const sessionExpiresAt = (now: number): number => now + SESSION_LIFETIME_MS;

/** Who tries sign-ins, for slowing guessing (accessCodeThrottle.ts): each email and each client address apart. */
export function signInRequesters(email: string, address: string): { email: string; address: string } {
  return { email: `sign-in email ${email}`, address: `sign-in address ${address}` };
}
