import { createHash, timingSafeEqual } from 'node:crypto';
import { admitAttempt, afterFailure } from '../../domain/accessCodeThrottle.js';
import type { Admission } from '../../domain/accessCodeThrottle.js';
import { hashAccessCode, isAccessCodeShaped } from '../../security/accessCodes.js';
import { normaliseEmail } from '../../domain/student.js';
import { SESSION_IDLE_MS, sessionExpiresAt, signInRequesters } from '../../domain/studentSession.js';
import { hashSessionToken, isSessionTokenShaped, newSessionToken } from '../../security/sessionTokens.js';
import { NotFoundError, TooManyAttemptsError } from '../../errors.js';
import { AccessStore } from '../../store/accessStore.js';
import { SessionStore } from '../../store/sessionStore.js';
import type { CatalogContext } from '../catalogContext.js';

export interface SignInRequest {
  email: unknown;
  code: unknown;
  /** The client's address: sign-ins are slowed per address as well as per email. */
  address: string;
  /** The browser's current session token, if it has one: its courses carry over to the new session. */
  currentToken?: string | undefined;
}

export interface SignedIn {
  /** The new session's token, for the cookie only; the database keeps its hash. */
  token: string;
  courseId: string;
}

/** The one answer to every wrong sign-in, whichever part was wrong. */
export class SignInRefused extends NotFoundError {
  constructor() {
    super(
      'that email address and access code do not match',
      'use the email you registered with and the access code shown after payment (it starts with acc_)',
    );
  }
}

const NO_HASH = Buffer.alloc(32);
const sha256 = (text: string) => createHash('sha256').update(text).digest();

/**
 * Signs a browser in with an email and an access code, into a new session (the old token, if
 * any, stops working: a session id planted before sign-in is never the one signed in). The
 * session opens that code's course; courses opened earlier in the same browser for the same
 * student carry over.
 *
 * A wrong email and a wrong code do the same work and get the same answer: the code is looked
 * up by its hash and both it and the email are compared in constant time. After a run of wrong
 * tries, per email and per client address (the access-code rule of accessCodeThrottle.ts), a try
 * that comes too soon is refused before anything is looked at.
 */
export function signIn(ctx: CatalogContext, request: SignInRequest): SignedIn {
  const given = typeof request.email === 'string' ? request.email : '';
  const email = normaliseEmail(given) ?? given.trim().toLowerCase().slice(0, 254);
  const code = typeof request.code === 'string' ? request.code : '';
  const requesters = signInRequesters(email, request.address);
  const access = new AccessStore(ctx.db);
  const sessions = new SessionStore(ctx.db);

  admit(ctx, access, [requesters.email, requesters.address]);
  const hash = hashAccessCode(code);
  const found = isAccessCodeShaped(code) ? access.findByCodeHash(hash) : undefined;
  const codeMatches = timingSafeEqual(found ? Buffer.from(found.codeHash, 'hex') : NO_HASH, Buffer.from(hash, 'hex'));
  const emailMatches = timingSafeEqual(sha256(found?.enrolment.studentEmail ?? ''), sha256(email));
  if (!found || !codeMatches || !emailMatches || found.enrolment.cancelledAt !== null) {
    const now = ctx.clock();
    ctx.db
      .transaction(() => {
        for (const requester of [requesters.email, requesters.address])
          access.saveCodeFailures(requester, afterFailure(access.codeFailures(requester), now));
      })
      .immediate();
    throw new SignInRefused();
  }

  const token = newSessionToken();
  ctx.db
    .transaction(() => {
      const now = ctx.clock();
      sessions.removeEnded(now, SESSION_IDLE_MS);
      const previous = isSessionTokenShaped(request.currentToken)
        ? sessions.byTokenHash(hashSessionToken(request.currentToken))
        : undefined;
      const id = sessions.create(hashSessionToken(token), found.enrolment.studentId, now, sessionExpiresAt(now));
      if (previous) {
        if (previous.studentId === found.enrolment.studentId)
          for (const grant of sessions.grants(previous.id)) sessions.addGrant(id, grant, now);
        sessions.remove(previous.id);
      }
      sessions.addGrant(id, { registrationId: found.enrolment.registrationId, codeHash: hash }, now);
    })
    .immediate();
  return { token, courseId: found.enrolment.courseId };
}

/** Refuses a try that comes too soon after a run of wrong ones, by any of the requesters; an admitted try takes the next slot of each. */
function admit(ctx: CatalogContext, store: AccessStore, requesters: string[]): void {
  const now = ctx.clock();
  const decide = () => requesters.map((requester) => ({ requester, admission: admitAttempt(store.codeFailures(requester), now) }));
  let decisions = decide();
  if (decisions.some(({ admission }) => !admission.admitted || admission.holdUntil !== null)) {
    decisions = ctx.db
      .transaction(() => {
        const underLock = decide();
        if (underLock.every(({ admission }) => admission.admitted))
          for (const { requester, admission } of underLock)
            if ((admission as Extract<Admission, { admitted: true }>).holdUntil !== null)
              store.holdNextAttempt(requester, (admission as Extract<Admission, { admitted: true }>).holdUntil!);
        return underLock;
      })
      .immediate();
  }
  const refusals = decisions.flatMap(({ admission }) => (admission.admitted ? [] : [admission.retryAt]));
  if (!refusals.length) return;
  const retryAt = Math.max(...refusals);
  const seconds = Math.max(1, Math.ceil((retryAt - now) / 1000));
  throw new TooManyAttemptsError(
    `too many sign-in attempts; try again in ${seconds} s`,
    retryAt,
    'the wait grows with every wrong try and resets after 15 quiet minutes',
  );
}
