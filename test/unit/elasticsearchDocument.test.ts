import { describe, expect, it } from 'vitest';
import type { Course } from '../../src/domain/course.js';
import { effectivePrice } from '../../src/domain/course.js';
import { courseDocument, nocaseKey, pricePeriods } from '../../src/search/elasticsearch/courseDocument.js';
import { redactSecrets } from '../../src/search/elasticsearch/connection.js';
import { storedCourse } from '../support/courseFactory.js';

const course = (overrides: Partial<Course> = {}) =>
  storedCourse({
    title: 'Node.js APIs',
    description: "Don't panic.",
    teacher: 'Priya Sharma',
    category: 'web development',
    pricePaise: 99_900,
    endDate: '2027-01-20',
    seats: 20,
    registrations: 20,
    version: 3,
    createdAt: 1,
    updatedAt: 2,
    moduleCount: 2,
    materialCount: 7,
    previewCount: 1,
    ...overrides,
  });

describe('price periods: the price at any instant, for filters and sorts at query time', () => {
  const DAY = 86_400_000;
  const sales = [
    null,
    { pricePaise: 49_900, startsAt: null, endsAt: 10 * DAY },
    { pricePaise: 49_900, startsAt: 5 * DAY, endsAt: 10 * DAY },
  ];

  for (const sale of sales) {
    it(`tile the whole time line and agree with effectivePrice (${sale ? (sale.startsAt === null ? 'sale from now' : 'future sale') : 'no sale'})`, () => {
      const periods = pricePeriods({ pricePaise: 99_900, sale });
      for (let i = 1; i < periods.length; i++) expect(periods[i]!.from).toBe(periods[i - 1]!.until);
      for (const instant of [-DAY, 0, 5 * DAY - 1, 5 * DAY, 10 * DAY - 1, 10 * DAY, 100 * DAY]) {
        const holding = periods.filter((p) => p.from <= instant && instant < p.until);
        expect(holding).toHaveLength(1);
        expect(holding[0]!.amount).toBe(effectivePrice({ pricePaise: 99_900, sale }, instant));
      }
    });
  }
});

describe('course documents', () => {
  it('carry the analysed terms, seats left and the NOCASE teacher key', () => {
    const doc = courseDocument(course(), 0);
    expect(doc).toMatchObject({
      title_words: 'nodejs api apis node',
      description_words: 'dont panic',
      seats_left: 0,
      teacher_key: 'priya sharma',
      version: 3,
    });
  });

  it('carry the counts of modules, materials and previews a course page shows', () => {
    expect(courseDocument(course({ moduleCount: 3, materialCount: 12, previewCount: 2 }), 0)).toMatchObject({
      modules: 3,
      materials: 12,
      previews: 2,
    });
  });

  it('carry a free start and no seat limit as the search filters read them (absent seats: always available)', () => {
    expect(courseDocument(course({ seats: null, freeDays: 2, upgradeUntilDay: 4, pricePaise: 0 }), 0)).toMatchObject({
      seats: null,
      seats_left: null,
      free_days: 2,
      upgrade_until_day: 4,
      effective_price_paise: 0,
      prices: [{ amount: 0 }],
    });
    expect(courseDocument(course(), 0)).toMatchObject({ free_days: null, upgrade_until_day: null });
  });

  it('fold only A-Z in the teacher key, as SQLite NOCASE does', () => {
    expect(nocaseKey('ÉMILE Dupont')).toBe('Émile dupont');
    expect(nocaseKey('Arjun RAO')).toBe('arjun rao');
  });
});

describe('secrets in error messages', () => {
  it('are masked: URL credentials, the API key and the password', () => {
    const settings = { apiKey: 'k3y-SECRET', password: 'pa55-SECRET', insecure: false, requestTimeoutMs: 1000, index: 'x' };
    const text = redactSecrets(
      'GET http://bob:pa55-SECRET@host:9200/ failed; header ApiKey k3y-SECRET echoed; pa55-SECRET again',
      settings,
    );
    expect(text).not.toMatch(/SECRET/);
    expect(text).toContain('http://****:****@host:9200/');
  });
});
