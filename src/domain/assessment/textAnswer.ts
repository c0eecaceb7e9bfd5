const COMBINING_MARKS = /\p{M}/gu;

/**
 * A written answer as it is compared: trimmed, accents dropped ("Café" is "cafe"), lower case,
 * and inner runs of spaces read as one (a double space typed by accident is not a wrong answer).
 */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(COMBINING_MARKS, '').toLowerCase().trim().replace(/\s+/g, ' ');
}
