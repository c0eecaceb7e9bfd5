import type { Course } from '../../src/domain/course.js';
import type { CourseFieldsInput } from '../../src/domain/courseInput.js';

let counter = 0;

/** A valid course as a user would type it; override only what the test is about. */
export function courseInput(overrides: CourseFieldsInput = {}): CourseFieldsInput {
  counter++;
  return {
    title: `Sample course ${counter}`,
    description: 'A short hands-on course.',
    teacher: 'Priya Sharma',
    category: 'python',
    price: '999',
    start: '2027-01-10',
    end: '2027-01-20',
    seats: '20',
    ...overrides,
  };
}

/** Course fields as `course add` / `course edit` flags: `freeDays: '3'` is `--free-days 3`. */
export function courseFlags(input: CourseFieldsInput): string[] {
  return Object.entries(input).flatMap(([field, value]) => [`--${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`, String(value)]);
}

/** Sourdough at Home as typed at the terminal: the course the CLI's end-to-end tests add and edit. */
export const SOURDOUGH_AT_HOME = {
  title: 'Sourdough at Home',
  description: 'Starter, shaping, baking.',
  teacher: 'Meera Iyer',
  category: 'baking',
  price: '799',
  start: '2027-10-04',
  end: '2027-10-08',
  seats: '12',
} as const satisfies CourseFieldsInput;

/** The course the assessment end-to-end tests quiz in: ten days from 10 Jan 2027, ₹999 (their quizzes' days count from its start). */
export const PYTHON_IN_TEN_DAYS = {
  title: 'Python in 10 Days',
  description: 'Hands on.',
  teacher: 'Priya Sharma',
  category: 'python',
  price: '999',
  start: '2027-01-10',
  end: '2027-01-19',
  seats: '40',
} as const satisfies CourseFieldsInput;

const CREATED = Date.parse('2026-11-25T06:30:00Z');

/** A course as the store gives it to the domain (no I/O): published, ₹500, 10–12 Jan 2027, 10 seats, nobody registered. */
export function storedCourse(overrides: Partial<Course> = {}): Course {
  return {
    id: 'crs_test000001',
    externalId: null,
    title: 'Sourdough at Home',
    description: 'Starter, shaping, baking.',
    teacher: 'Meera Iyer',
    category: 'baking',
    pricePaise: 50000,
    sale: null,
    startDate: '2027-01-10',
    endDate: '2027-01-12',
    seats: 10,
    registrations: 0,
    freeDays: null,
    upgradeUntilDay: null,
    freeEnrolments: 0,
    freeStarts: 0,
    upgrades: 0,
    status: 'published',
    stopReason: null,
    version: 1,
    moduleCount: 0,
    materialCount: 0,
    previewCount: 0,
    createdAt: CREATED,
    updatedAt: CREATED,
    ...overrides,
  };
}
