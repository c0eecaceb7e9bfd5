import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A signed-in browser. Its token is 256 random bits, sent only in an HttpOnly cookie; the
 * database keeps a SHA-256 of it (a random token needs no salt or slow hash). A session lasts
 * SESSION_LIFETIME_MS from sign-in, and ends sooner after SESSION_IDLE_MS without a request.
 */
export const SESSION_LIFETIME_MS = 7 * 24 * 60 * 60_000;
export const SESSION_IDLE_MS = 24 * 60 * 60_000;
/** last_seen_at is written at most this often, so reading pages does not write on every request. */
export const SESSION_TOUCH_MS = 5 * 60_000;

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export const isSessionTokenShaped = (token: string | undefined): token is string => typeof token === 'string' && TOKEN.test(token);

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

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

/**
 * The anti-forgery token every form carries: an HMAC of the browser's own cookie token, which a
 * page on another site can neither read nor compute. Signed-in or not, every visitor who is shown
 * a form has such a token (before sign-in it is stored nowhere), so the sign-in form is covered too.
 */
export function csrfTokenFor(cookieToken: string): string {
  return createHmac('sha256', cookieToken).update('catalog form v1').digest('base64url');
}

export function isCsrfTokenValid(cookieToken: string | undefined, given: unknown): boolean {
  if (!isSessionTokenShaped(cookieToken) || typeof given !== 'string') return false;
  const expected = Buffer.from(csrfTokenFor(cookieToken));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(expected, actual);
}

/** Who tries sign-ins, for slowing guessing (accessCodeThrottle.ts): each email and each client address apart. */
export function signInRequesters(email: string, address: string): { email: string; address: string } {
  return { email: `sign-in email ${email}`, address: `sign-in address ${address}` };
}
