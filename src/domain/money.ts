/**
 * Money is kept as integer paise so sums and comparisons are exact; people type and read rupees.
 */
export type Paise = number;

/** The most a course may cost. Anything above is almost certainly a typo (an extra zero). */
export const MAX_PRICE_PAISE: Paise = 10_00_000 * 100;

// ₹ as an escape: one non-ASCII character in the bundle makes V8 hold all of its source as UTF-16.
const AMOUNT = /^\u20B9?\s*(\d[\d,]*)(?:\.(\d{1,2}))?$/;
/**
 * The groupings a comma may mean, and only those: international thousands (1,234,567) and Indian
 * lakhs and crores (12,34,567). Either way the last group has three digits, so "599,50" — a
 * decimal comma in much of the world — never passes as ₹59,950.
 */
const GROUPED = /^(?:\d{1,3}(?:,\d{3})+|\d{1,2}(?:,\d{2})*,\d{3})$/;
const COMMA_HINT = 'commas only group thousands, as in 1,299 or 1,00,000';

/** A refusal carries a hint only when there is something specific to say (a decimal comma); callers add their own otherwise. */
export type RupeesReading = { ok: true; paise: Paise } | { ok: false; message: string; hint?: string };

/**
 * Reads "599", "599.50", "₹1,299" or "1,00,000" as paise. Anything else is refused with a hint,
 * never guessed: the one place every amount a person types (flags, prompts, files) is read.
 */
export function readRupees(text: string): RupeesReading {
  const trimmed = String(text).trim();
  const match = AMOUNT.exec(trimmed);
  const digits = match?.[1];
  if (digits !== undefined && (!digits.includes(',') || GROUPED.test(digits))) {
    const paise = Number(digits.replaceAll(',', '')) * 100 + Number((match![2] ?? '').padEnd(2, '0'));
    if (Number.isSafeInteger(paise)) return { ok: true, paise };
  }
  const message = `"${trimmed}" is not an amount in rupees`;
  if (!trimmed.includes(',')) return { ok: false, message };
  // A comma before the last one or two digits reads as a decimal comma: offer the amount it meant.
  const decimalComma = /^\u20B9?\s*(\d[\d.,]*),(\d{1,2})$/.exec(trimmed);
  const meant = decimalComma && `${decimalComma[1]!.replace(/[.,]/g, '')}.${decimalComma[2]!.padEnd(2, '0')}`;
  return {
    ok: false,
    message,
    hint: meant ? `write ${meant}; ${COMMA_HINT}` : `write decimals with a point, e.g. 599.50; ${COMMA_HINT}`,
  };
}

/** The amount in paise, or undefined when `text` is not one (see readRupees for why). */
export function parseRupees(text: string): Paise | undefined {
  const reading = readRupees(text);
  return reading.ok ? reading.paise : undefined;
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
 * writes (a unit test holds them equal), without the ICU start-up cost its first use brings
 * to every table (bench/results/decisions.md).
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
