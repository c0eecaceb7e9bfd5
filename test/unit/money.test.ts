import { describe, expect, it } from 'vitest';
import { formatRupees, paiseToRupees, parseRupees, readRupees, rupeesText } from '../../src/domain/money.js';

describe('parseRupees', () => {
  it.each([
    ['599', 59900],
    ['599.50', 59950],
    ['599.5', 59950],
    ['₹1,299', 129900],
    ['1,00,000', 10000000],
    ['100,000', 10000000],
    ['1,299', 129900],
    ['12,34,567.50', 123456750],
    ['1,234,567', 123456700],
    ['₹ 1,299.5', 129950],
    [' 42 ', 4200],
    ['0', 0],
  ])('reads %s as %i paise', (text, paise) => {
    expect(parseRupees(text)).toBe(paise);
  });

  it.each(['', 'abc', '-5', '5.999', '1e3', '12,34,5', '5..0', 'NaN', '₹'])('refuses %j', (text) => {
    expect(parseRupees(text)).toBeUndefined();
  });

  // A comma before a last group of one or two digits is a decimal comma (599,50 is ₹599.50 in much
  // of the world): reading it as grouping made it 100 times the amount.
  it.each(['599,50', '599,5', '1,299,50', '1.299,50', '12,5', '1,00,00', '1000,000', '1,0000', ',599', '599,', '1,,299', '12,345,67'])(
    'refuses %j instead of guessing, with a hint',
    (text) => {
      expect(parseRupees(text)).toBeUndefined();
      const reading = readRupees(text);
      expect(reading.ok).toBe(false);
      if (!reading.ok) expect(reading.hint).toMatch(/commas only group thousands/);
      expect(readRupees(text.replaceAll(',', ''))).not.toMatchObject({ hint: expect.anything() });
    },
  );

  it('names the decimal point it expected', () => {
    const reading = readRupees('599,50');
    expect(reading).toMatchObject({ ok: false, message: '"599,50" is not an amount in rupees' });
    if (!reading.ok) expect(reading.hint).toContain('599.50');
  });
});

describe('formatting', () => {
  it('writes Indian digit grouping with the rupee sign', () => {
    expect(formatRupees(12345600)).toBe('₹1,23,456');
    expect(formatRupees(59950)).toBe('₹599.50');
    expect(formatRupees(59900)).toBe('₹599');
  });

  it('writes exactly what Intl.NumberFormat en-IN writes, for every size of amount', () => {
    const whole = new Intl.NumberFormat('en-IN', { maximumFractionDigits: 0 });
    const withPaise = new Intl.NumberFormat('en-IN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    const amounts = [
      1, 5, 99, 100, 101, 999_99, 1000_00, 1234_56, 99_999_00, 1_00_000_00, 12_34_567_89, 10_00_000_00, 9_99_99_999_99, -1299_00, -5,
    ];
    for (let paise = 1; paise < 10 ** 13; paise = paise * 7 + 3) amounts.push(paise);
    for (const paise of amounts) {
      const intl = `₹${(paise % 100 === 0 ? whole : withPaise).format(paise / 100)}`;
      expect(formatRupees(paise), String(paise)).toBe(intl);
    }
  });

  it('gives JSON rupees and plain file text', () => {
    expect(paiseToRupees(59950)).toBe(599.5);
    expect(rupeesText(59950)).toBe('599.50');
    expect(rupeesText(59900)).toBe('599');
  });
});
