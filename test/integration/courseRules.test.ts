import { describe, expect, it } from 'vitest';
import { ConflictError, UsageError, ValidationError } from '../../src/errors.js';
import { addCourse, editCourse, teacherSpelling } from '../../src/services/courseAuthoring.js';
import { showCourse } from '../../src/services/courseListing.js';
import { stopSale } from '../../src/services/courseAvailability.js';
import { cancelSale, setListPrice, startSale } from '../../src/services/coursePricing.js';
import { registerStudent } from '../../src/services/registerStudent.js';
import { courseInput } from '../support/courseFactory.js';
import { tempCatalog } from '../support/tempCatalog.js';

type Catalog = ReturnType<typeof tempCatalog>;

const outboxOf = (catalog: Catalog, id: string) =>
  catalog.db.prepare('SELECT course_version AS version, change FROM outbox WHERE course_id = ? ORDER BY id').all(id);

/** Runs `change`, expects it to throw `kind`, and checks the course and its outbox did not move. */
function refusedUnchanged(catalog: Catalog, id: string, change: () => unknown, kind: new (...args: never[]) => Error, message?: RegExp) {
  const before = catalog.courses.get(id);
  const outbox = outboxOf(catalog, id);
  let thrown: unknown;
  try {
    change();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(kind);
  if (message) expect((thrown as Error).message).toMatch(message);
  expect(catalog.courses.get(id)).toEqual(before);
  expect(outboxOf(catalog, id)).toEqual(outbox);
}

async function register(catalog: Catalog, id: string, email: string, amount: string) {
  return registerStudent(catalog, { courseId: id, student: email, amount, paymentRef: `pay_${email}` });
}

describe('decimal commas are refused, never read as 100× (item 1)', () => {
  const catalog = tempCatalog();

  it('in the list price, a new course and a sale', () => {
    const { id } = addCourse(catalog, courseInput({ price: '999' }));
    refusedUnchanged(catalog, id, () => setListPrice(catalog, id, '599,50'), UsageError, /not an amount in rupees/);
    refusedUnchanged(catalog, id, () => startSale(catalog, id, { price: '599,50', until: '2026-12-31' }), UsageError);
    refusedUnchanged(catalog, id, () => editCourse(catalog, id, { price: '599,50' }), ValidationError);
    expect(() => addCourse(catalog, courseInput({ price: '599,50' }))).toThrow(
      expect.objectContaining({ hint: expect.stringMatching(/write 599\.50; commas only group thousands/) }),
    );
    expect(setListPrice(catalog, id, '1,299').pricePaise).toBe(129900);
  });
});

describe('a sale never charges more than the list price (item 2)', () => {
  const catalog = tempCatalog();

  it('refuses a list price at or below a running sale, on every path, as a conflict', () => {
    const { id } = addCourse(catalog, courseInput({ price: '999' }));
    startSale(catalog, id, { price: '400', until: '2026-12-31' });
    refusedUnchanged(catalog, id, () => setListPrice(catalog, id, '300'), ConflictError, /below the sale price|sale price ₹400/);
    refusedUnchanged(catalog, id, () => editCourse(catalog, id, { price: '400' }), ConflictError);
    expect(setListPrice(catalog, id, '401').pricePaise).toBe(40100);
  });

  it('counts a scheduled sale, and lets the price fall once the sale has ended', () => {
    const { id } = addCourse(catalog, courseInput({ price: '999' }));
    startSale(catalog, id, { price: '400', from: '2026-12-10', until: '2026-12-31' });
    refusedUnchanged(catalog, id, () => setListPrice(catalog, id, '300'), ConflictError);
    catalog.time.set('2027-01-01T00:00:00Z');
    try {
      expect(setListPrice(catalog, id, '300').pricePaise).toBe(30000);
    } finally {
      catalog.time.set('2026-11-25T06:30:00Z');
    }
  });

  it('refuses a sale at or above the list price as a conflict too', () => {
    const { id } = addCourse(catalog, courseInput({ price: '999' }));
    refusedUnchanged(
      catalog,
      id,
      () => startSale(catalog, id, { price: '999', until: '2026-12-31' }),
      ConflictError,
      /not below the list price/,
    );
    cancelSale(catalog, id);
  });
});

describe('courses in the past (item 3)', () => {
  const catalog = tempCatalog();

  it('refuses a start today or before, drafts included, and creates nothing', () => {
    const count = catalog.courses.count();
    for (const start of ['2026-11-25', '2026-11-24']) {
      expect(() => addCourse(catalog, courseInput({ start, end: '2026-12-10' }))).toThrow(ValidationError);
      expect(() => addCourse(catalog, courseInput({ start, end: '2026-12-10', status: 'draft' }))).toThrow(/start/);
    }
    expect(catalog.courses.count()).toBe(count);
    expect(addCourse(catalog, courseInput({ start: '2026-11-26', end: '2026-12-10' })).startDate).toBe('2026-11-26');
  });

  it('uses the catalogue zone: 20:00 UTC on the 25th is already the 26th in India', () => {
    catalog.time.set('2026-11-25T20:00:00Z');
    try {
      expect(() => addCourse(catalog, courseInput({ start: '2026-11-26', end: '2026-12-10' }))).toThrow(/start/);
    } finally {
      catalog.time.set('2026-11-25T06:30:00Z');
    }
  });

  it('lets a started course be edited, but not moved into the past or published late', () => {
    const { id } = addCourse(catalog, courseInput({ start: '2026-12-01', end: '2026-12-10' }));
    const draft = addCourse(catalog, courseInput({ start: '2026-12-01', end: '2026-12-10', status: 'draft' }));
    catalog.time.set('2026-12-03T06:30:00Z');
    try {
      expect(editCourse(catalog, id, { description: 'Fixed a typo.', end: '2026-12-12' }).version).toBe(2);
      refusedUnchanged(catalog, id, () => editCourse(catalog, id, { start: '2026-12-02' }), ValidationError);
      refusedUnchanged(
        catalog,
        draft.id,
        () => editCourse(catalog, draft.id, { status: 'published' }),
        ConflictError,
        /started on 2026-12-01/,
      );
      expect(editCourse(catalog, draft.id, { status: 'published', start: '2026-12-20', end: '2026-12-24' }).status).toBe('published');
    } finally {
      catalog.time.set('2026-11-25T06:30:00Z');
    }
  });
});

describe('teacher names keep the spelling confirmed last (item 5)', () => {
  const catalog = tempCatalog();

  it('respells the teacher on every course, republishing the others, and says so beforehand', () => {
    const first = addCourse(catalog, courseInput({ teacher: 'meera iyer' }));
    expect(teacherSpelling(catalog, 'Meera Iyer')).toEqual({ stored: 'meera iyer', typed: 'Meera Iyer', courses: 1 });
    expect(teacherSpelling(catalog, 'meera iyer')).toBeUndefined();
    expect(teacherSpelling(catalog, 'Someone New')).toBeUndefined();
    const second = addCourse(catalog, courseInput({ teacher: 'Meera Iyer' }));
    expect(second.teacher).toBe('Meera Iyer');
    expect(catalog.courses.get(first.id)).toMatchObject({ teacher: 'Meera Iyer', version: 2 });
    // The first course's search document must follow: it gets an outbox entry of its own.
    expect(outboxOf(catalog, first.id)).toEqual([
      { version: 1, change: 'created' },
      { version: 2, change: 'teacher-renamed' },
    ]);
    expect(outboxOf(catalog, second.id)).toEqual([{ version: 1, change: 'created' }]);
  });

  it('through an edit of the course itself, too', () => {
    const { id } = addCourse(catalog, courseInput({ teacher: 'arjun rao' }));
    const other = addCourse(catalog, courseInput({ teacher: 'Arjun Rao' }));
    const edited = editCourse(catalog, id, { teacher: 'ARJUN RAO' });
    expect(edited).toMatchObject({ teacher: 'ARJUN RAO', version: 3 });
    expect(catalog.courses.get(other.id).teacher).toBe('ARJUN RAO');
  });
});

describe('return to draft and stale versions (items 20, 23)', () => {
  const catalog = tempCatalog();

  it('a course with registrations cannot go back to draft: a conflict, whatever else changes', async () => {
    const { id } = addCourse(catalog, courseInput({ price: '999' }));
    await register(catalog, id, 'asha@example.in', '999');
    refusedUnchanged(catalog, id, () => editCourse(catalog, id, { status: 'draft' }), ConflictError, /cannot go back to draft/);
    refusedUnchanged(catalog, id, () => editCourse(catalog, id, { status: 'draft', title: 'Renamed' }), ConflictError);
    stopSale(catalog, id);
    refusedUnchanged(catalog, id, () => editCourse(catalog, id, { status: 'draft' }), ConflictError);
  });

  it('seats below registrations is a conflict', async () => {
    const { id } = addCourse(catalog, courseInput({ price: '999', seats: '5' }));
    await register(catalog, id, 'ravi@example.in', '999');
    await register(catalog, id, 'uma@example.in', '999');
    refusedUnchanged(catalog, id, () => editCourse(catalog, id, { seats: '1' }), ConflictError, /2 students are registered/);
  });

  it('a version from the future is a usage error; an older one a conflict', () => {
    const { id } = addCourse(catalog, courseInput());
    refusedUnchanged(catalog, id, () => editCourse(catalog, id, { title: 'Renamed' }, 3), UsageError, /version 1/);
    expect(() => editCourse(catalog, id, { title: 'Renamed' }, 3)).not.toThrow(ConflictError);
    editCourse(catalog, id, { title: 'Renamed once' }, 1);
    refusedUnchanged(catalog, id, () => editCourse(catalog, id, { title: 'Renamed twice' }, 1), ConflictError);
  });
});

describe('times in the catalogue zone (item 19)', () => {
  const catalog = tempCatalog();

  it('course details give every instant with the zone offset', () => {
    const { id } = addCourse(catalog, courseInput());
    startSale(catalog, id, { price: '499', until: '2026-12-31' });
    const details = showCourse(catalog, id);
    expect(details.sale).toMatchObject({ until: '2027-01-01T00:00:00+05:30', from: null });
    expect(details.createdAt).toBe('2026-11-25T12:00:00+05:30');
    expect(details.updatedAt).toBe('2026-11-25T12:00:00+05:30');
  });
});
