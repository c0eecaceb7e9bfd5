/**
 * What time it is. Sales end and courses start without anyone running a command, so every
 * "is it on sale / has it started" question is asked against a clock that tests can fix. The
 * clock itself comes from outside the domain (src/services/environmentClock.ts).
 */
export type Clock = () => number;
