import type { Clock } from '../domain/clock.js';

export const systemClock: Clock = () => Date.now();

/** The system clock, or the instant CATALOG_NOW pins it at (demos, end-to-end tests of time boundaries). */
export function clockFromEnvironment(env: NodeJS.ProcessEnv = process.env): Clock {
  const pinned = env.CATALOG_NOW;
  if (!pinned) return systemClock;
  const instant = Date.parse(pinned);
  if (Number.isNaN(instant)) throw new Error(`CATALOG_NOW is not an ISO date-time: ${pinned}`);
  return () => instant;
}
