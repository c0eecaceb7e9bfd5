import os from 'node:os';
import { formatInstant } from '../domain/calendar.js';
import type { OutboxStore } from '../store/outboxStore.js';

/** Who holds a lease, as recorded in `sync_state` (as JSON) for every process to read. */
export interface LeaseHolder {
  /** Tells this holder from another process, or another worker in the same process. */
  token: string;
  pid: number;
  host: string;
  /** Wall-clock milliseconds. */
  since: number;
  heartbeatAt: number;
  expiresAt: number;
  /** What the holder works on, for others to show (a reindex: the index it builds). */
  target?: string;
}

export type LeaseClaim = { held: true; replaced?: { holder: LeaseHolder; why: 'expired' | 'gone' } } | { held: false; holder: LeaseHolder };

export type LeaseName = 'outbox' | 'reindex';

const stateName = (name: LeaseName) => `lease:${name}`;

export interface LeaseOptions {
  ttlMs: number;
  /**
   * Liveness is judged on the wall clock, not the catalogue's clock: CATALOG_NOW pins the latter
   * (tests, demos), and a pinned clock would make every lease eternal. Tests may pass their own.
   */
  wallClock?: () => number;
  target?: string;
}

function parse(raw: string | undefined): LeaseHolder | undefined {
  if (raw === undefined) return undefined;
  try {
    const holder = JSON.parse(raw) as LeaseHolder;
    return typeof holder.token === 'string' && typeof holder.expiresAt === 'number' ? holder : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a process with this id exists on this machine (EPERM: it exists, just not ours). */
function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Who holds a lease, as shown to a person (no token: it identifies nothing to them). */
export interface HolderView {
  pid: number;
  host: string;
  since: string;
  heartbeatSecondsAgo: number;
  /** What it works on (a reindex: the index it builds). */
  target?: string;
}

/** What is said of a holder; its start in the catalogue's zone, as every time the CLI shows. */
export function holderView(holder: LeaseHolder, now: number, timeZone: string): HolderView {
  return {
    pid: holder.pid,
    host: holder.host,
    since: formatInstant(holder.since, timeZone),
    heartbeatSecondsAgo: Math.max(0, Math.round((now - holder.heartbeatAt) / 1000)),
    ...(holder.target && { target: holder.target }),
  };
}

export const describeHolder = (holder: HolderView) =>
  `pid ${holder.pid} on ${holder.host}, since ${holder.since}, heartbeat ${holder.heartbeatSecondsAgo} s ago`;

/** Who holds a lease now (judged like a claim would: not expired, process alive), if anyone. */
export function currentHolder(
  outbox: OutboxStore,
  name: LeaseName,
  timeZone: string,
  wallClock: () => number = Date.now,
): HolderView | undefined {
  const now = wallClock();
  const holder = parse(outbox.state(stateName(name)));
  if (!holder || holder.expiresAt <= now) return undefined;
  if (holder.host === os.hostname() && !processExists(holder.pid)) return undefined;
  return holderView(holder, now, timeZone);
}

/**
 * A claim, kept in the database, that one worker does a job (draining the outbox, or
 * rebuilding the index) while others wait. The holder renews it (`claim` again, every third of
 * `ttlMs`); a holder that stops renewing loses it at expiry, and one that died on this machine
 * loses it at once (its process is gone). Two claims never overlap: each is decided under the
 * database's write lock.
 */
export class QueueLease {
  readonly token = `${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
  private readonly host = os.hostname();
  private readonly now: () => number;
  /** Until when our last successful claim runs, by our own clock. */
  private heldUntil = 0;
  private since = 0;

  constructor(
    private readonly outbox: OutboxStore,
    readonly name: LeaseName,
    private readonly options: LeaseOptions,
  ) {
    this.now = options.wallClock ?? Date.now;
  }

  /** Takes the lease, or renews it; says who holds it otherwise. */
  claim(): LeaseClaim {
    const now = this.now();
    let claim = { held: true } as LeaseClaim;
    this.outbox.updateState(stateName(this.name), (raw) => {
      const current = parse(raw);
      if (current && current.token !== this.token) {
        const why = current.expiresAt <= now ? 'expired' : current.host === this.host && !processExists(current.pid) ? 'gone' : undefined;
        if (!why) {
          claim = { held: false, holder: current };
          return undefined;
        }
        claim = { held: true, replaced: { holder: current, why } };
      }
      const mine = current?.token === this.token;
      if (!mine) this.since = now;
      const holder: LeaseHolder = {
        token: this.token,
        pid: process.pid,
        host: this.host,
        since: this.since,
        heartbeatAt: now,
        expiresAt: now + this.options.ttlMs,
        ...(this.options.target && { target: this.options.target }),
      };
      return JSON.stringify(holder);
    });
    this.heldUntil = claim.held ? now + this.options.ttlMs : 0;
    return claim;
  }

  /** Held by us, as far as we know: our last claim has not run out (a frozen process finds it has). */
  get held(): boolean {
    return this.now() < this.heldUntil;
  }

  /**
   * Gives the lease up (if it is still ours), so the next worker need not wait for it to expire.
   * A courtesy that never throws: on a busy or closed database the lease simply runs out, and
   * an error here must not hide how the job itself ended.
   */
  release(): void {
    this.heldUntil = 0;
    try {
      this.outbox.updateState(stateName(this.name), (raw) => (parse(raw)?.token === this.token ? null : undefined));
    } catch {
      // Expires by itself.
    }
  }
}
