import { describe, expect, it } from 'vitest';
import { ConflictError, UsageError } from '../../src/errors.js';
import { errorResponse } from '../../src/web/errorResponse.js';
import { visitorHint } from '../../src/web/visitorHint.js';

describe('hints on the website', () => {
  it('keeps a hint a visitor can act on', () => {
    expect(visitorHint('write it like maxPrice=599')).toBe('write it like maxPrice=599');
    expect(visitorHint('try again in a moment')).toBe('try again in a moment');
  });

  it("drops a hint that tells the catalogue's staff what to run or do", () => {
    expect(visitorHint('register the student once they have paid: `catalog register crs_1 --student EMAIL`')).toBeUndefined();
    expect(visitorHint('refund the payment; a free start keeps what its free days opened')).toBeUndefined();
    expect(visitorHint('find another course with `catalog search --available`')).toBeUndefined();
    expect(visitorHint('  ')).toBeUndefined();
  });

  it('the API answers a refusal with its message and without an admin hint', () => {
    const refused = errorResponse(
      new ConflictError(
        'course crs_1 is sold out (all 10 seats are taken)',
        'refund the payment; find another course with `catalog search --available`',
      ),
    );
    expect(refused.status).toBe(409);
    expect(refused.body).toEqual({ error: { code: 'conflict', message: 'course crs_1 is sold out (all 10 seats are taken)' } });
    const bad = errorResponse(new UsageError('maxPrice "x" is not an amount in rupees', 'write it like maxPrice=599'));
    expect(bad.body.error.hint).toBe('write it like maxPrice=599');
  });
});
