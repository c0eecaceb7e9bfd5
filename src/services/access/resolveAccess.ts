import { timingSafeEqual } from 'node:crypto';
import { formatInstant } from '../../domain/calendar.js';
import { enrolmentAccessUntil } from '../../domain/access.js';
import type { Enrolment, EnrolmentRecord } from '../../domain/access.js';
import { admitAttempt, afterFailure } from '../../domain/accessCodeThrottle.js';
import type { Course } from '../../domain/course.js';
import { hashAccessCode, isAccessCodeShaped } from '../../security/accessCodes.js';
import { ConflictError, NotFoundError, TooManyAttemptsError } from '../../errors.js';
import { AccessStore } from '../../store/accessStore.js';
import type { CatalogContext } from '../catalogContext.js';

/** What an access code opens right now: the enrolment, its course and until when. */
export interface StudentAccess {
  enrolment: Enrolment;
  course: Course;
  /** Epoch ms, exclusive (the same as enrolment.accessUntil). */
  accessUntil: number;
}

export interface AccessRequestOptions {
  /**
   * Who is trying codes, for slowing a guessing loop: the CLI is one requester ('cli', the
   * default); the website passes its client's address.
   */
  requester?: string;
}

const UNKNOWN_CODE_HINT = 'check the code (it starts with acc_); a cancelled registration or a re-issued code no longer opens anything';
/** Compared against when no grant matched, so a miss does the same work as a hit. */
const NO_HASH = Buffer.alloc(32);

/**
 * The one way in for a student: by access code. An unknown, malformed or revoked code is "not
 * found" and says nothing about whether a course exists; an ended access is a conflict naming
 * when it ended; after a run of wrong codes, attempts are refused until a delay has passed
 * (TooManyAttemptsError, see accessCodeThrottle.ts).
 */
export function resolveAccess(ctx: CatalogContext, code: string, options: AccessRequestOptions = {}): StudentAccess {
  const requester = options.requester ?? 'cli';
  const store = new AccessStore(ctx.db);
  admit(ctx, store, requester);

  const hash = hashAccessCode(code);
  const found = isAccessCodeShaped(code) ? store.findByCodeHash(hash) : undefined;
  // Looked up by hash, then compared in constant time, so a near-miss takes as long as a hit.
  const matches = timingSafeEqual(found ? Buffer.from(found.codeHash, 'hex') : NO_HASH, Buffer.from(hash, 'hex'));
  if (!found || !matches || found.enrolment.cancelledAt !== null) {
    ctx.db.transaction(() => store.saveCodeFailures(requester, afterFailure(store.codeFailures(requester), ctx.clock()))).immediate();
    throw new NotFoundError('no access with that code', UNKNOWN_CODE_HINT);
  }
  return accessOf(ctx, found.enrolment);
}

/**
 * How a student reaches an enrolment: the access code itself (the CLI, and the website's
 * sign-in), or the code's hash a signed-in session keeps from when the code was given in it (the
 * website's pages). A re-issued code has another hash, so a session made with the old one opens
 * nothing any more; a cancelled registration opens nothing either way.
 */
export type AccessKey = string | { codeHash: string };

/** The code hash a key stands for: what access_grants holds for the enrolment it opens. */
export const codeHashOf = (key: AccessKey): string => (typeof key === 'string' ? hashAccessCode(key) : key.codeHash);

export function accessFor(ctx: CatalogContext, key: AccessKey, options: AccessRequestOptions = {}): StudentAccess {
  if (typeof key === 'string') return resolveAccess(ctx, key, options);
  const found = new AccessStore(ctx.db).findByCodeHash(key.codeHash);
  if (!found || found.enrolment.cancelledAt !== null) throw new NotFoundError('no access with that code', UNKNOWN_CODE_HINT);
  return accessOf(ctx, found.enrolment);
}

/** The enrolment with its course and until when it lasts; refused once access has ended. */
function accessOf(ctx: CatalogContext, record: EnrolmentRecord): StudentAccess {
  const course = ctx.courses.get(record.courseId);
  const enrolment = enrolmentAccessUntil(record, course, ctx.config.access.afterEndDays, ctx.config.timeZone);
  if (ctx.clock() >= enrolment.accessUntil) {
    throw new ConflictError(
      `access to course ${course.id} ended on ${formatInstant(enrolment.accessUntil, ctx.config.timeZone)}`,
      'access lasts until some days after the course ends; ask the platform to extend it',
    );
  }
  return { enrolment, course, accessUntil: enrolment.accessUntil };
}

/** Refuses an attempt that comes too soon after a run of wrong codes; an admitted one takes the next slot. */
function admit(ctx: CatalogContext, store: AccessStore, requester: string): void {
  const now = ctx.clock();
  // The usual case reads one row and writes nothing; taking a slot re-reads under the write lock.
  let admission = admitAttempt(store.codeFailures(requester), now);
  if (admission.admitted && admission.holdUntil !== null) {
    admission = ctx.db
      .transaction(() => {
        const decision = admitAttempt(store.codeFailures(requester), now);
        if (decision.admitted && decision.holdUntil !== null) store.holdNextAttempt(requester, decision.holdUntil);
        return decision;
      })
      .immediate();
  }
  if (admission.admitted) return;
  const seconds = Math.max(1, Math.ceil((admission.retryAt - now) / 1000));
  throw new TooManyAttemptsError(
    `too many wrong access codes in a row; the next try is looked at in ${seconds} s`,
    admission.retryAt,
    `wait ${seconds} s and try again with the right code; the delay grows with every wrong code and resets after 15 quiet minutes`,
  );
}
