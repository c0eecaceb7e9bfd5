import { COURSE_STATUSES } from '../domain/course.js';
import type { CourseStatus } from '../domain/course.js';
import type { CatalogDatabase } from './database.js';
import { preparedSearch } from './preparedSearches.js';

/** A calendar date (`2027-03-01`) as one ordered number (20270301), as the copy holds start dates. */
export function dayNumber(date: string): number {
  return Number(date.slice(0, 4)) * 10_000 + Number(date.slice(5, 7)) * 100 + Number(date.slice(8, 10));
}

/** The status code of a seq that holds no course. */
export const NO_COURSE = 255;
const LOAD_SLICE = 10_000;
const FACTS = `seq, status, start_date, price_paise, sale_price_paise, sale_starts_at, sale_ends_at, registrations, seats, category, teacher_id, free_days, id`;
type FactsRow = [
  number,
  CourseStatus,
  string,
  number,
  number | null,
  number | null,
  number | null,
  number,
  number | null,
  string,
  number,
  number | null,
  string,
];

/**
 * course_facts held in memory, one typed array per column indexed by seq, for a long-lived
 * process (`catalog serve`): a text search then checks each match's conditions with a few array
 * reads instead of a b-tree lookup (bench/results/search.md). Loading takes a few hundred
 * milliseconds at 100,000 courses, so one-shot commands keep searching in SQL.
 *
 * refresh() brings the copy to the database's state at the start of each search: the triggers
 * and BulkLoad log every change to course_facts as a range of seqs (migration 16), whichever
 * process wrote it, and only those ranges are read again. Nothing else writes the table.
 */
export class CourseFactsMirror {
  /** The last change-log entry applied; -1 before the first load. */
  private position = -1;
  private capacity = 0;
  /** An index into COURSE_STATUSES, NO_COURSE where no course has that seq. */
  status = new Uint8Array(0);
  startDay = new Int32Array(0);
  price = new Float64Array(0);
  /** NaN: no sale. */
  salePrice = new Float64Array(0);
  /** -Infinity: a sale that runs from its creation. */
  saleStarts = new Float64Array(0);
  saleEnds = new Float64Array(0);
  registrations = new Float64Array(0);
  /** Infinity: no seat limit. */
  seats = new Float64Array(0);
  hasFreeStart = new Uint8Array(0);
  teacherId = new Float64Array(0);
  /** The start month as one ordinal, year × 12 + month − 1 (facets count by it). */
  startMonth = new Int32Array(0);
  /** The lowest and highest startMonth any course has had since the last load. */
  firstMonth = Number.POSITIVE_INFINITY;
  lastMonth = Number.NEGATIVE_INFINITY;
  /** An index into categoryNames (compared and counted as numbers, not text). */
  category = new Int32Array(0);
  readonly categoryNames: string[] = [];
  readonly categoryCodes = new Map<string, number>();
  id: string[] = [];
  loads = 0;

  constructor(private readonly db: CatalogDatabase) {}

  /**
   * Applies the changes logged since the last call (its statements prepared once per connection:
   * it runs before every search). Call it inside the read transaction the
   * search then runs in, so that the copy and the full-text index are the same snapshot.
   */
  refresh(): void {
    const newest = preparedSearch<[], number>(this.db, 'SELECT coalesce(max(id), 0) FROM course_facts_changes').pluck().get()!;
    if (newest === this.position) return;
    const oldest = preparedSearch<[], number | null>(this.db, 'SELECT min(id) FROM course_facts_changes').pluck().get()!;
    // Never loaded, entries dropped before this copy read them, or another catalogue file.
    if (this.position < 0 || newest < this.position || (oldest !== null && oldest > this.position + 1)) {
      this.load(newest);
      return;
    }
    const ranges = preparedSearch<[number], [number, number]>(
      this.db,
      'SELECT from_seq, to_seq FROM course_facts_changes WHERE id > ? ORDER BY id',
    )
      .raw()
      .all(this.position);
    const rows = ranges.reduce((sum, [from, to]) => sum + (to - from + 1), 0);
    if (rows > this.capacity / 4) {
      this.load(newest);
      return;
    }
    const read = preparedSearch<[number, number], FactsRow>(this.db, `SELECT ${FACTS} FROM course_facts WHERE seq BETWEEN ? AND ?`).raw();
    for (const [from, to] of ranges) {
      for (let seq = from; seq <= Math.min(to, this.capacity - 1); seq++) this.status[seq] = NO_COURSE;
      for (const row of read.all(from, to)) this.put(row);
    }
    this.position = newest;
  }

  /** The highest seq the arrays can hold plus one. */
  get size(): number {
    return this.capacity;
  }

  private load(newest: number): void {
    const maxSeq = (this.db.prepare('SELECT coalesce(max(seq), 0) FROM course_facts').pluck().get() as number) + 1;
    this.capacity = 0;
    this.status = new Uint8Array(0);
    this.firstMonth = Number.POSITIVE_INFINITY;
    this.lastMonth = Number.NEGATIVE_INFINITY;
    this.allocate(maxSeq);
    // In slices: all() is several times faster per row than iterate(), and a slice bounds the memory.
    const slice = this.db.prepare(`SELECT ${FACTS} FROM course_facts WHERE seq >= ? AND seq < ?`).raw();
    for (let from = 0; from < maxSeq; from += LOAD_SLICE) {
      for (const row of slice.all(from, from + LOAD_SLICE) as FactsRow[]) this.put(row);
    }
    this.position = newest;
    this.loads++;
  }

  private put([
    seq,
    status,
    startDate,
    price,
    salePrice,
    saleStarts,
    saleEnds,
    registrations,
    seats,
    category,
    teacherId,
    freeDays,
    id,
  ]: FactsRow) {
    if (seq >= this.capacity) this.allocate(Math.max(seq + 1, this.capacity * 2));
    this.status[seq] = COURSE_STATUSES.indexOf(status);
    this.startDay[seq] = dayNumber(startDate);
    const month = Number(startDate.slice(0, 4)) * 12 + Number(startDate.slice(5, 7)) - 1;
    this.startMonth[seq] = month;
    if (month < this.firstMonth) this.firstMonth = month;
    if (month > this.lastMonth) this.lastMonth = month;
    this.price[seq] = price;
    this.salePrice[seq] = salePrice ?? Number.NaN;
    this.saleStarts[seq] = saleStarts ?? Number.NEGATIVE_INFINITY;
    this.saleEnds[seq] = saleEnds ?? Number.NaN;
    this.registrations[seq] = registrations;
    this.seats[seq] = seats ?? Number.POSITIVE_INFINITY;
    let code = this.categoryCodes.get(category);
    if (code === undefined) {
      code = this.categoryNames.push(category) - 1;
      this.categoryCodes.set(category, code);
    }
    this.category[seq] = code;
    this.teacherId[seq] = teacherId;
    this.hasFreeStart[seq] = freeDays === null ? 0 : 1;
    this.id[seq] = id;
  }

  /** Grows every array to `size` seqs, keeping what they hold; new seqs hold no course. */
  private allocate(size: number): void {
    const grow = <T extends Uint8Array | Int32Array | Float64Array>(old: T, make: (n: number) => T): T => {
      const next = make(size);
      next.set(old.subarray(0, Math.min(old.length, size)));
      return next;
    };
    const status = grow(this.status, (n) => new Uint8Array(n));
    status.fill(NO_COURSE, this.capacity);
    this.status = status;
    this.startDay = grow(this.startDay, (n) => new Int32Array(n));
    this.price = grow(this.price, (n) => new Float64Array(n));
    this.salePrice = grow(this.salePrice, (n) => new Float64Array(n));
    this.saleStarts = grow(this.saleStarts, (n) => new Float64Array(n));
    this.saleEnds = grow(this.saleEnds, (n) => new Float64Array(n));
    this.registrations = grow(this.registrations, (n) => new Float64Array(n));
    this.seats = grow(this.seats, (n) => new Float64Array(n));
    this.hasFreeStart = grow(this.hasFreeStart, (n) => new Uint8Array(n));
    this.teacherId = grow(this.teacherId, (n) => new Float64Array(n));
    this.startMonth = grow(this.startMonth, (n) => new Int32Array(n));
    this.category = grow(this.category, (n) => new Int32Array(n));
    this.id.length = size;
    this.capacity = size;
  }
}
