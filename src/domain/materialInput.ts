import { parseSaleInstant } from './calendar.js';
import type { Opening } from './material.js';
import { UsageError, ValidationError } from '../errors.js';

/** Course days a material may open on: a year of pre-reading to ten years after the start. */
export const EARLIEST_DAY = -365;
export const LATEST_DAY = 3650;
export const MAX_TITLE_LENGTH = 200;
/** A note is text kept in the database; anything longer belongs in a file. */
export const MAX_NOTE_BYTES = 1024 * 1024;

/** --opens-day / --opens-at as typed; neither means day 1 (the course's start) for a new material. */
export function parseOpening(
  input: { opensDay?: string | undefined; opensAt?: string | undefined },
  timeZone: string,
): Opening | undefined {
  if (input.opensDay !== undefined && input.opensAt !== undefined) {
    throw new UsageError('--opens-day and --opens-at both given', 'a material opens on a course day or at a time: pass one of them');
  }
  if (input.opensDay !== undefined) {
    const text = input.opensDay.trim();
    const day = /^[+-]?\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isInteger(day) || day < EARLIEST_DAY || day > LATEST_DAY) {
      throw new ValidationError([
        {
          field: 'opens-day',
          message: `"${input.opensDay}" is not a course day from ${EARLIEST_DAY} to ${LATEST_DAY}`,
          hint: 'day 1 is the start date, 0 is as soon as the student has access, -3 three days before day 1... e.g. --opens-day 3',
        },
      ]);
    }
    return { day };
  }
  if (input.opensAt !== undefined) {
    const at = parseSaleInstant(input.opensAt, timeZone, 'start');
    if (at === undefined) {
      throw new ValidationError([
        {
          field: 'opens-at',
          message: `"${input.opensAt}" is not a date or date-time`,
          hint: `e.g. --opens-at 2027-01-12T18:00 (in ${timeZone}) or --opens-at 2027-01-12T12:30Z`,
        },
      ]);
    }
    return { at };
  }
  return undefined;
}

export function checkTitle(title: string, field = 'title'): string {
  const trimmed = title.trim().replace(/\s+/g, ' ');
  if (!trimmed || trimmed.length > MAX_TITLE_LENGTH) {
    throw new ValidationError([
      {
        field,
        message: `the ${field} must be 1–${MAX_TITLE_LENGTH} characters`,
        hint: `pass --${field} with a short name, e.g. --${field} "Week 1"`,
      },
    ]);
  }
  return trimmed;
}

/**
 * The name a file is saved under when a student downloads it. Only a plain file name: a path
 * ("../../etc/passwd", "a/b"), a hidden or control character is refused rather than cleaned,
 * so what the teacher sees is what students get.
 */
export function checkFileName(name: string): string {
  const trimmed = name.trim();
  const problem = fileNameProblem(trimmed);
  if (problem) {
    throw new ValidationError([
      { field: 'name', message: `the file name "${name}" ${problem}`, hint: 'pass --name with a plain file name such as week1-slides.pdf' },
    ]);
  }
  return trimmed;
}

function fileNameProblem(name: string): string | undefined {
  if (!name || name === '.' || name === '..') return 'is empty or a folder name';
  if (/[/\\]/.test(name)) return 'contains a folder separator (/ or \\)';
  if ([...name].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return 'contains a control character';
  if (name.startsWith('.')) return 'starts with a dot (a hidden file)';
  if (new TextEncoder().encode(name).length > 255) return 'is longer than 255 bytes';
  return undefined;
}

/** A link students open: http or https only (no javascript:, file: or data: URLs). */
export function checkUrl(text: string): string {
  let url: URL | undefined;
  try {
    url = new URL(text.trim());
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) {
    throw new ValidationError([
      {
        field: 'url',
        message: `"${text}" is not an http(s) link`,
        hint: 'links start with https://, e.g. https://meet.example.in/abc-defg',
      },
    ]);
  }
  return url.href;
}

/** Whether an argument names a link rather than a file. */
export function looksLikeUrl(text: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(text.trim());
}
