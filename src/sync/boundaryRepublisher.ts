import { dateAt } from '../domain/calendar.js';
import type { CourseStore } from '../store/courseStore.js';
import type { OutboxStore } from '../store/outboxStore.js';

const REPUBLISHED_THROUGH = 'republished_through';

/**
 * Sales start and end, and courses start, without anyone writing. Searches never depend on it
 * (both clients judge prices and start dates at the query's own "now"), but the stored
 * `effective_price_paise` that other readers of the index may use does: so when such a boundary
 * passes, the course is re-published (new version, new outbox entry) and the sync sends it again.
 */
export class BoundaryRepublisher {
  constructor(
    private readonly outbox: OutboxStore,
    private readonly courses: CourseStore,
    private readonly timeZone: string,
  ) {}

  /** Re-publishes every course with a boundary since the last call; returns how many. */
  catchUp(now: number): number {
    const db = this.outbox.db;
    return db
      .transaction(() => {
        const recorded = this.outbox.state(REPUBLISHED_THROUGH);
        // The first run starts the clock: older boundaries are already reflected in fresh documents.
        const after = recorded === undefined ? now : Number(recorded);
        if (now <= after) {
          if (recorded === undefined) this.outbox.setState(REPUBLISHED_THROUGH, String(now));
          return 0;
        }
        const ids = this.outbox.coursesCrossingBoundaries(after, now, dateAt(after, this.timeZone), dateAt(now, this.timeZone));
        for (const id of ids) this.courses.applyPatch(id, {}, 'republished', now);
        this.outbox.setState(REPUBLISHED_THROUGH, String(now));
        return ids.length;
      })
      .immediate();
  }
}
