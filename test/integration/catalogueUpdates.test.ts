import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, UsageError, ValidationError } from '../../src/errors.js';
import { addCourse, editCourse } from '../../src/services/courseAuthoring.js';
import { archiveCourse, resumeSale, stopSale } from '../../src/services/courseAvailability.js';
import { cancelSale, setListPrice, startSale } from '../../src/services/coursePricing.js';
import { courseInput } from '../support/courseFactory.js';
import { tempCatalog } from '../support/tempCatalog.js';

function outbox(catalog: ReturnType<typeof tempCatalog>, id: string) {
  return catalog.db.prepare('SELECT course_version AS version, change FROM outbox WHERE course_id = ? ORDER BY id').all(id);
}

describe('catalogue updates write the course, its version and the outbox together', () => {
  const catalog = tempCatalog();

  it('records every company-led change with a growing version', () => {
    const { id } = addCourse(catalog, courseInput());
    setListPrice(catalog, id, '1299');
    startSale(catalog, id, { price: '999', until: '2026-12-31' });
    cancelSale(catalog, id);
    editCourse(catalog, id, { description: 'Fixed a typo.' });
    stopSale(catalog, id, 'venue');
    resumeSale(catalog, id);
    archiveCourse(catalog, id);
    expect(outbox(catalog, id)).toEqual([
      { version: 1, change: 'created' },
      { version: 2, change: 'price' },
      { version: 3, change: 'sale-started' },
      { version: 4, change: 'sale-cleared' },
      { version: 5, change: 'edited' },
      { version: 6, change: 'stopped' },
      { version: 7, change: 'resumed' },
      { version: 8, change: 'archived' },
    ]);
    expect(catalog.courses.get(id)).toMatchObject({
      version: 8,
      status: 'archived',
      pricePaise: 129900,
      description: 'Fixed a typo.',
      sale: null,
    });
  });

  it('keeps the full-text index current inside the same write', () => {
    const { id } = addCourse(catalog, courseInput({ title: 'Watercolour basics' }));
    editCourse(catalog, id, { title: 'Oil painting basics' });
    const hits = (word: string) =>
      catalog.db.prepare(`SELECT count(*) AS n FROM course_text WHERE course_text MATCH ?`).get(word) as { n: number };
    expect(hits('watercolour').n).toBe(0);
    expect(hits('oil').n).toBe(1);
  });

  it('writes nothing for an edit that changes nothing', () => {
    const { id } = addCourse(catalog, courseInput({ title: 'Unchanged' }));
    editCourse(catalog, id, { title: 'Unchanged' });
    expect(outbox(catalog, id)).toHaveLength(1);
  });

  it('refuses a stale edit instead of overwriting', () => {
    const { id } = addCourse(catalog, courseInput());
    editCourse(catalog, id, { description: 'First editor.' });
    expect(() => editCourse(catalog, id, { description: 'Second editor.' }, 1)).toThrow(ConflictError);
    expect(catalog.courses.get(id).description).toBe('First editor.');
  });

  it('refuses bad changes with the right kind of error and changes nothing', () => {
    const { id } = addCourse(catalog, courseInput({ price: '999' }));
    const before = catalog.courses.get(id);
    expect(() => setListPrice(catalog, id, '-5')).toThrow(UsageError);
    expect(() => startSale(catalog, id, { price: '1200', until: '2026-12-31' })).toThrow('not below the list price');
    expect(() => startSale(catalog, id, { price: '500', until: '2020-01-01' })).toThrow('in the past');
    expect(() => startSale(catalog, id, { price: '500', until: '2026-12-31', from: '2027-01-01' })).toThrow('not before it ends');
    expect(() => editCourse(catalog, id, { end: '2020-01-01' })).toThrow(ValidationError);
    expect(() => setListPrice(catalog, 'crs_missing', '500')).toThrow(NotFoundError);
    expect(() => resumeSale(catalog, id)).not.toThrow();
    expect(catalog.courses.get(id)).toEqual(before);
    expect(outbox(catalog, id)).toHaveLength(1);
  });

  it('does not let an archived course change', () => {
    const { id } = addCourse(catalog, courseInput());
    archiveCourse(catalog, id);
    expect(() => editCourse(catalog, id, { title: 'New title' })).toThrow(ConflictError);
    expect(() => setListPrice(catalog, id, '100')).toThrow(ConflictError);
    expect(() => stopSale(catalog, id)).toThrow(ConflictError);
  });

  it('refuses a duplicate external id', () => {
    addCourse(catalog, courseInput({ externalId: 'PY-1' }));
    expect(() => addCourse(catalog, courseInput({ externalId: 'PY-1' }))).toThrow(ConflictError);
  });
});
