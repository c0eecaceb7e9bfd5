import { createHash, randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/**
 * The code a student uses to reach a course they paid for: 120 random bits in Crockford
 * base32 (256 is a multiple of 32, so every character is uniform). Shown once, never stored.
 */
export function newAccessCode(): string {
  let code = 'acc_';
  for (const byte of randomBytes(24)) code += ALPHABET[byte % 32];
  return code;
}

/**
 * What the database keeps instead of the code. A plain SHA-256 is enough: the code is random
 * with 120 bits, so there is no dictionary to try and a salt or slow hash would add nothing.
 */
export function hashAccessCode(code: string): string {
  return createHash('sha256').update(code.trim().toLowerCase()).digest('hex');
}

const CODE_SHAPE = /^acc_[0-9a-hjkmnp-tv-z]{24}$/;

/** Whether text could be an access code at all (as typed: case and surrounding spaces do not matter). */
export function isAccessCodeShaped(code: string): boolean {
  return CODE_SHAPE.test(code.trim().toLowerCase());
}
