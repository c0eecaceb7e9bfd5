import { beforeAll, describe, expect, it } from 'vitest';
import { addCourse } from '../../src/services/courseAuthoring.js';
import { startSale } from '../../src/services/coursePricing.js';
import { archiveCourse, stopSale } from '../../src/services/courseAvailability.js';
import { seedCatalogue } from '../../src/services/seedCatalogue.js';
import { buildSearchQuery } from '../../src/domain/searchQuery.js';
import type { SearchRequest } from '../../src/domain/searchQuery.js';
import { SqliteSearchClient } from '../../src/search/sqliteSearchClient.js';
import { courseInput } from '../support/courseFactory.js';
import { tempCatalog } from '../support/tempCatalog.js';

describe('embedded search on a real SQLite file', () => {
  const catalog = tempCatalog({ now: '2026-11-25T06:30:00Z' });
  const client = new SqliteSearchClient(catalog.db);
  const search = (request: SearchRequest) =>
    client.searchNow(buildSearchQuery(request, { now: catalog.time.now(), timeZone: 'Asia/Kolkata' }));
  const ids: Record<string, string> = {};

  beforeAll(() => {
    const add = (key: string, overrides: Parameters<typeof courseInput>[0]) => (ids[key] = addCourse(catalog, courseInput(overrides)).id);
    add('bake', {
      title: 'Bake Bread at Home',
      description: 'Yeast, flour and patience.',
      category: 'baking',
      price: '599',
      start: '2027-10-04',
      end: '2027-10-10',
    });
    add('baked', {
      title: 'Cakes',
      description: 'Everything baked: sponges, cheesecakes.',
      category: 'baking',
      price: '799',
      start: '2027-10-12',
      end: '2027-10-20',
    });
    add('cafe', {
      title: 'Café Latte Art',
      description: 'Milk texture and pouring.',
      category: 'cooking',
      price: '499',
      start: '2027-03-01',
      end: '2027-03-05',
    });
    add('python', {
      title: 'Python Basics',
      description: 'Loops and baking-free functions.',
      category: 'python',
      price: '1999',
      start: '2026-12-01',
      end: '2026-12-10',
      teacher: 'Arjun Rao',
    });
    // Added before it started: a course cannot be given a start date that has come.
    catalog.time.set('2026-11-10T06:30:00Z');
    add('started', { title: 'Baking Already Running', category: 'baking', price: '299', start: '2026-11-20', end: '2026-12-20' });
    catalog.time.set('2026-11-25T06:30:00Z');
    add('stopped', { title: 'Stopped Baking Course', category: 'baking', price: '299', start: '2027-10-05', end: '2027-10-09' });
    add('draft', {
      title: 'Draft Baking Course',
      category: 'baking',
      price: '299',
      start: '2027-10-05',
      end: '2027-10-09',
      status: 'draft',
    });
    add('archived', { title: 'Archived Baking Course', category: 'baking', price: '299', start: '2027-10-05', end: '2027-10-09' });
    stopSale(catalog, ids.stopped!, 'teacher unwell');
    archiveCourse(catalog, ids.archived!);
  });

  it('finds word forms: "baking" finds Bake and baked, not the unrelated', () => {
    const found = search({ text: 'baking' }).results.map((r) => r.id);
    expect(found).toContain(ids.bake);
    expect(found).toContain(ids.baked);
    expect(found).not.toContain(ids.cafe);
  });

  it('ignores case and accents: "CAFE" finds Café', () => {
    expect(search({ text: 'CAFE' }).results.map((r) => r.id)).toEqual([ids.cafe]);
  });

  it('ranks a title match above a description-only match', () => {
    const found = search({ text: 'baking' }).results.map((r) => r.id);
    expect(found.indexOf(ids.bake!)).toBeLessThan(found.indexOf(ids.python!));
  });

  it('lists only published courses that have not started, unless --all; never archived', () => {
    const listed = search({ text: 'baking', limit: 100 }).results.map((r) => r.id);
    expect(listed).not.toContain(ids.started);
    expect(listed).not.toContain(ids.stopped);
    expect(listed).not.toContain(ids.draft);
    const all = search({ text: 'baking', all: true, limit: 100 }).results.map((r) => r.id);
    expect(all).toEqual(expect.arrayContaining([ids.started, ids.stopped, ids.draft]));
    expect(all).not.toContain(ids.archived);
  });

  it('answers the canonical example: baking, at most ₹599, in October', () => {
    const result = search({ text: 'baking', maxPrice: '599', month: 'oct' });
    expect(result.results.map((r) => r.id)).toEqual([ids.bake]);
    expect(result.total).toBe(1);
  });

  it.each(['"', "'", 'c++', '(((', 'title:x', '*', 'AND OR NOT', 'NEAR(a b)', '\\', '-', '^baking', '🍞'])('never fails on %j', (text) => {
    expect(() => search({ text })).not.toThrow();
  });

  it('applies a sale while it runs and drops it by itself when it ends', () => {
    startSale(catalog, ids.baked!, { price: '549', until: '2026-11-30' });
    expect(search({ text: 'cakes', maxPrice: '599' }).results.map((r) => [r.id, r.price, r.listPrice])).toEqual([[ids.baked, 549, 799]]);
    catalog.time.set('2026-11-30T18:29:59Z'); // 23:59:59 in India on the last day
    expect(search({ text: 'cakes', maxPrice: '599' }).total).toBe(1);
    catalog.time.set('2026-11-30T18:30:00Z');
    expect(search({ text: 'cakes', maxPrice: '599' }).total).toBe(0);
    expect(search({ text: 'cakes' }).results[0]).toMatchObject({ price: 799, listPrice: 799 });
    catalog.time.set('2026-11-25T06:30:00Z');
  });

  it('a future sale does not apply before it starts', () => {
    const id = addCourse(catalog, courseInput({ title: 'Future sale course', price: '1000', start: '2027-05-01', end: '2027-05-03' })).id;
    startSale(catalog, id, { price: '500', from: '2026-12-01', until: '2026-12-31' });
    expect(search({ text: 'future sale' }).results[0]!.price).toBe(1000);
    catalog.time.set('2026-12-01T00:00:00Z'); // 05:30 in India on the 1st
    expect(search({ text: 'future sale' }).results[0]!.price).toBe(500);
    catalog.time.set('2026-11-25T06:30:00Z');
  });

  it('filters by teacher whatever the case, and by category', () => {
    expect(search({ teacher: 'arjun RAO' }).results.map((r) => r.id)).toEqual([ids.python]);
    expect(search({ category: 'Cooking' }).results.map((r) => r.id)).toEqual([ids.cafe]);
  });
});

describe('sorting and pages over a seeded catalogue', () => {
  const catalog = tempCatalog({ now: '2026-11-25T06:30:00Z' });
  const client = new SqliteSearchClient(catalog.db);
  const search = (request: SearchRequest) =>
    client.searchNow(buildSearchQuery(request, { now: catalog.time.now(), timeZone: 'Asia/Kolkata' }));
  beforeAll(() => seedCatalogue(catalog, { courses: 600, seed: 7 }));

  it.each([
    ['price', 'asc'],
    ['price', 'desc'],
    ['registrations', 'desc'],
    ['start', 'asc'],
  ] as const)('pages by %s %s never overlap or skip, and ties break on id', (sort, order) => {
    const everything = search({ sort, order, limit: 100, all: true });
    const pages = Array.from(
      { length: Math.ceil(everything.total / 37) },
      (_, i) => search({ sort, order, limit: 37, page: i + 1, all: true }).results,
    );
    const paged = pages.flat();
    expect(paged.length).toBe(everything.total);
    expect(new Set(paged.map((r) => r.id)).size).toBe(everything.total);
    const key = (r: (typeof paged)[number]) => (sort === 'price' ? r.price : sort === 'registrations' ? r.registrations : r.startDate);
    for (let i = 1; i < paged.length; i++) {
      const [a, b] = [paged[i - 1]!, paged[i]!];
      const cmp = key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
      if (cmp === 0) expect(a.id < b.id).toBe(true);
      else expect(cmp).toBe(order === 'asc' ? -1 : 1);
    }
  });

  it('hides sold-out courses with --available and shows them with seatsLeft 0 otherwise', () => {
    const all = search({ all: true, limit: 100, sort: 'registrations' });
    const soldOut = search({ all: true, limit: 100 }).total - search({ all: true, available: true, limit: 100 }).total;
    expect(soldOut).toBeGreaterThan(0);
    expect(all.results.some((r) => r.seatsLeft === 0)).toBe(true);
    expect(search({ all: true, available: true, limit: 100 }).results.every((r) => r.seatsLeft === null || r.seatsLeft > 0)).toBe(true);
  });

  it('returns an empty page past the end with the exact total', () => {
    const result = search({ page: 10_000 });
    expect(result.results).toEqual([]);
    expect(result.total).toBe(search({}).total);
  });
});
