import type { Enrolment } from '../access.js';
import { formatDeadline, formatZoned } from '../zonedTime.js';
import type { AssessmentWindow } from './assessmentSchedule.js';

/**
 * Whether a student may start an attempt now, answered from data alone: the CLI's `assessment
 * take` and the website ask the same rules. Each rule looks at one fact and either lets the
 * attempt through or refuses it saying why and when; a new condition (free enrolments losing
 * graded work after their free days) is one more rule in the list.
 */
export type TakeRefusalReason = 'access-revoked' | 'access-ended' | 'not-open' | 'closed' | 'no-attempts';

export interface TakeRefusal {
  reason: TakeRefusalReason;
  /** The instant the reason is about (opened, closed, ended), when there is one. */
  at: number | null;
  message: string;
  hint: string;
}

export interface TakeSituation {
  assessmentId: string;
  enrolment: Enrolment;
  /** Exclusive end of the student's access to the course. */
  accessUntil: number;
  window: AssessmentWindow;
  /** Attempts the student has in all (Infinity for unlimited). */
  attemptsAllowed: number;
  /** Attempts already started, submitted or not. */
  attemptsUsed: number;
  now: number;
  timeZone: string;
}

export type TakeRule = (situation: TakeSituation) => TakeRefusal | undefined;

const accessRevoked: TakeRule = ({ enrolment, timeZone }) =>
  enrolment.cancelledAt === null
    ? undefined
    : {
        reason: 'access-revoked',
        at: enrolment.cancelledAt,
        message: `access was revoked on ${formatZoned(enrolment.cancelledAt, timeZone)} (the registration was cancelled)`,
        hint: 'a cancelled registration opens nothing; register again to take assessments',
      };

const accessEnded: TakeRule = ({ accessUntil, now, timeZone }) =>
  now < accessUntil
    ? undefined
    : {
        reason: 'access-ended',
        at: accessUntil,
        message: `access to the course ended on ${formatZoned(accessUntil, timeZone)}`,
        hint: 'access lasts until some days after the course ends; ask the platform to extend it',
      };

const notYetOpen: TakeRule = ({ assessmentId, window, now, timeZone }) =>
  now >= window.opensAt
    ? undefined
    : {
        reason: 'not-open',
        at: window.opensAt,
        message: `assessment ${assessmentId} opens on ${formatZoned(window.opensAt, timeZone)}`,
        hint: 'come back when it opens; `catalog assessment list` shows every window',
      };

const closed: TakeRule = ({ assessmentId, window, now, timeZone }) =>
  now < window.closesAt
    ? undefined
    : {
        reason: 'closed',
        at: window.closesAt,
        message: `assessment ${assessmentId} closed on ${formatDeadline(window.closesAt, timeZone)}${window.closesAt > window.dueAt ? ' (the cut-off for late submissions)' : ''}`,
        hint: `a teacher can give this student more time: catalog assessment extend ${assessmentId} --student EMAIL --due DATETIME`,
      };

const noAttemptsLeft: TakeRule = ({ assessmentId, attemptsAllowed, attemptsUsed }) =>
  attemptsUsed < attemptsAllowed
    ? undefined
    : {
        reason: 'no-attempts',
        at: null,
        message: `no attempts left at assessment ${assessmentId}: all ${attemptsAllowed} used`,
        hint: `a teacher can allow more: catalog assessment extend ${assessmentId} --student EMAIL --extra-attempts 1`,
      };

/** The rules in the order a student would want to hear them: access first, then the calendar, then attempts. */
export const TAKE_RULES: readonly TakeRule[] = [accessRevoked, accessEnded, notYetOpen, closed, noAttemptsLeft];

/** The first rule that refuses a new attempt, or undefined when the student may start one. */
export function takeRefusal(situation: TakeSituation, rules: readonly TakeRule[] = TAKE_RULES): TakeRefusal | undefined {
  for (const rule of rules) {
    const refusal = rule(situation);
    if (refusal) return refusal;
  }
  return undefined;
}

/** Finishing an attempt already started needs only the access: its own deadline bounds it. */
export const RESUME_RULES: readonly TakeRule[] = [accessRevoked, accessEnded];
