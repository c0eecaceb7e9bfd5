import { timingSafeEqual } from 'node:crypto';
import { accessEndsAt } from '../../domain/access.js';
import type { Enrolment } from '../../domain/access.js';
import type { Course } from '../../domain/course.js';
import { hashAccessCode } from '../../domain/registrationAccess.js';
import { ConflictError, NotFoundError } from '../../errors.js';
import { AccessStore } from '../../store/accessStore.js';
import type { CatalogContext } from '../catalogContext.js';

/** What an access code opens right now: the enrolment, its course and until when. */
export interface StudentAccess {
  enrolment: Enrolment;
  course: Course;
  /** Epoch ms, exclusive. */
  accessUntil: number;
}

const UNKNOWN_CODE_HINT = 'check the code (it starts with acc_); a cancelled registration or a re-issued code no longer opens anything';

/**
 * The one way in for a student: by access code. An unknown or revoked code is "not found" and
 * says nothing about whether a course exists; an ended access is a conflict naming when it ended.
 */
export function resolveAccess(ctx: CatalogContext, code: string): StudentAccess {
  const hash = hashAccessCode(code);
  const found = new AccessStore(ctx.db).findByCodeHash(hash);
  // Looked up by hash, then compared in constant time, so a near-miss takes as long as a hit.
  const matches = found !== undefined && timingSafeEqual(Buffer.from(found.codeHash, 'hex'), Buffer.from(hash, 'hex'));
  if (!found || !matches || found.enrolment.cancelledAt !== null) throw new NotFoundError('no access with that code', UNKNOWN_CODE_HINT);
  const course = ctx.courses.get(found.enrolment.courseId);
  const accessUntil = accessEndsAt(course, ctx.config.access.afterEndDays, ctx.config.timeZone);
  if (ctx.clock() >= accessUntil) {
    throw new ConflictError(
      `access to course ${course.id} ended on ${new Date(accessUntil).toISOString()}`,
      'access lasts until some days after the course ends; ask the platform to extend it',
    );
  }
  return { enrolment: found.enrolment, course, accessUntil };
}
