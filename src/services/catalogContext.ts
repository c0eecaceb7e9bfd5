import { loadConfig } from '../config/load.js';
import type { ConfigOverrides } from '../config/load.js';
import type { CatalogConfig } from '../config/schema.js';
import { dateAt } from '../domain/calendar.js';
import type { Clock } from '../domain/clock.js';
import type { RuleMoment } from '../domain/courseRules.js';
import { openDatabase } from '../store/database.js';
import type { CatalogDatabase } from '../store/database.js';
import { CourseStore } from '../store/courseStore.js';
import { clockFromEnvironment } from './environmentClock.js';

/** What every use case needs: the configuration, the database, the courses and the time. */
export interface CatalogContext {
  config: CatalogConfig;
  db: CatalogDatabase;
  courses: CourseStore;
  clock: Clock;
  newCourseId: () => string;
  close: () => void;
}

const ID_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

// Random bytes drawn 4 KiB at a time: a randomBytes call per id weighed on large imports
// (bench/results/decisions.md).
let pool = Buffer.alloc(0);
let poolOffset = 0;

/** "crs_" and ten characters of Crockford base32 (50 random bits): short to type, hard to guess. */
export function randomCourseId(): string {
  if (poolOffset + 10 > pool.length) {
    // Loaded on first use: node:crypto is start-up time that reading commands never need.
    pool = process.getBuiltinModule('node:crypto').randomBytes(4096);
    poolOffset = 0;
  }
  let id = 'crs_';
  for (let i = 0; i < 10; i++) id += ID_ALPHABET[pool[poolOffset++]! % 32];
  return id;
}

export function contextFor(config: CatalogConfig, db: CatalogDatabase, clock: Clock = clockFromEnvironment()): CatalogContext {
  let courses: CourseStore | undefined;
  return {
    config,
    db,
    // Made on first use: it prepares its statements up front, which a search never runs.
    get courses() {
      return (courses ??= new CourseStore(db, config.outbox.retentionMinutes * 60_000));
    },
    clock,
    newCourseId: randomCourseId,
    close: () => db.close(),
  };
}

/** How a command opens the catalogue. */
export interface OpenCatalogOptions {
  /** Create a missing database (writing commands, so `catalog course add` works on a fresh machine). Default: true. */
  create?: boolean;
  /** Only read: open read-only, never create or write a file (see openDatabase). */
  readonly?: boolean;
}

/**
 * Opens the catalogue. Reading commands refuse to invent an empty database in the wrong folder
 * and work for a user who may only read it; writing ones create it when it is missing. A
 * `readonly` connection cannot write at all (the storefront's, and every reading command's).
 */
export async function openCatalog(overrides: ConfigOverrides = {}, options: OpenCatalogOptions = {}): Promise<CatalogContext> {
  const config = await loadConfig(overrides);
  const db = openDatabase(config.databasePath, { create: options.create ?? true, readonly: options.readonly ?? false });
  return contextFor(config, db);
}

/** The moment a change is judged at (courseRules): now, and today in the catalogue's zone. */
export function momentOf(ctx: CatalogContext): RuleMoment {
  const now = ctx.clock();
  return { now, today: dateAt(now, ctx.config.timeZone), timeZone: ctx.config.timeZone };
}
