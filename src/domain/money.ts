/**
 * Money is kept as integer paise so sums and comparisons are exact; people type and read rupees.
 */
export type Paise = number;

/** The most a course may cost. Anything above is almost certainly a typo (an extra zero). */
export const MAX_PRICE_PAISE: Paise = 10_00_000 * 100;

// ₹ as an escape: one non-ASCII character in the bundle makes V8 hold all of its source as UTF-16.
const RUPEES = /^\u20B9?\s*(\d{1,3}(?:,\d{2,3})*|\d+)(?:\.(\d{1,2}))?$/;

/** Parses "599", "599.50", "₹1,299" into paise, or returns undefined when it is not an amount. */
export function parseRupees(text: string): Paise | undefined {
  const match = RUPEES.exec(String(text).trim());
  if (!match) return undefined;
  const whole = Number(match[1]!.replaceAll(',', ''));
  const fraction = Number((match[2] ?? '').padEnd(2, '0'));
  const paise = whole * 100 + fraction;
  return Number.isSafeInteger(paise) ? paise : undefined;
}

/** Rupees as the number the JSON contract promises: 599 or 599.5. */
export function paiseToRupees(paise: Paise): number {
  return paise / 100;
}

export function rupeesToPaise(rupees: number): Paise {
  return Math.round(rupees * 100);
}

/** Indian digit grouping: the last three digits, then pairs (12,34,567). */
function groupedIndian(whole: number): string {
  const digits = String(whole);
  if (digits.length <= 3) return digits;
  return `${digits.slice(0, -3).replace(/\B(?=(\d{2})+$)/g, ',')},${digits.slice(-3)}`;
}

/**
 * "₹1,299" or "₹599.50", the way prices are written in India: what Intl.NumberFormat('en-IN')
 * writes (a unit test holds them equal), without the ~20 ms its ICU data costs a table on start-up.
 */
export function formatRupees(paise: Paise): string {
  const sign = paise < 0 ? '-' : '';
  const whole = Math.floor(Math.abs(paise) / 100);
  const fraction = Math.abs(paise) % 100;
  return `\u20B9${sign}${groupedIndian(whole)}${fraction === 0 ? '' : `.${String(fraction).padStart(2, '0')}`}`;
}

/** Plain rupees for files (CSV export): "599" or "599.50", no symbol, no grouping. */
export function rupeesText(paise: Paise): string {
  return paise % 100 === 0 ? String(paise / 100) : (paise / 100).toFixed(2);
}
