import { describe, expect, it } from 'vitest';
import { CatalogError, ConflictError, NotFoundError, UsageError, ValidationError } from '../../src/errors.js';
import { errorResponse } from '../../src/web/errorResponse.js';

describe('errors as the API answers them', () => {
  it('tells user errors as they are, with their status', () => {
    expect(errorResponse(new UsageError('maxPrice "x" is bad', 'write maxPrice=599'))).toEqual({
      status: 400,
      body: { error: { code: 'bad_request', message: 'maxPrice "x" is bad', hint: 'write maxPrice=599' } },
      internal: false,
    });
    expect(errorResponse(new ValidationError([{ field: 'email', message: 'not an address' }])).status).toBe(400);
    expect(errorResponse(new NotFoundError('no course', 'search')).body.error.code).toBe('not_found');
    expect(errorResponse(new ConflictError('sold out')).status).toBe(409);
    expect(errorResponse(new ConflictError('sold out')).body.error).toEqual({ code: 'conflict', message: 'sold out' });
  });

  it("keeps the framework's own 4xx, and tells nothing of the inside for anything else", () => {
    expect(errorResponse(Object.assign(new Error('Rate limit exceeded'), { statusCode: 429 })).body.error.code).toBe('rate_limited');
    const named = errorResponse(new CatalogError('cannot reach Elasticsearch at http://user:pw@es:9200'));
    expect(named.status).toBe(503);
    expect(JSON.stringify(named.body)).not.toContain('Elasticsearch');
    const bug = errorResponse(new TypeError("Cannot read properties of undefined (reading 'x')"));
    expect(bug).toMatchObject({ status: 500, internal: true, body: { error: { code: 'internal' } } });
    expect(JSON.stringify(bug.body)).not.toContain('undefined');
    expect(errorResponse('a string').status).toBe(500);
  });
});
