import { describe, expect, it } from 'vitest';
import { closedCourseNotice, FIND_ANOTHER_ON_SITE, studentRegistrationRefusal } from '../../src/domain/closedCourseNotice.js';
import type { RegistrationClosure } from '../../src/domain/registrationWindow.js';

const NOW = Date.parse('2026-11-25T06:30:00Z');
const TZ = 'Asia/Kolkata';
const course = { status: 'published' as const, startDate: '2026-12-01', seats: 10, registrations: 3 };

describe('what a student is told about a closed course', () => {
  it('a sentence for every reason, each its own', () => {
    const closures: RegistrationClosure[] = ['draft', 'stopped', 'archived', 'started', 'sold-out'];
    const notices = closures.map(closedCourseNotice);
    expect(new Set(notices).size).toBe(closures.length);
    // Whole sentences: a page shows them as they are.
    for (const notice of notices) expect(notice).toMatch(/^[A-Z].+\.$/);
    expect(closedCourseNotice('sold-out')).toBe('This course is sold out: every seat is taken.');
  });

  it('Register and checkout refuse with it, the reason chosen by registrationClosure, and send the student to the search page', () => {
    expect(studentRegistrationRefusal(course, NOW, TZ)).toBeUndefined();
    expect(studentRegistrationRefusal({ ...course, seats: null, registrations: 500 }, NOW, TZ)).toBeUndefined();
    expect(studentRegistrationRefusal({ ...course, registrations: 10 }, NOW, TZ)).toEqual({
      message: closedCourseNotice('sold-out'),
      hint: FIND_ANOTHER_ON_SITE,
    });
    // A course that started is "started" even when it is full too: the first reason a person would look for.
    expect(studentRegistrationRefusal({ ...course, startDate: '2026-11-25', registrations: 10 }, NOW, TZ)?.message).toBe(
      closedCourseNotice('started'),
    );
    expect(studentRegistrationRefusal({ ...course, status: 'stopped' }, NOW, TZ)?.message).toBe(closedCourseNotice('stopped'));
  });
});
