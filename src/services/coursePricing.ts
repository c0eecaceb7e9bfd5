import { parseSaleInstant } from '../domain/calendar.js';
import type { Course } from '../domain/course.js';
import { formatRupees, MAX_PRICE_PAISE, parseRupees } from '../domain/money.js';
import type { Paise } from '../domain/money.js';
import { ConflictError, UsageError } from '../errors.js';
import type { CatalogContext } from './catalogContext.js';

function amount(flag: string, text: string): Paise {
  const paise = parseRupees(text);
  if (paise === undefined) throw new UsageError(`${flag} "${text}" is not an amount in rupees`, `write it like 599 or 599.50`);
  if (paise <= 0) throw new UsageError(`${flag} must be more than ₹0`, 'give a positive amount, e.g. 599');
  if (paise > MAX_PRICE_PAISE) throw new UsageError(`${flag} must be at most ${formatRupees(MAX_PRICE_PAISE)}`, 'check for an extra zero');
  return paise;
}

function changeable(ctx: CatalogContext, id: string): Course {
  const course = ctx.courses.get(id);
  if (course.status === 'archived') throw new ConflictError(`course ${id} is archived`, 'archived courses cannot change');
  return course;
}

/** Sets the regular (list) price. A running sale keeps its own price until it ends. */
export function setListPrice(ctx: CatalogContext, id: string, rupees: string): Course {
  const pricePaise = amount('price', rupees);
  const course = changeable(ctx, id);
  if (course.pricePaise === pricePaise) return course;
  return ctx.courses.applyPatch(id, { pricePaise }, 'price', ctx.clock());
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
  const now = ctx.clock();
  if (endsAt <= now) throw new UsageError('--until is already in the past', 'give an end after now');
  if (startsAt !== null && startsAt >= endsAt) throw new UsageError('--from is not before --until', 'a sale must start before it ends');
  const course = changeable(ctx, id);
  if (pricePaise >= course.pricePaise) {
    throw new UsageError(
      `the sale price ${formatRupees(pricePaise)} is not below the list price ${formatRupees(course.pricePaise)}`,
      'a sale lowers the price; to raise it use `catalog course price`',
    );
  }
  return ctx.courses.applyPatch(id, { sale: { pricePaise, startsAt, endsAt } }, 'sale-started', now);
}

/** Ends a sale at once (or removes one that has not started). */
export function cancelSale(ctx: CatalogContext, id: string): Course {
  const course = changeable(ctx, id);
  if (!course.sale) return course;
  return ctx.courses.applyPatch(id, { sale: null }, 'sale-cleared', ctx.clock());
}
