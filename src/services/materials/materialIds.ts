import { randomBytes } from 'node:crypto';

const ID_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** "mat_" or "mod_" and ten characters of Crockford base32, like course ids. */
export function newId(prefix: 'mat' | 'mod'): string {
  let id = `${prefix}_`;
  for (const byte of randomBytes(10)) id += ID_ALPHABET[byte % 32];
  return id;
}
