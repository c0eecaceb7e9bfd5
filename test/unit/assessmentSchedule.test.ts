import { describe, expect, it } from 'vitest';
import type { Enrolment } from '../../src/domain/access.js';
import { takeRefusal } from '../../src/domain/assessment/assessmentAccess.js';
import type { TakeSituation } from '../../src/domain/assessment/assessmentAccess.js';
import { assessmentWindow, attemptDeadline, attemptsAllowed } from '../../src/domain/assessment/assessmentSchedule.js';
import { submitAttempt } from '../../src/domain/assessment/attemptSubmission.js';
import type { Question } from '../../src/domain/assessment/assessment.js';
import { formatDeadline } from '../../src/domain/zonedTime.js';
import { formatInstant } from '../../src/domain/calendar.js';

const at = (iso: string) => Date.parse(iso);
const q: Question = { id: 'q1', type: 'number', prompt: '6 * 7?', points: 1, answer: 42, tolerance: 0 };

describe('assessment windows in the catalogue zone', () => {
  it('Asia/Kolkata: opens at 00:00 of opensDay, due at the end of dueDay, late until the end of lateUntilDay', () => {
    const window = assessmentWindow(
      { opens: { day: 3 }, due: { day: 5 }, lateUntil: { day: 6 } },
      { startDate: '2027-01-10' },
      'Asia/Kolkata',
    );
    expect(window).toEqual({
      opensAt: at('2027-01-11T18:30:00Z'), // 2027-01-12 00:00 +05:30
      dueAt: at('2027-01-14T18:30:00Z'), // end of 2027-01-14
      closesAt: at('2027-01-15T18:30:00Z'), // end of 2027-01-15
    });
    expect(formatDeadline(window.dueAt, 'Asia/Kolkata')).toBe('2027-01-14T23:59:59+05:30');
    expect(formatInstant(window.opensAt, 'Asia/Kolkata')).toBe('2027-01-12T00:00:00+05:30');
  });

  it('moving the start date moves every day-relative window, and leaves fixed instants where they are', () => {
    const definition = { opens: { at: at('2027-01-01T12:00:00Z') }, due: { day: 5 }, lateUntil: { day: 6 } };
    const before = assessmentWindow(definition, { startDate: '2027-01-10' }, 'Asia/Kolkata');
    const after = assessmentWindow(definition, { startDate: '2027-01-17' }, 'Asia/Kolkata');
    expect(after.opensAt).toBe(before.opensAt);
    expect(after.dueAt).toBe(at('2027-01-21T18:30:00Z'));
    expect(after.dueAt - before.dueAt).toBe(7 * 86_400_000);
    expect(after.closesAt - before.closesAt).toBe(7 * 86_400_000);
  });

  describe('across the spring DST change in America/New_York (2027-03-14, a 23-hour day)', () => {
    const tz = 'America/New_York';
    const course = { startDate: '2027-03-12' };
    const definition = { opens: { day: 2 }, due: { day: 3 }, lateUntil: { day: 4 }, timeLimitMinutes: 60, questions: [q] };
    const window = assessmentWindow(definition, course, tz);

    it('places each window at local midnight, whichever offset is in force', () => {
      expect(window.opensAt).toBe(at('2027-03-13T05:00:00Z')); // 00:00 EST (-05:00)
      expect(window.dueAt).toBe(at('2027-03-15T04:00:00Z')); // end of the 14th = 00:00 EDT (-04:00)
      expect(window.closesAt).toBe(at('2027-03-16T04:00:00Z'));
      expect(formatDeadline(window.dueAt, tz)).toBe('2027-03-14T23:59:59-04:00');
      expect(formatInstant(window.opensAt, tz)).toBe('2027-03-13T00:00:00-05:00');
    });

    it('counts a time limit in real minutes across the change: 01:30 EST + 60 min is 03:30 EDT', () => {
      const started = at('2027-03-14T06:30:00Z');
      const deadline = attemptDeadline(started, window, 60);
      expect(deadline).toBe(at('2027-03-14T07:30:00Z'));
      expect(formatInstant(deadline, tz)).toBe('2027-03-14T03:30:00-04:00');
      const answers = { q1: { answer: 42, at: at('2027-03-14T07:40:00Z') } };
      const handedIn = submitAttempt(definition, window, started, answers, at('2027-03-14T07:45:00Z'));
      expect(handedIn).toMatchObject({ submittedAt: deadline, timedOut: true, late: false });
      expect(handedIn.grade.score).toBe(0);
      const inTime = submitAttempt(
        definition,
        window,
        started,
        { q1: { answer: 42, at: at('2027-03-14T07:29:59Z') } },
        at('2027-03-14T07:45:00Z'),
      );
      expect(inTime.grade.score).toBe(1);
    });

    it('marks late after the due instant and caps a hand-in at the cut-off', () => {
      const lateStart = at('2027-03-15T04:30:00Z');
      const late = submitAttempt({ ...definition, timeLimitMinutes: null }, window, lateStart, {}, at('2027-03-15T05:00:00Z'));
      expect(late).toMatchObject({ late: true, submittedAt: at('2027-03-15T05:00:00Z') });
      const onTime = submitAttempt(
        { ...definition, timeLimitMinutes: null },
        window,
        at('2027-03-15T03:00:00Z'),
        {},
        at('2027-03-15T03:59:59Z'),
      );
      expect(onTime.late).toBe(false);
      const capped = submitAttempt(
        { ...definition, timeLimitMinutes: null },
        window,
        at('2027-03-16T03:30:00Z'),
        {},
        at('2027-03-16T09:00:00Z'),
      );
      expect(capped.submittedAt).toBe(window.closesAt);
    });

    it('an extension moves the due date and keeps the late period as long after it', () => {
      const extended = assessmentWindow(definition, course, tz, { dueAt: at('2027-03-15T16:00:00Z'), extraAttempts: 2 });
      expect(extended).toEqual({ opensAt: window.opensAt, dueAt: at('2027-03-15T16:00:00Z'), closesAt: at('2027-03-16T16:00:00Z') });
      expect(attemptsAllowed({ attempts: 1 }, { dueAt: null, extraAttempts: 2 })).toBe(3);
      expect(attemptsAllowed({ attempts: 0 }, { dueAt: null, extraAttempts: 2 })).toBe(Number.POSITIVE_INFINITY);
      // An "extension" to before the due date gives no less time.
      expect(assessmentWindow(definition, course, tz, { dueAt: at('2027-03-14T12:00:00Z'), extraAttempts: 0 })).toEqual(window);
    });
  });
});

describe('who may start an attempt', () => {
  const enrolment: Enrolment = {
    registrationId: 1,
    courseId: 'crs_1',
    studentId: 1,
    studentEmail: 'a@example.in',
    studentName: null,
    mode: 'paid',
    freeStart: null,
    grantedAt: 0,
    cancelledAt: null,
    accessUntil: at('2027-05-01T00:00:00Z'),
  };
  const window = { opensAt: at('2027-01-11T18:30:00Z'), dueAt: at('2027-01-14T18:30:00Z'), closesAt: at('2027-01-15T18:30:00Z') };
  const situation = (overrides: Partial<TakeSituation>): TakeSituation => ({
    assessmentId: 'asm_1',
    enrolment,
    window,
    attemptsAllowed: 2,
    attemptsUsed: 0,
    now: at('2027-01-12T06:00:00Z'),
    timeZone: 'Asia/Kolkata',
    ...overrides,
  });

  it('lets a student in while it is open with attempts left', () => {
    expect(takeRefusal(situation({}))).toBeUndefined();
    expect(takeRefusal(situation({ now: window.closesAt - 1, attemptsUsed: 1 }))).toBeUndefined();
  });

  it('refuses saying which and when, in the catalogue zone with its offset', () => {
    expect(takeRefusal(situation({ now: window.opensAt - 1 }))).toMatchObject({
      reason: 'not-open',
      message: 'assessment asm_1 opens on 2027-01-12T00:00:00+05:30',
    });
    expect(takeRefusal(situation({ now: window.closesAt }))).toMatchObject({
      reason: 'closed',
      message: 'assessment asm_1 closed on 2027-01-15T23:59:59+05:30 (the cut-off for late submissions)',
    });
    expect(takeRefusal(situation({ attemptsUsed: 2 }))).toMatchObject({ reason: 'no-attempts' });
    expect(takeRefusal(situation({ enrolment: { ...enrolment, accessUntil: at('2027-01-12T00:00:00Z') } }))).toMatchObject({
      reason: 'access-ended',
      message: 'access to the course ended on 2027-01-12T05:30:00+05:30',
    });
    expect(takeRefusal(situation({ enrolment: { ...enrolment, cancelledAt: at('2027-01-11T00:00:00Z') } }))).toMatchObject({
      reason: 'access-revoked',
    });
  });

  it('takes one more rule as one more entry (a free enrolment after its free days)', () => {
    const paidOnly = ({ enrolment: e }: TakeSituation) =>
      e.mode === 'free'
        ? { reason: 'closed' as const, at: null, message: 'graded work needs a paid enrolment', hint: 'upgrade' }
        : undefined;
    expect(takeRefusal(situation({ enrolment: { ...enrolment, mode: 'free' } }), [paidOnly])?.message).toBe(
      'graded work needs a paid enrolment',
    );
  });
});
