/**
 * The full-text index's `listing` column: where each course stands in the listing, as whole
 * tokens beside its text: its status (`published`) and its start month (`m202703`). A text
 * search then narrows its matches to a month, or counts the matches of a status, inside the
 * index itself, without looking a single course up. Only the index reads these tokens: the
 * words of a search are matched in the title and description columns alone (textMatch.ts), so
 * no query word ever reaches them.
 */
export const LISTING_COLUMN = 'listing';

/** Past this many months, a start range is narrowed row by row, not in the index (each month's tokens are merged). */
const MAX_MONTHS = 3;

function monthToken(date: string): string {
  return `m${date.slice(0, 4)}${date.slice(5, 7)}`;
}

/** The listing column's text for a course (catalog_listing() in SQL, textAnalysisFunctions.ts). */
export function listingTokens(status: string, startDate: string): string {
  return `${status} ${monthToken(startDate)}`;
}

/** An FTS5 expression for the courses starting in a month that overlaps from–to, or undefined past MAX_MONTHS months. */
export function startMonthsMatch(from: string, to: string): string | undefined {
  if (from > to) return undefined;
  const months: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const last = monthToken(to);
  for (;;) {
    const token = `m${year}${String(month).padStart(2, '0')}`;
    months.push(token);
    if (token === last) break;
    if (months.length === MAX_MONTHS) return undefined;
    month = (month % 12) + 1;
    if (month === 1) year++;
  }
  return `{${LISTING_COLUMN}}: (${months.join(' OR ')})`;
}

/** An FTS5 expression for the courses having one of the statuses. */
export function statusesMatch(statuses: readonly string[]): string {
  return `{${LISTING_COLUMN}}: (${statuses.join(' OR ')})`;
}
