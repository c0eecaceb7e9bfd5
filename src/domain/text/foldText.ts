/**
 * The first step of the one analysis both indexes and every query go through: text in any
 * Unicode form becomes plain lower-case text without accents, so that what a student pastes
 * (fullwidth digits, "Ⅱ", "Nº1", "Café", "ＰＹＴＨＯＮ") finds what a teacher typed.
 *
 * - Brand marks (™ ℠ ® ©) become spaces first: NFKC would turn "Basics™" into "basicstm".
 * - NFKC: fullwidth forms, ligatures, Roman numerals ("Ⅱ" → "II"), ordinals ("º" → "o").
 * - Invisible format characters (zero-width space and joiners, bidi controls, soft hyphen) are
 *   dropped, so they neither split nor hide a word.
 * - Case: JavaScript's full lower-casing.
 * - Accents: the combining diacritical marks are removed after canonical decomposition (é → e),
 *   and a few letters that carry their accent inside (ß, æ, ø, ł…) are spelled out. Marks of
 *   other scripts (Devanagari vowel signs, the nukta) are letters' parts there and stay.
 */
const BRAND_MARKS = /[\u00A9\u00AE\u2117\u2120\u2122\u24C7]/g;
const FORMAT_CHARACTERS = /\p{Cf}/gu;
const DIACRITICS = /[\u0300-\u036F\u1AB0-\u1AFF\u1DC0-\u1DFF\u20D0-\u20FF\uFE20-\uFE2F]/g;
// ß æ œ ø ł đ ð þ ı ħ ŧ (escaped: the CLI bundle is kept ASCII).
const SPELLED_OUT: Record<string, string> = {
  '\u00DF': 'ss',
  '\u00E6': 'ae',
  '\u0153': 'oe',
  '\u00F8': 'o',
  '\u0142': 'l',
  '\u0111': 'd',
  '\u00F0': 'd',
  '\u00FE': 'th',
  '\u0131': 'i',
  '\u0127': 'h',
  '\u0167': 't',
};
const SPELLED_OUT_LETTERS = new RegExp(`[${Object.keys(SPELLED_OUT).join('')}]`, 'g');
const NON_ASCII = /[^\x00-\x7F]/;

export function foldText(text: string): string {
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  return text
    .replace(BRAND_MARKS, ' ')
    .normalize('NFKC')
    .replace(FORMAT_CHARACTERS, '')
    .toLowerCase()
    .normalize('NFD')
    .replace(DIACRITICS, '')
    .normalize('NFC')
    .replace(SPELLED_OUT_LETTERS, (letter) => SPELLED_OUT[letter]!);
}
