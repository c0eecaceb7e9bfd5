import { describe, expect, it } from 'vitest';
import { registrationClosure } from '../../src/domain/registrationWindow.js';
import { parsePosition, formatPosition } from '../../src/web/live/streamPosition.js';

const now = Date.parse('2026-11-25T06:30:00Z');
const course = { status: 'published' as const, startDate: '2026-12-01', seatsLeft: 3 };

describe('registrationClosure', () => {
  it('is open for a published course that has not started and has seats', () => {
    expect(registrationClosure(course, now, 'Asia/Kolkata')).toBeNull();
  });
  it('says why not, status first, then the start, then the seats', () => {
    expect(registrationClosure({ ...course, status: 'stopped', seatsLeft: 0 }, now, 'Asia/Kolkata')).toBe('stopped');
    expect(registrationClosure({ ...course, status: 'draft' }, now, 'Asia/Kolkata')).toBe('draft');
    expect(registrationClosure({ ...course, status: 'archived' }, now, 'Asia/Kolkata')).toBe('archived');
    expect(registrationClosure({ ...course, startDate: '2026-11-25', seatsLeft: 0 }, now, 'Asia/Kolkata')).toBe('started');
    expect(registrationClosure({ ...course, seatsLeft: 0 }, now, 'Asia/Kolkata')).toBe('sold-out');
  });
  it('judges the start in the catalogue zone: 25 Nov has begun in Kolkata while it is still 24 Nov in New York', () => {
    const lateEvening = Date.parse('2026-11-25T02:00:00Z');
    expect(registrationClosure({ ...course, startDate: '2026-11-25' }, lateEvening, 'Asia/Kolkata')).toBe('started');
    expect(registrationClosure({ ...course, startDate: '2026-11-25' }, lateEvening, 'America/New_York')).toBeNull();
  });
});

describe('event stream positions', () => {
  it('round-trip, and anything else is not a position', () => {
    expect(parsePosition(formatPosition({ outboxId: 1234, boundaryAt: 1767205800000 }))).toEqual({
      outboxId: 1234,
      boundaryAt: 1767205800000,
    });
    for (const text of ['', '12', 'a-b', '1-2-3', '-1-5', '99999999999999999-1']) expect(parsePosition(text), text).toBeUndefined();
  });
});
