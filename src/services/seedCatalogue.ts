import { Faker, base, en, en_IN } from '@faker-js/faker';
import { type CalendarDate, addDays, dateAt, startOfDay } from '../domain/calendar.js';
import type { Sale } from '../domain/course.js';
import type { NewCourse } from '../store/courseStore.js';
import { UsageError } from '../errors.js';
import { insertSeededRegistrations } from '../store/seededRegistrations.js';
import type { CatalogContext } from './catalogContext.js';
import { LEVELS, TITLE_PATTERNS, TOPICS } from './seedTopics.js';

export const MAX_SEED_COURSES = 1_000_000;

export interface SeedSummary {
  created: number;
  teachers: number;
  /** Seats taken, each a fake student's payment, registration and access grant. */
  registrations: number;
  students: number;
  soldOut: number;
  onSale: number;
  /** Courses at ₹0, courses with a free start, courses without a seat limit, and free enrolments now. */
  free: number;
  freeStart: number;
  unlimitedSeats: number;
  freeEnrolments: number;
  seed: number;
  milliseconds: number;
}

// Popular subjects get more courses, as on a real platform.
const WEIGHTED_TOPICS = TOPICS.map((value) => ({ value, weight: value.popularity }));

const ID_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const DAY = 86_400_000;
/** Seeded courses start within this many days (about 15 months). */
const SOLD_AHEAD_DAYS = 456;
/** Seeded courses were made up to this long ago; their students registered since. */
const CREATED_WITHIN = 60 * DAY;
/** Students per seat taken: each seeded student holds a few registrations. */
const SEATS_PER_STUDENT = 8;
/** About 8% of a real marketplace's courses are free; some start free and are paid to continue. */
const FREE_SHARE = 0.08;
const FREE_START_SHARE = 0.1;
const UNLIMITED_SHARE = 0.03;

/** Names for fake students, with the letters of each that go into an email address. */
function studentNames(names: string[]): { name: string; email: string }[] {
  return [...new Set(names)].map((name) => ({
    name,
    email:
      name
        .normalize('NFKD')
        .toLowerCase()
        .replace(/[^a-z]/g, '') || 'student',
  }));
}

/**
 * A price in the band that ends in 9, the way course prices are set (₹499, ₹1,299). Skewed
 * towards the cheap end: most short courses are affordable, a few are premium.
 */
function priceEndingInNine(faker: Faker, [low, high]: [number, number]): number {
  const skewed = low + (high - low) * faker.number.float({ min: 0, max: 1 }) ** 2;
  return Math.max(low, Math.round((skewed + 1) / 10) * 10 - 1);
}

/**
 * Fills the catalogue with fake but realistic courses (Indian teacher names, rupee prices, start
 * dates over the next 15 months). The same --seed on the same catalogue gives the same courses;
 * seeding a catalogue that already has courses continues the sequence instead of colliding.
 */
export function seedCatalogue(ctx: CatalogContext, options: { courses: number; seed?: number }): SeedSummary {
  if (!Number.isInteger(options.courses) || options.courses < 1 || options.courses > MAX_SEED_COURSES) {
    throw new UsageError(`--courses must be a whole number from 1 to ${MAX_SEED_COURSES}`, 'e.g. --courses 1000');
  }
  const started = performance.now();
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const existing = ctx.courses.count();
  const faker = new Faker({ locale: [en_IN, en, base] });
  faker.seed(existing === 0 ? seed : [seed, existing]);
  // Students and creation times draw from a second generator, so the courses a seed gives stay as they were.
  const people = new Faker({ locale: [en_IN, en, base] });
  people.seed(existing === 0 ? [seed, 1] : [seed, existing, 1]);
  // Free courses, free starts and seat limits draw from a third, for the same reason.
  const offers = new Faker({ locale: [base] });
  offers.seed(existing === 0 ? [seed, 2] : [seed, existing, 2]);

  const now = ctx.clock();
  const { timeZone } = ctx.config;
  const today = dateAt(now, timeZone);
  // Every date a seeded course has is one of a few hundred days from today, asked for again and
  // again across the courses: each is worked out once (each reading a clock in the zone is slow).
  const dates = new Map<number, CalendarDate>();
  const dayFromToday = (days: number): CalendarDate => {
    let date = dates.get(days);
    if (date === undefined) dates.set(days, (date = addDays(today, days)));
    return date;
  };
  const dayStarts = new Map<number, number>();
  const startOfDayFromToday = (days: number): number => {
    let instant = dayStarts.get(days);
    if (instant === undefined) dayStarts.set(days, (instant = startOfDay(dayFromToday(days), timeZone)));
    return instant;
  };
  const teachers = Array.from(
    { length: Math.max(5, Math.ceil(options.courses / 25)) },
    () => `${faker.person.firstName()} ${faker.person.lastName()}`,
  );
  const summary: SeedSummary = {
    created: 0,
    teachers: new Set(teachers).size,
    registrations: 0,
    students: 0,
    soldOut: 0,
    onSale: 0,
    free: 0,
    freeStart: 0,
    unlimitedSeats: 0,
    freeEnrolments: 0,
    seed,
    milliseconds: 0,
  };
  let mostEnrolments = 0;

  ctx.courses.bulkInsert(
    'created',
    now,
    () => {
      const afterSeq = ctx.courses.lastSeq();
      for (let i = 0; i < options.courses; i++) {
        const topic = faker.helpers.weightedArrayElement(WEIGHTED_TOPICS);
        const subject = faker.helpers.arrayElement(topic.subjects);
        const days = faker.number.int({ min: 3, max: 30 });
        const daysAhead = faker.number.int({ min: 1, max: SOLD_AHEAD_DAYS });
        const startDate = dayFromToday(daysAhead);
        const [skillA, skillB] = faker.helpers.arrayElements(topic.skills, 2);
        const level = faker.helpers.arrayElement(LEVELS);
        const seats = faker.helpers.arrayElement([8, 10, 12, 15, 20, 25, 30, 40, 50, 60]);
        const unlimited = offers.datatype.boolean({ probability: UNLIMITED_SHARE });
        const soldOut = faker.datatype.boolean({ probability: 0.08 }) && !unlimited;
        // Seats fill as the start comes closer: a course a year away has few students yet.
        const registrations = soldOut
          ? seats
          : Math.floor(faker.number.int({ min: 0, max: seats - 1 }) * (1 - daysAhead / (SOLD_AHEAD_DAYS + 30)));
        const free = offers.datatype.boolean({ probability: FREE_SHARE });
        const pricePaise = free ? 0 : priceEndingInNine(faker, topic.price) * 100;
        let sale: Sale | null = null;
        if (faker.datatype.boolean({ probability: 0.12 }) && !free) {
          const salePrice = Math.max(99, Math.floor(((pricePaise / 100) * faker.number.float({ min: 0.5, max: 0.9 })) / 10) * 10 - 1);
          sale = {
            pricePaise: salePrice * 100,
            startsAt: null,
            endsAt: startOfDayFromToday(faker.number.int({ min: 2, max: 30 })),
          };
          summary.onSale++;
        }
        // A free start: a day or three free, students who started free, some of whom paid since.
        const freeDays =
          !free && days > 1 && offers.datatype.boolean({ probability: FREE_START_SHARE })
            ? offers.number.int({ min: 1, max: Math.min(3, days - 1) })
            : null;
        const freeEnrolments = freeDays === null ? 0 : offers.number.int({ min: 0, max: 25 });
        const upgrades =
          freeDays === null ? 0 : Math.min(registrations, Math.round(freeEnrolments * offers.number.float({ min: 0.1, max: 0.6 })));
        const upgradeUntilDay =
          freeDays !== null && offers.datatype.boolean({ probability: 0.3 })
            ? Math.min(days, freeDays + offers.number.int({ min: 2, max: 5 }))
            : null;
        const fields: NewCourse = {
          title: faker.helpers.arrayElement(TITLE_PATTERNS)(subject, days),
          description:
            `A ${days}-day live ${topic.category === 'python' ? 'Python' : topic.category} course for ${level}. ` +
            `You will practise ${skillA} and ${skillB} with ${faker.helpers.arrayElement(['daily assignments', 'small-group feedback', 'a final project', 'recorded sessions to revisit'])}. ` +
            faker.helpers.arrayElement([
              'No prior experience needed.',
              'Bring a notebook and curiosity.',
              'Certificate on completion.',
              'Materials list shared after registration.',
            ]),
          teacher: faker.helpers.arrayElement(teachers),
          category: topic.category,
          pricePaise,
          startDate,
          endDate: dayFromToday(daysAhead + days - 1),
          seats: unlimited ? null : seats,
          registrations,
          freeDays,
          upgradeUntilDay,
          freeEnrolments,
          freeStarts: freeEnrolments + upgrades,
          upgrades,
          sale,
          status: faker.datatype.boolean({ probability: 0.03 }) ? 'draft' : 'published',
          externalId: null,
          createdAt: now - people.number.int({ min: DAY / 24, max: CREATED_WITHIN }),
        };
        if (soldOut) summary.soldOut++;
        if (free) summary.free++;
        if (freeDays !== null) summary.freeStart++;
        if (unlimited) summary.unlimitedSeats++;
        summary.freeEnrolments += freeEnrolments;
        ctx.courses.insert(`crs_${faker.string.fromCharacters(ID_ALPHABET, 10)}`, fields, now, 'created');
        summary.created++;
        summary.registrations += registrations;
        mostEnrolments = Math.max(mostEnrolments, registrations + freeEnrolments);
      }
      const backed = insertSeededRegistrations(ctx.db, {
        afterSeq,
        firstNames: studentNames(Array.from({ length: 300 }, () => people.person.firstName())),
        lastNames: studentNames(Array.from({ length: 300 }, () => people.person.lastName())),
        students: Math.max(mostEnrolments, Math.ceil((summary.registrations + summary.freeEnrolments) / SEATS_PER_STUDENT)),
        studentsSince: now - CREATED_WITHIN - DAY,
        now,
      });
      summary.students = backed.students;
    },
    { checkForeignKeys: false },
  );
  summary.milliseconds = Math.round(performance.now() - started);
  return summary;
}
