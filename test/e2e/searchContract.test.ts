import { beforeAll, describe, expect, it } from 'vitest';
import type { CourseSummary } from '../../src/domain/course.js';
import { catalogJson, runCatalog } from '../support/cliRunner.js';
import { tempDirectory } from '../support/tempDirectory.js';

/**
 * The contract's example searches, run through the real binary and checked against an
 * independent computation over `catalog course list --all --json`: every row satisfies every
 * filter, the order is right, pages neither overlap nor skip, and filter-only totals are exact.
 */
const NOW = '2026-11-25T06:30:00Z';
const TODAY = '2026-11-25';

interface SearchJson {
  total: number;
  page: number;
  limit: number;
  results: CourseSummary[];
}

describe('catalog search (end to end, against the contract)', () => {
  const cwd = tempDirectory();
  const env = { CATALOG_NOW: NOW };
  let catalogue: CourseSummary[] = [];
  let descriptions = new Map<string, string>();
  const search = (...args: string[]) => catalogJson<SearchJson>(['search', ...args, '--json'], { cwd, env });

  beforeAll(() => {
    expect(runCatalog(['seed', '--courses', '1500', '--seed', '42'], { cwd, env }).code).toBe(0);
    catalogue = catalogJson<CourseSummary[]>(['course', 'list', '--all', '--json'], { cwd, env });
    const exported = runCatalog(['export', '--format', 'ndjson'], { cwd, env })
      .stdout.trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; title: string; description: string });
    descriptions = new Map(exported.map((c) => [c.id, `${c.title} ${c.description}`.toLowerCase()]));
  });

  /** The contract's listing rules and filters, written independently of the SQL. */
  function expected(filter: (c: CourseSummary) => boolean, options: { all?: boolean } = {}): CourseSummary[] {
    return catalogue.filter((c) => (options.all ? true : c.status === 'published' && c.startDate > TODAY)).filter(filter);
  }

  const byKey = (key: (c: CourseSummary) => number | string, order: 'asc' | 'desc') => (a: CourseSummary, b: CourseSummary) => {
    const [x, y] = [key(a), key(b)];
    if (x !== y) return (x < y ? -1 : 1) * (order === 'asc' ? 1 : -1);
    return a.id < b.id ? -1 : 1;
  };

  it('baking --max-price 599 --month oct: only October baking courses at ₹599 or less, most relevant first', () => {
    const result = search('baking', '--max-price', '599', '--month', 'oct', '--limit', '100');
    expect(result.total).toBeGreaterThan(0);
    const candidates = new Set(
      expected((c) => c.price <= 599 && c.startDate >= '2027-10-01' && c.startDate <= '2027-10-31').map((c) => c.id),
    );
    for (const course of result.results) {
      expect(candidates.has(course.id)).toBe(true);
      expect(course.price).toBeLessThanOrEqual(599);
      expect(course.startDate.startsWith('2027-10')).toBe(true);
      expect(descriptions.get(course.id)).toMatch(/\bbak/);
    }
    // Nothing that says "bake" in its title and fits the filters is missing.
    const missing = [...candidates].filter(
      (id) => /\bbak(e|es|ed|ing)\b/.test(descriptions.get(id)!) && !result.results.some((r) => r.id === id),
    );
    expect(missing).toEqual([]);
  });

  it.each([
    {
      args: ['--category', 'yoga', '--sort', 'price'],
      filter: (c: CourseSummary) => c.category === 'yoga',
      key: (c: CourseSummary) => c.price,
      order: 'asc' as const,
    },
    {
      args: ['--min-price', '500', '--max-price', '2000', '--sort', 'registrations'],
      filter: (c: CourseSummary) => c.price >= 500 && c.price <= 2000,
      key: (c: CourseSummary) => c.registrations,
      order: 'desc' as const,
    },
    {
      args: ['--from', '2027-01-01', '--to', '2027-03-31', '--available', '--order', 'desc'],
      filter: (c: CourseSummary) => c.startDate >= '2027-01-01' && c.startDate <= '2027-03-31' && (c.seatsLeft === null || c.seatsLeft > 0),
      key: (c: CourseSummary) => c.startDate,
      order: 'desc' as const,
    },
    {
      args: ['--month', '12'],
      filter: (c: CourseSummary) => c.startDate.startsWith('2026-12'),
      key: (c: CourseSummary) => c.startDate,
      order: 'asc' as const,
    },
  ])('search $args matches the independent computation exactly', ({ args, filter, key, order }) => {
    const want = expected(filter).sort(byKey(key, order));
    const got = search(...args, '--limit', '100');
    expect(got.total).toBe(want.length);
    expect(got.results.map((c) => c.id)).toEqual(want.slice(0, 100).map((c) => c.id));
  });

  it("--teacher and --all: a teacher's every course, including drafts and started ones", () => {
    const teacher = catalogue[0]!.teacher;
    const want = expected((c) => c.teacher === teacher, { all: true }).sort(byKey((c) => c.startDate, 'asc'));
    const got = search('--teacher', teacher.toUpperCase(), '--all', '--limit', '100');
    expect(got.total).toBe(want.length);
    expect(got.results.map((c) => c.id)).toEqual(want.map((c) => c.id));
  });

  it('pages of --sort price neither overlap nor skip and add up to the total', () => {
    const want = expected(() => true).sort(byKey((c) => c.price, 'asc'));
    const seen: string[] = [];
    for (let page = 1; page <= 5; page++) {
      const got = search('--sort', 'price', '--limit', '7', '--page', String(page));
      expect(got.total).toBe(want.length);
      expect(got.page).toBe(page);
      seen.push(...got.results.map((c) => c.id));
    }
    expect(seen).toEqual(want.slice(0, 35).map((c) => c.id));
  });

  it('shows sold-out courses with seatsLeft 0 and hides them with --available', () => {
    const soldOut = expected((c) => c.seatsLeft === 0);
    expect(soldOut.length).toBeGreaterThan(0);
    expect(search('--limit', '100', '--sort', 'registrations').total).toBe(expected(() => true).length);
    expect(search('--available').total).toBe(expected(() => true).length - soldOut.length);
  });

  it('never errors on query syntax in the text', () => {
    for (const text of ['"baking', 'c++', 'title:python', '(NEAR', '*', "o'reilly"]) {
      const result = runCatalog(['search', text, '--json'], { cwd, env });
      expect(result.code, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toHaveProperty('total');
    }
  });

  it('--facets: counts per category, start month and price band that add up to the total, in JSON and as text', () => {
    const result = catalogJson<SearchJson & { facets: Record<'category' | 'month' | 'price', { value: string; count: number }[]> }>(
      ['search', 'python', '--facets', '--json'],
      { cwd, env },
    );
    for (const facet of ['category', 'month', 'price'] as const) {
      expect(
        result.facets[facet].reduce((sum, entry) => sum + entry.count, 0),
        facet,
      ).toBe(result.total);
    }
    expect(result.facets.price.map((entry) => entry.value)).toEqual([
      'free',
      'under-500',
      '500-999',
      '1000-1999',
      '2000-4999',
      '5000-plus',
    ]);
    const text = runCatalog(['search', 'python', '--facets', '--format', 'table'], { cwd, env });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Categories: python \d+/m);
    expect(text.stdout).toMatch(/^Start months: \d{4}-\d{2} \d+/m);
    expect(text.stdout).toMatch(/^Prices: free \d+ · under ₹500 \d+/m);
    // In a pipe the rows stay tab-separated; the facet lines come on stderr, beside the summary.
    const piped = runCatalog(['search', 'python', '--facets'], { cwd, env });
    expect(piped.stdout).not.toMatch(/^Categories:/m);
    expect(piped.stderr).toMatch(/^Categories: python \d+/m);
  });

  it('highlights matched words in JSON, and suggests a correction when nothing is found', () => {
    const found = search('pyhton', '--limit', '3') as SearchJson & { results: { highlight: { title: string } }[] };
    expect(found.results[0]!.highlight.title).toMatch(/<mark>Python<\/mark>/);
    const none = runCatalog(['search', 'pyhton', 'baking', '--json'], { cwd, env });
    expect(JSON.parse(none.stdout)).toMatchObject({ total: 0, suggestion: 'python baking' });
    const text = runCatalog(['search', 'pyhton', 'baking'], { cwd, env });
    expect(text.stderr).toContain('Did you mean: python baking?');
  });
});
