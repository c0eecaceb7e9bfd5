import { canOpen } from '../access.js';
import type { AccessItem, Enrolment } from '../access.js';
import { formatDeadline } from '../zonedTime.js';
import { formatInstant } from '../calendar.js';
import { upgradeNotice } from '../upgradeNotice.js';
import type { AssessmentWindow } from './assessmentSchedule.js';

/**
 * Whether a student may start an attempt now, answered from data alone: the CLI's `assessment
 * take` and the website ask the same rules. The access rule every item shares (canOpen in
 * access.ts: cancelled, ended, past a free start's days, not yet open, closed) comes first; then
 * what is an assessment's own (attempts left).
 */
export type TakeRefusalReason = 'access-revoked' | 'access-ended' | 'not-open' | 'closed' | 'no-attempts' | 'upgrade-needed';

export interface TakeRefusal {
  reason: TakeRefusalReason;
  /** The instant the reason is about (opened, closed, ended), when there is one. */
  at: number | null;
  message: string;
  /** For the person running the catalogue (the CLI's `assessment take` prints it). */
  hint: string;
  /** For the student on the website, where it differs: a teacher runs `assessment extend`, a student asks. */
  visitorHint?: string;
}

export interface TakeSituation {
  assessmentId: string;
  enrolment: Enrolment;
  window: AssessmentWindow;
  /** Attempts the student has in all (Infinity for unlimited). */
  attemptsAllowed: number;
  /** Attempts already started, handed in or not. */
  attemptsUsed: number;
  now: number;
  timeZone: string;
}

export type TakeRule = (situation: TakeSituation) => TakeRefusal | undefined;

/** An assessment as canOpen sees it: open from its opening to its cut-off (the student's own, extensions included). */
export function assessmentItem(window: AssessmentWindow): AccessItem {
  return { opensAt: window.opensAt, closesAt: window.closesAt };
}

function accessRule(item: (situation: TakeSituation) => AccessItem): TakeRule {
  return (situation) => {
    const { assessmentId, enrolment, window, now, timeZone } = situation;
    const decision = canOpen(enrolment, item(situation), now);
    if (decision.open) return undefined;
    switch (decision.reason) {
      case 'cancelled':
        return {
          reason: 'access-revoked',
          at: decision.cancelledAt,
          message: `access was revoked on ${formatInstant(decision.cancelledAt, timeZone)} (the registration was cancelled)`,
          hint: 'a cancelled registration opens nothing; register again to take assessments',
        };
      case 'ended':
        return {
          reason: 'access-ended',
          at: decision.endedAt,
          message: `access to the course ended on ${formatInstant(decision.endedAt, timeZone)}`,
          hint: 'access lasts until some days after the course ends; ask the platform to extend it',
        };
      case 'not-yet':
        return {
          reason: 'not-open',
          at: decision.opensAt,
          message: `assessment ${assessmentId} opens on ${formatInstant(decision.opensAt, timeZone)}`,
          hint: 'come back when it opens; `catalog assessment list` shows every window',
          visitorHint: 'come back when it opens; your course page shows when each assessment opens',
        };
      case 'upgrade-needed':
        // Graded work past a free start's days is for paid students, as Open edX gates it.
        return {
          reason: 'upgrade-needed',
          at: decision.upgradeBy,
          ...upgradeNotice(`assessment ${assessmentId}`, decision, { courseId: enrolment.courseId, now, timeZone }),
        };
      case 'closed':
        return {
          reason: 'closed',
          at: decision.closedAt,
          message: `assessment ${assessmentId} closed on ${formatDeadline(decision.closedAt, timeZone)}${window.closesAt > window.dueAt ? ' (the cut-off for late submissions)' : ''}`,
          hint: `a teacher can give this student more time: catalog assessment extend ${assessmentId} --student EMAIL --due DATETIME`,
          visitorHint: 'ask your teacher if you may have more time',
        };
    }
  };
}

const accessAndWindow = accessRule(({ window }) => assessmentItem(window));

const noAttemptsLeft: TakeRule = ({ assessmentId, attemptsAllowed, attemptsUsed }) =>
  attemptsUsed < attemptsAllowed
    ? undefined
    : {
        reason: 'no-attempts',
        at: null,
        message: `no attempts left at assessment ${assessmentId}: all ${attemptsAllowed} used`,
        hint: `a teacher can allow more: catalog assessment extend ${assessmentId} --student EMAIL --extra-attempts 1`,
        visitorHint: 'ask your teacher if you may have another attempt',
      };

/** The rules in the order a student would want to hear them: access and the calendar first, then attempts. */
export const TAKE_RULES: readonly TakeRule[] = [accessAndWindow, noAttemptsLeft];

/** Finishing an attempt already started needs only the access: the attempt's own deadline bounds it. */
export const RESUME_RULES: readonly TakeRule[] = [accessRule(() => ({ opensAt: 'on-access', closesAt: null }))];

/** The first rule that refuses a new attempt, or undefined when the student may start one. */
export function takeRefusal(situation: TakeSituation, rules: readonly TakeRule[] = TAKE_RULES): TakeRefusal | undefined {
  for (const rule of rules) {
    const refusal = rule(situation);
    if (refusal) return refusal;
  }
  return undefined;
}
