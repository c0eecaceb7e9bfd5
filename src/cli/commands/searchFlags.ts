import type { Command } from 'commander';
import { SORT_FIELDS } from '../../domain/searchQuery.js';
import type { SearchRequest } from '../../domain/searchQuery.js';
import { choiceOption, oldSpelling } from '../options.js';

/** The filters, sorting and paging of a course listing, as `search` and `course list` both take them. */
export interface ListingFlags {
  maxPrice?: string;
  minPrice?: string;
  month?: string;
  startFrom?: string;
  startTo?: string;
  /** Old spellings of --start-from and --start-to. */
  from?: string;
  to?: string;
  category?: string;
  teacher?: string;
  available?: boolean;
  free?: boolean;
  freeStart?: boolean;
  sort?: string;
  order?: string;
  limit?: string;
  page?: string;
}

/** Declares the listing flags on `command`: one name for each idea, in every command that has it. */
export function withListingFlags(command: Command, defaults: { limit: number }): Command {
  return command
    .option('--max-price <rupees>', 'price a student pays now is at most this')
    .option('--min-price <rupees>', 'price a student pays now is at least this')
    .option('--month <month>', 'starts in this month: oct, october, 10 (the next one) or 2027-10')
    .option('--start-from <date>', 'starts on or after this date (YYYY-MM-DD)')
    .option('--start-to <date>', 'starts on or before this date (YYYY-MM-DD)')
    .addOption(oldSpelling('--from <date>', '--start-from'))
    .addOption(oldSpelling('--to <date>', '--start-to'))
    .option('--category <name>', 'only this category')
    .option('--teacher <name>', "only this teacher's courses (full name, any case)")
    .option('--available', 'hide sold-out courses')
    .option('--free', 'only courses free now (\u20B90, a sale to \u20B90 included)')
    .option('--free-start', 'only courses with a free start that can still be joined')
    .addOption(choiceOption('--sort <field>', 'relevance (with text), price, registrations or start', SORT_FIELDS))
    .addOption(choiceOption('--order <order>', 'asc or desc (default: asc for price and start, else desc)', ['asc', 'desc']))
    .option('--limit <n>', `results per page (default ${defaults.limit}, at most 100)`)
    .option('--page <n>', 'page number (default 1)');
}

/** The search request the listing flags describe. */
export function listingRequest(flags: ListingFlags): SearchRequest {
  const request: SearchRequest = {};
  const from = flags.startFrom ?? flags.from;
  const to = flags.startTo ?? flags.to;
  if (flags.maxPrice !== undefined) request.maxPrice = flags.maxPrice;
  if (flags.minPrice !== undefined) request.minPrice = flags.minPrice;
  if (flags.month !== undefined) request.month = flags.month;
  if (from !== undefined) request.from = from;
  if (to !== undefined) request.to = to;
  if (flags.category !== undefined) request.category = flags.category;
  if (flags.teacher !== undefined) request.teacher = flags.teacher;
  if (flags.available) request.available = true;
  if (flags.free) request.free = true;
  if (flags.freeStart) request.freeStart = true;
  if (flags.sort !== undefined) request.sort = flags.sort;
  if (flags.order !== undefined) request.order = flags.order;
  if (flags.limit !== undefined) request.limit = flags.limit;
  if (flags.page !== undefined) request.page = flags.page;
  return request;
}
