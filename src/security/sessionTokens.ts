import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A signed-in browser's token: 256 random bits, sent only in an HttpOnly cookie. The database
 * keeps a SHA-256 of it (a random token needs no salt or slow hash).
 */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export const isSessionTokenShaped = (token: string | undefined): token is string => typeof token === 'string' && TOKEN.test(token);

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

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
