import { addDays, startOfDay } from './calendar.js';
import { upgradeUntilDayOf } from './course.js';
import type { Course } from './course.js';
import { courseDayStarts } from './courseDay.js';

/**
 * How a student is enrolled: 'paid' opens the whole course (a registration, whatever it cost: ₹0
 * on a free course); 'free' is a free start, which opens the free days until it is upgraded.
 */
export type EnrolmentMode = 'paid' | 'free';

/** What a free start opens without the upgrade, and until when the upgrade can be made (epoch ms, exclusive both). */
export interface FreeStartWindow {
  /** Items opening at or after this instant (the start of the day after the free days) need the upgrade; previews never do. */
  paidFrom: number;
  /** The end of the upgrade's last day: after it the free enrolment keeps only what it already had. */
  upgradeBy: number;
}

/** A student's enrolment on a course: what an access code opens. */
export interface Enrolment {
  registrationId: number;
  courseId: string;
  studentId: number;
  studentEmail: string;
  studentName: string | null;
  mode: EnrolmentMode;
  /** Set for mode 'free' only. */
  freeStart: FreeStartWindow | null;
  grantedAt: number;
  /** Set when the registration was cancelled: access ends at once. */
  cancelledAt: number | null;
  /** Epoch ms, exclusive: when this enrolment stops opening anything (see enrolmentAccessUntil). */
  accessUntil: number;
}

/** An enrolment as stored, before its course says until when it lasts and what a free start opens. */
export type EnrolmentRecord = Omit<Enrolment, 'accessUntil' | 'freeStart'>;

/** Access lasts through the course's end date plus `afterEndDays` days, in the catalogue's zone (exclusive end). */
export function accessEndsAt(course: Pick<Course, 'endDate'>, afterEndDays: number, timeZone: string): number {
  return startOfDay(addDays(course.endDate, afterEndDays + 1), timeZone);
}

/**
 * A free start's window on its course: free through the end of day `freeDays`, upgradeable
 * through the end of the upgrade's last day, in the catalogue's zone. Days stay days: moving the
 * course moves both. A course without a free start (it was never allowed to lose one with free
 * students on it, see courseRules) leaves a free enrolment its previews.
 */
export function freeStartWindow(course: Pick<Course, 'startDate' | 'freeDays' | 'upgradeUntilDay'>, timeZone: string): FreeStartWindow {
  const upgradeDay = upgradeUntilDayOf(course);
  if (course.freeDays === null || upgradeDay === null) return { paidFrom: Number.NEGATIVE_INFINITY, upgradeBy: Number.NEGATIVE_INFINITY };
  const [paidFrom, upgradeBy] = courseDayStarts(course.startDate, [course.freeDays + 1, upgradeDay + 1], timeZone) as [number, number];
  return { paidFrom, upgradeBy };
}

/**
 * The enrolment a stored record is on its course now: until when it opens anything and, for a
 * free start, what it opens without the upgrade. One place for both, so every caller gets the
 * same answer.
 */
export function enrolmentAccessUntil(
  record: EnrolmentRecord,
  course: Pick<Course, 'endDate' | 'startDate' | 'freeDays' | 'upgradeUntilDay'>,
  afterEndDays: number,
  timeZone: string,
): Enrolment {
  return {
    ...record,
    freeStart: record.mode === 'free' ? freeStartWindow(course, timeZone) : null,
    accessUntil: accessEndsAt(course, afterEndDays, timeZone),
  };
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
  /** A free start reaching past its free days: open to it only after the upgrade (which may have closed: see upgradeBy). */
  | { open: false; reason: 'upgrade-needed'; opensAt: number; upgradeBy: number }
  | { open: false; reason: 'closed'; closedAt: number };

/** The instant an item opens for this enrolment ('on-access' items open when access was granted). */
export function opensAtFor(enrolment: Pick<Enrolment, 'grantedAt'>, item: Pick<AccessItem, 'opensAt'>): number {
  return item.opensAt === 'on-access' ? enrolment.grantedAt : item.opensAt;
}

/**
 * The access rule, the only one: every command and page asks this instead of deciding itself.
 * Cancelled or ended access opens nothing; a free start opens only what opens before the day
 * after its free days (and previews), materials and graded work alike; anything opens from its
 * opening time (a preview at once) until it closes.
 */
export function canOpen(enrolment: Enrolment, item: AccessItem, now: number): AccessDecision {
  if (enrolment.cancelledAt !== null) return { open: false, reason: 'cancelled', cancelledAt: enrolment.cancelledAt };
  if (now >= enrolment.accessUntil) return { open: false, reason: 'ended', endedAt: enrolment.accessUntil };
  const opensAt = opensAtFor(enrolment, item);
  const { freeStart } = enrolment;
  if (freeStart && !item.preview && opensAt >= freeStart.paidFrom)
    return { open: false, reason: 'upgrade-needed', opensAt, upgradeBy: freeStart.upgradeBy };
  if (!item.preview && now < opensAt) return { open: false, reason: 'not-yet', opensAt };
  if (item.closesAt != null && now >= item.closesAt) return { open: false, reason: 'closed', closedAt: item.closesAt };
  return { open: true, opensAt };
}
