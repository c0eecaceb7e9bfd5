import { randomBytes } from 'node:crypto';
import { SESSION_LIFETIME_MS } from '../domain/studentSession.js';
import { csrfTokenFor, isCsrfTokenValid, isSessionTokenShaped, newSessionToken } from '../security/sessionTokens.js';
import type { CatalogContext } from '../services/catalogContext.js';
import { currentSession } from '../services/studentArea/studentSession.js';
import type { StudentSession } from '../services/studentArea/studentSession.js';
import { WebRefusal } from './errorResponse.js';
import type { FastifyReply, FastifyRequest } from './framework.js';
import type { FormFields } from './plugins/forms.js';

/*
 * The student side's cookies. One cookie, the visitor token, serves two purposes: before sign-in
 * it is a random token stored nowhere, which only ties the visitor's forms to their browser
 * (CSRF); after sign-in it is a new token whose hash is a session. HttpOnly (no script reads it),
 * SameSite=Lax (not sent on other sites' form posts), Secure over TLS or with --secure-cookies,
 * and then with the __Host- prefix (this host only, path /). The buyer's claim key for an order
 * is a second cookie, sent only to that order's page.
 */

export interface CookiePolicy {
  /** --secure-cookies: Secure even when the request came over plain http. */
  alwaysSecure: boolean;
}

const isSecure = (request: FastifyRequest, policy: CookiePolicy) => policy.alwaysSecure || request.protocol === 'https';
const visitorCookie = (secure: boolean) => (secure ? '__Host-catalog_visitor' : 'catalog_visitor');
const claimCookie = (secure: boolean) => (secure ? '__Secure-catalog_claim' : 'catalog_claim');

export function readCookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

function setCookie(
  reply: FastifyReply,
  name: string,
  value: string,
  attributes: { secure: boolean; path?: string; maxAgeSeconds?: number },
): void {
  const parts = [`${name}=${encodeURIComponent(value)}`, `Path=${attributes.path ?? '/'}`, 'HttpOnly', 'SameSite=Lax'];
  if (attributes.maxAgeSeconds !== undefined) parts.push(`Max-Age=${attributes.maxAgeSeconds}`);
  if (attributes.secure) parts.push('Secure');
  const held = reply.getHeader('set-cookie');
  const list = held === undefined ? [] : Array.isArray(held) ? held.map(String) : [String(held)];
  // Fastify appends to set-cookie; replace this cookie's earlier value on the same reply instead.
  reply.removeHeader('set-cookie');
  reply.header('set-cookie', [...list.filter((cookie) => !cookie.startsWith(`${name}=`)), parts.join('; ')]);
}

/** Per-request memory of a token set on this reply, so a page that renders two forms sets one cookie. */
const issued = new WeakMap<FastifyRequest, string>();

/** The browser's visitor token, issued (as a session cookie) when it has none. */
export function visitorToken(request: FastifyRequest, reply: FastifyReply, policy: CookiePolicy): string {
  const held = issued.get(request) ?? readCookie(request, visitorCookie(isSecure(request, policy)));
  if (isSessionTokenShaped(held)) return held;
  const token = newSessionToken();
  issued.set(request, token);
  setCookie(reply, visitorCookie(isSecure(request, policy)), token, { secure: isSecure(request, policy) });
  return token;
}

/** The token a form on this page carries in its `_csrf` field. */
export function formToken(request: FastifyRequest, reply: FastifyReply, policy: CookiePolicy): string {
  return csrfTokenFor(visitorToken(request, reply, policy));
}

/** Refuses a form that does not carry this browser's token: sent from another site, or from a page older than the cookie. */
export function assertFormToken(request: FastifyRequest, policy: CookiePolicy): FormFields {
  const form = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as FormFields;
  const token = readCookie(request, visitorCookie(isSecure(request, policy)));
  if (!isCsrfTokenValid(token, form._csrf))
    throw new WebRefusal(
      403,
      'forbidden',
      'this form could not be accepted: it did not come from a page of this site in this browser',
      'go back, reload the page and send the form again',
    );
  return form;
}

/** The session the browser's cookie signs in, if any. */
export function sessionOf(request: FastifyRequest, writer: CatalogContext, policy: CookiePolicy): StudentSession | undefined {
  return currentSession(writer, readCookie(request, visitorCookie(isSecure(request, policy))));
}

export const currentVisitorToken = (request: FastifyRequest, policy: CookiePolicy): string | undefined =>
  readCookie(request, visitorCookie(isSecure(request, policy)));

/** Gives the browser its new session token (after sign-in): the old one is replaced, never kept. */
export function startSessionCookie(request: FastifyRequest, reply: FastifyReply, policy: CookiePolicy, token: string): void {
  const secure = isSecure(request, policy);
  setCookie(reply, visitorCookie(secure), token, { secure, maxAgeSeconds: SESSION_LIFETIME_MS / 1000 });
}

/** After sign-out: a fresh visitor token, signed in nowhere. */
export function endSessionCookie(request: FastifyRequest, reply: FastifyReply, policy: CookiePolicy): void {
  const secure = isSecure(request, policy);
  setCookie(reply, visitorCookie(secure), newSessionToken(), { secure });
}

/** The buyer's claim key for an order, sent back only to that order's page. */
export function setClaimCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  policy: CookiePolicy,
  orderId: string,
  claimKey: string,
): void {
  const secure = isSecure(request, policy);
  setCookie(reply, claimCookie(secure), claimKey, { secure, path: `/orders/${orderId}`, maxAgeSeconds: 7 * 24 * 3600 });
}

export function readClaimCookie(request: FastifyRequest, policy: CookiePolicy): string | undefined {
  return readCookie(request, claimCookie(isSecure(request, policy)));
}

/** Clears the claim key once the code was shown. */
export function clearClaimCookie(request: FastifyRequest, reply: FastifyReply, policy: CookiePolicy, orderId: string): void {
  const secure = isSecure(request, policy);
  setCookie(reply, claimCookie(secure), randomBytes(4).toString('hex'), { secure, path: `/orders/${orderId}`, maxAgeSeconds: 0 });
}
