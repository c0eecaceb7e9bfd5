import { parseSaleInstant } from '../domain/calendar.js';
import type { Course, Sale } from '../domain/course.js';
import { courseChangeProblems, readPrice, refuseIfAny } from '../domain/courseRules.js';
import type { Paise } from '../domain/money.js';
import { UsageError, ValidationError } from '../errors.js';
import type { CatalogContext } from './catalogContext.js';
import { momentOf } from './catalogContext.js';

function amount(field: string, text: string): Paise {
  const reading = readPrice(text, field === 'price' ? 'price' : 'sale price');
  if (!reading.ok)
    throw new ValidationError([
      { field, message: reading.message, hint: reading.hint ?? 'give an amount in rupees, more than 0, e.g. 599 or 599.50' },
    ]);
  return reading.paise;
}

/** Applies a price or sale change once the course rules (courseRules) allow it. */
function changePricing(
  ctx: CatalogContext,
  id: string,
  change: { pricePaise?: Paise; sale?: Sale | null },
  kind: 'price' | 'sale-started' | 'sale-cleared',
): Course {
  const moment = momentOf(ctx);
  const course = ctx.courses.get(id);
  refuseIfAny(courseChangeProblems(course, { ...course, ...change }, moment));
  return ctx.courses.applyPatch(id, change, kind, moment.now);
}

/** Sets the regular (list) price. A sale that has not ended stays below it (courseRules). */
export function setListPrice(ctx: CatalogContext, id: string, rupees: string): Course {
  const pricePaise = amount('price', rupees);
  const course = ctx.courses.get(id);
  if (course.pricePaise === pricePaise && course.status !== 'archived') return course;
  return changePricing(ctx, id, { pricePaise }, 'price');
}

export interface SaleRequest {
  price: string;
  until: string;
  from?: string;
}

/** A temporary price drop: its price applies from `from` (or now) until `until`, then the list price returns by itself. */
export function startSale(ctx: CatalogContext, id: string, request: SaleRequest): Course {
  const { timeZone } = ctx.config;
  const pricePaise = amount('--price', request.price);
  const endsAt = parseSaleInstant(request.until, timeZone, 'end');
  if (endsAt === undefined)
    throw new UsageError(
      `--until "${request.until}" is not a date or date-time`,
      'write it as 2026-12-31 (through the end of that day) or 2026-12-31T18:00',
    );
  const startsAt = request.from === undefined ? null : parseSaleInstant(request.from, timeZone, 'start');
  if (startsAt === undefined)
    throw new UsageError(`--from "${request.from}" is not a date or date-time`, 'write it as 2026-12-01 or 2026-12-01T09:00');
  if (endsAt <= ctx.clock()) throw new UsageError('--until is already in the past', 'give an end after now');
  return changePricing(ctx, id, { sale: { pricePaise, startsAt, endsAt } }, 'sale-started');
}

/** Ends a sale at once (or removes one that has not started). */
export function cancelSale(ctx: CatalogContext, id: string): Course {
  const course = ctx.courses.get(id);
  if (!course.sale && course.status !== 'archived') return course;
  return changePricing(ctx, id, { sale: null }, 'sale-cleared');
}
