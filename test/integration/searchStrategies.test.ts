import { beforeAll, describe, expect, it } from 'vitest';
import { dateAt } from '../../src/domain/calendar.js';
import { effectivePrice } from '../../src/domain/course.js';
import type { Course } from '../../src/domain/course.js';
import { addCourse, editCourse } from '../../src/services/courseAuthoring.js';
import { archiveCourse, stopSale } from '../../src/services/courseAvailability.js';
import { seedCatalogue } from '../../src/services/seedCatalogue.js';
import { PRICE_BANDS, withoutOwnFilter } from '../../src/domain/searchFacets.js';
import type { FacetName } from '../../src/domain/searchFacets.js';
import { buildSearchQuery } from '../../src/domain/searchQuery.js';
import type { SearchQuery, SearchRequest } from '../../src/domain/searchQuery.js';
import { documentTerms } from '../../src/domain/text/courseTerms.js';
import { RELEVANCE_POINTS, TEXT_COLUMNS } from '../../src/domain/text/relevance.js';
import { isTypoOf } from '../../src/domain/text/typoPolicy.js';
import { SqliteSearchClient } from '../../src/search/sqliteSearchClient.js';
import { courseInput } from '../support/courseFactory.js';
import { tempCatalog } from '../support/tempCatalog.js';

/**
 * Text searches take different ways depending on the query (relevance candidates with a total
 * counted apart, or one pass with a tally) and on the data (few or many courses left out by the
 * listing rule, scores tied past the candidates). Whatever the way, the answer must be what a
 * brute-force reading of every course gives: the same total, the same page in the same order.
 */
describe('search ways (with text or none) agree with a brute-force reading of every course', () => {
  const T0 = '2026-11-25T06:30:00Z';
  const LATER = '2027-06-01T06:30:00Z'; // by then half the seeded courses have started
  const timeZone = 'Asia/Kolkata';
  const catalog = tempCatalog({ now: T0 });
  const client = new SqliteSearchClient(catalog.db);
  // The web server's client: sorted text searches read the in-memory copy of course_facts.
  const mirrored = new SqliteSearchClient(catalog.db, { factsInMemory: true });
  let teacher = '';

  beforeAll(() => {
    seedCatalogue(catalog, { courses: 3000, seed: 20261125 });
    const add = (overrides: Parameters<typeof courseInput>[0]) => addCourse(catalog, courseInput(overrides));
    // 1,100 courses with one score between them: a page inside the tie needs more than the
    // candidates, even eight times over, so the search must fall back to the full pass.
    for (let i = 0; i < 1100; i++)
      add({ title: 'Sitar Evenings', description: 'Ragas on the sitar.', category: 'music', price: String(499 + (i % 7) * 100) });
    // The best-scoring harp courses are drafts: the first candidates are all left out.
    for (let i = 0; i < 300; i++) add({ title: 'Harp Harp Harp', description: 'Harp.', category: 'music', status: 'draft' });
    for (let i = 0; i < 600; i++) {
      add({
        title: `Harp lessons, group ${i}`,
        description: 'Plucking, tuning and reading music for the harp, one small step each week.',
        category: 'music',
        price: String(599 + (i % 11) * 100),
      });
    }
    // A rare word: far fewer matches than courses left out by the rule.
    add({ title: 'Zither Basics', category: 'music', start: '2027-02-01', end: '2027-02-05' });
    add({ title: 'Zither Ensemble', category: 'music', status: 'draft' });
    stopSale(catalog, add({ title: 'Zither Stopped', category: 'music' }).id, 'teacher unwell');
    archiveCourse(catalog, add({ title: 'Zither Archived', category: 'music' }).id);
    // Moved to another month and back to a draft after it was added: the full-text index's
    // listing tokens (its start month, its status) must follow both changes.
    const moved = add({ title: 'Zither Moved', category: 'music', start: '2027-02-10', end: '2027-02-12' });
    editCourse(catalog, moved.id, { start: '2027-10-10', end: '2027-10-12' });
    const unpublished = add({ title: 'Zither Unpublished', category: 'music', start: '2027-10-20', end: '2027-10-22' });
    editCourse(catalog, unpublished.id, { status: 'draft' });
    teacher = catalog.courses.list().find((course) => course.title.startsWith('Learn'))?.teacher ?? catalog.courses.list()[0]!.teacher;
  });

  /**
   * Relevance read off each course's own terms, word by word: the best tier it reaches (title
   * before description; exact, then a typo the policy allows, then the last word as a prefix),
   * summed. A course that misses a word in every form is not a match.
   */
  const termsOf = new Map<string, Record<'title' | 'description', string[]>>();
  const scoresOf = (query: SearchQuery, courses: Course[] = catalog.courses.list({ includeArchived: true })) => {
    const scores = new Map<string, number>();
    for (const course of courses) {
      let terms = termsOf.get(`${course.title}\n${course.description}`);
      if (!terms) {
        terms = { title: documentTerms(course.title), description: documentTerms(course.description) };
        termsOf.set(`${course.title}\n${course.description}`, terms);
      }
      let score = 0;
      for (const [i, term] of query.terms.entries()) {
        const prefix = i === query.terms.length - 1 ? query.prefix : undefined;
        let best = 0;
        for (const column of TEXT_COLUMNS) {
          const points = RELEVANCE_POINTS[column];
          const held = terms[column];
          if (held.includes(term)) best = Math.max(best, points.exact);
          else if (held.some((candidate) => isTypoOf(candidate, { term, typed: query.typed[i]! }))) best = Math.max(best, points.typo);
          else if (prefix !== undefined && held.some((candidate) => candidate.startsWith(prefix))) best = Math.max(best, points.prefix);
        }
        if (best === 0) {
          score = 0;
          break;
        }
        score += best;
      }
      if (score > 0) scores.set(course.id, score);
    }
    return scores;
  };

  /** SQLite's NOCASE folds A–Z only. */
  const nocase = (text: string) => text.replace(/[A-Z]/g, (letter) => letter.toLowerCase());

  function bruteForce(courses: Course[], query: SearchQuery): { total: number; ids: string[] } {
    // Without text every course is a candidate (and the sort is never relevance).
    const scores = query.terms.length ? scoresOf(query, courses) : new Map(courses.map((course) => [course.id, 0]));
    const price = (course: Course) => effectivePrice(course, query.now);
    const kept = passing(courses, query, scores);
    const key = (course: Course): number | string =>
      query.sort === 'relevance'
        ? scores.get(course.id)!
        : query.sort === 'price'
          ? price(course)
          : query.sort === 'registrations'
            ? course.registrations
            : course.startDate;
    const direction = query.order === 'asc' ? 1 : -1;
    kept.sort((a, b) => {
      const [ka, kb] = [key(a), key(b)];
      if (ka !== kb) return (ka < kb ? -1 : 1) * direction;
      return a.id < b.id ? -1 : 1;
    });
    const offset = (query.page - 1) * query.limit;
    return { total: kept.length, ids: kept.slice(offset, offset + query.limit).map((course) => course.id) };
  }

  /** The courses a search finds, read off each course. */
  function passing(courses: Course[], query: SearchQuery, scores = query.terms.length ? scoresOf(query, courses) : undefined): Course[] {
    const price = (course: Course) => effectivePrice(course, query.now);
    return courses.filter(
      (course) =>
        (scores === undefined || scores.has(course.id)) &&
        (query.includeAll ? course.status !== 'archived' : course.status === 'published' && course.startDate > query.today) &&
        (query.minPricePaise === undefined || price(course) >= query.minPricePaise) &&
        (query.maxPricePaise === undefined || price(course) <= query.maxPricePaise) &&
        (query.startFrom === undefined || course.startDate >= query.startFrom) &&
        (query.startTo === undefined || course.startDate <= query.startTo) &&
        (query.category === undefined || course.category === query.category) &&
        (query.teacher === undefined || nocase(course.teacher) === nocase(query.teacher)) &&
        (!query.free || price(course) === 0) &&
        (!query.freeStart || (course.freeDays !== null && course.status === 'published' && course.startDate > query.today)) &&
        (!query.availableOnly || course.seats === null || course.registrations < course.seats),
    );
  }

  // '' is a search without text: the listing index, or one teacher's courses by courses_by_teacher.
  // With typos (pyhton, guitr lessons, zitherr), prefixes of the last word (photogr, harp les),
  // both (sitar evenins), and a word every seeded course holds (course).
  const words = [
    '',
    'python',
    'baking',
    'yoga',
    'sitar',
    'harp',
    'zither',
    'baking bread',
    'guitar lessons',
    'qwertyuiop',
    'pyhton',
    'guitr lessons',
    'zitherr',
    'photogr',
    'harp les',
    'sitar evenins',
    'course',
  ];
  const requests: [string, () => SearchRequest][] = [
    ['relevance', () => ({})],
    ['least relevant first', () => ({ order: 'asc' })],
    ['relevance, page 3', () => ({ page: 3 })],
    ['relevance, 100 a page, page 4', () => ({ limit: 100, page: 4 })],
    ['relevance, past the end', () => ({ limit: 100, page: 500 })],
    ['relevance, --all', () => ({ all: true, page: 2 })],
    ['relevance, --all, least relevant first', () => ({ all: true, order: 'asc', limit: 50 })],
    ['relevance with filters', () => ({ maxPrice: '2999', month: 'oct', available: true })],
    ['relevance, one month', () => ({ month: 'feb' })],
    ['relevance, one month, --all', () => ({ month: '2027-10', all: true })],
    ['by price, two months', () => ({ sort: 'price', from: '2027-01-15', to: '2027-02-20', limit: 20 })],
    ['relevance, three months across a year', () => ({ from: '2026-12-01', to: '2027-02-28', limit: 30, page: 2 })],
    ['by start, four months (narrowed row by row)', () => ({ sort: 'start', from: '2027-01-01', to: '2027-04-30' })],
    ['relevance, one teacher in capitals', () => ({ teacher: teacher.toUpperCase(), all: true })],
    ['relevance, one category', () => ({ category: 'Music', limit: 30, page: 2 })],
    ['by price, one teacher', () => ({ sort: 'price', teacher: teacher.toLowerCase() })],
    ['by price', () => ({ sort: 'price', maxPrice: '2999' })],
    ['by price, dearest first, page 5', () => ({ sort: 'price', order: 'desc', page: 5 })],
    ['by registrations, available only', () => ({ sort: 'registrations', available: true, limit: 25 })],
    ['by start, latest first, from a date', () => ({ sort: 'start', order: 'desc', from: '2027-03-01' })],
    ['by start, from a past date to a future one', () => ({ sort: 'start', from: '2026-01-01', to: '2027-04-30', minPrice: '999' })],
    ['by start, --all from a past date', () => ({ sort: 'start', all: true, from: '2026-01-01', limit: 100 })],
  ];

  for (const instant of [T0, LATER]) {
    describe(`at ${instant}`, () => {
      let courses: Course[] = [];
      beforeAll(() => {
        catalog.time.set(instant);
        courses = catalog.courses.list({ includeArchived: true });
      });

      it.each(requests)('%s', (_, request) => {
        for (const text of words) {
          const query = buildSearchQuery({ text, ...request() }, { now: catalog.time.now(), timeZone });
          const expected = bruteForce(courses, query);
          for (const [way, result] of [
            ['sql', client.searchNow(query)],
            ['in memory', mirrored.searchNow(query)],
          ] as const) {
            expect({ way, text, total: result.total, ids: result.results.map((r) => r.id) }).toEqual({
              way,
              text,
              total: expected.total,
              ids: expected.ids,
            });
          }
        }
      });
    });
  }

  it('facet counts: each over the search without its own filter, as every course says', () => {
    catalog.time.set(T0);
    const courses = catalog.courses.list({ includeArchived: true });
    const facetRequests: SearchRequest[] = [
      {},
      { category: 'Music', month: 'feb', maxPrice: '2999' },
      { minPrice: '999', all: true, from: '2026-12-01', to: '2027-03-31' },
      { free: true, available: true },
      { teacher: teacher.toUpperCase(), maxPrice: '1500', month: '2027-10' },
    ];
    const bandOf = (paise: number) => PRICE_BANDS.findIndex((band) => band.belowPaise === undefined || paise < band.belowPaise);
    for (const text of ['', 'harp', 'baking', 'zither', 'course']) {
      for (const request of facetRequests) {
        const query = buildSearchQuery({ text, ...request, facets: true }, { now: catalog.time.now(), timeZone });
        const count = <K extends string | number>(facet: FacetName, keyOf: (course: Course) => K) => {
          const counts = new Map<K, number>();
          for (const course of passing(courses, withoutOwnFilter(query, facet)))
            counts.set(keyOf(course), (counts.get(keyOf(course)) ?? 0) + 1);
          return counts;
        };
        const categories = count('category', (course) => course.category);
        const months = count('month', (course) => course.startDate.slice(0, 7));
        const bands = count('price', (course) => bandOf(effectivePrice(course, query.now)));
        for (const [way, searcher] of [
          ['sql', client],
          ['in memory', mirrored],
        ] as const) {
          const facets = searcher.searchNow(query).facets!;
          const label = `${way} ${JSON.stringify({ text, ...request })}`;
          expect(facets.category, label).toEqual(
            [...categories].map(([value, n]) => ({ value, count: n })).sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1)),
          );
          expect(facets.month, label).toEqual([...months].sort().map(([value, n]) => ({ value, count: n })));
          expect(
            facets.price.map((band) => band.count),
            label,
          ).toEqual(PRICE_BANDS.map((_, i) => bands.get(i) ?? 0));
        }
      }
    }
  });

  it('the fixtures lead each way: few or many left out, big ties, drafts in the best group, several tiers', () => {
    const scores = (text: string) => scoresOf(buildSearchQuery({ text }, { now: catalog.time.now(), timeZone }));
    const leftOut = () => {
      const today = dateAt(catalog.time.now(), timeZone);
      return catalog.courses.list({ includeArchived: true }).filter((course) => course.status !== 'published' || course.startDate <= today)
        .length;
    };
    catalog.time.set(T0);
    expect(leftOut()).toBeLessThan(scores('harp').size);
    catalog.time.set(LATER);
    expect(leftOut()).toBeGreaterThan(scores('baking').size);
    // One score for all 1,100 sitar courses: a page deep inside one tie, ordered by id alone.
    expect(new Set(scores('sitar').values()).size).toBe(1);
    expect(scores('sitar').size).toBeGreaterThan(1000);
    // The drafts share the best harp score: the best group holds courses the rule leaves out.
    const harp = scores('harp');
    const best = Math.max(...harp.values());
    const drafts = catalog.courses.list({ status: ['draft'] }).filter((course) => course.title === 'Harp Harp Harp');
    expect(drafts.length).toBe(300);
    expect(drafts.every((course) => harp.get(course.id) === best)).toBe(true);
    // Title and description matches, typos and prefixes are other tiers.
    expect(new Set(scores('apis').values()).size).toBeGreaterThan(1);
    expect(new Set(scores('pyhton').values())).toEqual(new Set([5]));
    expect(new Set(scores('harp plucking').values())).toEqual(new Set([9]));
  });
});
