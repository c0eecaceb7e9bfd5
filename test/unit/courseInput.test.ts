import { describe, expect, it } from 'vitest';
import { collectCourseProblems, parseCourseChanges, parseNewCourse } from '../../src/domain/courseInput.js';
import { ValidationError } from '../../src/errors.js';
import { courseInput } from '../support/courseFactory.js';

describe('parseNewCourse', () => {
  it('normalises a valid course', () => {
    const course = parseNewCourse(courseInput({ title: '  Sourdough   Bread ', category: 'Baking', price: '₹1,299.50', seats: 12 }));
    expect(course).toMatchObject({
      title: 'Sourdough Bread',
      category: 'baking',
      pricePaise: 129950,
      seats: 12,
      status: 'published',
      externalId: null,
    });
  });

  it('lists every problem at once, each with a hint', () => {
    const { problems } = collectCourseProblems({ title: 'x', price: '-5', start: '2027-02-30', seats: '0' });
    const fields = problems.map((p) => p.field).sort();
    expect(fields).toEqual(['category', 'description', 'end', 'price', 'seats', 'start', 'teacher', 'title']);
    expect(problems.every((p) => p.hint && p.hint.length > 10)).toBe(true);
  });

  it.each([
    [{ price: -1 }, 'price cannot be below ₹0'],
    [{ seats: 'lots' }, 'or unlimited'],
    [{ freeDays: 'two' }, 'free days must be a whole number from 1 to 366, or none'],
    [{ freeDays: -2 }, 'free days must be a whole number'],
    [{ upgradeUntilDay: '0' }, 'the upgrade day must be a whole number from 1 to 366'],
    [{ price: '100000000' }, 'price must be at most'],
    [{ price: 12.345 }, 'more than two decimals'],
    [{ start: '2027-01-20', end: '2027-01-10' }, 'before start'],
    [{ start: '2027-01-01', end: '2028-06-01' }, 'would run'],
    [{ seats: '2.5' }, 'seats must be a whole number'],
    [{ category: '<script>' }, 'category may hold only'],
    [{ status: 'archived' }, 'status must be draft or published'],
  ])('refuses %j', (overrides, message) => {
    expect(() => parseNewCourse(courseInput(overrides))).toThrow(ValidationError);
    expect(() => parseNewCourse(courseInput(overrides))).toThrow(message);
  });
});

describe('free courses, unlimited seats and free starts as typed', () => {
  it.each([
    [{ price: '0' }, { pricePaise: 0 }],
    [{ price: 0 }, { pricePaise: 0 }],
    [{ seats: 'unlimited' }, { seats: null }],
    [{ seats: ' Unlimited ' }, { seats: null }],
    // JSON null: an export's unlimited seats, no free start, the default upgrade day.
    [{ seats: null }, { seats: null }],
    [{ freeDays: '3' }, { freeDays: 3, upgradeUntilDay: null }],
    [
      { freeDays: 2, upgradeUntilDay: 5 },
      { freeDays: 2, upgradeUntilDay: 5 },
    ],
    [{ freeDays: 'none' }, { freeDays: null }],
    [{ freeDays: '0' }, { freeDays: null }],
    [{ freeDays: null }, { freeDays: null }],
    [
      { freeDays: '2', upgradeUntilDay: 'default' },
      { freeDays: 2, upgradeUntilDay: null },
    ],
  ])('reads %j', (overrides, expected) => {
    expect(parseNewCourse(courseInput(overrides))).toMatchObject(expected);
  });

  it('a new course has no free start unless told', () => {
    expect(parseNewCourse(courseInput())).toMatchObject({ freeDays: null, upgradeUntilDay: null });
  });

  it('an empty cell is not a value: seats stay required, a free start is simply not given', () => {
    expect(() => parseNewCourse(courseInput({ seats: '' }))).toThrow('seats is required');
    expect(parseCourseChanges({ freeDays: '' }, parseNewCourse(courseInput({ freeDays: '2' })))).toEqual({});
  });
});

describe('parseCourseChanges', () => {
  const current = parseNewCourse(courseInput({ start: '2027-01-10', end: '2027-01-20' }));

  it('checks a changed date against the dates that stay', () => {
    expect(() => parseCourseChanges({ end: '2027-01-05' }, current)).toThrow('before start');
    expect(parseCourseChanges({ end: '2027-01-25' }, current)).toEqual({ endDate: '2027-01-25' });
  });

  it('does not require fields an edit leaves alone', () => {
    expect(parseCourseChanges({ description: 'Fixed typo.' }, current)).toEqual({ description: 'Fixed typo.' });
  });
});
