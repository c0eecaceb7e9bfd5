import { describe, expect, it } from 'vitest';
import { listingTokens, startMonthsMatch, statusesMatch } from '../../src/store/listingTokens.js';

describe('the full-text index listing tokens', () => {
  it("a course's tokens are its status and its start month", () => {
    expect(listingTokens('published', '2027-03-09')).toBe('published m202703');
    expect(listingTokens('draft', '2026-12-31')).toBe('draft m202612');
  });

  it('a start range narrows to the months it overlaps, across a new year too', () => {
    expect(startMonthsMatch('2027-03-01', '2027-03-31')).toBe('{listing}: (m202703)');
    expect(startMonthsMatch('2026-11-25', '2027-01-05')).toBe('{listing}: (m202611 OR m202612 OR m202701)');
  });

  it('past three months, or an empty range, is left to the row conditions', () => {
    expect(startMonthsMatch('2027-01-31', '2027-04-01')).toBeUndefined();
    expect(startMonthsMatch('2027-05-01', '2027-04-30')).toBeUndefined();
  });

  it('statuses are one expression on the listing column', () => {
    expect(statusesMatch(['draft', 'stopped', 'archived'])).toBe('{listing}: (draft OR stopped OR archived)');
  });
});
