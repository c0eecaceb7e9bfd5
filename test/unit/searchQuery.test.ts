import { describe, expect, it } from 'vitest';
import { resolveMonth } from '../../src/domain/month.js';
import { buildSearchQuery, searchTerms } from '../../src/domain/searchQuery.js';
import { UsageError } from '../../src/errors.js';
import { ftsMatchExpression } from '../../src/store/courseSearch.js';

const context = { now: Date.parse('2026-11-25T06:30:00Z'), timeZone: 'Asia/Kolkata' };

describe('resolveMonth', () => {
  it('takes the next such month, counting the current one', () => {
    expect(resolveMonth('oct', '2026-11-25')).toEqual({ from: '2027-10-01', to: '2027-10-31' });
    expect(resolveMonth('november', '2026-11-25')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(resolveMonth('12', '2026-11-25')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(resolveMonth('Feb', '2027-01-31')).toEqual({ from: '2027-02-01', to: '2027-02-28' });
  });

  it('honours an explicit year', () => {
    expect(resolveMonth('2028-02', '2026-11-25')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });

  it.each(['13', '0', 'octo ber', 'ja', '2027-13', ''])('refuses %j', (text) => {
    expect(resolveMonth(text, '2026-11-25')).toBeUndefined();
  });
});

describe('searchTerms', () => {
  it('keeps words and drops every query-syntax character', () => {
    expect(searchTerms('C++ "Baking" (AND) title:* -x')).toEqual(['c', 'baking', 'and', 'title', 'x']);
  });

  it('keeps accents and Indic vowel signs inside words', () => {
    expect(searchTerms('Café योग')).toEqual(['café', 'योग']);
  });

  it('yields nothing for punctuation only', () => {
    expect(searchTerms('+++ "" ()')).toEqual([]);
  });

  it('quotes every term for FTS5, doubling no quotes because none survive', () => {
    expect(ftsMatchExpression(searchTerms('baking "bread"'))).toBe('"baking" "bread"');
  });
});

describe('buildSearchQuery', () => {
  it('builds the canonical example', () => {
    const query = buildSearchQuery({ text: 'baking', maxPrice: '599', month: 'oct' }, context);
    expect(query).toMatchObject({
      terms: ['baking'],
      maxPricePaise: 59900,
      startFrom: '2027-10-01',
      startTo: '2027-10-31',
      sort: 'relevance',
      order: 'desc',
      limit: 10,
      page: 1,
      today: '2026-11-25',
      includeAll: false,
      availableOnly: false,
    });
  });

  it('defaults to start order without text, and to asc for price, desc for registrations', () => {
    expect(buildSearchQuery({}, context)).toMatchObject({ sort: 'start', order: 'asc' });
    expect(buildSearchQuery({ sort: 'price' }, context)).toMatchObject({ order: 'asc' });
    expect(buildSearchQuery({ sort: 'registrations' }, context)).toMatchObject({ order: 'desc' });
  });

  it('intersects --month with --from/--to', () => {
    const query = buildSearchQuery({ month: '2027-10', from: '2027-10-10', to: '2027-12-01' }, context);
    expect(query).toMatchObject({ startFrom: '2027-10-10', startTo: '2027-10-31' });
  });

  it.each([
    [{ maxPrice: 'cheap' }, '--max-price'],
    [{ minPrice: '900', maxPrice: '100' }, '--min-price is above'],
    [{ month: 'smarch' }, '--month'],
    [{ from: '2027-02-30' }, '--from'],
    [{ from: '2027-03-01', to: '2027-02-01' }, '--from is after'],
    [{ sort: 'popularity' }, '--sort'],
    [{ sort: 'relevance' }, 'needs search text'],
    [{ order: 'up' }, '--order'],
    [{ limit: '0' }, '--limit'],
    [{ limit: '101' }, '--limit'],
    [{ page: '-1' }, '--page'],
  ])('refuses %j with a usage error', (request, message) => {
    expect(() => buildSearchQuery(request, context)).toThrow(UsageError);
    expect(() => buildSearchQuery(request, context)).toThrow(message);
  });
});
