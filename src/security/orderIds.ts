import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** "ord_" and 20 characters of Crockford base32 (100 random bits): the confirmation page's address, so not guessable. */
export function newOrderId(): string {
  let id = 'ord_';
  for (const byte of randomBytes(20)) id += ALPHABET[byte % 32];
  return id;
}
