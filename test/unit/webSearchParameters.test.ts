import { describe, expect, it } from 'vitest';
import { buildSearchQuery } from '../../src/domain/searchQuery.js';
import { PARAMETER_SPELLING, saysYes, searchHref, searchRequestFrom, searchValuesFrom } from '../../src/web/searchParameters.js';

describe('URL parameters of the storefront search', () => {
  it('maps parameters to the SearchRequest fields, dropping blanks and unknown names', () => {
    const values = searchValuesFrom({ q: 'baking', maxPrice: '599', month: '', utm_source: 'x', available: 'on', page: '2' });
    expect(values).toEqual({ q: 'baking', maxPrice: '599', available: 'on', page: '2' });
    expect(searchRequestFrom(values)).toEqual({ text: 'baking', maxPrice: '599', available: true, page: '2' });
    expect(searchRequestFrom({ available: '0' })).toEqual({ available: false });
    expect(searchRequestFrom({ facets: '1' })).toEqual({ facets: true });
    expect(searchRequestFrom({ q: 'yoga' }, { facets: true })).toEqual({ text: 'yoga', facets: true });
    expect(searchRequestFrom({ facets: '0' })).toEqual({});
    expect(searchRequestFrom(searchValuesFrom({ free: 'yes', freeStart: 'off' }))).toEqual({ free: true, freeStart: false });
    expect(searchHref({ freeStart: '1', q: 'python', free: '1' })).toBe('/?q=python&free=1&freeStart=1');
  });

  it('refuses a parameter given twice and an available that is neither yes nor no', () => {
    expect(() => searchValuesFrom({ q: ['a', 'b'] })).toThrow('q is given 2 times');
    expect(() => searchRequestFrom({ available: 'maybe' })).toThrow('available "maybe" is not yes or no');
    expect(() => searchRequestFrom({ freeStart: 'sometimes' })).toThrow('freeStart "sometimes" is not yes or no');
  });

  it('lets buildSearchQuery name problems as parameters, while the CLI keeps its flags', () => {
    const context = { now: Date.parse('2026-11-25T06:30:00Z'), timeZone: 'Asia/Kolkata' };
    expect(() => buildSearchQuery({ maxPrice: 'x' }, { ...context, spelling: PARAMETER_SPELLING })).toThrow(
      'maxPrice "x" is not an amount in rupees',
    );
    expect(() => buildSearchQuery({ maxPrice: 'x' }, context)).toThrow('--max-price "x" is not an amount in rupees');
    try {
      buildSearchQuery({ order: 'up' }, { ...context, spelling: PARAMETER_SPELLING });
    } catch (error) {
      expect((error as { hint: string }).hint).toBe('use order=asc or order=desc');
    }
    expect.assertions(3);
  });

  it('ticks a box for the yeses the parser takes, and only those', () => {
    for (const yes of ['1', 'true', 'ON', ' yes ']) expect(saysYes(yes), yes).toBe(true);
    for (const no of [undefined, '0', 'false', 'off', 'no', 'maybe']) expect(saysYes(no), String(no)).toBe(false);
  });

  it('writes short, ordered addresses: page 1 and blanks left out', () => {
    expect(searchHref({})).toBe('/');
    expect(searchHref({ sort: 'price', q: 'yoga & more', page: '3' }, { page: '1' })).toBe('/?q=yoga+%26+more&sort=price');
    expect(searchHref({ q: 'yoga', page: '2' }, { q: 'yogi', page: undefined })).toBe('/?q=yogi');
  });
});
