import type { CalendarDate } from '../calendar.js';
import { courseDayStarts } from '../courseDay.js';
import type { AssessmentDefinition, ScheduleMoment } from './assessment.js';

/**
 * When an assessment can be taken, for one student, as instants (epoch ms). Day-relative moments
 * are days of the course in the catalogue's zone, so moving the course's start date moves them.
 */
export interface AssessmentWindow {
  opensAt: number;
  /** Exclusive: a submission at or after it is late. */
  dueAt: number;
  /** Exclusive: no attempt starts, and none is submitted, at or after it (the due date when there is no late period). */
  closesAt: number;
}

/** A per-student override: a later due date (the late period moves with it) and extra attempts. */
export interface StudentExtension {
  dueAt: number | null;
  extraAttempts: number;
}

export const NO_EXTENSION: StudentExtension = { dueAt: null, extraAttempts: 0 };

export function assessmentWindow(
  definition: Pick<AssessmentDefinition, 'opens' | 'due' | 'lateUntil'>,
  course: { startDate: CalendarDate },
  timeZone: string,
  extension: StudentExtension = NO_EXTENSION,
): AssessmentWindow {
  // Every day-relative moment in one pass over the zone (courseDayStarts): an end of day is the next day's start.
  const moments: [ScheduleMoment, 'start' | 'end'][] = [
    [definition.opens, 'start'],
    [definition.due, 'end'],
  ];
  if (definition.lateUntil) moments.push([definition.lateUntil, 'end']);
  const days = moments.flatMap(([moment, edge]) => ('day' in moment ? [edge === 'start' ? moment.day : moment.day + 1] : []));
  const starts = courseDayStarts(course.startDate, days, timeZone);
  let next = 0;
  const [opensAt, baseDue, lateUntil] = moments.map(([moment]) => ('at' in moment ? moment.at : starts[next++]!)) as [
    number,
    number,
    number?,
  ];
  const baseClose = lateUntil === undefined ? baseDue : Math.max(baseDue, lateUntil);
  // An extension only ever gives more time; the late period keeps its length after the new due date.
  const dueAt = extension.dueAt === null ? baseDue : Math.max(baseDue, extension.dueAt);
  return { opensAt, dueAt, closesAt: baseClose + (dueAt - baseDue) };
}

/** How many attempts a student has in all; Infinity when the file says 0 (unlimited). */
export function attemptsAllowed(definition: Pick<AssessmentDefinition, 'attempts'>, extension: StudentExtension = NO_EXTENSION): number {
  return definition.attempts === 0 ? Number.POSITIVE_INFINITY : definition.attempts + extension.extraAttempts;
}

/**
 * The instant an attempt started at `startedAt` must be in by: its time limit, or the cut-off,
 * whichever comes first. Whatever is handed in later counts as handed in then.
 */
export function attemptDeadline(startedAt: number, window: AssessmentWindow, timeLimitMinutes: number | null): number {
  return timeLimitMinutes === null ? window.closesAt : Math.min(window.closesAt, startedAt + timeLimitMinutes * 60_000);
}

/** When a submission made at `now` counts as made: never after the attempt's deadline. */
export function countedSubmission(now: number, deadline: number): number {
  return Math.min(now, deadline);
}

export function isLate(submittedAt: number, window: AssessmentWindow): boolean {
  return submittedAt >= window.dueAt;
}

/** A student sees the right answers once they can no longer submit: after their own cut-off. */
export function answersRevealed(window: AssessmentWindow, now: number): boolean {
  return now >= window.closesAt;
}
