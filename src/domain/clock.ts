/**
 * What time it is. Sales end and courses start without anyone running a command, so every
 * "is it on sale / has it started" question is asked against a clock that tests can fix.
 * CATALOG_NOW (an ISO instant) pins it for demos and end-to-end tests of time boundaries.
 */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();

export function clockFromEnvironment(env: NodeJS.ProcessEnv = process.env): Clock {
  const pinned = env.CATALOG_NOW;
  if (!pinned) return systemClock;
  const instant = Date.parse(pinned);
  if (Number.isNaN(instant)) throw new Error(`CATALOG_NOW is not an ISO date-time: ${pinned}`);
  return () => instant;
}
