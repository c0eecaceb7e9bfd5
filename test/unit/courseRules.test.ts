import { describe, expect, it } from 'vitest';
import type { Course } from '../../src/domain/course.js';
import { courseChangeProblems, editVersionProblem, refuseIfAny } from '../../src/domain/courseRules.js';
import type { CourseProblem, RuleMoment } from '../../src/domain/courseRules.js';
import { ConflictError, UsageError, ValidationError } from '../../src/errors.js';
import { storedCourse } from '../support/courseFactory.js';

const NOW = Date.parse('2026-11-25T06:30:00Z');
const moment: RuleMoment = { now: NOW, today: '2026-11-25', timeZone: 'Asia/Kolkata' };
const DAY = 86_400_000;

const course = storedCourse;

const summary = (problems: CourseProblem[]) => problems.map((p) => `${p.kind} ${p.field}: ${p.message}`);

describe('a sale is always below the list price (item 2)', () => {
  const onSale = course({ sale: { pricePaise: 40000, startsAt: null, endsAt: NOW + 10 * DAY } });

  it('refuses a list price at or under a running sale price, as a conflict naming the way out', () => {
    for (const pricePaise of [40000, 30000]) {
      const problems = courseChangeProblems(onSale, { ...onSale, pricePaise }, moment);
      expect(summary(problems)).toEqual([expect.stringMatching(/^conflict price: .*₹400/)]);
      expect(problems[0]!.hint).toContain('--cancel');
    }
    expect(courseChangeProblems(onSale, { ...onSale, pricePaise: 40100 }, moment)).toEqual([]);
  });

  it('counts a scheduled sale too, but not one that has ended', () => {
    const scheduled = course({ sale: { pricePaise: 40000, startsAt: NOW + 5 * DAY, endsAt: NOW + 10 * DAY } });
    expect(courseChangeProblems(scheduled, { ...scheduled, pricePaise: 30000 }, moment)).toHaveLength(1);
    const ended = course({ sale: { pricePaise: 40000, startsAt: null, endsAt: NOW - DAY } });
    expect(courseChangeProblems(ended, { ...ended, pricePaise: 30000 }, moment)).toEqual([]);
  });

  it('refuses a new sale at or above the list price', () => {
    const plain = course();
    const sale = { pricePaise: 50000, startsAt: null, endsAt: NOW + DAY };
    expect(summary(courseChangeProblems(plain, { ...plain, sale }, moment))).toEqual([
      expect.stringMatching(/^conflict sale: the sale price ₹500 is not below the list price ₹500/),
    ]);
    expect(courseChangeProblems(plain, { ...plain, sale: { ...sale, pricePaise: 49999 } }, moment)).toEqual([]);
  });

  it('judges a new course the same way', () => {
    const fresh = course({ pricePaise: 30000, sale: { pricePaise: 40000, startsAt: null, endsAt: NOW + DAY } });
    expect(courseChangeProblems(null, fresh, moment)).toHaveLength(1);
  });
});

describe('courses start after today (item 3)', () => {
  it('refuses a new course starting today or earlier, in the catalogue zone', () => {
    for (const startDate of ['2026-11-25', '2026-11-01']) {
      const problems = courseChangeProblems(null, course({ startDate, endDate: '2026-12-30' }), moment);
      expect(summary(problems)).toEqual([expect.stringMatching(/^invalid start: /)]);
      expect(problems[0]!.hint).toContain('2026-11-26');
    }
    expect(courseChangeProblems(null, course({ startDate: '2026-11-26' }), moment)).toEqual([]);
  });

  it('holds drafts to it as well', () => {
    expect(courseChangeProblems(null, course({ status: 'draft', startDate: '2026-11-20' }), moment)).toHaveLength(1);
  });

  it('lets a course that has started change anything but its start', () => {
    const started = course({ startDate: '2026-11-20', endDate: '2026-11-30' });
    const retitled = { ...started, title: 'New title', endDate: '2026-12-05' };
    expect(courseChangeProblems(started, retitled, moment)).toEqual([]);
    expect(summary(courseChangeProblems(started, { ...started, startDate: '2026-11-21' }, moment))).toEqual([
      expect.stringMatching(/^invalid start: /),
    ]);
  });

  it('does not publish a draft whose start date has come', () => {
    const draft = course({ status: 'draft', startDate: '2026-11-20', endDate: '2026-11-30' });
    expect(summary(courseChangeProblems(draft, { ...draft, status: 'published' }, moment))).toEqual([
      expect.stringMatching(/^conflict start: .*started on 2026-11-20/),
    ]);
    expect(courseChangeProblems(draft, { ...draft, status: 'published', startDate: '2026-12-01', endDate: '2026-12-05' }, moment)).toEqual(
      [],
    );
  });

  it('restores a course as it was (an export read back keeps its dates)', () => {
    expect(courseChangeProblems(null, course({ startDate: '2026-01-10', endDate: '2026-01-12' }), moment, { restoring: true })).toEqual([]);
  });
});

describe('status and seats (item 20)', () => {
  it('refuses a return to draft once students registered, as a conflict', () => {
    const sold = course({ registrations: 3 });
    expect(summary(courseChangeProblems(sold, { ...sold, status: 'draft' }, moment))).toEqual([
      expect.stringMatching(/^conflict status: .*registrations and cannot go back to draft/),
    ]);
    const empty = course();
    expect(courseChangeProblems(empty, { ...empty, status: 'draft' }, moment)).toEqual([]);
  });

  it('leaves stopping, resuming and archiving to their own commands', () => {
    const stopped = course({ status: 'stopped' });
    expect(summary(courseChangeProblems(stopped, { ...stopped, status: 'published' }, moment))).toEqual([
      expect.stringMatching(/^conflict status: course crs_test000001 is stopped/),
    ]);
    const published = course();
    expect(summary(courseChangeProblems(published, { ...published, status: 'archived' }, moment))).toEqual([
      expect.stringMatching(/^conflict status: /),
    ]);
  });

  it('keeps seats at or above registrations', () => {
    const sold = course({ registrations: 7 });
    expect(summary(courseChangeProblems(sold, { ...sold, seats: 6 }, moment))).toEqual([
      expect.stringMatching(/^conflict seats: 7 students are registered/),
    ]);
    expect(courseChangeProblems(sold, { ...sold, seats: 7 }, moment)).toEqual([]);
  });

  it('lets nothing about an archived course change, and says only that', () => {
    const archived = course({ status: 'archived', registrations: 3 });
    expect(summary(courseChangeProblems(archived, { ...archived, seats: 1, pricePaise: 100 }, moment))).toEqual([
      expect.stringMatching(/^conflict course: course crs_test000001 is archived/),
    ]);
  });
});

describe('expected versions (item 23)', () => {
  it('tells a stale version (conflict) from one that does not exist yet (usage)', () => {
    expect(editVersionProblem('crs_x', 3, 3)).toBeUndefined();
    expect(editVersionProblem('crs_x', 2, 3)).toMatchObject({ kind: 'conflict' });
    expect(editVersionProblem('crs_x', 3, 1)).toMatchObject({ kind: 'invalid', message: expect.stringContaining('version 1') });
  });
});

describe('refuseIfAny', () => {
  it('throws a conflict when any problem is one, otherwise a validation error, and nothing for none', () => {
    const invalid: CourseProblem = { field: 'start', message: 'bad start', hint: 'fix it', kind: 'invalid' };
    const conflict: CourseProblem = { field: 'seats', message: 'too few seats', hint: 'more', kind: 'conflict' };
    expect(() => refuseIfAny([])).not.toThrow();
    expect(() => refuseIfAny([invalid])).toThrow(ValidationError);
    expect(() => refuseIfAny([invalid, conflict])).toThrow(ConflictError);
    expect(() => refuseIfAny([invalid, conflict])).toThrow(/bad start[\s\S]*too few seats/);
    expect(() => refuseIfAny([editVersionProblem('crs_x', 3, 1)!])).toThrow(UsageError);
  });
});

describe('free courses, unlimited seats and free starts (issue 14)', () => {
  it('takes ₹0 as a price, and a sale down to ₹0, but nothing below', () => {
    expect(courseChangeProblems(null, course({ pricePaise: 0 }), moment)).toEqual([]);
    const plain = course();
    expect(courseChangeProblems(plain, { ...plain, sale: { pricePaise: 0, startsAt: null, endsAt: NOW + DAY } }, moment)).toEqual([]);
    // A free course has nothing to lower.
    const free = course({ pricePaise: 0 });
    expect(summary(courseChangeProblems(free, { ...free, sale: { pricePaise: 0, startsAt: null, endsAt: NOW + DAY } }, moment))).toEqual([
      expect.stringMatching(/^conflict sale: the sale price ₹0 is not below the list price ₹0/),
    ]);
  });

  it('takes no seat limit, and puts one back only at or above the registrations', () => {
    const unlimited = course({ seats: null, registrations: 250 });
    expect(courseChangeProblems(null, unlimited, moment)).toEqual([]);
    expect(summary(courseChangeProblems(unlimited, { ...unlimited, seats: 200 }, moment))).toEqual([
      expect.stringMatching(/^conflict seats: 250 students are registered/),
    ]);
    expect(courseChangeProblems(unlimited, { ...unlimited, seats: 250 }, moment)).toEqual([]);
  });

  it('fits a free start to its course: a paid course, fewer free days than days, an upgrade within the course', () => {
    // courseRules' course runs 2027-01-10 to 2027-01-12: three days.
    const judged = (overrides: Partial<Course>) => summary(courseChangeProblems(null, course(overrides), moment));
    expect(judged({ freeDays: 2 })).toEqual([]);
    expect(judged({ freeDays: 1, upgradeUntilDay: 3 })).toEqual([]);
    expect(judged({ freeDays: 2, upgradeUntilDay: 2 })).toEqual([]);
    expect(judged({ freeDays: 3 })).toEqual(['invalid freeDays: 3 free days would cover the whole 3-day course']);
    expect(judged({ freeDays: 2, pricePaise: 0 })).toEqual([
      'invalid freeDays: a free course has no free start: all of it is free already',
    ]);
    expect(judged({ upgradeUntilDay: 2 })).toEqual(['invalid upgradeUntilDay: an upgrade deadline needs a free start']);
    expect(judged({ freeDays: 2, upgradeUntilDay: 1 })).toEqual([
      'invalid upgradeUntilDay: the upgrade would close on day 1, before the last free day (day 2)',
    ]);
    expect(judged({ freeDays: 1, upgradeUntilDay: 4 })).toEqual([
      "invalid upgradeUntilDay: the upgrade would close on day 4, after the course's last day (day 3, 2027-01-12)",
    ]);
  });

  it('judges the free start again when the course around it changes: a shorter course, a price of ₹0', () => {
    const freeStart = course({ freeDays: 2 });
    expect(summary(courseChangeProblems(freeStart, { ...freeStart, endDate: '2027-01-11' }, moment))).toEqual([
      'invalid freeDays: 2 free days would cover the whole 2-day course',
    ]);
    expect(courseChangeProblems(freeStart, { ...freeStart, pricePaise: 0 }, moment)).toHaveLength(1);
    // Moving both dates keeps the days: nothing to say.
    expect(courseChangeProblems(freeStart, { ...freeStart, startDate: '2027-02-10', endDate: '2027-02-12' }, moment)).toEqual([]);
  });

  it('lets a free start with students on it grow, never shrink or go', () => {
    const started = course({ freeDays: 1, upgradeUntilDay: 3, freeEnrolments: 4 });
    expect(courseChangeProblems(started, { ...started, freeDays: 2 }, moment)).toEqual([]);
    // The default upgrade day is the day after the free days: day 2 here, earlier than 3.
    for (const change of [{ freeDays: null, upgradeUntilDay: null }, { upgradeUntilDay: null }, { upgradeUntilDay: 2 }]) {
      const problems = courseChangeProblems(started, { ...started, ...change }, moment);
      expect(summary(problems)).toEqual([expect.stringMatching(/^conflict freeDays: 4 students started crs_test000001 free/)]);
      expect(problems[0]!.hint).toContain('registrations list --course crs_test000001');
    }
    // Without free students it may change as it likes.
    const empty = course({ freeDays: 2 });
    expect(courseChangeProblems(empty, { ...empty, freeDays: null }, moment)).toEqual([]);
  });
});
