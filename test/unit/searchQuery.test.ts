import { describe, expect, it } from 'vitest';
import { resolveMonth } from '../../src/domain/month.js';
import { buildSearchQuery, searchTerms } from '../../src/domain/searchQuery.js';
import { UsageError } from '../../src/errors.js';

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
  it('keeps words and technology names, and drops every other query-syntax character', () => {
    expect(searchTerms('C++ "Baking" (AND) title:* -x')).toEqual({
      terms: ['c++', 'bake', 'and', 'titl', 'x'],
      typed: ['c++', 'baking', 'and', 'title', 'x'],
    });
  });

  it('folds accents, keeps Indic vowel signs inside words, and offers the last word as a prefix', () => {
    expect(searchTerms('Café योग')).toEqual({ terms: ['cafe', 'योग'], typed: ['cafe', 'योग'], prefix: 'योग' });
  });

  it('takes the last word as typed for the prefix, from three letters, unless it is a finished word form', () => {
    expect(searchTerms('learn photosho')).toMatchObject({ terms: ['learn', 'photosho'], prefix: 'photosho' });
    expect(searchTerms('learn photo')).toMatchObject({ prefix: 'photo' });
    expect(searchTerms('python baking')).toEqual({ terms: ['python', 'bake'], typed: ['python', 'baking'] });
    expect(searchTerms('python js')).toEqual({ terms: ['python', 'js'], typed: ['python', 'js'] });
  });

  it('yields nothing for punctuation only', () => {
    expect(searchTerms('+++ "" ()')).toEqual({ terms: [], typed: [] });
  });

  it('counts at most 32 words', () => {
    const words = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');
    expect(searchTerms(words).terms).toHaveLength(32);
  });
});

describe('buildSearchQuery', () => {
  it('builds the canonical example', () => {
    const query = buildSearchQuery({ text: 'baking', maxPrice: '599', month: 'oct' }, context);
    expect(query).toMatchObject({
      terms: ['bake'],
      typed: ['baking'],
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
    [{ from: '2027-02-30' }, '--start-from'],
    [{ from: '2027-03-01', to: '2027-02-01' }, '--start-from is after'],
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
