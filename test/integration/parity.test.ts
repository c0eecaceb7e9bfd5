import { beforeAll, describe, expect, it } from 'vitest';
import { ElasticsearchSearchClient } from '../../src/search/elasticsearch/elasticsearchSearchClient.js';
import { connectElasticsearch } from '../../src/search/elasticsearch/connection.js';
import { buildSearchQuery } from '../../src/domain/searchQuery.js';
import type { SearchRequest } from '../../src/domain/searchQuery.js';
import { SqliteSearchClient } from '../../src/search/sqliteSearchClient.js';
import { addCourse, editCourse } from '../../src/services/courseAuthoring.js';
import { cancelSale, setListPrice, startSale } from '../../src/services/coursePricing.js';
import { seedCatalogue } from '../../src/services/seedCatalogue.js';
import { syncCatalogue } from '../../src/services/syncCatalogue.js';
import { courseInput } from '../support/courseFactory.js';
import { useTestElasticsearch } from '../support/elasticsearch.js';
import { tempCatalog } from '../support/tempCatalog.js';

/**
 * The same SearchQuery on both clients over the same data: same totals, and for every
 * deterministic sort the same results (ids, order and every field, the price included). Checked
 * at several instants without re-syncing in between, so sales that ended and courses that
 * started since the last sync must be judged at query time by both.
 */
describe('search parity: Elasticsearch answers like the embedded index', () => {
  const es = useTestElasticsearch('parity');
  const T0 = '2026-11-25T06:30:00Z';
  const catalog = tempCatalog({ now: T0 });
  const sqlite = new SqliteSearchClient(catalog.db);
  let elastic: ElasticsearchSearchClient;
  let teacher = '';
  let freeWeekId = '';

  const both = async (request: SearchRequest) => {
    const query = buildSearchQuery(request, { now: catalog.time.now(), timeZone: catalog.config.timeZone });
    return { sqlite: await sqlite.search(query), elastic: await elastic.search(query) };
  };

  beforeAll(async () => {
    const alias = es.alias();
    catalog.config.elasticsearch = es.settings(alias);
    // Past the 10,000-hit window, so deep pages take the search_after path.
    seedCatalogue(catalog, { courses: 10_100, seed: 20261125 });
    const add = (overrides: Parameters<typeof courseInput>[0]) => addCourse(catalog, courseInput(overrides));
    add({
      title: 'Node.js APIs in a Weekend',
      description: "Don't just read: build a REST API.",
      category: 'web development',
      price: '1499',
      start: '2027-02-01',
      end: '2027-02-03',
    });
    add({
      title: 'Café Latte Art',
      description: 'Milk texture, pouring and crème.',
      category: 'cooking',
      price: '499',
      start: '2027-03-01',
      end: '2027-03-05',
    });
    add({
      title: 'हिन्दी सीखें',
      description: 'बोलचाल की हिन्दी, C++ nowhere.',
      category: 'languages',
      price: '799',
      start: '2027-04-01',
      end: '2027-04-10',
      teacher: 'ÉMILE Dupont',
    });
    const future = add({
      title: 'Sourdough Later',
      description: 'A sale that has not started yet.',
      category: 'baking',
      price: '1999',
      start: '2027-05-01',
      end: '2027-05-03',
    });
    startSale(catalog, future.id, { price: '299', from: '2026-12-10', until: '2026-12-20' });
    // Free for a while: a sale to ₹0 that starts after the sync, on a course with a free start.
    const freeWeek = add({
      title: 'Pottery Free Week',
      description: 'A sale to zero that has not started yet.',
      category: 'crafts',
      price: '1299',
      start: '2027-01-20',
      end: '2027-01-25',
      freeDays: '2',
      seats: 'unlimited',
    });
    startSale(catalog, freeWeek.id, { price: '0', from: '2026-12-10', until: '2026-12-20' });
    freeWeekId = freeWeek.id;
    teacher = catalog.courses.list().find((course) => course.teacher !== 'ÉMILE Dupont')!.teacher;
    const report = await syncCatalogue(catalog);
    expect(report.refused).toBe(0);
    await es.refresh(alias);
    elastic = new ElasticsearchSearchClient(connectElasticsearch(catalog.config.elasticsearch), catalog.config.elasticsearch);
    return () => elastic.close();
  });

  const deterministic: [string, () => SearchRequest][] = [
    ['default listing (start)', () => ({})],
    ['baking ≤ ₹599 in October', () => ({ text: 'baking', maxPrice: '599', month: 'oct', sort: 'start' })],
    ['python by price, available', () => ({ text: 'python', sort: 'price', available: true })],
    ['yoga by registrations', () => ({ category: 'yoga', sort: 'registrations' })],
    ['a teacher, any case', () => ({ teacher: teacher.toUpperCase(), sort: 'start', limit: 100 })],
    ['teacher with an accent: NOCASE folds only A-Z', () => ({ teacher: 'émile dupont', all: true })],
    ['teacher with an accent, same case', () => ({ teacher: 'ÉMILE DUPONT', all: true })],
    ['cheapest first', () => ({ sort: 'price', limit: 50 })],
    ['dearest first', () => ({ sort: 'price', order: 'desc', limit: 50 })],
    ['price band', () => ({ minPrice: '1000', maxPrice: '2000', sort: 'price', limit: 100, page: 2 })],
    ['≤ ₹499 with --all', () => ({ maxPrice: '499', all: true, sort: 'price', limit: 100 })],
    ['date range, latest first', () => ({ from: '2027-01-01', to: '2027-03-31', sort: 'start', order: 'desc', limit: 100 })],
    ['least registered, everything', () => ({ all: true, sort: 'registrations', order: 'asc', limit: 100 })],
    ['two words must both match', () => ({ text: 'sourdough bread', sort: 'price', limit: 100 })],
    ['the part of a name (node finds Node.js)', () => ({ text: 'node', all: true, sort: 'start' })],
    ['accents fold (cafe → Café)', () => ({ text: 'CAFE', all: true, sort: 'start' })],
    ['stems (baking → bake, baked)', () => ({ text: 'baking', all: true, sort: 'registrations', limit: 100 })],
    ['a Hindi word, vowel signs and all', () => ({ text: 'हिन्दी', all: true, sort: 'start' })],
    ['special characters are just separators', () => ({ text: 'C++ "nowhere" (*:) -', all: true, sort: 'start' })],
    ['a later page', () => ({ available: true, sort: 'price', page: 3, limit: 25 })],
    ['the last page inside the window', () => ({ all: true, sort: 'start', page: 100, limit: 100 })],
    ['past the 10,000 window (search_after)', () => ({ all: true, sort: 'price', page: 101, limit: 100 })],
    ['past the window, descending', () => ({ all: true, sort: 'registrations', order: 'desc', page: 202, limit: 50 })],
    ['beyond the last page', () => ({ all: true, sort: 'start', page: 500, limit: 100 })],
    ['free now (₹0, a sale to ₹0 included)', () => ({ free: true, sort: 'start', limit: 100 })],
    ['free now, everything', () => ({ free: true, all: true, sort: 'registrations', limit: 100 })],
    ['a free start that can still be joined', () => ({ freeStart: true, sort: 'price', limit: 100 })],
    ['a free start that can still be joined, with --all', () => ({ freeStart: true, all: true, sort: 'start', limit: 100 })],
    ['free starts of one category, available', () => ({ freeStart: true, available: true, category: 'python', sort: 'start' })],
    ['free and under ₹0 is the same; --free with a minimum is nothing', () => ({ free: true, minPrice: '1', all: true })],
    ['available: a course without a seat limit always is', () => ({ available: true, all: true, sort: 'registrations', limit: 100 })],
  ];

  const MAY_BE_EMPTY = new Set([
    'teacher with an accent: NOCASE folds only A-Z',
    'beyond the last page',
    'baking ≤ ₹599 in October',
    'a teacher, any case',
    'the part of a name (node finds Node.js)',
    'free and under ₹0 is the same; --free with a minimum is nothing',
    'free starts of one category, available',
  ]);

  const instants: [string, string][] = [
    ['at sync time', T0],
    ['after some sales ended, no sync since', '2026-12-05T12:00:00Z'],
    ['inside a sale that started after the sync', '2026-12-15T00:00:00Z'],
    ['months later: all sales over, many courses started', '2027-03-15T09:00:00Z'],
  ];

  for (const [when, instant] of instants) {
    describe(when, () => {
      beforeAll(() => catalog.time.set(instant));
      for (const [name, request] of deterministic) {
        it(name, async () => {
          const { sqlite: expected, elastic: actual } = await both(request());
          expect(actual.total).toBe(expected.total);
          expect(actual).toEqual(expected);
          if (!MAY_BE_EMPTY.has(name)) expect(expected.results.length, 'a comparison of two empty pages proves little').toBeGreaterThan(0);
        });
      }
      it('relevance: same total, same page in the same order (a score both compute)', async () => {
        for (const text of ['yoga', 'python data', 'bake', 'pyhton', 'photogr', 'node', 'c++ nowhere', 'INF', 'guitar lesons']) {
          for (const page of ['1', '3']) {
            const { sqlite: expected, elastic: actual } = await both({ text, limit: 25, page });
            expect(actual, `${text} page ${page}`).toEqual(expected);
          }
        }
      });
    });
  }

  it('ranks a title match above a description-only match', async () => {
    catalog.time.set(T0);
    const { elastic: result } = await both({ text: 'latte', all: true });
    const titles = result.results.map((r) => r.title);
    expect(titles[0]).toBe('Café Latte Art');
  });

  it('forgives typos on every search, and ranks exact matches first', async () => {
    catalog.time.set(T0);
    const typo = await both({ text: 'pythn', all: true, limit: 100 });
    expect(typo.sqlite.total).toBeGreaterThan(0);
    expect(typo.elastic).toEqual(typo.sqlite);
    expect(typo.sqlite.results.every((r) => /python/i.test(r.title) || r.category === 'python')).toBe(true);
    // A short word is never fuzzed: "INF" does not turn into "in" and list the whole catalogue.
    const short = await both({ text: 'INF', all: true });
    expect(short.elastic.total).toBe(short.sqlite.total);
    expect(short.sqlite.total).toBeLessThan(100);
  });

  it('--free and --free-start follow a sale to ₹0, a price change and the start date, on both, as other filters do', async () => {
    const ids = async (request: SearchRequest) => {
      const answers = await both({ ...request, text: 'pottery free week', all: true });
      expect(answers.elastic).toEqual(answers.sqlite);
      return answers.sqlite.results.map((r) => r.id);
    };
    catalog.time.set(T0);
    expect(await ids({ free: true })).toEqual([]);
    expect(await ids({ freeStart: true })).toEqual([freeWeekId]);
    // The sale to ₹0 starts with no sync since: free on both.
    catalog.time.set('2026-12-15T00:00:00Z');
    expect(await ids({ free: true })).toEqual([freeWeekId]);
    catalog.time.set('2026-12-21T00:00:00Z');
    expect(await ids({ free: true })).toEqual([]);
    // After the start date its free start can no longer be joined.
    catalog.time.set('2027-01-20T00:00:00Z');
    expect(await ids({ freeStart: true })).toEqual([]);
    // A change of price reaches Elasticsearch through the outbox like any other.
    catalog.time.set(T0);
    editCourse(catalog, freeWeekId, { freeDays: 'none' });
    cancelSale(catalog, freeWeekId);
    setListPrice(catalog, freeWeekId, '0');
    expect((await syncCatalogue(catalog)).refused).toBe(0);
    await es.refresh(catalog.config.elasticsearch.index);
    expect(await ids({ free: true })).toEqual([freeWeekId]);
    expect(await ids({ freeStart: true })).toEqual([]);
  });
});
