import { dateAt } from '../../domain/calendar.js';
import type { Clock } from '../../domain/clock.js';
import type { OutboxStore } from '../../store/outboxStore.js';
import { courseEvent } from './courseEvent.js';
import { formatPosition, parsePosition } from './streamPosition.js';
import type { StreamPosition } from './streamPosition.js';

/** One open event stream: the courses it follows (null: all of them) and how to write to it. */
export interface Subscriber {
  readonly courses: ReadonlySet<string> | null;
  send(message: string): void;
  /** Ends the stream (the server is shutting down). */
  close(): void;
}

export interface ChangeFeedOptions {
  /** How often the outbox and the clock are read. */
  intervalMs?: number;
  /** How often an idle stream is told the current position (which also keeps proxies from closing it). */
  heartbeatMs?: number;
}

/** Outbox entries read per query; a few queries per tick at most, so a bulk import never stalls the server. */
const BATCH = 1_000;
const BATCHES_PER_TICK = 5;
/** A reader further behind than this reloads its page rather than replaying the changes. */
const MAX_REPLAY_ENTRIES = 20_000;
const MAX_REPLAY_MS = 24 * 60 * 60 * 1000;

export const RELOAD_MESSAGE = 'event: reload\ndata: {}\n\n';

/**
 * The live updates behind /api/events. The outbox is the change stream every writer appends to
 * in the same transaction as its change, whichever process it runs in (the CLI in another
 * terminal included), so one reader polls it and fans each change out to the streams that follow
 * that course. Time boundaries (a sale starting or ending, a course starting) change what a page
 * shows without any write; the same tick asks which courses crossed one since the last tick.
 */
export class ChangeFeed {
  private position: StreamPosition;
  private readonly everything = new Set<Subscriber>();
  private readonly byCourse = new Map<string, Set<Subscriber>>();
  private timer: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private readonly intervalMs: number;
  private readonly heartbeatMs: number;
  private openStreams = 0;

  constructor(
    private readonly outbox: OutboxStore,
    private readonly clock: Clock,
    private readonly timeZone: string,
    options: ChangeFeedOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 200;
    this.heartbeatMs = options.heartbeatMs ?? 15_000;
    this.position = { outboxId: outbox.maxId(), boundaryAt: clock() };
  }

  start(): void {
    this.timer ??= setInterval(() => this.tick(), this.intervalMs);
    this.heartbeat ??= setInterval(() => this.broadcast(`id: ${this.current}\n\n`), this.heartbeatMs);
  }

  /** Stops reading and ends every open stream, so a shutdown need not wait for them. */
  stop(): void {
    clearInterval(this.timer);
    clearInterval(this.heartbeat);
    this.timer = this.heartbeat = undefined;
    for (const subscriber of this.allSubscribers()) subscriber.close();
    this.everything.clear();
    this.byCourse.clear();
  }

  /** The position a page rendered now starts from. */
  get current(): string {
    return formatPosition(this.position);
  }

  get streams(): number {
    return this.openStreams;
  }

  /**
   * Starts following; `after` (a Last-Event-ID) first replays what the reader missed, or tells
   * it to reload when that is no longer known. Synchronous, so nothing can slip in between.
   * Returns the way to stop following.
   */
  subscribe(subscriber: Subscriber, after?: string): () => void {
    if (after !== undefined) this.replay(subscriber, after);
    this.openStreams++;
    if (subscriber.courses === null) this.everything.add(subscriber);
    else
      for (const id of subscriber.courses) {
        let subscribers = this.byCourse.get(id);
        if (!subscribers) this.byCourse.set(id, (subscribers = new Set()));
        subscribers.add(subscriber);
      }
    let following = true;
    return () => {
      if (!following) return;
      following = false;
      this.openStreams--;
      this.everything.delete(subscriber);
      for (const id of subscriber.courses ?? []) {
        const subscribers = this.byCourse.get(id);
        subscribers?.delete(subscriber);
        if (subscribers?.size === 0) this.byCourse.delete(id);
      }
    };
  }

  /** Reads what changed since the last tick and tells every stream that follows it. */
  tick(): void {
    const now = this.clock();
    const from = this.position;
    const changed = this.changedSince(from.outboxId, Number.MAX_SAFE_INTEGER, BATCH * BATCHES_PER_TICK);
    const outboxId = changed.size ? Math.max(...changed.values()) : from.outboxId;
    if (!changed.size && this.outbox.maxId() < from.outboxId) {
      // Ids never go back, unless the database itself was replaced (a restore): then no position a page holds means anything.
      this.position = { outboxId: this.outbox.maxId(), boundaryAt: now };
      this.broadcast(RELOAD_MESSAGE);
      return;
    }
    const crossed = now > from.boundaryAt ? this.crossedBetween(from.boundaryAt, now) : [];
    this.position = { outboxId, boundaryAt: now };
    this.publish(changed, crossed, from, this.position, (courseId) => this.followersOf(courseId));
  }

  private replay(subscriber: Subscriber, after: string): void {
    const from = parsePosition(after);
    const to = this.position;
    const lost =
      !from ||
      from.outboxId > to.outboxId ||
      to.boundaryAt - from.boundaryAt > MAX_REPLAY_MS ||
      // Ids only grow, so their difference bounds the entries to read.
      to.outboxId - from.outboxId > MAX_REPLAY_ENTRIES ||
      // Entries after the reader's position were pruned (the retention window passed).
      from.outboxId + 1 < this.outbox.oldestRetainedId();
    if (lost) {
      subscriber.send(RELOAD_MESSAGE);
      return;
    }
    const changed = this.changedSince(from.outboxId, to.outboxId, MAX_REPLAY_ENTRIES);
    const crossed = from.boundaryAt < to.boundaryAt ? this.crossedBetween(from.boundaryAt, to.boundaryAt) : [];
    const follows = (courseId: string) => (subscriber.courses === null || subscriber.courses.has(courseId) ? [subscriber] : []);
    this.publish(changed, crossed, from, to, follows);
  }

  /** The courses with outbox entries in (afterId, throughId], each with its newest entry's id. */
  private changedSince(afterId: number, throughId: number, limit: number): Map<string, number> {
    const changed = new Map<string, number>();
    let cursor = afterId;
    for (let read = 0; read < limit; read += BATCH) {
      const entries = this.outbox.changesSince(cursor, BATCH);
      for (const entry of entries) {
        if (entry.id > throughId) return changed;
        changed.set(entry.courseId, entry.id);
        cursor = entry.id;
      }
      if (entries.length < BATCH) break;
    }
    return changed;
  }

  private crossedBetween(after: number, through: number): string[] {
    return this.outbox.coursesCrossingBoundaries(after, through, dateAt(after, this.timeZone), dateAt(through, this.timeZone));
  }

  private followersOf(courseId: string): Iterable<Subscriber> {
    const followers = this.byCourse.get(courseId);
    if (!this.everything.size) return followers ?? [];
    return followers ? [...this.everything, ...followers] : this.everything;
  }

  /**
   * Sends each course once, as it is now, to those who follow it. Ids let a reader resume from
   * any event without missing one: outbox changes go out in the order of their newest entry
   * (every entry up to an event's id belongs to a course sent by then, or to one sent later),
   * boundary crossings after them.
   */
  private publish(
    changed: Map<string, number>,
    crossed: string[],
    from: StreamPosition,
    to: StreamPosition,
    followersOf: (courseId: string) => Iterable<Subscriber>,
  ): void {
    const sends: { courseId: string; id: string; followers: Subscriber[] }[] = [];
    for (const [courseId, entryId] of [...changed].sort((a, b) => a[1] - b[1])) {
      const followers = [...followersOf(courseId)];
      if (followers.length) sends.push({ courseId, id: formatPosition({ outboxId: entryId, boundaryAt: from.boundaryAt }), followers });
    }
    crossed.forEach((courseId, i) => {
      const followers = [...followersOf(courseId)];
      const boundaryAt = i === crossed.length - 1 ? to.boundaryAt : from.boundaryAt;
      if (followers.length) sends.push({ courseId, id: formatPosition({ outboxId: to.outboxId, boundaryAt }), followers });
    });
    if (!sends.length) return;
    const now = this.clock();
    const courses = this.outbox.currentCourses([...new Set(sends.map((send) => send.courseId))]);
    for (const { courseId, id, followers } of sends) {
      const message = `id: ${id}\nevent: course\ndata: ${JSON.stringify(courseEvent(courseId, courses.get(courseId), now, this.timeZone))}\n\n`;
      for (const follower of followers) follower.send(message);
    }
  }

  private allSubscribers(): Set<Subscriber> {
    const all = new Set(this.everything);
    for (const subscribers of this.byCourse.values()) for (const subscriber of subscribers) all.add(subscriber);
    return all;
  }

  private broadcast(message: string): void {
    for (const subscriber of this.allSubscribers()) subscriber.send(message);
  }
}
