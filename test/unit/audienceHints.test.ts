import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, TooManyAttemptsError, UsageError, ValidationError } from '../../src/errors.js';
import { errorResponse, WebRefusal } from '../../src/web/errorResponse.js';
import { problemNotice } from '../../src/web/pages/formParts.js';

const STAFF = 'refund the payment; find another course with `catalog search --available`';
const VISITOR = 'find another course on the search page';

describe('a hint for each audience', () => {
  it('an error carries the hint for the person running the catalogue and, where it differs, the visitor’s', () => {
    const refused = new ConflictError('course crs_1 is sold out', STAFF, { visitorHint: VISITOR });
    expect(refused.hint).toBe(STAFF);
    expect(refused.visitorHint).toBe(VISITOR);
    // Left out, the hint is the same for both; null says a visitor can do nothing about it.
    expect(new UsageError('maxPrice "x" is not an amount', 'write it like maxPrice=599').visitorHint).toBe('write it like maxPrice=599');
    const none = new NotFoundError('no assessment asm_1', 'list them with `catalog assessment list crs_1`', { visitorHint: null });
    expect(none.hint).toBe('list them with `catalog assessment list crs_1`');
    expect(none.visitorHint).toBeUndefined();
    expect(new TooManyAttemptsError('too many tries', 0, 'wait a minute').visitorHint).toBe('wait a minute');
    expect(new ValidationError([{ field: 'email', message: 'is missing', hint: 'give one' }]).visitorHint).toBe('give one');
  });

  it('the API answers with the visitor’s hint, or none, never the staff’s', () => {
    const refused = errorResponse(new ConflictError('course crs_1 is sold out', STAFF, { visitorHint: VISITOR }));
    expect(refused).toEqual({
      status: 409,
      body: { error: { code: 'conflict', message: 'course crs_1 is sold out', hint: VISITOR } },
      internal: false,
    });
    const none = errorResponse(
      new NotFoundError('no assessment asm_1', 'list them with `catalog assessment list crs_1`', { visitorHint: null }),
    );
    expect(none.body).toEqual({ error: { code: 'not_found', message: 'no assessment asm_1' } });
    // The website's own refusals are written for visitors.
    expect(
      errorResponse(new WebRefusal(415, 'unsupported_media_type', 'send JSON', 'set Content-Type: application/json')).body.error.hint,
    ).toBe('set Content-Type: application/json');
  });

  it('a form shows the visitor’s hint under the message, or the message alone', () => {
    const shown = String(problemNotice(new ConflictError('course crs_1 is sold out', STAFF, { visitorHint: VISITOR })));
    expect(shown).toContain('<strong>course crs_1 is sold out</strong>');
    expect(shown).toContain(`<p>${VISITOR}</p>`);
    expect(shown).not.toContain('refund');
    const alone = String(
      problemNotice(
        new ConflictError('attempt 1 was already handed in', 'see it with `catalog assessment results`', { visitorHint: null }),
      ),
    );
    expect(alone).toBe('<div class="notice notice-error" role="alert"><p><strong>attempt 1 was already handed in</strong></p></div>');
    expect(problemNotice(undefined)).toBe('');
  });
});
