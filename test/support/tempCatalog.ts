import path from 'node:path';
import { parseConfig } from '../../src/config/schema.js';
import type { CatalogConfig } from '../../src/config/schema.js';
import type { Clock } from '../../src/domain/clock.js';
import { contextFor } from '../../src/services/catalogContext.js';
import type { CatalogContext } from '../../src/services/catalogContext.js';
import { openDatabase } from '../../src/store/database.js';
import { tempDirectory } from './tempDirectory.js';

/** A clock the test moves by hand: sales end and courses start exactly when the test says. */
export interface ManualClock {
  clock: Clock;
  set(instant: number | string): void;
  now(): number;
}

export function manualClock(start: number | string): ManualClock {
  let current = typeof start === 'string' ? Date.parse(start) : start;
  return {
    clock: () => current,
    set: (instant) => {
      current = typeof instant === 'string' ? Date.parse(instant) : instant;
    },
    now: () => current,
  };
}

export function testConfig(databasePath: string, overrides: Partial<CatalogConfig> = {}): CatalogConfig {
  const defaults = parseConfig({});
  if (!defaults.ok) throw new Error(defaults.problems.join('\n'));
  return { ...defaults.config, source: null, databasePath, ...overrides };
}

/** A catalogue on a real SQLite file in a temp folder, with a clock the test controls. */
export function tempCatalog(
  options: { now?: number | string; config?: Partial<CatalogConfig> } = {},
): CatalogContext & { time: ManualClock; dir: string } {
  const dir = tempDirectory();
  const databasePath = path.join(dir, 'catalog.db');
  const time = manualClock(options.now ?? '2026-11-25T06:30:00Z');
  const ctx = contextFor(testConfig(databasePath, options.config), openDatabase(databasePath), time.clock);
  return { ...ctx, time, dir };
}
