/**
 * Money is kept as integer paise so sums and comparisons are exact; people type and read rupees.
 */
export type Paise = number;

/** The most a course may cost. Anything above is almost certainly a typo (an extra zero). */
export const MAX_PRICE_PAISE: Paise = 10_00_000 * 100;

const RUPEES = /^₹?\s*(\d{1,3}(?:,\d{2,3})*|\d+)(?:\.(\d{1,2}))?$/;

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

// Built on first use: creating an Intl formatter loads ICU data, which JSON output never needs.
let wholeRupees: Intl.NumberFormat | undefined;
let rupeesAndPaise: Intl.NumberFormat | undefined;

/** "₹1,299" or "₹599.50", the way prices are written in India. */
export function formatRupees(paise: Paise): string {
  if (paise % 100 !== 0) {
    rupeesAndPaise ??= new Intl.NumberFormat('en-IN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    return `₹${rupeesAndPaise.format(paise / 100)}`;
  }
  wholeRupees ??= new Intl.NumberFormat('en-IN', { maximumFractionDigits: 0 });
  return `₹${wholeRupees.format(paise / 100)}`;
}

/** Plain rupees for files (CSV export): "599" or "599.50", no symbol, no grouping. */
export function rupeesText(paise: Paise): string {
  return paise % 100 === 0 ? String(paise / 100) : (paise / 100).toFixed(2);
}
