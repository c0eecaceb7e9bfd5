import { UsageError } from '../../errors.js';

/** A registration id as typed: a positive whole number (the `#` column of `registrations list`). */
export function parseRegistrationId(text: string): number {
  const trimmed = text.trim().replace(/^#/, '');
  const id = /^\d{1,15}$/.test(trimmed) ? Number(trimmed) : 0;
  if (id <= 0) throw new UsageError(`"${text}" is not a registration id`, 'pass the number from `catalog registrations list`, e.g. 42');
  return id;
}
