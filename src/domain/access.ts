import { addDays, startOfDay } from './calendar.js';
import type { Course } from './course.js';

/**
 * A student's enrolment on a course: what an access code opens. Today every enrolment is a paid
 * registration; a free start adds the mode 'free'.
 */
export interface Enrolment {
  registrationId: number;
  courseId: string;
  studentId: number;
  studentEmail: string;
  studentName: string | null;
  mode: 'paid' | 'free';
  grantedAt: number;
  /** Set when the registration was cancelled: access ends at once. */
  cancelledAt: number | null;
  /** Epoch ms, exclusive: when this enrolment stops opening anything (see enrolmentAccessUntil). */
  accessUntil: number;
}

/** An enrolment as stored, before its course says until when it lasts. */
export type EnrolmentRecord = Omit<Enrolment, 'accessUntil'>;

/** Access lasts through the course's end date plus `afterEndDays` days, in the catalogue's zone (exclusive end). */
export function accessEndsAt(course: Pick<Course, 'endDate'>, afterEndDays: number, timeZone: string): number {
  return startOfDay(addDays(course.endDate, afterEndDays + 1), timeZone);
}

/**
 * Until when an enrolment opens anything. One place for the rule, so a free start's shorter
 * window (issue 14) is one more case here rather than a check in every caller.
 */
export function enrolmentAccessUntil(
  record: EnrolmentRecord,
  course: Pick<Course, 'endDate'>,
  afterEndDays: number,
  timeZone: string,
): Enrolment {
  return { ...record, accessUntil: accessEndsAt(course, afterEndDays, timeZone) };
}

/**
 * Something an enrolment may open: a material, an assessment. Its times are already instants
 * (course days resolved with courseDayStart), so this stays a rule about time alone.
 */
export interface AccessItem {
  /** When it opens, or 'on-access': as soon as the student has access (a material's day 0). */
  opensAt: number | 'on-access';
  /** When it stops opening (exclusive), e.g. an assessment's close; absent: until access ends. */
  closesAt?: number | null;
  /** Opens for any enrolment that has access, whatever its opening time. */
  preview?: boolean;
}

export type AccessDecision =
  | { open: true; opensAt: number }
  | { open: false; reason: 'cancelled'; cancelledAt: number }
  | { open: false; reason: 'ended'; endedAt: number }
  | { open: false; reason: 'not-yet'; opensAt: number }
  | { open: false; reason: 'closed'; closedAt: number };

/** The instant an item opens for this enrolment ('on-access' items open when access was granted). */
export function opensAtFor(enrolment: Pick<Enrolment, 'grantedAt'>, item: Pick<AccessItem, 'opensAt'>): number {
  return item.opensAt === 'on-access' ? enrolment.grantedAt : item.opensAt;
}

/**
 * The access rule, the only one: every command and page asks this instead of deciding itself.
 * Cancelled or ended access opens nothing; anything opens from its opening time (a preview at
 * once) until it closes.
 */
export function canOpen(enrolment: Enrolment, item: AccessItem, now: number): AccessDecision {
  if (enrolment.cancelledAt !== null) return { open: false, reason: 'cancelled', cancelledAt: enrolment.cancelledAt };
  if (now >= enrolment.accessUntil) return { open: false, reason: 'ended', endedAt: enrolment.accessUntil };
  const opensAt = opensAtFor(enrolment, item);
  if (!item.preview && now < opensAt) return { open: false, reason: 'not-yet', opensAt };
  if (item.closesAt != null && now >= item.closesAt) return { open: false, reason: 'closed', closedAt: item.closesAt };
  return { open: true, opensAt };
}
